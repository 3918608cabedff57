import type { SearchEvalCase } from "./search-eval.ts";

/**
 * The eval's plain requests again, as agents and people wrap them: "find a tool to …", "is
 * there a tool that can …", "task: …", "… when you get a chance", a sentence of context before or
 * after. The eval's own requests are
 * direct; these check that a wrapper changes nothing. The wrappers were written together with
 * the rules that read them (core/catalog/search-query.ts, catalog/languages/en.json), so this
 * guards against regressions; it is not a blind measure.
 */
const WRAPPERS = [
  "find a tool to {q}",
  "is there a tool that can {q}?",
  "Search tools: {q}",
  "I'm looking for a tool to {q}",
  "task: {q}",
  "the user wants to {q}",
  "could you please {q}",
  "{q} when you get a chance",
  "We just finished the quarterly review. {q}",
  "{q}. This is urgent.",
];

/** Questions do not take an imperative wrapper ("find a tool to what changed…"): only the other plain requests are wrapped. */
const QUESTION = /^(what|which|who|whose|how|is|are|was|were|do|does|did|has|have|when|where|why|any)\b/i;

export function wrappedRequests(cases: readonly SearchEvalCase[]): SearchEvalCase[] {
  return cases
    .filter((evalCase) => evalCase.kind === "plain" && !QUESTION.test(evalCase.query))
    .flatMap((evalCase) => WRAPPERS.map((wrapper) => ({ ...evalCase, query: wrapper.replace("{q}", evalCase.query), kind: "wrapped" })));
}

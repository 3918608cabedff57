import type { SearchIndex } from "../../core/catalog/search-index.ts";
import { isDictionaryStem } from "./wordnet.ts";

/**
 * Words the catalog's own texts misspell ("retreive", "recieve", "enpdoint", "workspcae"), as
 * the terms meant. Left in the index, such a term is a word the search knows, so a request with
 * the same classic misspelling is not corrected: it matches the one tool that misspells it. A
 * term is taken for a misspelling when:
 * - one or two tools use it and no dictionary word stems to it (WordNet);
 * - a term twenty times as frequent, used by ten tools or more, is one edit away: two neighbouring
 *   letters swapped, or one letter more or less;
 * - the edit is neither at the first letter nor at the last, where a word and its prefix or
 *   suffixed form differ ("data" and "odata", "json" and "jsonl").
 */

const MAX_TOOLS = 2;
const MIN_TOOLS_OF_WORD = 10;
const MIN_RATIO = 20;
const MIN_LENGTH = 5;

/** Whether two terms are one swap or one letter apart, away from their ends. */
function oneInnerEdit(a: string, b: string): boolean {
  if (a.length === b.length) {
    const at = [...a].findIndex((letter, i) => letter !== b[i]);
    return at > 0 && at < a.length - 1 && a[at] === b[at + 1] && a[at + 1] === b[at] && a.slice(at + 2) === b.slice(at + 2);
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return false;
  for (let i = 1; i < long.length - 1; i++) if (long.slice(0, i) + long.slice(i + 1) === short) return true;
  return false;
}

/** Misspelt term → the term meant, read from an index of the catalog built without them. */
export function catalogMisspellings(index: Pick<SearchIndex, "postings">): Record<string, string> {
  const toolsOf = new Map(Object.entries(index.postings).map(([term, postings]) => [term, postings.length / 2]));
  const words = [...toolsOf].filter(([term, tools]) => tools >= MIN_TOOLS_OF_WORD && /^[a-z]+$/.test(term));
  const misspellings: Record<string, string> = {};
  for (const [term, tools] of toolsOf) {
    if (tools > MAX_TOOLS || term.length < MIN_LENGTH || !/^[a-z]+$/.test(term) || isDictionaryStem(term)) continue;
    const meant = words
      .filter(([word, count]) => count >= MIN_RATIO * tools && oneInnerEdit(term, word))
      .sort(([, a], [, b]) => b - a)[0]?.[0];
    if (meant !== undefined) misspellings[term] = meant;
  }
  return misspellings;
}

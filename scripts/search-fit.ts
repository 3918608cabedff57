/**
 * `npm run search:fit`: fits the ranker's weights (RANK_WEIGHTS in core/catalog/search-weights.ts)
 * on the eval's tune half, and reports the holdout half with the weights in the code and with
 * the fitted ones. It changes no file: copy the weights into the code if the holdout agrees.
 *
 * Each tune request is ranked once with the weights in the code, keeping the evidence of its
 * best CANDIDATES tools (what each score is made of, before the weights). The weights are then
 * fitted on that evidence alone, to make the expected tools likeliest under a softmax of the
 * candidates' log scores (see `loss`), by pattern search. The holdout is scored only at the
 * end, never to choose a move.
 *
 * Each weight's move away from the code's costs PRIOR times its squared log ratio (`--prior`,
 * 30 by default; 0 fits freely): a weight moves only as far as the tune half pays for.
 *
 * The candidates are those of the weights in the code: moving far from them may bring in a tool
 * the evidence lacks, so fit, copy, and fit again until the weights stay put.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import type { SearchIndex } from "../core/catalog/search-index.ts";
import { rankTools } from "../core/catalog/search.ts";
import { evidenceScore, RANK_WEIGHTS, type Evidence, type RankWeights } from "../core/catalog/search-weights.ts";
import { loadEvalSet } from "./bench/search.ts";
import { projectRoot } from "./lib/paths.ts";

/** How many of a request's best tools keep their evidence: far more than the five scored. */
const CANDIDATES = 40;

interface Candidate {
  slug: string;
  evidence: Evidence;
}

interface Request {
  expected: ReadonlySet<string>;
  candidates: Candidate[];
}

function gather(index: SearchIndex, set: string): Request[] {
  return loadEvalSet(set).map((c) => {
    const seen: Candidate[] = [];
    rankTools(index, c.query, { limit: CANDIDATES, evidence: (slug, evidence) => seen.push({ slug, evidence }) });
    const score = (e: Evidence) => evidenceScore(e, RANK_WEIGHTS);
    seen.sort((a, b) => score(b.evidence) - score(a.evidence));
    return { expected: new Set(c.expected), candidates: seen.slice(0, CANDIDATES) };
  });
}

/** Requests whose expected tool ranks first, and those with one in the first five. */
function recall(requests: readonly Request[], w: RankWeights): { at1: number; at5: number } {
  let at1 = 0;
  let at5 = 0;
  for (const { expected, candidates } of requests) {
    // A stable sort: ties keep the order the ranker gave them.
    const ranked = candidates.map((c) => ({ slug: c.slug, score: evidenceScore(c.evidence, w) })).sort((a, b) => b.score - a.score);
    const position = ranked.findIndex((c) => expected.has(c.slug));
    if (position === 0) at1++;
    if (position >= 0 && position < 5) at5++;
  }
  return { at1, at5 };
}

/**
 * How unlikely the tune requests' expected tools are under the weights: the listwise softmax
 * loss, each request's candidates' log scores scaled by `sharpness` (which orders nothing, and
 * is fitted with the weights). Unlike a count of requests ranked right, it moves smoothly with
 * the weights, so a small step shows which way is better.
 */
function loss(requests: readonly Request[], w: RankWeights, sharpness: number): number {
  let total = 0;
  for (const { expected, candidates } of requests) {
    if (!candidates.some((c) => expected.has(c.slug))) continue;
    const logits = candidates.map((c) => sharpness * Math.log(Math.max(evidenceScore(c.evidence, w), 1e-12)));
    const top = Math.max(...logits);
    let all = 0;
    let right = 0;
    candidates.forEach((c, i) => {
      const p = Math.exp((logits[i] ?? top) - top);
      all += p;
      if (expected.has(c.slug)) right += p;
    });
    total -= Math.log(right / all);
  }
  return total;
}

/** Weights that multiply a score outright (a boost, or below 1 a penalty), as against the weight of a share (0–1). */
const isBoost = (key: keyof RankWeights) => key === "namedToolkit" || key === "hintedToolkit" || key === "popularToolkit" || key === "important" || key === "placeCreation";

/** A weight moved by a factor: a boost's excess over 1 scales, a share's weight scales. */
function moved(w: RankWeights, key: keyof RankWeights, factor: number): RankWeights {
  return { ...w, [key]: isBoost(key) ? 1 + (w[key] - 1) * factor : Math.min(1, w[key] * factor) };
}

/** How far weights are from the code's: squared log ratios of each boost's excess and each share's weight. */
function distance(w: RankWeights, from: RankWeights): number {
  let total = 0;
  for (const key of Object.keys(w) as (keyof RankWeights)[]) {
    const [now, then] = isBoost(key) ? [w[key] - 1, from[key] - 1] : [w[key], from[key]];
    // A weight at zero cannot move by a ratio (moved() keeps it there too).
    if (now > 0 && then > 0) total += Math.log(now / then) ** 2;
  }
  return total;
}

/** Pattern search on the loss: each weight (and the sharpness) up and down by `step`, halved when no move helps. */
function fit(requests: readonly Request[], start: RankWeights): RankWeights {
  let weights = start;
  let sharpness = 1;
  const cost = (w: RankWeights, sharp: number) => loss(requests, w, sharp) + PRIOR * distance(w, start);
  let current = cost(weights, sharpness);
  for (let step = 0.2; step >= 0.005; ) {
    let improved = false;
    for (const factor of [1 + step, 1 / (1 + step)]) {
      const value = cost(weights, sharpness * factor);
      if (value < current) [sharpness, current, improved] = [sharpness * factor, value, true];
      for (const key of Object.keys(weights) as (keyof RankWeights)[]) {
        const candidate = moved(weights, key, factor);
        const value = cost(candidate, sharpness);
        if (value < current) [weights, current, improved] = [candidate, value, true];
      }
    }
    if (!improved) step /= 2;
  }
  const rounded = Object.fromEntries(Object.entries(weights).map(([key, value]) => [key, Math.round(value * 100) / 100])) as unknown as RankWeights;
  console.log(`  loss ${current.toFixed(1)} at sharpness ${sharpness.toFixed(2)}`);
  return rounded;
}

const { values } = parseArgs({ options: { prior: { type: "string", default: "30" } } });
/** How much a weight's move from the code's costs (see `distance`): larger keeps the fit nearer the code. */
const PRIOR = Number(values.prior);
if (!Number.isFinite(PRIOR) || PRIOR < 0) throw new Error(`--prior must be a number, 0 or more: ${values.prior}`);

const index = JSON.parse(readFileSync(path.join(projectRoot, "catalog/dist/search-index.json"), "utf8")) as SearchIndex;
const tune = gather(index, "tune");
const line = (label: string, requests: readonly Request[], w: RankWeights) => {
  const { at1, at5 } = recall(requests, w);
  return `${label}: recall@1 ${(at1 / requests.length).toFixed(3)} (${at1}), recall@5 ${(at5 / requests.length).toFixed(3)} (${at5}) of ${requests.length}`;
};
console.log(line("tune, weights in the code", tune, RANK_WEIGHTS));
const fitted = fit(tune, RANK_WEIGHTS);
console.log(line("tune, fitted", tune, fitted));
const holdout = gather(index, "holdout");
console.log(line("holdout, weights in the code", holdout, RANK_WEIGHTS));
console.log(line("holdout, fitted", holdout, fitted));
console.log(`\nfitted weights: ${JSON.stringify(fitted)}`);

import { actionScorer } from "./search-actions.ts";
import type { SearchIndex } from "./search-index.ts";
import { parseQuery, type ParsedQuery } from "./search-query.ts";
import { phrasePostingsFor, postingsFor, toolkitPostings, prepare, type Prepared } from "./search-tables.ts";

/**
 * Ranked keyword search over the tool catalog (see search-index.ts for the index), pure and
 * synchronous: per-index tables are derived on the first search (search-tables.ts).
 *
 * The request is read first (search-query.ts: language, typos, action, toolkits, terms).
 * Scoring: BM25 over the weighted term bag of each tool, with the request's own terms at
 * full weight, related words lower, and a toolkit's synonyms only among its own tools. Then:
 *  - a word that names a toolkit ("github", "google calendar") scores a virtual toolkit field
 *    on every tool of that toolkit and multiplies by `RANK_WEIGHTS.namedToolkit`; keywords that
 *    only suggest one ("inbox" → gmail, outlook) by `hintedToolkit`;
 *  - the tool's action (data in the index) against the request's (search-actions.ts):
 *    reading tools for a request to write are pushed down, matching ones lifted;
 *  - the more of a tool's slug (or alias slug) the request covers, the more, up to
 *    1 + `slugCoverage`;
 *  - tools tagged `important` (the ones agents use most) get `important`;
 *  - a tool that only creates the kind of place the request puts something into ("add a tab to
 *    the Expenses workbook" is no new spreadsheet: the workbook exists) gets `placeCreation`;
 *  - how much of what the request is about the tool covers (`coverage`, also on each hit,
 *    which lets callers tell a fitting tool from the best of a bad lot) weighs `coverage`;
 *  - how close the request comes to one of the tool's users' phrasings, against the closest
 *    any candidate has, up to 1 + `phraseMatch`: the bag of a tool's words cannot tell
 *    a request that reads like one of its phrasings from one that shares a word with each.
 * `weightedScore` is that product, and `npm run search:fit` fits its weights on the eval.
 */

export interface SearchOptions {
  /** How many results to return (default 10). */
  limit?: number;
  /** Only tools of these toolkit slugs. */
  toolkits?: string[];
  /** Only tools whose slug passes (e.g. the project's allow list). */
  allow?: (slug: string) => boolean;
  /** Told what each candidate's score is made of (scripts/search-fit.ts fits the weights from it). */
  evidence?: (slug: string, evidence: Evidence) => void;
}

export interface SearchHit {
  slug: string;
  score: number;
  /** Share (0–1) of the request's content words the tool's text contains. */
  coverage: number;
}

/**
 * The weights that turn a candidate's evidence into its score (see the header).
 * `npm run search:fit` fits them together on the eval's tune half and scores the holdout half
 * with the fitted ones; docs/search.md says which of its moves the code took, and why.
 */
export const RANK_WEIGHTS: Readonly<RankWeights> = {
  namedToolkit: 3.0,
  hintedToolkit: 1.5,
  important: 1.2,
  /** Below 1: a tool that only creates a place the request puts something into (see the header). */
  placeCreation: 0.8,
  /** How much of a tool's score depends on covering the request's content words (0: not at all). */
  coverage: 0.45,
  /** Up to this much more when every word of the tool's slug is in the request ("create a pull request" → CREATE_A_PULL_REQUEST). */
  slugCoverage: 0.75,
  /** Up to this much more for the tools whose phrasing the request matches best (see phraseMatches). */
  phraseMatch: 0.5,
};

export interface RankWeights {
  namedToolkit: number;
  hintedToolkit: number;
  important: number;
  placeCreation: number;
  coverage: number;
  slugCoverage: number;
  phraseMatch: number;
}

/** What a candidate's score is made of, before the weights. */
export interface Evidence {
  /** BM25 of the request's terms in the tool's bag, plus the named toolkit's virtual field. */
  bm25: number;
  toolkit: "named" | "hinted" | "other";
  /** The tool's action against the request's (search-actions.ts): below 1 pushes down, above lifts. */
  action: number;
  /** The best share of the tool's slug (or an alias slug) the request covers. */
  slugCoverage: number;
  important: boolean;
  /** The tool creates nothing but the kind of place the request puts something into. */
  createsPlace: boolean;
  /** The share of the request's content words the tool's text holds. */
  coverage: number;
  /** The tool's best phrasing match against the best any candidate has (0–1). */
  phraseShare: number;
}

/** A candidate's score from its evidence: the one formula the ranker and the weights' fit share. */
export function weightedScore(
  bm25: number,
  toolkitWeight: number,
  action: number,
  slugCoverage: number,
  important: boolean,
  createsPlace: boolean,
  coverage: number,
  phraseShare: number,
  weights: RankWeights,
): number {
  let score = bm25 * toolkitWeight * action;
  score *= 1 + weights.slugCoverage * slugCoverage;
  if (important) score *= weights.important;
  if (createsPlace) score *= weights.placeCreation;
  // What the request is about weighs on its own: a tool with none of its words is a long shot.
  score *= 1 - weights.coverage + weights.coverage * coverage;
  return score * (1 + weights.phraseMatch * phraseShare);
}

/** The toolkit factor of `weightedScore` for a toolkit the request names, hints at, or neither. */
export function toolkitFactor(toolkit: Evidence["toolkit"], weights: RankWeights): number {
  return toolkit === "named" ? weights.namedToolkit : toolkit === "hinted" ? weights.hintedToolkit : 1;
}

/** The score a candidate's reported evidence comes to under `weights` (the fit's and the tests' way in). */
export function evidenceScore(e: Evidence, weights: RankWeights = RANK_WEIGHTS): number {
  return weightedScore(e.bm25, toolkitFactor(e.toolkit, weights), e.action, e.slugCoverage, e.important, e.createsPlace, e.coverage, e.phraseShare, weights);
}

const DEFAULT_LIMIT = 10;

/**
 * The share of the request's content words each document contains (related terms count
 * partly), accumulated over the content terms' postings into `state.coverage`. Returns the
 * documents it wrote, which the caller zeroes once it has read them.
 */
function accumulateCoverage(index: SearchIndex, state: Prepared, parsed: ParsedQuery): number[] {
  let total = 0;
  for (const group of parsed.content) total += group.weight;
  const written: number[] = [];
  if (total === 0) return written;
  const { coverage, firstShare, secondShare } = state;
  for (const group of parsed.content) {
    const firstDocs = bestShares(index, state, group.terms, group.scopes, firstShare);
    const secondDocs = group.with ? bestShares(index, state, group.with, group.withScopes, secondShare) : [];
    const add = (doc: number) => {
      const a = firstShare[doc] ?? 0;
      const b = secondShare[doc] ?? 0;
      // Both words of a compound count fully; one of them alone, a quarter of what it would.
      const share = group.with ? a * b + (a + b - 2 * a * b) / 4 : a;
      if (coverage[doc] === 0) written.push(doc);
      coverage[doc] = (coverage[doc] ?? 0) + (group.weight * share) / total;
    };
    for (const doc of firstDocs) add(doc);
    // A document holding only the compound's other word: not added above.
    for (const doc of secondDocs) if (firstShare[doc] === 0) add(doc);
    for (const doc of firstDocs) firstShare[doc] = 0;
    for (const doc of secondDocs) secondShare[doc] = 0;
  }
  return written;
}

/**
 * BM25 of the request against each of the users' phrasings on its own, each tool keeping its
 * best, into `state.phraseBest`. Returns the documents written, for the caller to zero. Only
 * the request's unscoped terms count: a toolkit's synonyms are searched in its tools' bags.
 */
function phraseMatches(index: SearchIndex, state: Prepared, parsed: ParsedQuery): number[] {
  const { phraseScores, phraseBest, phraseDocs } = state;
  const touched: number[] = [];
  for (const { term, weight, toolkit } of parsed.terms) {
    if (toolkit !== undefined) continue;
    const postings = phrasePostingsFor(index, state, term);
    if (!postings) continue;
    const { phrases, weights } = postings;
    for (let i = 0; i < phrases.length; i++) {
      const phrase = phrases[i] ?? 0;
      if (phraseScores[phrase] === 0) touched.push(phrase);
      phraseScores[phrase] = (phraseScores[phrase] ?? 0) + weight * (weights[i] ?? 0);
    }
  }
  const written: number[] = [];
  for (const phrase of touched) {
    const doc = phraseDocs[phrase] ?? 0;
    const score = phraseScores[phrase] ?? 0;
    phraseScores[phrase] = 0;
    if (phraseBest[doc] === 0) written.push(doc);
    if (score > (phraseBest[doc] ?? 0)) phraseBest[doc] = score;
  }
  return written;
}

/**
 * For each document holding one of the terms, the best share among the terms it holds, into
 * `best` (all zero before); returns the documents written, for the caller to zero. A term
 * with a scope counts only in the tools of the toolkits it names.
 */
function bestShares(
  index: SearchIndex,
  state: Prepared,
  terms: ReadonlyMap<string, number>,
  scopes: ReadonlyMap<string, ReadonlySet<number>> | undefined,
  best: Float64Array,
): number[] {
  const written: number[] = [];
  const record = (doc: number, share: number) => {
    const current = best[doc] ?? 0;
    if (current === 0 && share > 0) written.push(doc);
    if (share > current) best[doc] = share;
  };
  for (const [term, share] of terms) {
    const docs = postingsFor(index, state, term)?.docs;
    if (!docs) continue;
    const scope = scopes?.get(term);
    if (!scope) {
      for (let i = 0; i < docs.length; i++) record(docs[i] ?? 0, share);
      continue;
    }
    // Only the scope's toolkits' runs of the postings are read.
    for (const toolkit of scope) {
      const [from, to] = toolkitPostings(state, docs, toolkit);
      for (let i = from; i < to; i++) {
        const doc = docs[i] ?? 0;
        if (state.docToolkit[doc] === toolkit) record(doc, share);
      }
    }
  }
  return written;
}

/**
 * How much each slug term counts towards covering a slug: the request's terms their weight,
 * and a slug verb of an action the request asks for 1 ("add a secret" covers
 * CREATE_OR_UPDATE_A_REPOSITORY_SECRET's "create").
 */
function coverageWeights(state: Prepared, parsed: ParsedQuery): Float64Array {
  const weights = new Float64Array(state.slugTermIds.size);
  if (!parsed.actions.assumed) {
    for (const action of parsed.actions.primary) for (const id of state.actionSlugTerms.get(action) ?? []) weights[id] = 1;
  }
  for (const { term, weight, toolkit } of parsed.terms) {
    if (toolkit !== undefined) continue;
    const id = state.slugTermIds.get(term);
    if (id !== undefined) weights[id] = Math.max(weights[id] ?? 0, weight);
  }
  return weights;
}

/** The best share, over a tool's slug and its aliases, of slug terms the request covers. */
function slugCoverage(state: Prepared, doc: number, weights: Float64Array): number {
  let best = 0;
  let covered = 0;
  let count = 0;
  for (let i = state.slugTermStart[doc] ?? 0; ; i++) {
    const id = state.slugTerms[i] ?? -2;
    if (id >= 0) {
      covered += weights[id] ?? 0;
      count++;
      continue;
    }
    if (count > 0) best = Math.max(best, covered / count);
    if (id === -2) return best;
    covered = 0;
    count = 0;
  }
}

/**
 * The slug term ids of the places a request that creates puts something into; undefined when
 * it creates nothing or names no place tools are named after (most requests).
 */
function placeIdsFor(state: Prepared, parsed: ParsedQuery): Set<number> | undefined {
  if (parsed.places.size === 0 || !parsed.actions.primary.has("create")) return undefined;
  const places = new Set<number>();
  for (const term of parsed.places) {
    const id = state.slugTermIds.get(term);
    if (id !== undefined) places.add(id);
  }
  return places.size > 0 ? places : undefined;
}

/**
 * Whether a tool that creates names nothing but such a place in its slug (INSERT_PLAYLISTS for
 * "add a video to my Workout playlist", CREATE_SPREADSHEET for "add a tab to the Expenses
 * workbook"): its slug's words are all the place's or verbs of creating, and one is the place's.
 */
function createsOnlyPlace(state: Prepared, doc: number, places: ReadonlySet<number>): boolean {
  if (!state.createsByList[state.docActionList[doc] ?? 0]) return false;
  let named = false;
  for (let i = state.slugTermStart[doc] ?? 0; ; i++) {
    const id = state.slugTerms[i] ?? -2;
    // Only the tool's own slug (an alias slug follows a -1).
    if (id < 0) return named;
    if (places.has(id)) named = true;
    else if (!state.createVerbIds.has(id)) return false;
  }
}

/**
 * The k-th largest of `values` (1-based), found by quickselect in linear time; reorders
 * `values`. A full sort of every candidate's score for a page of ten costs more than the
 * ranking's own arithmetic on a 10,000-tool catalog.
 */
function kthLargest(values: Float64Array, k: number): number {
  const target = values.length - k;
  let low = 0;
  let high = values.length - 1;
  while (low < high) {
    const pivot = values[(low + high) >> 1] ?? 0;
    let i = low;
    let j = high;
    while (i <= j) {
      while ((values[i] ?? 0) < pivot) i++;
      while ((values[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const swap = values[i] ?? 0;
        values[i++] = values[j] ?? 0;
        values[j--] = swap;
      }
    }
    if (target <= j) high = j;
    else if (target >= i) low = i;
    else break;
  }
  return values[target] ?? 0;
}

/** Beyond this many times the page size, candidates are cut at a score threshold before the sort. */
const PRESELECT_FACTOR = 2;

/**
 * Candidate positions, best score first (ties in catalog order). Sorting every candidate of a
 * 10,000-tool catalog for a page of ten is wasted work: the best few are sorted first, found
 * with a native numeric sort of the scores, and the rest only if the caller reads on (when its
 * `allow` filter rejected many).
 */
function* bestFirst(scores: Float64Array, docs: readonly number[], limit: number): Generator<number> {
  const byScore = (a: number, b: number) => (scores[b] ?? 0) - (scores[a] ?? 0) || ((docs[a] ?? 0) < (docs[b] ?? 0) ? -1 : 1);
  const keep = limit * PRESELECT_FACTOR;
  if (docs.length <= keep) {
    yield* docs.map((_, i) => i).sort(byScore);
    return;
  }
  const threshold = kthLargest(Float64Array.from(scores), keep);
  const head: number[] = [];
  for (let i = 0; i < scores.length; i++) if ((scores[i] ?? 0) >= threshold) head.push(i);
  yield* head.sort(byScore);
  const rest: number[] = [];
  for (let i = 0; i < scores.length; i++) if ((scores[i] ?? 0) < threshold) rest.push(i);
  yield* rest.sort(byScore);
}

/**
 * What each toolkit's tools are multiplied by for this request: NAMED_TOOLKIT_BOOST for the
 * toolkits it names, HINTED_TOOLKIT_BOOST for those it suggests, 0 outside the caller's
 * toolkits. One table read per candidate instead of three set lookups: the candidates' loop
 * is the hottest of the search.
 */
function toolkitFactorsFor(state: Prepared, parsed: ParsedQuery, only: readonly string[] | undefined): Float64Array {
  const factors = new Float64Array(state.toolkitNumber.size).fill(only ? 0 : 1);
  for (const slug of only ?? []) {
    const t = state.toolkitNumber.get(slug);
    if (t !== undefined) factors[t] = 1;
  }
  for (const t of parsed.hintedToolkits) if (factors[t] !== 0) factors[t] = toolkitFactor("hinted", RANK_WEIGHTS);
  for (const t of parsed.namedToolkits) if (factors[t] !== 0) factors[t] = toolkitFactor("named", RANK_WEIGHTS);
  // A toolkit the request rules out is left out, unless it also names it ("not Slack's API, Slack's web app").
  for (const t of parsed.excludedToolkits) if (!parsed.namedToolkits.has(t)) factors[t] = 0;
  return factors;
}

/** Reads a request as the ranker does (for explanations and the session's search meta tool). */
export function readQuery(index: SearchIndex, query: string): ParsedQuery {
  return parseQuery(prepare(index).tables, query);
}

/**
 * A ranking as the caller's filter read it: `hits` the page, `walked` every tool looked at on
 * the way, best first, allowed or not, and `complete` when that was every candidate. The
 * walked prefix is the request's ranking without the filter, which a cache can keep and filter
 * again for another caller (ranking-cache.ts).
 */
export interface Ranking {
  hits: SearchHit[];
  walked: SearchHit[];
  complete: boolean;
}

export function searchTools(index: SearchIndex, query: string, options: SearchOptions = {}): SearchHit[] {
  return rankTools(index, query, options).hits;
}

export function rankTools(index: SearchIndex, query: string, options: SearchOptions = {}): Ranking {
  const state = prepare(index);
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (limit <= 0) return { hits: [], walked: [], complete: false };
  const parsed = parseQuery(state.tables, query);
  if (parsed.terms.length === 0 && parsed.namedToolkits.size === 0) return { hits: [], walked: [], complete: true };

  // BM25 over the request's terms, accumulated in the reusable score array.
  const scores = state.scores;
  const touched: number[] = [];
  for (const { term, weight, toolkit } of parsed.terms) {
    const postings = postingsFor(index, state, term);
    if (!postings) continue;
    const factor = weight * postings.idf;
    const { docs, saturated } = postings;
    const [from, to] = toolkit === undefined ? [0, docs.length] : toolkitPostings(state, docs, toolkit);
    for (let i = from; i < to; i++) {
      const doc = docs[i] ?? 0;
      if (toolkit !== undefined && state.docToolkit[doc] !== toolkit) continue;
      if (scores[doc] === 0) touched.push(doc);
      scores[doc] = (scores[doc] ?? 0) + factor * (saturated[i] ?? 0);
    }
  }
  // The virtual toolkit field: every tool of a named toolkit matches it.
  for (const t of parsed.namedToolkits) {
    const value = state.toolkitFieldScore[t] ?? 0;
    for (const doc of state.toolkitDocs[t] ?? []) {
      if (scores[doc] === 0) touched.push(doc);
      scores[doc] = (scores[doc] ?? 0) + value;
    }
  }

  // Final scores: toolkit, action, coverage, slug-coverage and importance multipliers.
  const slugWeights = coverageWeights(state, parsed);
  const hasContent = parsed.content.length > 0;
  const coverageWritten = accumulateCoverage(index, state, parsed);
  // Tools share few distinct action lists: each is scored once per request.
  const scoreAction = actionScorer(index.english, parsed.actions);
  const actionFactors = Float64Array.from(state.actionLists, (actions) => scoreAction(actions));
  const toolkitFactors = toolkitFactorsFor(state, parsed, options.toolkits);
  const phraseWritten = phraseMatches(index, state, parsed);
  const places = placeIdsFor(state, parsed);
  let bestPhrase = 0;
  for (const doc of phraseWritten) {
    if (toolkitFactors[state.docToolkit[doc] ?? 0] !== 0) bestPhrase = Math.max(bestPhrase, state.phraseBest[doc] ?? 0);
  }
  const covered = new Float64Array(touched.length);
  const candidates: number[] = [];
  const final = new Float64Array(touched.length);
  for (const doc of touched) {
    const bm25 = scores[doc] ?? 0;
    scores[doc] = 0;
    const coverage = hasContent ? Math.min(1, state.coverage[doc] ?? 0) : 1;
    const toolkit = state.docToolkit[doc] ?? 0;
    const toolkitWeight = toolkitFactors[toolkit] ?? 0;
    if (toolkitWeight === 0) continue;
    const action = actionFactors[state.docActionList[doc] ?? 0] ?? 1;
    const slugShare = slugCoverage(state, doc, slugWeights);
    const important = state.important[doc] === 1;
    const phraseShare = bestPhrase > 0 ? (state.phraseBest[doc] ?? 0) / bestPhrase : 0;
    const createsPlace = places !== undefined && createsOnlyPlace(state, doc, places);
    const score = weightedScore(bm25, toolkitWeight, action, slugShare, important, createsPlace, coverage, phraseShare, RANK_WEIGHTS);
    if (options.evidence) {
      const role = parsed.namedToolkits.has(toolkit) ? "named" : parsed.hintedToolkits.has(toolkit) ? "hinted" : "other";
      options.evidence(index.slugs[doc] ?? "", { bm25, toolkit: role, action, slugCoverage: slugShare, important, createsPlace, coverage, phraseShare });
    }
    covered[candidates.length] = coverage;
    final[candidates.length] = score;
    candidates.push(doc);
  }

  for (const doc of coverageWritten) state.coverage[doc] = 0;
  for (const doc of phraseWritten) state.phraseBest[doc] = 0;

  // Best first (ties in catalog order, for stable output); `allow` runs only until the page is full.
  const hits: SearchHit[] = [];
  const walked: SearchHit[] = [];
  for (const i of bestFirst(final.subarray(0, candidates.length), candidates, limit)) {
    const doc = candidates[i] ?? 0;
    const hit = { slug: index.slugs[doc] ?? "", score: Math.round((final[i] ?? 0) * 1000) / 1000, coverage: Math.round((covered[i] ?? 0) * 1000) / 1000 };
    walked.push(hit);
    if (options.allow && !options.allow(hit.slug)) continue;
    hits.push(hit);
    if (hits.length === limit) break;
  }
  return { hits, walked, complete: walked.length === candidates.length };
}

import { actionScorer } from "./search-action-score.ts";
import { accumulateCoverage, coverageWeights, createsOnlyPlace, handlingToolkits, phraseMatches, placeIdsFor, slugCoverage, toolkitFactorsFor } from "./search-evidence.ts";
import type { SearchIndex } from "./search-index.ts";
import { bestFirst } from "./search-order.ts";
import { parseQuery, type ParsedQuery } from "./search-query.ts";
import { postingsFor, toolkitPostings } from "./search-postings.ts";
import { prepare } from "./search-tables.ts";
import { fitsRequest, knownShare } from "./search-relevance.ts";
import { RANK_WEIGHTS, toolkitRole, weightedScore, type Evidence } from "./search-weights.ts";

/**
 * Ranked keyword search over the tool catalog (see search-index.ts for the index), pure and
 * synchronous: per-index tables are derived on the first search (search-tables.ts).
 *
 * The request is read first (search-query.ts: language, typos, action, toolkits, terms).
 * Scoring: BM25 over the weighted term bag of each tool, with the request's own terms at
 * full weight, related words lower, and a toolkit's synonyms only among its own tools. Then:
 *  - a word that names a toolkit ("github", "google calendar") scores a virtual toolkit field
 *    on every tool of that toolkit and multiplies by `RANK_WEIGHTS.namedToolkit`; keywords that
 *    only suggest one ("inbox" → gmail, outlook) by `hintedToolkit`; when it does neither, the
 *    everyday apps (vocabulary `popular`) by `popularToolkit`;
 *  - the tool's action (data in the index) against the request's (search-action-score.ts):
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
 * `weightedScore` is that product (search-weights.ts), and `npm run search:fit` fits its
 * weights on the eval. The evidence beyond BM25 is read in search-evidence.ts, and the best
 * candidates are picked without sorting them all in search-order.ts.
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
  /** Whether the tool fits the request on its own, not only as the best of a bad lot (search-relevance.ts). */
  fits: boolean;
}

const DEFAULT_LIMIT = 10;

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
  // The virtual toolkit field: every tool of a named toolkit matches it, and of a toolkit that does its things.
  const handling = handlingToolkits(state, parsed);
  for (const t of new Set([...parsed.namedToolkits, ...handling])) {
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
  const toolkitFactors = toolkitFactorsFor(state, parsed, handling, options.toolkits);
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
      options.evidence(index.slugs[doc] ?? "", { bm25, toolkit: toolkitRole(toolkitWeight, RANK_WEIGHTS), action, slugCoverage: slugShare, important, createsPlace, coverage, phraseShare });
    }
    covered[candidates.length] = coverage;
    final[candidates.length] = score;
    candidates.push(doc);
  }

  for (const doc of coverageWritten) state.coverage[doc] = 0;
  for (const doc of phraseWritten) state.phraseBest[doc] = 0;

  // Best first (ties in catalog order, for stable output); `allow` runs only until the page is full.
  // Whether a tool fits is read only for the tools walked, not for every candidate.
  const share = knownShare(parsed);
  const fits = (doc: number, coverage: number) =>
    fitsRequest(coverage, share, toolkitFactors[state.docToolkit[doc] ?? 0] === RANK_WEIGHTS.namedToolkit, slugCoverage(state, doc, slugWeights));
  const hits: SearchHit[] = [];
  const walked: SearchHit[] = [];
  for (const i of bestFirst(final.subarray(0, candidates.length), candidates, limit)) {
    const doc = candidates[i] ?? 0;
    const hit = { slug: index.slugs[doc] ?? "", score: Math.round((final[i] ?? 0) * 1000) / 1000, coverage: Math.round((covered[i] ?? 0) * 1000) / 1000, fits: fits(doc, covered[i] ?? 0) };
    walked.push(hit);
    if (options.allow && !options.allow(hit.slug)) continue;
    hits.push(hit);
    if (hits.length === limit) break;
  }
  return { hits, walked, complete: walked.length === candidates.length };
}

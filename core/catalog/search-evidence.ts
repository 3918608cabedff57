import type { SearchIndex } from "./search-index.ts";
import type { ParsedQuery } from "./search-query.ts";
import { phrasePostingsFor, postingsFor, toolkitPostings } from "./search-postings.ts";
import type { Prepared } from "./search-tables.ts";
import { RANK_WEIGHTS, toolkitFactor } from "./search-weights.ts";

/**
 * A request's evidence about each candidate beyond BM25, read from the index's postings into
 * the per-index arrays search-tables.ts prepares (the caller zeroes what a request wrote):
 * how much of what the request is about a tool covers, how close it comes to one of the tool's
 * phrasings, how much of its slug it covers, and what its toolkit is multiplied by.
 */

/**
 * The share of the request's content words each document contains (related terms count
 * partly), accumulated over the content terms' postings into `state.coverage`. Returns the
 * documents it wrote, which the caller zeroes once it has read them.
 */
export function accumulateCoverage(index: SearchIndex, state: Prepared, parsed: ParsedQuery): number[] {
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
export function phraseMatches(index: SearchIndex, state: Prepared, parsed: ParsedQuery): number[] {
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
export function coverageWeights(state: Prepared, parsed: ParsedQuery): Float64Array {
  const weights = new Float64Array(state.slugTermIds.size);
  if (!parsed.actions.assumed) {
    // A tool that searches lists what matches, as the action's score has it (search-action-score.ts).
    const asked = parsed.actions.primary.has("list") ? [...parsed.actions.primary, "search"] : parsed.actions.primary;
    for (const action of asked) for (const id of state.actionSlugTerms.get(action) ?? []) weights[id] = 1;
  }
  for (const { term, weight, toolkit } of parsed.terms) {
    if (toolkit !== undefined) continue;
    const id = state.slugTermIds.get(term);
    if (id !== undefined) weights[id] = Math.max(weights[id] ?? 0, weight);
  }
  return weights;
}

/** The best share, over a tool's slug and its aliases, of slug terms the request covers. */
export function slugCoverage(state: Prepared, doc: number, weights: Float64Array): number {
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
export function placeIdsFor(state: Prepared, parsed: ParsedQuery): Set<number> | undefined {
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
export function createsOnlyPlace(state: Prepared, doc: number, places: ReadonlySet<number>): boolean {
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
 * "export the Security Policy Google Doc to PDF": a Doc is exported as a Drive file, so the
 * request names Drive too (the named toolkit's vocabulary says which actions, `handledBy`).
 */
export function handlingToolkits(state: Prepared, parsed: ParsedQuery): Set<number> {
  const handling = new Set<number>();
  for (const t of parsed.namedToolkits) {
    for (const { toolkit, actions } of state.handledBy[t] ?? []) {
      if ([...parsed.actions.primary].some((action) => actions.has(action))) handling.add(toolkit);
    }
  }
  return handling;
}

/**
 * What each toolkit's tools are multiplied by for this request (search-weights.ts): the named
 * toolkits' factor for the toolkits it names and those that do their things (`handling`, from
 * `handlingToolkits`), the hinted one for those it suggests, the popular one for the everyday
 * apps when it does neither, 0 outside the caller's toolkits. One table read per candidate
 * instead of several set lookups: the candidates' loop is the hottest of the search.
 */
export function toolkitFactorsFor(state: Prepared, parsed: ParsedQuery, handling: ReadonlySet<number>, only: readonly string[] | undefined): Float64Array {
  const factors = new Float64Array(state.toolkitNumber.size).fill(only ? 0 : 1);
  for (const slug of only ?? []) {
    const t = state.toolkitNumber.get(slug);
    if (t !== undefined) factors[t] = 1;
  }
  // A request that names and suggests no app is likelier about an everyday one than about a niche API sharing its nouns.
  if (parsed.namedToolkits.size === 0 && parsed.hintedToolkits.size === 0) for (const t of state.popularToolkits) if (factors[t] !== 0) factors[t] = toolkitFactor("popular", RANK_WEIGHTS);
  for (const t of parsed.hintedToolkits) if (factors[t] !== 0) factors[t] = toolkitFactor("hinted", RANK_WEIGHTS);
  for (const t of parsed.namedToolkits) if (factors[t] !== 0) factors[t] = toolkitFactor("named", RANK_WEIGHTS);
  for (const toolkit of handling) if (factors[toolkit] !== 0) factors[toolkit] = toolkitFactor("named", RANK_WEIGHTS);
  // A toolkit the request rules out is left out, unless it also names it ("not Slack's API, Slack's web app").
  for (const t of parsed.excludedToolkits) if (!parsed.namedToolkits.has(t)) factors[t] = 0;
  return factors;
}

import { actionScorer } from "./search-actions.ts";
import { FuzzyVocabulary } from "./search-fuzzy.ts";
import { SEARCH_INDEX_VERSION, TF_SCALE, type SearchIndex } from "./search-index.ts";
import { parseQuery, type ParsedQuery, type QueryTables } from "./search-query.ts";

/**
 * Ranked keyword search over the tool catalog (see search-index.ts for the index), pure and
 * synchronous: per-index tables are derived on the first search and cached in a WeakMap.
 *
 * The request is read first (search-query.ts: language, typos, action, toolkits, terms).
 * Scoring: BM25 over the weighted term bag of each tool, with the request's own terms at
 * full weight, related words lower, and a toolkit's synonyms only among its own tools. Then:
 *  - a word that names a toolkit ("github", "google calendar") scores a virtual toolkit field
 *    on every tool of that toolkit and multiplies by NAMED_TOOLKIT_BOOST; keywords that only
 *    suggest one ("inbox" → gmail, outlook) multiply by HINTED_TOOLKIT_BOOST;
 *  - the tool's action (data in the index) against the request's (search-actions.ts):
 *    reading tools for a request to write are pushed down, matching ones lifted;
 *  - the more of a tool's slug (or alias slug) the request covers, the more, up to
 *    1 + SLUG_COVERAGE_BOOST;
 *  - tools tagged `important` (the ones agents use most) get IMPORTANT_BOOST.
 * Each hit also says how much of what the request is about it covers (`coverage`), which
 * lets callers tell a fitting tool from the best of a bad lot.
 */

export interface SearchOptions {
  /** How many results to return (default 10). */
  limit?: number;
  /** Only tools of these toolkit slugs. */
  toolkits?: string[];
  /** Only tools whose slug passes (e.g. the project's allow list). */
  allow?: (slug: string) => boolean;
}

export interface SearchHit {
  slug: string;
  score: number;
  /** Share (0–1) of the request's content words the tool's text contains. */
  coverage: number;
}

const K1 = 1.2;
const B = 0.6;
/** The toolkit field's weight, like the other fields in half-units of tf. */
const TOOLKIT_FIELD_TF = 2 * TF_SCALE;
const NAMED_TOOLKIT_BOOST = 2.0;
const HINTED_TOOLKIT_BOOST = 1.5;
const IMPORTANT_BOOST = 1.2;
/** How much of a tool's score depends on covering the request's content words (0: not at all). */
const COVERAGE_WEIGHT = 0.3;
/** Up to this much more when every word of the tool's slug is in the request ("create a pull request" → CREATE_A_PULL_REQUEST). */
const SLUG_COVERAGE_BOOST = 1.0;
const DEFAULT_LIMIT = 10;
/** A name word stops naming its toolkit when more than this share of all tools elsewhere use it. */
const NAMING_TERM_MAX_OUTSIDE_SHARE = 0.003;

interface Postings {
  docs: Uint32Array;
  /** BM25 tf component precomputed per document: tf·(k1+1) / (tf + k1·norm(doc)). */
  saturated: Float64Array;
  idf: number;
}

/** Per-index state derived lazily on first search and kept for the isolate's lifetime. */
interface Prepared {
  docCount: number;
  /** k1·(1 − b + b·len/avgLen) per document. */
  norm: Float64Array;
  docToolkit: Uint16Array;
  /** The documents of each toolkit. */
  toolkitDocs: number[][];
  toolkitNumber: Map<string, number>;
  /** Toolkit-field score (idf × saturated tf) of each toolkit, for tools of a named toolkit. */
  toolkitFieldScore: Float64Array;
  /** Each document's action list, as a position in `actionLists` (tools share few distinct lists). */
  docActionList: Uint16Array;
  actionLists: string[][];
  important: Uint8Array;
  /** Slug term → its position in the index's slugVocabulary. */
  slugTermIds: Map<string, number>;
  /** The index's slugTerms, and where each document's run starts in it. */
  slugTerms: Int32Array;
  slugTermStart: Uint32Array;
  /** For each slug term id, its action classes when it is a verb. */
  slugTermActions: (readonly string[] | undefined)[];
  postings: Map<string, Postings | null>;
  scores: Float64Array;
  /** Per document, reused by every search: the request's content covered, and a group's best share. */
  coverage: Float64Array;
  groupBest: Float64Array;
  tables: QueryTables;
}

const prepared = new WeakMap<SearchIndex, Prepared>();

function idf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

function postingsCount(index: SearchIndex, term: string): number {
  return Object.hasOwn(index.postings, term) ? (index.postings[term]?.length ?? 0) / 2 : 0;
}

/**
 * A term names a toolkit if it is the toolkit's slug, or a word of its name that no other
 * toolkit's name has, that is not a verb, and that other toolkits' tools rarely use
 * ("calendar" names Google Calendar; "google" and the "new" of "Hacker News" name nothing).
 */
function toolkitNames(index: SearchIndex, docCount: number): Pick<QueryTables, "toolkitByTerm" | "sharedNameTerms" | "nameHints"> {
  const namers = new Map<string, number[]>();
  index.toolkitTerms.forEach((terms, t) => {
    for (const term of terms) namers.set(term, [...(namers.get(term) ?? []), t]);
  });
  const toolkitByTerm = new Map<string, number>();
  const sharedNameTerms = new Map<string, number[]>();
  const nameHints = new Map<string, number>();
  const maxOutsideUse = Math.ceil(docCount * NAMING_TERM_MAX_OUTSIDE_SHARE);
  const isVerb = (term: string) => Object.hasOwn(index.english.verbs, term);
  for (const [term, ts] of namers) {
    const t = ts[0];
    if (ts.length > 1 && !isVerb(term)) sharedNameTerms.set(term, ts);
    if (ts.length !== 1 || t === undefined) continue;
    if (term === index.toolkits[t]?.replaceAll("_", "")) {
      toolkitByTerm.set(term, t);
      continue;
    }
    if (isVerb(term)) continue;
    const flat = Object.hasOwn(index.postings, term) ? (index.postings[term] ?? []) : [];
    let outside = 0;
    for (let i = 0, doc = 0; i < flat.length; i += 2) {
      doc += flat[i] ?? 0;
      if (index.docToolkit[doc] !== t) outside++;
    }
    // A name word other toolkits use too ("calendar" of Google Calendar, which Outlook has) only suggests its toolkit.
    if (outside <= maxOutsideUse) toolkitByTerm.set(term, t);
    else nameHints.set(term, t);
  }
  // The other names a toolkit's vocabulary gives ("hotmail", "office365").
  index.toolkitVocabulary.forEach((vocabulary, t) => {
    for (const name of vocabulary.names) if (!toolkitByTerm.has(name) && !sharedNameTerms.has(name)) toolkitByTerm.set(name, t);
  });
  return { toolkitByTerm, sharedNameTerms, nameHints };
}

function vocabularyTables(index: SearchIndex): Pick<QueryTables, "keywordToolkits" | "synonyms" | "patterns" | "englishWords"> {
  const keywordToolkits = new Map<string, number[]>();
  const synonyms = new Map<string, { toolkit: number; terms: readonly string[] }[]>();
  const patterns: { pattern: RegExp; toolkit: number; terms: readonly string[] }[] = [];
  index.toolkitVocabulary.forEach((vocabulary, toolkit) => {
    for (const keyword of vocabulary.keywords) keywordToolkits.set(keyword, [...(keywordToolkits.get(keyword) ?? []), toolkit]);
    for (const [word, terms] of Object.entries(vocabulary.synonyms)) synonyms.set(word, [...(synonyms.get(word) ?? []), { toolkit, terms }]);
    for (const [source, terms] of Object.entries(vocabulary.patterns)) patterns.push({ pattern: new RegExp(source, "u"), toolkit, terms });
  });
  const { english } = index;
  const englishWords = new Set([
    ...english.commonWords,
    ...english.weakWords,
    ...Object.keys(english.leadingVerbs),
    ...Object.keys(english.phrases).flatMap((phrase) => phrase.split(" ")),
  ]);
  return { keywordToolkits, synonyms, patterns, englishWords };
}

function prepare(index: SearchIndex): Prepared {
  const cached = prepared.get(index);
  if (cached) return cached;
  if (index.v !== SEARCH_INDEX_VERSION) {
    throw new Error(`search index version ${index.v} does not match ${SEARCH_INDEX_VERSION}: rebuild the catalog`);
  }
  const docCount = index.slugs.length;
  const avgLength = index.lengths.reduce((sum, l) => sum + l, 0) / Math.max(1, docCount);
  const norm = new Float64Array(docCount);
  for (let doc = 0; doc < docCount; doc++) norm[doc] = K1 * (1 - B + (B * (index.lengths[doc] ?? 0)) / avgLength);

  const toolkitDocs = index.toolkits.map((): number[] => []);
  index.docToolkit.forEach((t, doc) => toolkitDocs[t]?.push(doc));
  const toolkitFieldScore = new Float64Array(index.toolkits.length);
  for (let t = 0; t < index.toolkits.length; t++) {
    const size = toolkitDocs[t]?.length ?? 0;
    // A typical document's length normalisation (norm = k1 at avgLength).
    toolkitFieldScore[t] = (idf(docCount, size) * (TOOLKIT_FIELD_TF * (K1 + 1))) / (TOOLKIT_FIELD_TF + K1);
  }
  const important = new Uint8Array(docCount);
  for (const doc of index.important) important[doc] = 1;

  const slugTerms = slugTermTables(index);
  const slugTermIds = slugTerms.slugTermIds;
  let fuzzy: FuzzyVocabulary | undefined;
  const tables: QueryTables = {
    english: index.english,
    lexicons: index.lexicons,
    // Built on the first request with a word the index does not know. A typo is of a word
    // people ask with: a verb, a word tools are named with, a toolkit's name or vocabulary;
    // not of the rare words of descriptions.
    fuzzy: () =>
      (fuzzy ??= new FuzzyVocabulary(
        [
          ...index.slugVocabulary,
          ...Object.keys(index.english.verbs),
          ...Object.keys(index.english.related),
          ...index.toolkits.map((slug) => slug.replaceAll("_", "")),
          ...index.toolkitVocabulary.flatMap((v) => [...v.names, ...v.keywords, ...Object.keys(v.synonyms)].filter((w) => !w.includes(" "))),
        ],
        (term) => postingsCount(index, term),
      )),
    hasTerm: (term) => Object.hasOwn(index.postings, term),
    isSlugTerm: (term) => slugTermIds.has(term),
    ...toolkitNames(index, docCount),
    toolkitSlugs: new Set(index.toolkits.map((slug) => slug.replaceAll("_", ""))),
    ...vocabularyTables(index),
  };

  const state: Prepared = {
    docCount,
    norm,
    docToolkit: Uint16Array.from(index.docToolkit),
    toolkitDocs,
    toolkitNumber: new Map(index.toolkits.map((slug, t) => [slug, t])),
    toolkitFieldScore,
    ...actionLists(index),
    important,
    ...slugTerms,
    postings: new Map(),
    scores: new Float64Array(docCount),
    coverage: new Float64Array(docCount),
    groupBest: new Float64Array(docCount),
    tables,
  };
  prepared.set(index, state);
  return state;
}

function actionLists(index: SearchIndex): Pick<Prepared, "docActionList" | "actionLists"> {
  const positions = new Map<string, number>();
  const docActionList = Uint16Array.from(index.actions, (actions) => {
    let position = positions.get(actions);
    if (position === undefined) positions.set(actions, (position = positions.size));
    return position;
  });
  return { docActionList, actionLists: [...positions.keys()].map((actions) => (actions === "" ? [] : actions.split(" "))) };
}

type SlugTermTables = Pick<Prepared, "slugTermIds" | "slugTerms" | "slugTermStart" | "slugTermActions">;

function slugTermTables(index: SearchIndex): SlugTermTables {
  const slugTerms = Int32Array.from(index.slugTerms);
  const slugTermStart = new Uint32Array(index.slugs.length + 1);
  let doc = 1;
  for (let i = 0; i < slugTerms.length; i++) if (slugTerms[i] === -2) slugTermStart[doc++] = i + 1;
  return {
    slugTermIds: new Map(index.slugVocabulary.map((term, id) => [term, id])),
    slugTerms,
    slugTermStart,
    slugTermActions: index.slugVocabulary.map((term) => (Object.hasOwn(index.english.verbs, term) ? index.english.verbs[term] : undefined)),
  };
}

/** Decodes a term's postings on first use. */
function postingsFor(index: SearchIndex, state: Prepared, term: string): Postings | null {
  const cached = state.postings.get(term);
  if (cached !== undefined) return cached;
  let result: Postings | null = null;
  if (Object.hasOwn(index.postings, term)) {
    const flat = index.postings[term] ?? [];
    const count = flat.length / 2;
    const docs = new Uint32Array(count);
    const saturated = new Float64Array(count);
    let doc = 0;
    for (let i = 0; i < count; i++) {
      doc += flat[2 * i] ?? 0;
      const tf = (flat[2 * i + 1] ?? 0) / TF_SCALE;
      docs[i] = doc;
      saturated[i] = (tf * (K1 + 1)) / (tf + (state.norm[doc] ?? K1));
    }
    result = { docs, saturated, idf: idf(state.docCount, count) };
  }
  state.postings.set(term, result);
  return result;
}

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
  const { coverage, groupBest } = state;
  for (const group of parsed.content) {
    const reached: number[] = [];
    for (const [term, share] of group.terms) {
      const docs = postingsFor(index, state, term)?.docs;
      if (!docs) continue;
      for (let i = 0; i < docs.length; i++) {
        const doc = docs[i] ?? 0;
        const best = groupBest[doc] ?? 0;
        if (best === 0) reached.push(doc);
        if (share > best) groupBest[doc] = share;
      }
    }
    for (const doc of reached) {
      if (coverage[doc] === 0) written.push(doc);
      coverage[doc] = (coverage[doc] ?? 0) + (group.weight * (groupBest[doc] ?? 0)) / total;
      groupBest[doc] = 0;
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
    state.slugTermActions.forEach((actions, id) => {
      if (actions?.some((a) => parsed.actions.primary.has(a))) weights[id] = 1;
    });
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
  const all = docs.map((_, i) => i);
  const keep = limit * PRESELECT_FACTOR;
  if (all.length <= keep) {
    yield* all.sort(byScore);
    return;
  }
  const threshold = Float64Array.from(scores).sort()[scores.length - keep] ?? 0;
  const head = all.filter((i) => (scores[i] ?? 0) >= threshold).sort(byScore);
  yield* head;
  yield* all.filter((i) => (scores[i] ?? 0) < threshold).sort(byScore);
}

/** Reads a request as the ranker does (for explanations and the session's search meta tool). */
export function readQuery(index: SearchIndex, query: string): ParsedQuery {
  return parseQuery(prepare(index).tables, query);
}

export function searchTools(index: SearchIndex, query: string, options: SearchOptions = {}): SearchHit[] {
  const state = prepare(index);
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (limit <= 0) return [];
  const parsed = parseQuery(state.tables, query);
  if (parsed.terms.length === 0 && parsed.namedToolkits.size === 0) return [];

  let toolkitFilter: Set<number> | undefined;
  if (options.toolkits) {
    toolkitFilter = new Set();
    for (const slug of options.toolkits) {
      const t = state.toolkitNumber.get(slug);
      if (t !== undefined) toolkitFilter.add(t);
    }
  }

  // BM25 over the request's terms, accumulated in the reusable score array.
  const scores = state.scores;
  const touched: number[] = [];
  for (const { term, weight, toolkit } of parsed.terms) {
    const postings = postingsFor(index, state, term);
    if (!postings) continue;
    const factor = weight * postings.idf;
    const { docs, saturated } = postings;
    for (let i = 0; i < docs.length; i++) {
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
  const weights = coverageWeights(state, parsed);
  const hasContent = parsed.content.length > 0;
  const coverageWritten = accumulateCoverage(index, state, parsed);
  // Tools share few distinct action lists: each is scored once per request.
  const scoreAction = actionScorer(index.english, parsed.actions);
  const actionFactors = Float64Array.from(state.actionLists, (actions) => scoreAction(actions));
  const covered = new Float64Array(touched.length);
  const candidates: number[] = [];
  const final = new Float64Array(touched.length);
  for (const doc of touched) {
    let score = scores[doc] ?? 0;
    scores[doc] = 0;
    const coverage = hasContent ? Math.min(1, state.coverage[doc] ?? 0) : 1;
    const t = state.docToolkit[doc] ?? 0;
    if (toolkitFilter && !toolkitFilter.has(t)) continue;
    if (parsed.namedToolkits.has(t)) score *= NAMED_TOOLKIT_BOOST;
    else if (parsed.hintedToolkits.has(t)) score *= HINTED_TOOLKIT_BOOST;
    score *= actionFactors[state.docActionList[doc] ?? 0] ?? 1;
    score *= 1 + SLUG_COVERAGE_BOOST * slugCoverage(state, doc, weights);
    if (state.important[doc] === 1) score *= IMPORTANT_BOOST;
    // What the request is about weighs on its own: a tool with none of its words is a long shot.
    score *= 1 - COVERAGE_WEIGHT + COVERAGE_WEIGHT * coverage;
    covered[candidates.length] = coverage;
    final[candidates.length] = score;
    candidates.push(doc);
  }

  for (const doc of coverageWritten) state.coverage[doc] = 0;

  // Best first (ties in catalog order, for stable output); `allow` runs only until the page is full.
  const hits: SearchHit[] = [];
  for (const i of bestFirst(final.subarray(0, candidates.length), candidates, limit)) {
    const doc = candidates[i] ?? 0;
    const slug = index.slugs[doc] ?? "";
    if (options.allow && !options.allow(slug)) continue;
    hits.push({ slug, score: Math.round((final[i] ?? 0) * 1000) / 1000, coverage: Math.round((covered[i] ?? 0) * 1000) / 1000 });
    if (hits.length === limit) break;
  }
  return hits;
}

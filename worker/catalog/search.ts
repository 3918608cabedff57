import { SEARCH_INDEX_VERSION, TF_SCALE, type SearchIndex } from "./search-index.ts";
import { intentFor, isStopWord, isWeakWord, queryVerbClasses, stem, verbClasses, words } from "./search-text.ts";

/**
 * Ranked keyword search over the tool catalog (see search-index.ts for the index), pure and
 * synchronous: per-index tables are derived on the first search and cached in a WeakMap.
 *
 * Scoring: BM25 over the weighted term bag of each tool, with the query's own terms at
 * full weight and their related terms (search-text.ts intents) at EXPANSION_WEIGHT. Then:
 *  - a query word that names a toolkit ("github", "google calendar") scores a virtual toolkit
 *    field on every tool of that toolkit and multiplies their scores by NAMED_TOOLKIT_BOOST;
 *    a word that only suggests one ("email" → gmail, outlook) multiplies by HINTED_TOOLKIT_BOOST;
 *  - tools whose action verb shares a class with a verb of the query get VERB_BOOST (a query
 *    without a verb asks for list/get/search);
 *  - the more of a tool's slug (or alias slug) the query covers, the more, up to
 *    1 + SLUG_COVERAGE_BOOST.
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
}

const K1 = 1.2;
const B = 0.6;
const EXPANSION_WEIGHT = 0.45;
/** The toolkit field's weight, like the other fields in half-units of tf. */
const TOOLKIT_FIELD_TF = 2 * TF_SCALE;
const NAMED_TOOLKIT_BOOST = 1.6;
const HINTED_TOOLKIT_BOOST = 1.25;
const VERB_BOOST = 1.3;
/** Up to this much more when every word of the tool's slug is in the query ("create a pull request" → CREATE_A_PULL_REQUEST). */
const SLUG_COVERAGE_BOOST = 0.5;
/** Own weight of words that describe arguments ("tomorrow") or say little ("details"), see isWeakWord. */
const WEAK_WORD_WEIGHT = 0.3;
/** What a query without a verb ("my unread emails") asks for. */
const DEFAULT_VERB_CLASSES: readonly string[] = ["list", "get", "search"];
const DEFAULT_LIMIT = 10;
/** Content weight of a query word that names a toolkit: the toolkit field already scores it. */
const NAMING_TERM_WEIGHT = 0.5;
/** A name word stops naming its toolkit when more than this share of all tools elsewhere use it. */
const NAMING_TERM_MAX_OUTSIDE_SHARE = 0.01;

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
  /** Term → the toolkit it names. */
  toolkitByTerm: Map<string, number>;
  /** Words in the names of several toolkits ("google") → those toolkits. */
  sharedNameTerms: Map<string, number[]>;
  toolkitNumber: Map<string, number>;
  /** Toolkit slugs as terms ("googlecalendar"). */
  toolkitSlugs: Set<string>;
  /** Toolkit-field score (idf × saturated tf) of each toolkit, for tools of a named toolkit. */
  toolkitFieldScore: Float64Array;
  /** Each document's verb classes (undefined when it has no verb). */
  docVerbClasses: (ReadonlySet<string> | undefined)[];
  /** Slug term → its position in the index's slugVocabulary. */
  slugTermIds: Map<string, number>;
  /** The index's slugTerms, and where each document's run starts in it. */
  slugTerms: Int32Array;
  slugTermStart: Uint32Array;
  /** For each slug term id, its verb classes when it is a verb. */
  slugTermVerbClasses: (ReadonlySet<string> | undefined)[];
  postings: Map<string, Postings | null>;
  scores: Float64Array;
}

const prepared = new WeakMap<SearchIndex, Prepared>();

function idf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
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

  // A term names a toolkit if it is the toolkit's slug, or a word of its name that no other
  // toolkit's name has, that is not a verb, and that other toolkits' tools rarely use
  // ("calendar" names Google Calendar; "google" and the "new" of "Hacker News" name nothing).
  const namers = new Map<string, number[]>();
  index.toolkitTerms.forEach((terms, t) => {
    for (const term of terms) namers.set(term, [...(namers.get(term) ?? []), t]);
  });
  const toolkitByTerm = new Map<string, number>();
  const sharedNameTerms = new Map<string, number[]>();
  const maxOutsideUse = Math.max(3, Math.ceil(docCount * NAMING_TERM_MAX_OUTSIDE_SHARE));
  for (const [term, ts] of namers) {
    const t = ts[0];
    if (ts.length > 1 && !verbClasses(term)) sharedNameTerms.set(term, ts);
    if (ts.length !== 1 || t === undefined) continue;
    if (term === index.toolkits[t]?.replaceAll("_", "")) {
      toolkitByTerm.set(term, t);
      continue;
    }
    if (verbClasses(term)) continue;
    const flat = Object.hasOwn(index.postings, term) ? (index.postings[term] ?? []) : [];
    let outside = 0;
    for (let i = 0, doc = 0; i < flat.length; i += 2) {
      doc += flat[i] ?? 0;
      if (index.docToolkit[doc] !== t) outside++;
    }
    if (outside <= maxOutsideUse) toolkitByTerm.set(term, t);
  }

  const state: Prepared = {
    docCount,
    norm,
    docToolkit: Uint16Array.from(index.docToolkit),
    toolkitDocs,
    toolkitByTerm,
    sharedNameTerms,
    toolkitNumber: new Map(index.toolkits.map((slug, t) => [slug, t])),
    toolkitSlugs: new Set(index.toolkits.map((slug) => slug.replaceAll("_", ""))),
    toolkitFieldScore,
    docVerbClasses: index.verbs.map((verb) => (verb === "" ? undefined : verbClasses(verb))),
    ...slugTermTables(index),
    postings: new Map(),
    scores: new Float64Array(docCount),
  };
  prepared.set(index, state);
  return state;
}

type SlugTermTables = Pick<Prepared, "slugTermIds" | "slugTerms" | "slugTermStart" | "slugTermVerbClasses">;

function slugTermTables(index: SearchIndex): SlugTermTables {
  const slugTerms = Int32Array.from(index.slugTerms);
  const slugTermStart = new Uint32Array(index.slugs.length + 1);
  let doc = 1;
  for (let i = 0; i < slugTerms.length; i++) if (slugTerms[i] === -2) slugTermStart[doc++] = i + 1;
  return {
    slugTermIds: new Map(index.slugVocabulary.map((term, id) => [term, id])),
    slugTerms,
    slugTermStart,
    slugTermVerbClasses: index.slugVocabulary.map((term) => verbClasses(term)),
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

interface ParsedQuery {
  /** Stemmed term → weight (1 for the query's own terms, EXPANSION_WEIGHT for related ones). */
  terms: Map<string, number>;
  namedToolkits: Set<number>;
  /** Toolkits suggested by the most query words (ties all kept). */
  hintedToolkits: Set<number>;
  verbClasses: Set<string>;
}

function parseQuery(state: Prepared, query: string): ParsedQuery {
  const all = words(query);
  const verbs = queryVerbClasses(all);
  const parsed: ParsedQuery = {
    terms: new Map(),
    namedToolkits: new Set(),
    hintedToolkits: new Set(),
    verbClasses: verbs.size > 0 ? verbs : new Set(DEFAULT_VERB_CLASSES),
  };
  const own = new Map<string, number>();
  const related = new Set<string>();
  const hints = new Map<number, number>();
  // Joined neighbours name toolkits too: "hacker news" → "hackernews", "google calendar" → "googlecalendar".
  for (let i = 0; i + 1 < all.length; i++) {
    const named = state.toolkitByTerm.get(`${all[i]}${all[i + 1]}`);
    if (named !== undefined) parsed.namedToolkits.add(named);
  }
  for (const word of all) {
    const term = stem(word);
    const intent = intentFor(term);
    if (intent) {
      for (const r of intent.terms) related.add(r);
      for (const slug of intent.toolkits) {
        const t = state.toolkitNumber.get(slug);
        if (t !== undefined) hints.set(t, (hints.get(t) ?? 0) + 1);
      }
    }
    if (isStopWord(word)) continue;
    const named = state.toolkitByTerm.get(term);
    if (named !== undefined) parsed.namedToolkits.add(named);
    // A name word several toolkits share ("google") suggests all of them.
    const shared = state.sharedNameTerms.get(term);
    if (shared) for (const t of shared) hints.set(t, (hints.get(t) ?? 0) + 1);
    // The toolkit's own slug ("github") is all toolkit field; its name words ("calendar") are content too.
    if (named !== undefined && state.toolkitSlugs.has(term)) continue;
    const weight = named !== undefined || shared ? NAMING_TERM_WEIGHT : isWeakWord(word) ? WEAK_WORD_WEIGHT : 1;
    own.set(term, Math.max(own.get(term) ?? 0, weight));
  }
  const mostHints = Math.max(0, ...hints.values());
  for (const [t, count] of hints) if (count === mostHints) parsed.hintedToolkits.add(t);
  for (const term of related) parsed.terms.set(term, EXPANSION_WEIGHT);
  for (const [term, weight] of own) parsed.terms.set(term, Math.max(weight, parsed.terms.get(term) ?? 0));
  return parsed;
}

/**
 * How much each slug term counts towards covering a slug: the query's own terms 1, related
 * terms their weight, and a slug verb of a verb class the query asks for 1 ("add a secret"
 * covers CREATE_OR_UPDATE_A_REPOSITORY_SECRET's "create").
 */
function coverageWeights(state: Prepared, parsed: ParsedQuery): Float64Array {
  const weights = new Float64Array(state.slugTermIds.size);
  state.slugTermVerbClasses.forEach((classes, id) => {
    if (classes) for (const cls of classes) if (parsed.verbClasses.has(cls)) weights[id] = 1;
  });
  for (const [term, weight] of parsed.terms) {
    const id = state.slugTermIds.get(term);
    if (id !== undefined) weights[id] = Math.max(weights[id] ?? 0, weight);
  }
  return weights;
}

/** The best share, over a tool's slug and its aliases, of slug terms the query covers. */
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

export function searchTools(index: SearchIndex, query: string, options: SearchOptions = {}): SearchHit[] {
  const state = prepare(index);
  const limit = options.limit ?? DEFAULT_LIMIT;
  if (limit <= 0) return [];
  const parsed = parseQuery(state, query);
  if (parsed.terms.size === 0 && parsed.namedToolkits.size === 0) return [];

  let toolkitFilter: Set<number> | undefined;
  if (options.toolkits) {
    toolkitFilter = new Set();
    for (const slug of options.toolkits) {
      const t = state.toolkitNumber.get(slug);
      if (t !== undefined) toolkitFilter.add(t);
    }
  }

  // BM25 over the query's terms, accumulated in the reusable score array.
  const scores = state.scores;
  const touched: number[] = [];
  for (const [term, weight] of parsed.terms) {
    const postings = postingsFor(index, state, term);
    if (!postings) continue;
    const factor = weight * postings.idf;
    const { docs, saturated } = postings;
    for (let i = 0; i < docs.length; i++) {
      const doc = docs[i] ?? 0;
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

  // Final scores: toolkit, verb and slug-coverage multipliers.
  const weights = coverageWeights(state, parsed);
  const candidates: number[] = [];
  const final = new Float64Array(touched.length);
  for (const doc of touched) {
    let score = scores[doc] ?? 0;
    scores[doc] = 0;
    const t = state.docToolkit[doc] ?? 0;
    if (toolkitFilter && !toolkitFilter.has(t)) continue;
    if (parsed.namedToolkits.has(t)) score *= NAMED_TOOLKIT_BOOST;
    else if (parsed.hintedToolkits.has(t)) score *= HINTED_TOOLKIT_BOOST;
    const classes = state.docVerbClasses[doc];
    if (classes) {
      for (const cls of classes) {
        if (parsed.verbClasses.has(cls)) {
          score *= VERB_BOOST;
          break;
        }
      }
    }
    score *= 1 + SLUG_COVERAGE_BOOST * slugCoverage(state, doc, weights);
    final[candidates.length] = score;
    candidates.push(doc);
  }

  // Best first (ties in catalog order, for stable output); `allow` runs only until the page is full.
  const order = candidates.map((_, i) => i);
  order.sort((a, b) => (final[b] ?? 0) - (final[a] ?? 0) || ((candidates[a] ?? 0) < (candidates[b] ?? 0) ? -1 : 1));
  const hits: SearchHit[] = [];
  for (const i of order) {
    const slug = index.slugs[candidates[i] ?? 0] ?? "";
    if (options.allow && !options.allow(slug)) continue;
    hits.push({ slug, score: Math.round((final[i] ?? 0) * 1000) / 1000 });
    if (hits.length === limit) break;
  }
  return hits;
}

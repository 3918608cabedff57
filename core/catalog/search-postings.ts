import { TF_SCALE, type SearchIndex } from "./search-index.ts";
import type { Prepared } from "./search-tables.ts";

/**
 * BM25 over the index's postings: its constants, idf, and each term's postings, decoded from
 * the index's compact form on the term's first use and kept for the isolate.
 */

/**
 * BM25's saturation and length normalisation, set with the ranker's other weights on the eval's
 * tune half: a tool's users' phrasings make its document longer without making it less apt,
 * so length counts little.
 */
export const K1 = 0.8;
export const B = 0.3;
/**
 * The same for a single phrasing (phrase matches, search-evidence.ts): BM25's usual constants, as a
 * phrasing holds each word once and a long one says more than a short one only by length.
 */
export const PHRASE_K1 = 1.2;
export const PHRASE_B = 0.75;

/** The phrasings holding a term, and its weight in each (idf × BM25's length-normalised tf of 1). */
export interface PhrasePostings {
  phrases: Uint32Array;
  weights: Float64Array;
}

export interface Postings {
  docs: Uint32Array;
  /** BM25 tf component precomputed per document: tf·(k1+1) / (tf + k1·norm(doc)). */
  saturated: Float64Array;
  idf: number;
}

export function idf(docCount: number, df: number): number {
  return Math.log(1 + (docCount - df + 0.5) / (df + 0.5));
}

/**
 * The positions in a term's postings of one toolkit's documents, [from, to): found by binary
 * search, so a term searched in one toolkit ("ticket" → issue in Jira) reads that toolkit's
 * few postings, not the thousands of the whole catalog.
 */
export function toolkitPostings(state: Prepared, docs: Uint32Array, toolkit: number): [from: number, to: number] {
  const start = state.toolkitRange[2 * toolkit] ?? 0;
  const end = state.toolkitRange[2 * toolkit + 1] ?? state.docCount;
  return [lowerBound(docs, start), lowerBound(docs, end)];
}

/** The first position in sorted `docs` holding a document ≥ `doc`. */
function lowerBound(docs: Uint32Array, doc: number): number {
  let low = 0;
  let high = docs.length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if ((docs[middle] ?? 0) < doc) low = middle + 1;
    else high = middle;
  }
  return low;
}

/** A term's decoded postings, decoded on its first use and kept for the isolate (null: it has none). */
function decodedOnce<T>(cache: Map<string, T | null>, term: string, decode: () => T | null): T | null {
  const cached = cache.get(term);
  if (cached !== undefined) return cached;
  const result = decode();
  cache.set(term, result);
  return result;
}

/** The tools holding a term, with BM25's saturated tf in each. */
export function postingsFor(index: SearchIndex, state: Prepared, term: string): Postings | null {
  return decodedOnce(state.postings, term, () => {
    if (!Object.hasOwn(index.postings, term)) return null;
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
    return { docs, saturated, idf: idf(state.docCount, count) };
  });
}

/** The phrasings holding a term, with its weight in each. */
export function phrasePostingsFor(index: SearchIndex, state: Prepared, term: string): PhrasePostings | null {
  return decodedOnce(state.phrasePostings, term, () => {
    if (!Object.hasOwn(index.phrasePostings, term)) return null;
    const gaps = index.phrasePostings[term] ?? [];
    const phrases = new Uint32Array(gaps.length);
    const weights = new Float64Array(gaps.length);
    const termIdf = idf(state.phraseDocs.length, gaps.length);
    let phrase = 0;
    for (let i = 0; i < gaps.length; i++) {
      phrase += gaps[i] ?? 0;
      phrases[i] = phrase;
      weights[i] = (termIdf * (PHRASE_K1 + 1)) / (1 + (state.phraseNorm[phrase] ?? PHRASE_K1));
    }
    return { phrases, weights };
  });
}

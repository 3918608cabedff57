/**
 * Typo tolerance for the search: the nearest known term to a word the index does not know,
 * by optimal-string-alignment distance (insertions, deletions, substitutions and swaps of
 * neighbours each cost 1: "lsit" → "list", "isue" → "issue", "gmial" → "gmail").
 *
 * Candidates are bucketed by first letter (and, for a swap of the first two letters, by the
 * second) and by length, so a lookup compares only terms that could be near enough, even
 * over a catalog of 10,000 tools.
 */

/** Words longer than this are never corrected (and the distance rows below stay fixed). */
const MAX_WORD = 48;

/** How far a word may be from a term: short words must be nearly exact. */
export function maxTypoDistance(length: number): number {
  if (length < 4 || length > MAX_WORD) return 0;
  return length < 7 ? 1 : 2;
}

// Three rows of the distance table, reused by every call: the search runs one query at a time.
let before = new Int32Array(MAX_WORD + 2);
let previous = new Int32Array(MAX_WORD + 2);
let current = new Int32Array(MAX_WORD + 2);

/** Optimal string alignment distance, giving up (returning max + 1) once it exceeds `max`. */
export function typoDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max || a.length > MAX_WORD || b.length > MAX_WORD) return max + 1;
  const width = b.length + 1;
  for (let j = 0; j < width; j++) previous[j] = j;
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j < width; j++) {
      const cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
      let value = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
        value = Math.min(value, (before[j - 2] ?? 0) + 1);
      }
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > max) return max + 1;
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length] ?? max + 1;
}

export class FuzzyVocabulary {
  /** "<letter><length>" → the terms of that length with that first (or second) letter. */
  readonly #terms = new Map<string, string[]>();
  /** The same for the terms' other spellings, searched only when no term is near. */
  readonly #spellings = new Map<string, string[]>();
  /** Each spelling → the term it is written for. */
  readonly #termOf = new Map<string, string>();
  readonly #weight: (term: string) => number;

  /**
   * `weight` breaks ties between equally near terms (e.g. how many tools use the term);
   * `spellings` gives words a typo may be nearer to than to its term: `inflectedForms(term)`
   * ("meetng" is one edit from "meeting", two from "meet").
   */
  constructor(terms: Iterable<string>, weight: (term: string) => number, spellings: (term: string) => readonly string[] = () => []) {
    this.#weight = weight;
    const all = [...terms];
    for (const term of all) add(this.#terms, term);
    const known = new Set(all);
    for (const term of all) {
      for (const word of spellings(term)) {
        if (known.has(word) || this.#termOf.has(word)) continue;
        this.#termOf.set(word, term);
        add(this.#spellings, word);
      }
    }
  }

  /**
   * The nearest term within the allowed distance of any of `forms` (a word and its stem), if one is.
   * A three-letter word is too short to correct in general ("pls", "eta" are words), but one in a
   * verb's place may be a verb missing a letter ("snd" → send, "lst" → list): with `verb`, such a
   * word is corrected one edit away, to a term `verb` accepts only. The terms' other spellings
   * are searched only when no term is near: most unknown words are names, not typos, and pay once.
   */
  nearest(forms: readonly string[], verb?: (term: string) => boolean): string | undefined {
    return this.#nearestIn(this.#terms, forms, verb) ?? this.#nearestIn(this.#spellings, forms, verb);
  }

  #nearestIn(buckets: ReadonlyMap<string, string[]>, forms: readonly string[], verb?: (term: string) => boolean): string | undefined {
    let best: string | undefined;
    let bestDistance = Infinity;
    let bestWeight = -1;
    for (const [n, form] of forms.entries()) {
      // The word itself, not its stem ("lies" → "lie" is no three-letter word).
      const short = verb !== undefined && n === 0 && form.length === 3;
      const max = short ? 1 : maxTypoDistance(form.length);
      if (max === 0) continue;
      const seen = new Set<string>();
      for (const letter of new Set([form[0] ?? "", form[1] ?? ""])) {
        for (let length = form.length - max; length <= form.length + max; length++) {
          for (const word of buckets.get(`${letter}${length}`) ?? []) {
            if (seen.has(word)) continue;
            seen.add(word);
            const term = this.#termOf.get(word) ?? word;
            const distance = typoDistance(form, word, Math.min(max, bestDistance));
            if (distance > max || distance > bestDistance || (short && !verb(term))) continue;
            const weight = this.#weight(term);
            if (distance < bestDistance || weight > bestWeight) {
              best = term;
              bestDistance = distance;
              bestWeight = weight;
            }
          }
        }
      }
    }
    return best;
  }
}

/** Files a word under its first and second letters and its length. */
function add(buckets: Map<string, string[]>, word: string): void {
  if (word.length < 3 || word.length > MAX_WORD) return;
  for (const letter of new Set([word[0] ?? "", word[1] ?? ""])) {
    const key = `${letter}${word.length}`;
    const bucket = buckets.get(key);
    if (bucket) bucket.push(word);
    else buckets.set(key, [word]);
  }
}

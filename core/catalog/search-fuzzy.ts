/**
 * Typo tolerance for the search: the nearest known term to a word the index does not know,
 * by optimal-string-alignment distance (insertions, deletions, substitutions and swaps of
 * neighbours each cost 1: "lsit" → "list", "isue" → "issue", "gmial" → "gmail").
 *
 * Candidates are bucketed by first letter (and, for a swap of the first two letters, by the
 * second) and by length, so a lookup compares only terms that could be near enough, even
 * over a catalog of 10,000 tools. Within a bucket, the letters two words do not share rule
 * out most candidates before their distance is computed (see `lettersApart`).
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

/**
 * The letters of a word as bits: a–z one each, every other character sharing the rest by
 * code. Two characters sharing a bit only weakens the bound below, never breaks it.
 */
function letterMask(word: string): number {
  let mask = 0;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    mask |= 1 << (code >= 97 && code <= 122 ? code - 97 : 26 + (code % 6));
  }
  return mask;
}

function bitCount(mask: number): number {
  let n = mask - ((mask >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * A lower bound on the distance of two words from their letter masks: each letter one word has
 * and the other lacks takes an edit of its own (a swap changes no letters), so no word whose
 * bound exceeds the allowed distance needs its distance computed.
 */
function lettersApart(a: number, b: number): number {
  return Math.max(bitCount(a & ~b), bitCount(b & ~a));
}

/** The words of one first (or second) letter and length, with their letter masks. */
interface Bucket {
  words: string[];
  masks: number[];
}

export class FuzzyVocabulary {
  /** "<letter><length>" → the terms of that length with that first (or second) letter. */
  readonly #terms = new Map<string, Bucket>();
  /** The same for the terms' other spellings, searched with them (a term wins a tie: it is compared first). */
  readonly #spellings = new Map<string, Bucket>();
  /** Each spelling → the term it is written for. */
  readonly #termOf = new Map<string, string>();
  readonly #weight: (term: string) => number;
  readonly #names: ReadonlySet<string>;

  /**
   * `weight` breaks ties between equally near terms (e.g. how many tools use the term);
   * `spellings` gives words a typo may be nearer to than to its term: `inflectedForms(term)`
   * ("meetng" is one edit from "meeting", two from "meet"); `names` are terms that name
   * something (a toolkit): a mistyped name is likelier than another term as near ("stirpe" is
   * Stripe, not the verb "stir").
   */
  constructor(terms: Iterable<string>, weight: (term: string) => number, spellings: (term: string) => readonly string[] = () => [], names: ReadonlySet<string> = new Set()) {
    this.#weight = weight;
    this.#names = names;
    // The lists it is built from overlap (a verb is often also a slug word): each term is filed once.
    const known = new Set(terms);
    for (const term of known) add(this.#terms, term);
    for (const term of known) {
      for (const word of spellings(term)) {
        if (known.has(word) || this.#termOf.has(word)) continue;
        this.#termOf.set(word, term);
        add(this.#spellings, word);
      }
    }
  }

  /**
   * The nearest term within the allowed distance of any of `forms` (a word and its stem), if one is,
   * measured against the terms and their written spellings alike. Among equally near terms, one
   * near the word as written wins over one near only its stem ("purpse" is purpose, one edit away;
   * its stem "purps" is as near "purgs", no word anyone writes), then one that keeps the word's first letter (people rarely mistype the first letter: "fllow" is
   * follow, not allow), then one that holds every letter typed (a letter dropped or two swapped are
   * likelier than one struck wrong: "staus" is status, not stars), then a name, then, where a verb stands (`verb` given), a verb ("cose" → close, not
   * code), then the one more tools use. A three-letter word is too short to correct in general
   * ("pls", "eta" are words), but one in a verb's place may be a verb missing a letter ("snd" →
   * send, "lst" → list): with `verb`, such a word is corrected one edit away, to a verb only.
   */
  nearest(forms: readonly string[], verb?: (term: string) => boolean): string | undefined {
    let best: Candidate | undefined;
    for (const buckets of [this.#terms, this.#spellings]) best = this.#nearestIn(buckets, forms, verb, best);
    return best?.term;
  }

  #nearestIn(buckets: ReadonlyMap<string, Bucket>, forms: readonly string[], verb: ((term: string) => boolean) | undefined, found: Candidate | undefined): Candidate | undefined {
    let best = found;
    for (const [n, form] of forms.entries()) {
      // The word itself, not its stem ("lies" → "lie" is no three-letter word).
      const short = verb !== undefined && n === 0 && form.length === 3;
      const max = short ? 1 : maxTypoDistance(form.length);
      if (max === 0) continue;
      const mask = letterMask(form);
      const first = form[0] ?? "";
      const second = form[1] ?? "";
      for (const letter of first === second ? [first] : [first, second]) {
        for (let length = form.length - max; length <= form.length + max; length++) {
          const bucket = buckets.get(`${letter}${length}`);
          if (!bucket) continue;
          const { words, masks } = bucket;
          for (let i = 0; i < words.length; i++) {
            const word = words[i] ?? "";
            // A word filed under both letters was compared in the first letter's bucket.
            if (letter !== first && (word[0] === first || word[1] === first)) continue;
            if (lettersApart(mask, masks[i] ?? 0) > max) continue;
            const distance = typoDistance(form, word, Math.min(max, best?.distance ?? max));
            if (distance > max || (best && distance > best.distance)) continue;
            const term = this.#termOf.get(word) ?? word;
            const isVerb = verb !== undefined && verb(term);
            if (short && !isVerb) continue;
            const candidate = { term, distance, asWritten: n === 0, keepsFirst: word[0] === first, keepsLetters: (mask & ~(masks[i] ?? 0)) === 0, isName: this.#names.has(term), isVerb, weight: this.#weight(term) };
            if (!best || nearer(candidate, best)) best = candidate;
          }
        }
      }
    }
    return best;
  }
}

/** A term near enough to a word, and what breaks ties between such terms. */
interface Candidate {
  term: string;
  distance: number;
  /** Near the word as written, not only its stem. */
  asWritten: boolean;
  keepsFirst: boolean;
  /** Holds every letter typed: the typo dropped or swapped letters rather than striking a wrong one. */
  keepsLetters: boolean;
  isName: boolean;
  isVerb: boolean;
  weight: number;
}

function nearer(a: Candidate, b: Candidate): boolean {
  if (a.distance !== b.distance) return a.distance < b.distance;
  if (a.asWritten !== b.asWritten) return a.asWritten;
  if (a.keepsFirst !== b.keepsFirst) return a.keepsFirst;
  if (a.keepsLetters !== b.keepsLetters) return a.keepsLetters;
  if (a.isName !== b.isName) return a.isName;
  if (a.isVerb !== b.isVerb) return a.isVerb;
  return a.weight > b.weight;
}

/** Files a word under its first and second letters and its length. */
function add(buckets: Map<string, Bucket>, word: string): void {
  if (word.length < 3 || word.length > MAX_WORD) return;
  const mask = letterMask(word);
  for (const letter of new Set([word[0] ?? "", word[1] ?? ""])) {
    const key = `${letter}${word.length}`;
    const bucket = buckets.get(key);
    if (bucket) {
      bucket.words.push(word);
      bucket.masks.push(mask);
    } else buckets.set(key, { words: [word], masks: [mask] });
  }
}

/**
 * A Bloom filter over the lexicons' one-word keys and stop words: whether a word may be a word of
 * some other language, answered without parsing the lexicons. A request whose every unknown word
 * is surely none ("crete an isue", "LGTM") is English, and its isolate never parses the Latin
 * lexicons (1.9 M characters) for it. Never a false "no"; about one "yes" in a hundred is false,
 * and then the lexicons are read and answer exactly.
 */

/** Bits per word: about 1% false positives with `HASHES` hashes. */
const BITS_PER_WORD = 10;
const HASHES = 7;

/** A word as the filters test it: two 32-bit FNV-1a hashes (the second with another offset basis), combined as h1 + i·h2. */
export type BloomKey = readonly [number, number];

/** A word's key, worked out once however many filters test it. */
export function bloomKey(word: string): BloomKey {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (let i = 0; i < word.length; i++) {
    const code = word.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193);
    b = Math.imul(b ^ code, 0x5bd1e995);
  }
  return [a >>> 0, (b | 1) >>> 0];
}

/** The filter over these words, as base64 (it travels in the search index's JSON). */
export function bloomOf(words: Iterable<string>): string {
  const list = [...new Set(words)];
  const bits = new Uint8Array(Math.max(8, Math.ceil((list.length * BITS_PER_WORD) / 8)));
  const size = bits.length * 8;
  for (const word of list) {
    const [h1, h2] = bloomKey(word);
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 + i * h2) % size;
      bits[bit >>> 3] = (bits[bit >>> 3] ?? 0) | (1 << (bit & 7));
    }
  }
  let binary = "";
  for (const byte of bits) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Reads a filter `bloomOf` wrote: whether a word, by its key, may be one of its words. */
export function bloomReader(base64: string): (key: BloomKey) => boolean {
  const binary = atob(base64);
  const bits = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bits[i] = binary.charCodeAt(i);
  const size = bits.length * 8;
  return ([h1, h2]) => {
    for (let i = 0; i < HASHES; i++) {
      const bit = (h1 + i * h2) % size;
      if (((bits[bit >>> 3] ?? 0) & (1 << (bit & 7))) === 0) return false;
    }
    return true;
  };
}

import type { SearchEvalCase } from "./search-eval.ts";

/**
 * The eval's plain requests again, each with one typo made by a seeded generator: a letter
 * dropped, added, replaced or swapped with its neighbour, inside one word of five letters or
 * more (never its first letter, which people rarely mistype). The eval's own typo cases are
 * few (about 25 per half); this measures typo tolerance on hundreds, with typos nobody chose.
 */

const LETTERS = "abcdefghijklmnopqrstuvwxyz";

/** A linear congruential generator: the same seed gives the same typos on every machine. */
function generator(seed: number): (n: number) => number {
  let state = seed;
  return (n) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % n;
  };
}

function misspell(word: string, random: (n: number) => number): string {
  const at = 1 + random(word.length - 2);
  switch (random(4)) {
    case 0:
      return word.slice(0, at) + word.slice(at + 1);
    case 1:
      return word.slice(0, at) + LETTERS[random(26)] + word.slice(at);
    case 2:
      return word.slice(0, at) + LETTERS[random(26)] + word.slice(at + 1);
    default:
      return word.slice(0, at - 1) + (word[at] ?? "") + (word[at - 1] ?? "") + word.slice(at + 1);
  }
}

/**
 * The cases of the given kinds (by default the plain and app-named ones) with one typo each;
 * cases with no word long enough are left out.
 */
export function withInjectedTypos(cases: readonly SearchEvalCase[], seed: number, kinds: readonly string[] = ["plain", "app_named"]): SearchEvalCase[] {
  const random = generator(seed);
  return cases.flatMap((evalCase) => {
    if (!kinds.includes(evalCase.kind ?? "")) return [];
    const words = evalCase.query.split(" ");
    const long = words.flatMap((word, i) => (/^[a-z]{5,}$/.test(word) ? [i] : []));
    if (long.length === 0) return [];
    const i = long[random(long.length)] ?? 0;
    const query = words.map((word, j) => (j === i ? misspell(word, random) : word)).join(" ");
    return [{ ...evalCase, query, kind: "injected_typo" }];
  });
}

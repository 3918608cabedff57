import { describe, expect, it } from "vitest";
import { bloomKey, bloomOf, bloomReader } from "../../../../core/catalog/search-bloom.ts";
import { lexiconOf } from "../../../../core/catalog/search-index.ts";
import { catalogSearchIndex } from "../../../../core/catalog/registry.ts";

describe("the lexicons' Bloom filter", () => {
  it("never says no to a word it holds, and rarely yes to one it does not", () => {
    const words = Array.from({ length: 5000 }, (_, i) => `word${i}`);
    const filter = bloomReader(bloomOf(words));
    const mayBe = (word: string) => filter(bloomKey(word));
    expect(words.every(mayBe)).toBe(true);
    const strangers = Array.from({ length: 5000 }, (_, i) => `other${i}`).filter(mayBe);
    expect(strangers.length).toBeLessThan(150);
  });

  it("holds every one-word key and stop word of each of the built catalog's lexicons, and few English words", () => {
    const index = catalogSearchIndex();
    for (const key of Object.keys(index.lexicons)) {
      const filter = bloomReader(index.lexiconWords[key] ?? "");
      const mayBe = (word: string) => filter(bloomKey(word));
      const lexicon = lexiconOf(index, key);
      const missed = [...Object.keys(lexicon.words), ...lexicon.stopWords].filter((word) => !word.includes(" ") && !mayBe(word));
      expect(missed, key).toEqual([]);
      // Misspellings and jargon of English requests are surely no word of another language.
      expect(["crete", "isue", "lgtm", "retreive", "pulll"].filter(mayBe).length, key).toBeLessThanOrEqual(1);
    }
  });
});

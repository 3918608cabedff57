import { describe, expect, it } from "vitest";
import { catalogMisspellings } from "../../scripts/lib/search-misspellings.ts";

/** Postings for a term used by `tools` tools (the derivation reads only how many). */
function usedBy(tools: number): number[] {
  return Array.from({ length: tools }, () => [1, 2]).flat();
}

describe("the catalog's misspellings, derived at build time", () => {
  it("takes a rare non-word one swap or one letter from a frequent term for that term", () => {
    const postings = { retriev: usedBy(40), retreiv: usedBy(1), endpoint: usedBy(30), endpint: usedBy(1), attachment: usedBy(50), attachement: usedBy(2) };
    expect(catalogMisspellings({ postings })).toEqual({ retreiv: "retriev", endpint: "endpoint", attachement: "attachment" });
  });

  it("leaves dictionary words, edits at a word's ends, short and common terms alone", () => {
    const postings = {
      // "form" and "forum" are both words; "odata" and "jsonl" differ from "data" and "json" at an end.
      form: usedBy(40), forum: usedBy(1), data: usedBy(60), odata: usedBy(1), json: usedBy(30), jsonl: usedBy(1),
      // Too frequent to be a slip, or its word too rare to be the one meant.
      retriev: usedBy(40), retreiv: usedBy(3), widget: usedBy(5), widegt: usedBy(1),
      // Too short to tell.
      fiel: usedBy(1), file: usedBy(50),
    };
    expect(catalogMisspellings({ postings })).toEqual({});
  });
});

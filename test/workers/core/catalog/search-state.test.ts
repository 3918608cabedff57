import { describe, expect, it } from "vitest";
import { catalogSearchIndex } from "../../../../core/catalog/registry.ts";
import { searchTools } from "../../../../core/catalog/search.ts";

describe("the ranker's per-index arrays, reused by every search", () => {
  it("carry nothing from one search into the next: a ranking is the same after any other", () => {
    const index = catalogSearchIndex();
    const requests = ["create an issue in acme/api", "envía un correo a Ana", "what did I miss in #general", "crete an isue", "share the budget sheet with finance"];
    const alone = requests.map((request) => {
      // A different search first, whose scores, coverage and phrasing matches are then reused.
      searchTools(index, "list my open pull requests and their reviews");
      return searchTools(index, request, { limit: 20 });
    });
    const inTurn = requests.map((request) => searchTools(index, request, { limit: 20 }));
    expect(inTurn).toEqual(alone);
    expect(inTurn.every((hits) => hits.length === 20)).toBe(true);
  });
});

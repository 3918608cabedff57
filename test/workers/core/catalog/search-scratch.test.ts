import { describe, expect, it } from "vitest";
import { catalogSearchIndex } from "../../../../core/catalog/registry.ts";
import { ScratchList } from "../../../../core/catalog/search-scratch.ts";
import { searchTools } from "../../../../core/catalog/search.ts";

describe("the search's reusable lists", () => {
  it("keep every number pushed, past their capacity too, and start empty again when cleared", () => {
    const list = new ScratchList(16);
    for (let i = 0; i < 40; i++) list.push(i * 3);
    expect(list.length).toBe(40);
    expect(Array.from(list.view())).toEqual(Array.from({ length: 40 }, (_, i) => i * 3));
    expect(list.clear().length).toBe(0);
    list.push(7);
    expect(Array.from(list.view())).toEqual([7]);
  });

  it("carry nothing from one search into the next: a ranking is the same after any other", () => {
    const index = catalogSearchIndex();
    const requests = ["create an issue in acme/api", "envía un correo a Ana", "what did I miss in #general", "crete an isue", "share the budget sheet with finance"];
    const alone = requests.map((request) => {
      // A different search first, whose lists are then reused.
      searchTools(index, "list my open pull requests and their reviews");
      return searchTools(index, request, { limit: 20 });
    });
    const inTurn = requests.map((request) => searchTools(index, request, { limit: 20 }));
    expect(inTurn).toEqual(alone);
    expect(inTurn.every((hits) => hits.length === 20)).toBe(true);
  });
});

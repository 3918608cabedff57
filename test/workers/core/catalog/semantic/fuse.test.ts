import { describe, expect, it } from "vitest";
import { fuseRankings, type ScoredSlug } from "../../../../../core/catalog/semantic/fuse.ts";

const scored = (...pairs: [string, number][]): ScoredSlug[] => pairs.map(([slug, score]) => ({ slug, score }));

describe("fuseRankings", () => {
  it("is the lexical order when the semantic answer is empty or weighs nothing", () => {
    const lexical = scored(["a", 9], ["b", 5], ["c", 1]);
    expect(fuseRankings(lexical, [], 0.25)).toEqual(["a", "b", "c"]);
    expect(fuseRankings(lexical, scored(["c", 0.9], ["d", 0.8]), 0)).toEqual(["a", "b", "c"]);
  });

  it("reorders lexical hits scored close together, not those far apart", () => {
    // b is 5% below a: the semantic index's nearest tool overtakes it; c at 10% of a does not.
    const lexical = scored(["a", 10], ["b", 9.5], ["c", 1]);
    expect(fuseRankings(lexical, scored(["b", 0.8], ["c", 0.7], ["a", 0.5]), 0.25)).toEqual(["b", "a", "c"]);
    expect(fuseRankings(lexical, scored(["c", 0.8], ["a", 0.7], ["b", 0.5]), 0.25)).toEqual(["a", "b", "c"]);
  });

  it("brings in a tool only the semantic index found where the lexical scores have fallen below the weight", () => {
    const lexical = scored(["a", 10], ["b", 3], ["c", 1]);
    // d is the nearest (share 1 × 0.25): above c (0.1) and b (0.3 + 0 for the farthest), below a.
    expect(fuseRankings(lexical, scored(["d", 0.9], ["b", 0.4]), 0.25)).toEqual(["a", "b", "d", "c"]);
    expect(fuseRankings(lexical, scored(["d", 0.9], ["b", 0.4]), 2)).toEqual(["d", "a", "b", "c"]);
  });

  it("reads the semantic scores on no fixed scale: only their spread counts", () => {
    const lexical = scored(["a", 10], ["b", 9]);
    const cosine = fuseRankings(lexical, scored(["b", 0.62], ["a", 0.6], ["z", 0.2]), 0.25);
    const scaled = fuseRankings(lexical, scored(["b", 62], ["a", 60], ["z", 20]), 0.25);
    expect(cosine).toEqual(scaled);
    // All at one similarity, each counts fully: the lexical order decides.
    expect(fuseRankings(lexical, scored(["b", 0.5], ["a", 0.5]), 0.25)).toEqual(["a", "b"]);
  });

  it("never lifts a hit of a merged ranking above one placed before it for its score alone", () => {
    // A project's own tool (o) placed first with a lower score than the shared tool after it:
    // scores of two indexes do not compare, so s counts as much as o, never more.
    expect(fuseRankings(scored(["o", 2], ["s", 8]), [], 0.25)).toEqual(["o", "s"]);
    expect(fuseRankings(scored(["o", 2], ["s", 8], ["t", 1]), [], 0.25)).toEqual(["o", "s", "t"]);
    // Level on the lexical side, the semantic half decides between them.
    expect(fuseRankings(scored(["o", 2], ["s", 8]), scored(["s", 0.9], ["o", 0.8]), 0.25)).toEqual(["s", "o"]);
  });

  it("is deterministic on ties, counts a repeat once, and handles empty and zero-score rankings", () => {
    expect(fuseRankings(scored(["a", 1], ["b", 1]), [], 0.25)).toEqual(["a", "b"]);
    expect(fuseRankings(scored(["a", 5], ["a", 4], ["b", 3]), scored(["c", 1], ["c", 0.5]), 0.25)).toEqual(["a", "b", "c"]);
    expect(fuseRankings([], [], 0.25)).toEqual([]);
    expect(fuseRankings([], scored(["x", 0.7], ["y", 0.3]), 0.25)).toEqual(["x", "y"]);
    expect(fuseRankings(scored(["a", 0], ["b", 0]), scored(["b", 0.5]), 0.25)).toEqual(["b", "a"]);
  });

  it("refuses a weight that is negative or not a finite number", () => {
    for (const weight of [-1, Number.NaN, Number.POSITIVE_INFINITY]) expect(() => fuseRankings([], [], weight)).toThrow(RangeError);
  });
});

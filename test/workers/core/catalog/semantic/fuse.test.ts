import { describe, expect, it } from "vitest";
import { fuseRankings } from "../../../../../core/catalog/semantic/fuse.ts";

describe("fuseRankings", () => {
  it("ranks an item both rankings share above items only one has", () => {
    expect(fuseRankings([["a", "b", "c"], ["c", "d"]])).toEqual(["c", "a", "b", "d"]);
  });

  it("breaks ties by first appearance, reading the first ranking first", () => {
    expect(fuseRankings([["a", "b"], ["b", "a"]])).toEqual(["a", "b"]);
    expect(fuseRankings([["b", "a"], ["a", "b"]])).toEqual(["b", "a"]);
    // b (first ranking, rank 2) and d (second ranking, rank 2) score alike: b comes first.
    expect(fuseRankings([["a", "b"], ["c", "d"]])).toEqual(["a", "c", "b", "d"]);
    // Three terms summed in different orders still tie.
    expect(fuseRankings([["x", "y", "z"], ["y", "z", "x"], ["z", "x", "y"]])).toEqual(["x", "y", "z"]);
  });

  it("lets weights decide between rankings", () => {
    expect(fuseRankings([["a", "b"], ["b", "a"]], { weights: [1, 0.5] })).toEqual(["a", "b"]);
    expect(fuseRankings([["a", "b"], ["b", "a"]], { weights: [0.5, 1] })).toEqual(["b", "a"]);
    expect(fuseRankings([["a"], ["b"]], { weights: [1, 2] })).toEqual(["b", "a"]);
  });

  it("drops a ranking of weight 0 entirely, and defaults missing weights to 1", () => {
    expect(fuseRankings([["a", "b"], ["c"]], { weights: [1, 0] })).toEqual(["a", "b"]);
    expect(fuseRankings([["a"], ["b", "a"]], { weights: [2] })).toEqual(["a", "b"]);
  });

  it("uses k to trade the head of one ranking against agreement between them", () => {
    const rankings = [["a", "x", "y", "z", "b"], ["c", "d", "e", "f", "b"]];
    // Small k: being first matters most. Large k: appearing twice matters most.
    expect(fuseRankings(rankings, { k: 0 })[0]).toBe("a");
    expect(fuseRankings(rankings, { k: 60 })[0]).toBe("b");
    expect(fuseRankings(rankings)).toEqual(fuseRankings(rankings, { k: 60 }));
  });

  it("counts a repeated item once, at its best rank", () => {
    expect(fuseRankings([["a", "b", "a"], ["b"]])).toEqual(["b", "a"]);
    expect(fuseRankings([["a", "a", "a"]])).toEqual(["a"]);
  });

  it("handles empty input", () => {
    expect(fuseRankings([])).toEqual([]);
    expect(fuseRankings([[], []])).toEqual([]);
    expect(fuseRankings([[], ["a", "b"]])).toEqual(["a", "b"]);
    expect(fuseRankings([["a", "b"], []])).toEqual(["a", "b"]);
  });

  it("is pure: it leaves its input untouched and answers the same twice", () => {
    const rankings = Object.freeze([Object.freeze(["a", "b", "c"]), Object.freeze(["c", "b"])]);
    const first = fuseRankings(rankings, { weights: Object.freeze([1, 0.7]) });
    expect(fuseRankings(rankings, { weights: [1, 0.7] })).toEqual(first);
    expect(rankings).toEqual([["a", "b", "c"], ["c", "b"]]);
  });

  it("refuses a negative or non-finite k or weight", () => {
    expect(() => fuseRankings([["a"]], { k: -1 })).toThrow(RangeError);
    expect(() => fuseRankings([["a"]], { k: Number.POSITIVE_INFINITY })).toThrow(RangeError);
    expect(() => fuseRankings([["a"]], { weights: [-1] })).toThrow(RangeError);
    expect(() => fuseRankings([["a"]], { weights: [Number.NaN] })).toThrow(RangeError);
  });
});

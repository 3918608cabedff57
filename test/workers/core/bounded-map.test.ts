import { describe, expect, it } from "vitest";
import { setBounded } from "../../../core/bounded-map.ts";

describe("setBounded", () => {
  it("keeps at most `max` entries, dropping the oldest write", () => {
    const map = new Map<string, number>();
    for (const [key, value] of [["a", 1], ["b", 2], ["c", 3]] as const) setBounded(map, key, value, 2);
    expect([...map]).toEqual([["b", 2], ["c", 3]]);
  });

  it("re-setting a key moves it to the newest and drops nothing else", () => {
    const map = new Map([["a", 1], ["b", 2]]);
    setBounded(map, "a", 9, 2);
    expect([...map]).toEqual([["b", 2], ["a", 9]]);
  });
});

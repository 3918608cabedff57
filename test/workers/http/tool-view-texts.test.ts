import { describe, expect, it } from "vitest";
import { ViewTexts } from "../../../worker/http/tool-view-texts.ts";

describe("ViewTexts", () => {
  it("keeps texts within its character budget, dropping the least recently used first", () => {
    const texts = new ViewTexts(10);
    texts.set("A", "aaaa");
    texts.set("B", "bbbb");
    // Reading A makes B the least recently used.
    expect(texts.get("A")).toBe("aaaa");
    texts.set("C", "cccc");
    expect(texts.get("B")).toBeUndefined();
    expect(texts.get("A")).toBe("aaaa");
    expect(texts.get("C")).toBe("cccc");
    expect(texts.chars).toBe(8);
  });

  it("counts a replaced text once, and never keeps a text larger than the whole budget", () => {
    const texts = new ViewTexts(10);
    texts.set("A", "aaaa");
    texts.set("A", "aaaaaa");
    expect(texts.chars).toBe(6);
    texts.set("B", "b".repeat(11));
    expect(texts.get("B")).toBeUndefined();
    expect(texts.get("A")).toBe("aaaaaa");
    expect(texts.chars).toBe(6);
  });
});

import { describe, expect, it } from "vitest";
import { allTools } from "../../../../../core/catalog/registry.ts";
import { MAX_PHRASINGS_PER_TOOL, phrasingVectorId, slugHash, VectorIds } from "../../../../../core/catalog/semantic/vector-ids.ts";

describe("vector ids", () => {
  const slugs = allTools().map((entry) => entry.tool.slug);
  const ids = new VectorIds(slugs);

  it("gives no two of the catalog's slugs the same hash", () => {
    expect(new Set(slugs.map(slugHash)).size).toBe(slugs.length);
  });

  it("keeps every phrasing id within Vectorize's 64 bytes, whatever the slug's length", () => {
    const longest = "A".repeat(64);
    expect(phrasingVectorId(longest, MAX_PHRASINGS_PER_TOOL - 1).length).toBeLessThanOrEqual(64);
    expect(phrasingVectorId(longest, 11)).toMatch(/^~11~[0-9a-z]{14}$/);
  });

  it("reads a phrasing's id, and a tool's, back as the tool's slug", () => {
    for (const slug of [slugs[0] ?? "", "GMAIL_SEND_EMAIL", slugs.at(-1) ?? ""]) {
      expect(ids.slugOf(slug)).toBe(slug);
      for (const n of [0, 5, MAX_PHRASINGS_PER_TOOL - 1]) expect(ids.slugOf(phrasingVectorId(slug, n))).toBe(slug);
    }
  });

  it("reads an id of a tool the catalog no longer has, or of no form it writes, as nothing", () => {
    expect(ids.slugOf("GMAIL_NO_SUCH_TOOL")).toBeUndefined();
    expect(ids.slugOf(phrasingVectorId("GMAIL_NO_SUCH_TOOL", 0))).toBeUndefined();
    for (const id of ["~x~abc", "~0~", "~100~0000000000000", ""]) expect(ids.slugOf(id)).toBeUndefined();
  });
});

import { describe, expect, it } from "vitest";
import type { ToolDefinition } from "../../../../catalog/definition.ts";
import { DefinitionCache } from "../../../../core/catalog/definition-cache.ts";

const tool = (slug: string) => ({ slug }) as ToolDefinition;

describe("DefinitionCache", () => {
  it("keeps at most its capacity, dropping the least recently used", () => {
    const cache = new DefinitionCache(2);
    cache.set(tool("A"));
    cache.set(tool("B"));
    expect(cache.get("A")?.slug).toBe("A"); // A is now the most recently used
    cache.set(tool("C"));
    expect(cache.size).toBe(2);
    expect(cache.get("B")).toBeUndefined();
    expect(cache.get("A")?.slug).toBe("A");
    expect(cache.get("C")?.slug).toBe("C");
  });

  it("replaces a definition set again and counts it once", () => {
    const cache = new DefinitionCache(2);
    const first = tool("A");
    const second = tool("A");
    cache.set(first);
    cache.set(second);
    expect(cache.size).toBe(1);
    expect(cache.get("A")).toBe(second);
  });
});

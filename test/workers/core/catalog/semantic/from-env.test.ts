import { env } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import { semanticBindings, semanticIndexFromEnv, type SemanticSearchEnv } from "../../../../../core/catalog/semantic/from-env.ts";
import { vectorsForTools } from "../../../../../worker/catalog/semantic/tool-vectors.ts";
import { allTools, loadTools, readPhrasings } from "../../../../../core/catalog/registry.ts";
import { InMemoryVectorStore, StandInAi } from "./stand-ins.ts";

// Compile-time: the generated binding types fit the narrow interfaces, so a production
// `Env` with `[ai]` and `[[vectorize]]` passes to these functions unchanged.
export const productionEnvFits = (ai: Ai, vectors: VectorizeIndex, v2: Vectorize): SemanticSearchEnv[] => [
  { SEARCH_MODE: "hybrid", AI: ai, TOOL_VECTORS: vectors },
  { SEARCH_MODE: "hybrid", AI: ai, TOOL_VECTORS: v2 },
  env,
];

describe("semanticIndexFromEnv", () => {
  const AI = new StandInAi();
  const TOOL_VECTORS = new InMemoryVectorStore();

  it("is undefined in the test and dev configuration: lexical mode, no bindings", () => {
    expect(env.SEARCH_MODE).toBe("lexical");
    expect(semanticIndexFromEnv(env)).toBeUndefined();
    expect(semanticBindings(env)).toBeUndefined();
  });

  it("is undefined in lexical mode, or with no mode, even when both bindings exist", () => {
    expect(semanticIndexFromEnv({ SEARCH_MODE: "lexical", AI, TOOL_VECTORS })).toBeUndefined();
    expect(semanticIndexFromEnv({ AI, TOOL_VECTORS })).toBeUndefined();
    expect(semanticIndexFromEnv({ SEARCH_MODE: "semantic", AI, TOOL_VECTORS })).toBeUndefined();
  });

  it("is undefined in hybrid mode when a binding is missing", () => {
    expect(semanticIndexFromEnv({ SEARCH_MODE: "hybrid" })).toBeUndefined();
    expect(semanticIndexFromEnv({ SEARCH_MODE: "hybrid", AI })).toBeUndefined();
    expect(semanticIndexFromEnv({ SEARCH_MODE: "hybrid", TOOL_VECTORS })).toBeUndefined();
    expect(semanticIndexFromEnv({ ...env, SEARCH_MODE: "hybrid" })).toBeUndefined();
  });

  it("is a working index in hybrid mode with both bindings", async () => {
    await TOOL_VECTORS.upsert(await vectorsForTools(AI, await loadTools(env, allTools().filter((entry) => entry.toolkit.slug === "discord"))));
    const index = semanticIndexFromEnv({ ...env, SEARCH_MODE: " Hybrid ", AI, TOOL_VECTORS });
    expect(index).toBeDefined();
    const hits = await index?.query("post a message in a channel", { topK: 3 });
    expect(hits?.[0]?.slug).toBe("DISCORD_SEND_MESSAGE");
  });

  it("carries SEARCH_SEMANTIC_WEIGHT as the index's weight, and the default for a value that is no number ≥ 0", () => {
    const hybrid = { SEARCH_MODE: "hybrid", AI, TOOL_VECTORS };
    expect(semanticIndexFromEnv(hybrid)?.weight).toBeUndefined();
    expect(semanticIndexFromEnv({ ...hybrid, SEARCH_SEMANTIC_WEIGHT: "0.6" })?.weight).toBe(0.6);
    expect(semanticIndexFromEnv({ ...hybrid, SEARCH_SEMANTIC_WEIGHT: "0" })?.weight).toBe(0);
    const warn = vi.spyOn(console, "error").mockImplementation(() => {});
    for (const typo of ["-1", "lots", "Infinity"]) expect(semanticIndexFromEnv({ ...hybrid, SEARCH_SEMANTIC_WEIGHT: typo })?.weight).toBeUndefined();
    expect(warn).toHaveBeenCalledTimes(3);
    expect(String(warn.mock.calls[0]?.[0])).not.toContain("lots");
    warn.mockRestore();
  });

  it("reads the index's phrasing vectors as their tools", async () => {
    const vectors = new InMemoryVectorStore();
    const phrasings = await readPhrasings(env);
    const entries = await loadTools(env, allTools().filter((entry) => entry.tool.slug === "GMAIL_SEND_EMAIL"));
    await vectors.upsert(await vectorsForTools(AI, entries.map((entry) => ({ ...entry, phrasings: phrasings[entry.tool.slug] ?? [] }))));
    expect(vectors.vectors.size).toBeGreaterThan(1);
    const index = semanticIndexFromEnv({ SEARCH_MODE: "hybrid", AI, TOOL_VECTORS: vectors });
    const hits = await index?.query(phrasings.GMAIL_SEND_EMAIL?.[0] ?? "", { topK: 5 });
    // Every vector stands for the one tool: it is named once, by its slug.
    expect(hits).toEqual([{ slug: "GMAIL_SEND_EMAIL", score: expect.any(Number) }]);
  });
});

import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { env } from "cloudflare:workers";
import { allTools, loadTools } from "../../../../../core/catalog/registry.ts";
import { EMBEDDING_MODEL, type EmbeddingModel } from "../../../../../core/catalog/semantic/embedding-model.ts";
import { vectorSemanticIndex } from "../../../../../core/catalog/semantic/semantic-index.ts";
import { vectorsForTools } from "../../../../../worker/catalog/semantic/tool-vectors.ts";
import { VectorIds } from "../../../../../core/catalog/semantic/vector-ids.ts";
import type { VectorStore } from "../../../../../core/catalog/semantic/vector-store.ts";
import { InMemoryVectorStore, StandInAi } from "./stand-ins.ts";

const ai = new StandInAi();
const store = new InMemoryVectorStore();

beforeAll(async () => {
  const vectors = await vectorsForTools(ai, await loadTools(env, allTools()));
  for (let i = 0; i < vectors.length; i += 1000) await store.upsert(vectors.slice(i, i + 1000));
});

afterEach(() => {
  vi.restoreAllMocks();
});

const index = () => vectorSemanticIndex({ ai, vectors: store });
const toolkitOf = (slug: string) => allTools().find((entry) => entry.tool.slug === slug)?.toolkit.slug;

describe("vectorSemanticIndex over the stand-in bindings", () => {
  it("finds a tool by a paraphrase of its description", async () => {
    // The stand-in only sees shared word stems, so the target is among the first few, not first.
    const hits = await index().query("Posting messages into a Discord channel", { topK: 3 });
    expect(hits.map((hit) => hit.slug)).toContain("DISCORD_SEND_MESSAGE");
    const stars = await index().query("how many stargazers does my repository have", { topK: 3 });
    expect(stars.map((hit) => hit.slug)).toContain("GITHUB_GET_STARGAZER_COUNT");
  });

  it("matches accented text against unaccented descriptions (through the stand-in's folding)", async () => {
    const hits = await index().query("évènements du calendrier", { topK: 5 });
    // Among 11,000 tools the stand-in's word overlap ranks several calendar-event tools alike.
    expect(hits.some((hit) => /^GOOGLECALENDAR_EVENTS_/.test(hit.slug))).toBe(true);
  });

  it("answers at most topK hits, best first, and never asks Vectorize for more than 100", async () => {
    const hits = await index().query("list issues", { topK: 7 });
    expect(hits).toHaveLength(7);
    const scores = hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const many = await index().query("list issues", { topK: 500 });
    expect(many).toHaveLength(100);
    expect(store.queries.at(-1)).toMatchObject({ topK: 100, returnValues: false, returnMetadata: "none" });
  });

  it("restricts hits to the given toolkits with a `$in` metadata filter", async () => {
    const hits = await index().query("send a message to the team channel", { topK: 10, toolkits: ["slack", "hackernews"] });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) expect(["slack", "hackernews"]).toContain(toolkitOf(hit.slug));
    expect(hits[0]?.slug).toBe("SLACK_SEND_MESSAGE");
    expect(store.queries.at(-1)?.filter).toEqual({ toolkit: { $in: ["slack", "hackernews"] } });
  });

  it("answers [] without calling anything for an empty query, an empty toolkit list or topK 0", async () => {
    const calls = ai.batches.length;
    const queries = store.queries.length;
    expect(await index().query("   ", { topK: 5 })).toEqual([]);
    expect(await index().query("send a message", { topK: 5, toolkits: [] })).toEqual([]);
    expect(await index().query("send a message", { topK: 0 })).toEqual([]);
    expect(await index().query("send a message", { topK: Number.NaN })).toEqual([]);
    expect(ai.batches.length).toBe(calls);
    expect(store.queries.length).toBe(queries);
  });

  it("bounds the query text it sends to the model", async () => {
    await index().query(`find ${"x".repeat(10_000)}`, { topK: 1 });
    expect(ai.batches.at(-1)?.[0]?.length).toBe(2000);
  });
});

describe("vectorSemanticIndex over tools and their users' phrasings", () => {
  const slugs = ["GMAIL_SEND_EMAIL", "GMAIL_UPDATE_VACATION_USERS_SETTINGS", "SLACK_SEND_MESSAGE"];
  const ids = new VectorIds(slugs);
  const withPhrasings = async () => {
    const phrasings: Record<string, string[]> = {
      GMAIL_UPDATE_VACATION_USERS_SETTINGS: ["going on holiday set an out of office reply", "let people who write know I am away"],
      SLACK_SEND_MESSAGE: ["post in the channel", "drop a note in the channel"],
    };
    const entries = await loadTools(env, allTools().filter((entry) => slugs.includes(entry.tool.slug)));
    const phrased = new InMemoryVectorStore();
    await phrased.upsert(await vectorsForTools(ai, entries.map((entry) => ({ ...entry, phrasings: phrasings[entry.tool.slug] ?? [] }))));
    // A phrasing of a tool the catalog no longer has, left behind by an older deploy's index.
    await phrased.upsert(await vectorsForTools(ai, [{ toolkit: { slug: "gmail", name: "Gmail" }, tool: { slug: "GMAIL_GONE", name: "Gone", description: "Gone." }, phrasings: ["let people who write know I am away"] }]));
    return phrased;
  };

  it("finds a tool through a phrasing its description does not share, and names it once", async () => {
    const phrased = await withPhrasings();
    const hits = await vectorSemanticIndex({ ai, vectors: phrased, slugOf: (id) => ids.slugOf(id) }).query("let everyone who writes to me know I am away", { topK: 3 });
    expect(hits[0]?.slug).toBe("GMAIL_UPDATE_VACATION_USERS_SETTINGS");
    expect(new Set(hits.map((hit) => hit.slug)).size).toBe(hits.length);
    expect(hits.map((hit) => hit.slug)).not.toContain("GMAIL_GONE");
    // A tool's score is its nearest vector's.
    const scores = hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    // More vectors are asked for than tools wanted, since one tool may match several times.
    expect(phrased.queries.at(-1)?.topK).toBe(9);
  });

  it("reads ids without a resolver as slugs, as an index of tool vectors alone has them", async () => {
    const phrased = await withPhrasings();
    const hits = await vectorSemanticIndex({ ai, vectors: phrased }).query("post in the channel", { topK: 10 });
    expect(hits.some((hit) => hit.slug.startsWith("~"))).toBe(true);
  });
});

describe("vectorSemanticIndex when the bindings fail", () => {
  const SECRET_QUERY = "invoice for jane.doe@example.com account 4242";

  /** The console.error lines logged, as text, to check none carries the query. */
  function captureLogs(): string[] {
    const lines: string[] = [];
    vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => lines.push(args.map(String).join(" ")));
    vi.spyOn(console, "warn").mockImplementation((...args: unknown[]) => lines.push(args.map(String).join(" ")));
    vi.spyOn(console, "log").mockImplementation((...args: unknown[]) => lines.push(args.map(String).join(" ")));
    return lines;
  }

  function expectOneQuietLine(lines: string[], reason: string): void {
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0] ?? "")).toMatchObject({ level: "warn", reason });
    for (const fragment of ["jane.doe", "4242", "invoice"]) expect(lines[0]).not.toContain(fragment);
  }

  it("gives up after the timeout, aborts the model call and answers []", async () => {
    const lines = captureLogs();
    let signal: AbortSignal | undefined;
    const slowAi: EmbeddingModel = {
      run: (_model, inputs, options) => {
        signal = options?.signal;
        return new Promise((resolve) => setTimeout(() => resolve(new StandInAi().run(EMBEDDING_MODEL, inputs)), 2_000));
      },
    };
    const started = Date.now();
    const hits = await vectorSemanticIndex({ ai: slowAi, vectors: store, timeoutMs: 30 }).query(SECRET_QUERY, { topK: 5 });
    expect(hits).toEqual([]);
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(signal?.aborted).toBe(true);
    expectOneQuietLine(lines, "timeout");
  });

  it("answers [] when the model throws, without logging its message (which may quote the input)", async () => {
    const lines = captureLogs();
    const failingAi: EmbeddingModel = {
      run: async (_model, inputs) => {
        throw new TypeError(`AiError: cannot embed "${inputs.text.join(" ")}"`);
      },
    };
    expect(await vectorSemanticIndex({ ai: failingAi, vectors: store }).query(SECRET_QUERY, { topK: 5 })).toEqual([]);
    expectOneQuietLine(lines, "TypeError");
  });

  it("answers [] when the model returns something other than one 1024-dimension vector per text", async () => {
    const lines = captureLogs();
    const wrongShape: EmbeddingModel = { run: async () => ({ data: [[0.1, 0.2]] }) };
    expect(await vectorSemanticIndex({ ai: wrongShape, vectors: store }).query(SECRET_QUERY, { topK: 5 })).toEqual([]);
    const asyncAnswer: EmbeddingModel = { run: async () => ({ request_id: "queued" }) };
    expect(await vectorSemanticIndex({ ai: asyncAnswer, vectors: store }).query(SECRET_QUERY, { topK: 5 })).toEqual([]);
    expect(lines).toHaveLength(2);
    for (const line of lines) expect(line).not.toContain("jane.doe");
  });

  it("answers [] when Vectorize throws, or something that is not an Error is thrown", async () => {
    const lines = captureLogs();
    const brokenStore: VectorStore = {
      query: async () => {
        throw new Error(`VECTOR_QUERY_ERROR near ${SECRET_QUERY}`);
      },
      upsert: async () => ({}),
    };
    expect(await vectorSemanticIndex({ ai, vectors: brokenStore }).query(SECRET_QUERY, { topK: 5 })).toEqual([]);
    const strangeAi: EmbeddingModel = {
      run: () => Promise.reject(SECRET_QUERY),
    };
    expect(await vectorSemanticIndex({ ai: strangeAi, vectors: store }).query(SECRET_QUERY, { topK: 5 })).toEqual([]);
    expect(lines.map((line) => (JSON.parse(line) as { reason: string }).reason)).toEqual(["Error", "string"]);
    for (const line of lines) expect(line).not.toContain("jane.doe");
  });

  it("answers [] when the filter names a property without a metadata index", async () => {
    captureLogs();
    const unindexed = new InMemoryVectorStore({ metadataIndexes: [] });
    await unindexed.upsert(await vectorsForTools(ai, await loadTools(env, allTools().slice(0, 3))));
    expect(await vectorSemanticIndex({ ai, vectors: unindexed }).query("send", { topK: 5, toolkits: ["discord"] })).toEqual([]);
    expect((await vectorSemanticIndex({ ai, vectors: unindexed }).query("send", { topK: 5 })).length).toBe(3);
  });
});

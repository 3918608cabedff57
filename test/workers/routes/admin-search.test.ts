import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { allTools } from "../../../core/catalog/registry.ts";
import worker from "../../../worker/index.ts";
import { InMemoryVectorStore, StandInAi } from "../core/catalog/semantic/stand-ins.ts";
import { ADMIN_KEY, adminRefusals, call, env, expectError, expectRefusals, json, newProjectWithKey } from "../helpers.ts";

const REINDEX = "/api/admin/search/reindex";

interface Reindex {
  upserted: number;
  next_cursor: string | null;
  total: number;
}

/** A store that also remembers every id each upsert carried, to check coverage. */
class RecordingStore extends InMemoryVectorStore {
  readonly upsertedIds: string[] = [];
  override async upsert(vectors: VectorizeVector[]): Promise<VectorizeVectorMutation> {
    this.upsertedIds.push(...vectors.map((v) => v.id));
    return super.upsert(vectors);
  }
}

/**
 * The real Worker as deployed with the production bindings: the test env plus stand-ins
 * for Workers AI and Vectorize (which have no local simulation).
 */
async function callWithBindings(
  bindings: { AI?: StandInAi; TOOL_VECTORS?: InMemoryVectorStore },
  body: unknown,
  headers: Record<string, string> = { authorization: `Bearer ${ADMIN_KEY}` },
): Promise<Response> {
  const request = new Request(`http://gateway.test${REINDEX}`, {
    method: "POST",
    headers: { ...headers, "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, { ...env, ...bindings } as Env, ctx);
  await waitOnExecutionContext(ctx);
  expect(response.status, `POST ${REINDEX} must never answer 500`).not.toBe(500);
  return response;
}

const sortedSlugs = () => allTools().map((entry) => entry.tool.slug).sort();

describe("POST /api/admin/search/reindex", () => {
  it("embeds a page of tools in batches of at most 50 and upserts them with their toolkit", async () => {
    const AI = new StandInAi();
    const TOOL_VECTORS = new RecordingStore();
    const response = await callWithBindings({ AI, TOOL_VECTORS }, { limit: 120 });
    expect(response.status).toBe(200);
    const page = await json<Reindex>(response);
    expect(page).toMatchObject({ upserted: 120, total: allTools().length });
    expect(page.next_cursor).toEqual(expect.any(String));
    expect(AI.batches.map((batch) => batch.length)).toEqual([50, 50, 20]);
    expect(TOOL_VECTORS.upserts).toBe(1);
    expect(TOOL_VECTORS.upsertedIds).toEqual(sortedSlugs().slice(0, 120));
    const [first] = TOOL_VECTORS.upsertedIds;
    const toolkit = allTools().find((entry) => entry.tool.slug === first)?.toolkit.slug;
    expect(TOOL_VECTORS.vectors.get(first ?? "")?.metadata).toEqual({ toolkit });
  });

  it("embeds 100 tools when the body is empty", async () => {
    const response = await callWithBindings({ AI: new StandInAi(), TOOL_VECTORS: new RecordingStore() }, {});
    expect(response.status).toBe(200);
    expect((await json<Reindex>(response)).upserted).toBe(100);
  });

  it("covers every tool exactly once when the cursor is followed to the end", async () => {
    const AI = new StandInAi();
    const TOOL_VECTORS = new RecordingStore();
    let cursor: string | null = null;
    let requests = 0;
    let upserted = 0;
    do {
      const response = await callWithBindings({ AI, TOOL_VECTORS }, { limit: 200, ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      const page: Reindex = await json<Reindex>(response);
      expect(page.upserted).toBeLessThanOrEqual(200);
      upserted += page.upserted;
      cursor = page.next_cursor;
      requests += 1;
      expect(requests, "the cursor loop does not end").toBeLessThan(100);
    } while (cursor);
    expect(requests).toBe(Math.ceil(allTools().length / 200));
    expect(upserted).toBe(allTools().length);
    expect(TOOL_VECTORS.upsertedIds).toEqual(sortedSlugs());
    expect(new Set(TOOL_VECTORS.upsertedIds).size).toBe(allTools().length);
    expect(Math.max(...AI.batches.map((batch) => batch.length))).toBeLessThanOrEqual(50);
  });

  it("indexes whatever SEARCH_MODE says, so the index can be filled before hybrid search is switched on", async () => {
    expect(env.SEARCH_MODE).toBe("lexical");
    const response = await callWithBindings({ AI: new StandInAi(), TOOL_VECTORS: new RecordingStore() }, { limit: 1 });
    expect(response.status).toBe(200);
  });

  it("rejects a malformed body or cursor with 400", async () => {
    const bindings = { AI: new StandInAi(), TOOL_VECTORS: new RecordingStore() };
    for (const body of [{ limit: 0 }, { limit: 201 }, { limit: 1.5 }, { limit: "10" }, { cursor: 7 }, { page: 2 }]) {
      await expectError(await callWithBindings(bindings, body), 400, "validation_failed");
    }
    await expectError(await callWithBindings(bindings, "{not json"), 400, "malformed_json");
    for (const cursor of ["not-a-cursor", btoa("o:100"), btoa("after:lowercase"), btoa("after:")]) {
      await expectError(await callWithBindings(bindings, { cursor }), 400, "invalid_cursor");
    }
    expect(bindings.TOOL_VECTORS.upserts).toBe(0);
  });

  it("answers an exhausted cursor with nothing left", async () => {
    const last = sortedSlugs().at(-1) ?? "";
    const response = await callWithBindings({ AI: new StandInAi(), TOOL_VECTORS: new RecordingStore() }, { cursor: btoa(`after:${last}`).replace(/=+$/, "") });
    expect(await json<Reindex>(response)).toMatchObject({ upserted: 0, next_cursor: null });
  });

  it("turns away callers without the admin key, before touching the bindings", async () => {
    const AI = new StandInAi();
    const TOOL_VECTORS = new RecordingStore();
    await expectError(await callWithBindings({ AI, TOOL_VECTORS }, {}, {}), 401, "admin_key_missing");
    await expectError(await callWithBindings({ AI, TOOL_VECTORS }, {}, { authorization: "Bearer wrong-admin-key" }), 401, "admin_key_invalid");
    expect(AI.batches).toEqual([]);
    const own = await newProjectWithKey("search");
    await expectRefusals(await adminRefusals(own), "POST", REINDEX, {});
  });

  it("answers 503 semantic_search_not_configured when a binding is missing", async () => {
    const error = await expectError(await call("POST", REINDEX, { admin: ADMIN_KEY, body: {} }), 503, "semantic_search_not_configured");
    expect(error.suggested_fix).toMatch(/docs\/search.md/);
    await expectError(await callWithBindings({ AI: new StandInAi() }, {}), 503, "semantic_search_not_configured");
    await expectError(await callWithBindings({ TOOL_VECTORS: new RecordingStore() }, {}), 503, "semantic_search_not_configured");
  });
});

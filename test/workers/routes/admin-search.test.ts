import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { allTools, loadTools, readPhrasings } from "../../../core/catalog/registry.ts";
import { phrasingVectorId } from "../../../core/catalog/semantic/vector-ids.ts";
import { MAX_TEXTS_PER_PAGE } from "../../../worker/catalog/semantic/reindex.ts";
import { toolEmbeddingText } from "../../../worker/catalog/semantic/tool-text.ts";
import worker from "../../../worker/index.ts";
import { InMemoryVectorStore, StandInAi } from "../core/catalog/semantic/stand-ins.ts";
import { ADMIN_KEY, adminRefusals, call, env, expectError, expectRefusals, json, newProjectWithKey } from "../helpers.ts";

const REINDEX = "/api/admin/search/reindex";

interface Reindex {
  upserted: number;
  tools: number;
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

/** The ids a tool's vectors take: its slug, then one per phrasing. */
function idsOf(slug: string, phrasings: Readonly<Record<string, readonly string[]>>): string[] {
  return [slug, ...(phrasings[slug] ?? []).map((_, n) => phrasingVectorId(slug, n))];
}

const cursorAfter = (slug: string) => btoa(`after:${slug}`).replace(/=+$/, "");

describe("POST /api/admin/search/reindex", () => {
  it("embeds a page of tools, each with its users' phrasings, in batches of at most 50, and upserts them with their toolkit", async () => {
    const phrasings = await readPhrasings(env);
    const AI = new StandInAi();
    const TOOL_VECTORS = new RecordingStore();
    const response = await callWithBindings({ AI, TOOL_VECTORS }, { limit: 120 });
    expect(response.status).toBe(200);
    const page = await json<Reindex>(response);
    expect(page).toMatchObject({ tools: 120, total: allTools().length });
    expect(page.next_cursor).toEqual(expect.any(String));
    const expected = sortedSlugs().slice(0, 120).flatMap((slug) => idsOf(slug, phrasings));
    expect(page.upserted).toBe(expected.length);
    expect(TOOL_VECTORS.upsertedIds).toEqual(expected);
    expect(AI.batches.flat()).toHaveLength(expected.length);
    expect(Math.max(...AI.batches.map((batch) => batch.length))).toBeLessThanOrEqual(50);
    // A phrasing's vector is the phrasing's text after its app's name, filed under its tool's toolkit.
    const withPhrasings = sortedSlugs().slice(0, 120).find((slug) => (phrasings[slug]?.length ?? 0) > 0) ?? "";
    expect(withPhrasings, "the first page has a tool with phrasings").not.toBe("");
    const toolkit = allTools().find((entry) => entry.tool.slug === withPhrasings)?.toolkit.slug;
    expect(TOOL_VECTORS.vectors.get(withPhrasings)?.metadata).toEqual({ toolkit });
    expect(TOOL_VECTORS.vectors.get(phrasingVectorId(withPhrasings, 0))?.metadata).toEqual({ toolkit });
    const toolkitName = allTools().find((entry) => entry.tool.slug === withPhrasings)?.toolkit.name;
    expect(AI.batches.flat()).toContain(`${toolkitName}: ${phrasings[withPhrasings]?.[0]}`);
  });

  it("ends a page early when its tools' phrasings fill the call's budget, and goes on from there", async () => {
    const phrasings = await readPhrasings(env);
    // Gmail's tools have up to twelve phrasings each: 200 of them would be far over 1,000 texts.
    const slugs = sortedSlugs();
    const firstGmail = slugs.findIndex((slug) => slug.startsWith("GMAIL_"));
    const AI = new StandInAi();
    const TOOL_VECTORS = new RecordingStore();
    const page = await json<Reindex>(await callWithBindings({ AI, TOOL_VECTORS }, { limit: 200, cursor: cursorAfter(slugs[firstGmail - 1] ?? "") }));
    expect(page.tools).toBeLessThan(200);
    expect(page.upserted).toBeLessThanOrEqual(MAX_TEXTS_PER_PAGE);
    expect(AI.batches.length).toBeLessThanOrEqual(MAX_TEXTS_PER_PAGE / 50);
    const embedded = slugs.slice(firstGmail, firstGmail + page.tools);
    expect(TOOL_VECTORS.upsertedIds).toEqual(embedded.flatMap((slug) => idsOf(slug, phrasings)));
    // The next call starts with the first tool left out.
    const next = await json<Reindex>(await callWithBindings({ AI, TOOL_VECTORS: new RecordingStore() }, { limit: 1, cursor: page.next_cursor }));
    expect(next.tools).toBe(1);
    const [leftOut] = await loadTools(env, allTools().filter((entry) => entry.tool.slug === slugs[firstGmail + page.tools]));
    expect(leftOut).toBeDefined();
    if (leftOut) expect(AI.batches.at(-1)?.[0]).toBe(toolEmbeddingText(leftOut));
  });

  it("embeds 100 tools when the body is empty", async () => {
    const response = await callWithBindings({ AI: new StandInAi(), TOOL_VECTORS: new RecordingStore() }, {});
    expect(response.status).toBe(200);
    expect((await json<Reindex>(response)).tools).toBe(100);
  });

  it("covers every tool and every phrasing exactly once when the cursor is followed to the end", async () => {
    const phrasings = await readPhrasings(env);
    const AI = new StandInAi();
    const TOOL_VECTORS = new RecordingStore();
    let cursor: string | null = null;
    let requests = 0;
    let tools = 0;
    do {
      const response = await callWithBindings({ AI, TOOL_VECTORS }, { limit: 200, ...(cursor ? { cursor } : {}) });
      expect(response.status).toBe(200);
      const page: Reindex = await json<Reindex>(response);
      expect(page.tools).toBeLessThanOrEqual(200);
      expect(page.upserted).toBeLessThanOrEqual(MAX_TEXTS_PER_PAGE);
      tools += page.tools;
      cursor = page.next_cursor;
      requests += 1;
      expect(requests, "the cursor loop does not end").toBeLessThan(200);
    } while (cursor);
    expect(tools).toBe(allTools().length);
    const expected = sortedSlugs().flatMap((slug) => idsOf(slug, phrasings));
    expect(TOOL_VECTORS.upsertedIds).toEqual(expected);
    expect(new Set(TOOL_VECTORS.upsertedIds).size).toBe(expected.length);
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
    expect(await json<Reindex>(response)).toMatchObject({ upserted: 0, tools: 0, next_cursor: null });
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

import { runDurableObjectAlarm } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { mockUpstream } from "../core/executor/upstream.ts";
import { expectKeyRefusals, newTenant, type Tenant } from "../fixtures.ts";
import { call, expectError, json } from "../helpers.ts";
import { createSession, SESSIONS, sessionExecute } from "../core/sessions/session-fixtures.ts";
import { nextMessage } from "../sse.ts";

/**
 * GET …/{session_id}/logs/stream: the session's log as it is written, as SSE, through the real
 * Worker and the real SessionObject, read the way a browser's fetch() reads it. Every body
 * opened here is cancelled: an open stream would keep the object (and the test) waiting.
 */
const SHORT_TTL_SECONDS = 2;

let tenant: Tenant;
let other: Tenant;
/** A project whose sessions expire after SHORT_TTL_SECONDS unused. */
let shortLived: Tenant;

beforeAll(async () => {
  [tenant, other, shortLived] = await Promise.all([newTenant("log-stream"), newTenant("log-stream-other"), newTenant("log-stream-expiry")]);
  // Set before the key's first use: the isolate caches what the key lookup read.
  await env.DB.prepare("UPDATE projects SET session_ttl_seconds = ? WHERE id = ?").bind(SHORT_TTL_SECONDS, shortLived.projectId).run();
});

afterEach(() => {
  vi.restoreAllMocks();
});

const streamPath = (sessionId: string) => `${SESSIONS}/${sessionId}/logs/stream`;

/** As the console opens it: fetch() with the project key in a header. */
function openStream(sessionId: string, key = tenant.key, method = "GET"): Promise<Response> {
  return exports.default.fetch(new Request(`http://gateway.test${streamPath(sessionId)}`, { method, headers: { "x-api-key": key } }));
}

async function openReader(sessionId: string, key = tenant.key): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  const response = await openStream(sessionId, key);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  const reader = response.body!.getReader();
  expect(await nextMessage(reader)).toEqual({ event: "ready", data: { session_id: sessionId } });
  return reader;
}

const newSession = async (key = tenant.key) => (await createSession(key, { user_id: "watched", toolkits: ["hackernews"] })).session_id;

describe("GET /session/{session_id}/logs/stream", () => {
  it("sends each call made in the session, as the log lists it, to every open stream", async () => {
    const sessionId = await newSession();
    const readers = [await openReader(sessionId), await openReader(sessionId)];
    mockUpstream(() => Response.json({ id: 8863, by: "dhouston" }));

    const run = await sessionExecute(tenant.key, sessionId, { tool_slug: "HACKERNEWS_GET_ITEM", arguments: { id: 8863 } });
    const listed = await json<{ items: Record<string, unknown>[] }>(await call("GET", `${SESSIONS}/${sessionId}/logs`, { key: tenant.key }));
    expect(listed.items).toHaveLength(1);
    for (const reader of readers) {
      const message = await nextMessage(reader);
      expect(message).toEqual({ event: "log", data: listed.items[0] });
      expect(message.data).toMatchObject({ id: run.log_id, tool_slug: "HACKERNEWS_GET_ITEM", kind: "app", via: "rest", status: "success" });
    }

    const search = await sessionExecute(tenant.key, sessionId, { tool_slug: "COMPOSIO_SEARCH_TOOLS", arguments: { queries: [{ use_case: "top stories" }] } });
    for (const reader of readers) expect((await nextMessage(reader)).data).toMatchObject({ id: search.log_id, tool_slug: "COMPOSIO_SEARCH_TOOLS", kind: "meta" });
    for (const reader of readers) await reader.cancel();
  });

  it("says the session was deleted, then ends; the session's routes are then 404", async () => {
    const sessionId = await newSession();
    const reader = await openReader(sessionId);
    await (await call("DELETE", `${SESSIONS}/${sessionId}`, { key: tenant.key })).body?.cancel();
    expect(await nextMessage(reader)).toEqual({ event: "end", data: { session_id: sessionId, reason: "deleted" } });
    await expect(nextMessage(reader)).rejects.toThrow("the stream ended");
    await expectError(await call("GET", streamPath(sessionId), { key: tenant.key }), 404, "session_not_found");
  });

  it("says the session expired, then ends; opening it again is 410 session_expired", { timeout: 20_000 }, async () => {
    const sessionId = await newSession(shortLived.key);
    const reader = await openReader(sessionId, shortLived.key);
    await new Promise((resolve) => setTimeout(resolve, SHORT_TTL_SECONDS * 1000 + 500));
    // The alarm may have run by itself already, which is as good.
    await runDurableObjectAlarm(env.SESSIONS.getByName(sessionId));
    expect(await nextMessage(reader)).toEqual({ event: "end", data: { session_id: sessionId, reason: "expired" } });
    await expect(nextMessage(reader)).rejects.toThrow("the stream ended");
    const error = await expectError(await call("GET", streamPath(sessionId), { key: shortLived.key }), 410, "session_expired");
    expect(error.suggested_fix).toBeTruthy();
  });

  it("keeps at most 20 streams of a session open: the oldest is closed for a new one", async () => {
    const sessionId = await newSession();
    const readers: ReadableStreamDefaultReader<Uint8Array>[] = [];
    for (let i = 0; i < 21; i++) readers.push(await openReader(sessionId));
    await expect(nextMessage(readers[0]!)).rejects.toThrow("the stream ended");
    for (const reader of readers.slice(1)) await reader.cancel();
  });

  it("refuses an id that is not a session id with 400, and HEAD with 405, before any stream opens", async () => {
    for (const id of ["nope", "ac_AAAAAAAAAAAAAAAAAAAAAA", "trs_short", `trs_${"A".repeat(200)}`]) {
      const error = await expectError(await call("GET", streamPath(id), { key: tenant.key }), 400, "validation_failed");
      expect(error.errors?.[0]?.path, id).toBe("path.session_id");
    }
    const head = await openStream(await newSession(), tenant.key, "HEAD");
    expect(head.status).toBe(405);
    await head.body?.cancel();
  });

  it("needs a live key", async () => {
    await expectKeyRefusals("GET", streamPath(await newSession()));
  });

  it("answers another project's key as it answers a session that does not exist: 404, and nothing reaches the owner's stream", async () => {
    const sessionId = await newSession();
    const theirs = await expectError(await call("GET", streamPath(sessionId), { key: other.key }), 404, "session_not_found");
    const logs = await expectError(await call("GET", `${SESSIONS}/${sessionId}/logs`, { key: other.key }), 404, "session_not_found");
    const unknownId = "trs_AAAAAAAAAAAAAAAAAAAAAA";
    const unknown = await expectError(await call("GET", streamPath(unknownId), { key: other.key }), 404, "session_not_found");
    const shape = (error: { message: string; suggested_fix?: string }, id: string) => ({ message: error.message.replace(id, "ID"), suggested_fix: error.suggested_fix });
    expect(shape(theirs, sessionId)).toEqual(shape(unknown, unknownId));
    expect(shape(theirs, sessionId)).toEqual(shape(logs, sessionId));
    // The refused requests made no call in the session: its owner's stream has nothing to tell.
    const reader = await openReader(sessionId);
    await expect(nextMessage(reader, 300)).rejects.toThrow("no event on the stream in time");
    await reader.cancel();
  });
});

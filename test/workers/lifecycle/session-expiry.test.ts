import { env, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { newTenant, type Tenant } from "../fixtures.ts";
import { call, expectError, json } from "../helpers.ts";
import { createSession, executeMeta, SESSIONS } from "../core/sessions/session-fixtures.ts";

/**
 * Sessions expire after going unused for the project's `session_ttl_seconds`: the object's alarm
 * marks the D1 index row expired and deletes the object's storage, and the session then answers
 * 410 `session_expired`. Time is real here: the test project gets a TTL of a few seconds, set in
 * D1 before its key is first used (the isolate caches what the key lookup read).
 */

const SHORT_TTL_SECONDS = 3;
const DAY_MS = 86_400_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let shortLived: Tenant;
let other: Tenant;

async function setSessionTtl(projectId: string, seconds: number): Promise<void> {
  await env.DB.prepare("UPDATE projects SET session_ttl_seconds = ? WHERE id = ?").bind(seconds, projectId).run();
}

/** What the session's object holds, table by table (after a wipe the schema is recreated, empty; its versions are not data). */
async function storedRows(sessionId: string): Promise<Record<string, number>> {
  return runInDurableObject(env.SESSIONS.getByName(sessionId), (_instance, state) => {
    const tables = state.storage.sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name <> 'schema_versions'")
      .toArray()
      .map((row) => row.name);
    return Object.fromEntries(tables.map((name) => [name, state.storage.sql.exec<{ n: number }>(`SELECT COUNT(*) AS n FROM "${name}"`).one().n]));
  });
}

async function indexRow(sessionId: string) {
  return env.DB.prepare("SELECT deleted_at, expired_at FROM sessions WHERE id = ?").bind(sessionId).first<{ deleted_at: number | null; expired_at: number | null }>();
}

/** Lets the session's alarm run now (it may already have run by itself, which is as good). */
async function runAlarm(sessionId: string): Promise<void> {
  await runDurableObjectAlarm(env.SESSIONS.getByName(sessionId));
}

beforeAll(async () => {
  [shortLived, other] = await Promise.all([newTenant("expiry"), newTenant("expiry-other")]);
  await setSessionTtl(shortLived.projectId, SHORT_TTL_SECONDS);
});

// Real waits of a few seconds per test: past the default 5 s on a loaded machine.
describe("session expiry", { timeout: 20_000 }, () => {
  it("shows when a session expires: the project's TTL (7 days by default) from its last use", async () => {
    const before = Date.now();
    const session = (await createSession(other.key, { user_id: "u" })) as unknown as { session_id: string; expires_at?: string };
    const expiresAt = Date.parse(session.expires_at ?? "");
    expect(expiresAt).toBeGreaterThanOrEqual(before + 7 * DAY_MS);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 7 * DAY_MS);
  });

  it("deletes an unused session's files, variables and log, and answers session_expired", async () => {
    const { session_id: id } = await createSession(shortLived.key, { user_id: "u" });
    await executeMeta(shortLived.key, id, "COMPOSIO_REMOTE_WORKBENCH", { code_to_execute: `files.write("notes.txt", "kept until expiry"); const counter = 41;` });
    const held = await storedRows(id);
    expect(held.workbench_entries).toBeGreaterThan(0);
    expect(held.workbench_variables).toBeGreaterThan(0);
    expect(held.execution_log).toBeGreaterThan(0);
    // An object in another project, with the default TTL, must come through untouched.
    const { session_id: otherId } = await createSession(other.key, { user_id: "u" });

    await sleep(SHORT_TTL_SECONDS * 1000 + 500);
    await runAlarm(id);
    await runAlarm(otherId);

    // Nothing is left but a one-row note that the session expired (deleted too, 30 days on).
    const { expired, ...stored } = await storedRows(id);
    expect(Object.values(stored).every((count) => count === 0)).toBe(true);
    expect(expired).toBe(1);
    const row = await indexRow(id);
    expect(row?.expired_at).not.toBeNull();
    expect(row?.deleted_at).not.toBeNull();
    const error = await expectError(await call("GET", `${SESSIONS}/${id}`, { key: shortLived.key }), 410, "session_expired");
    expect(error.suggested_fix).toContain("composio.create");
    await expectError(
      await call("POST", `/tool_router/${id}/mcp`, {
        key: shortLived.key,
        headers: { accept: "application/json, text/event-stream" },
        body: { jsonrpc: "2.0", id: 1, method: "tools/list" },
      }),
      410,
      "session_expired",
    );

    expect((await call("GET", `${SESSIONS}/${otherId}`, { key: other.key })).status).toBe(200);
    expect((await indexRow(otherId))?.expired_at).toBeNull();
  });

  it("keeps a session that was used within its TTL, and moves its expiry on", async () => {
    const created = (await createSession(shortLived.key, { user_id: "u" })) as unknown as { session_id: string; expires_at: string };
    await sleep((SHORT_TTL_SECONDS * 1000) / 2);
    const resumed = await json<{ expires_at: string }>(await call("GET", `${SESSIONS}/${created.session_id}`, { key: shortLived.key }));
    expect(Date.parse(resumed.expires_at)).toBeGreaterThan(Date.parse(created.expires_at));
    await sleep((SHORT_TTL_SECONDS * 1000) / 2 + 200);
    // Past the first expiry, not past the second: the alarm finds the session in use and waits.
    await runAlarm(created.session_id);
    expect((await call("GET", `${SESSIONS}/${created.session_id}`, { key: shortLived.key })).status).toBe(200);
    expect((await indexRow(created.session_id))?.expired_at).toBeNull();
  });

  it("does not let another project's request extend a session", async () => {
    const { session_id: id } = await createSession(shortLived.key, { user_id: "u" });
    await sleep((SHORT_TTL_SECONDS * 1000) / 2);
    await expectError(await call("GET", `${SESSIONS}/${id}`, { key: other.key }), 404, "session_not_found");
    await sleep((SHORT_TTL_SECONDS * 1000) / 2 + 500);
    await runAlarm(id);
    await expectError(await call("GET", `${SESSIONS}/${id}`, { key: shortLived.key }), 410, "session_expired");
  });
});

import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { database } from "../../../core/db/client.ts";
import { newId } from "../../../core/ids.ts";
import { DELETE_REQUEST_LIMITS, purgeProject, removeIfSettled } from "../../../worker/lifecycle/deleted-projects.ts";
import { findApiKeyBySecret } from "../../../worker/repositories/api-keys.ts";
import { createAuthConfig, connectAccount, newTenant, type Tenant } from "../fixtures.ts";
import { ADMIN_KEY, adminRefusals, call, env, expectError, expectRefusals, json, type Refusal } from "../helpers.ts";
import { connectClient, toolsList } from "../mcp-oauth/oauth-client.ts";
import { createSession, executeMeta, SESSIONS } from "../core/sessions/session-fixtures.ts";

/**
 * DELETE /api/admin/projects/{id} against real D1, KV and Durable Objects: everything of the
 * project goes (credentials, MCP OAuth grants and its account watchers included), another
 * project's data stays, its keys stop working, its sessions stop answering, and a log row still
 * on its way from one of them is dropped rather than retried for ever.
 */

const PATH = "/api/admin/projects";
const admin = { admin: ADMIN_KEY };
const TABLES = ["api_keys", "mcp_credentials", "auth_configs", "connected_accounts", "link_requests", "sessions", "project_toolkits", "execution_logs"] as const;
type Table = (typeof TABLES)[number];

interface Deletion {
  project_id: string;
  status: "deleted" | "deleting";
  deleted: Record<Table | "mcp_oauth_grants", number>;
  sessions_ended: number;
}

interface Seeded extends Tenant {
  authConfigId: string;
  accountId: string;
  linkToken: string;
  sessionId: string;
}

afterEach(() => {
  vi.restoreAllMocks();
});

async function rowsOf(projectId: string): Promise<Record<Table | "projects", number>> {
  const counts = await env.DB.batch([
    env.DB.prepare("SELECT count(*) AS n FROM projects WHERE id = ?").bind(projectId),
    ...TABLES.map((table) => env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE project_id = ?`).bind(projectId)),
  ]);
  const [projects, ...rest] = counts.map((result) => (result.results[0] as { n: number }).n);
  return { projects: projects ?? 0, ...Object.fromEntries(TABLES.map((table, i) => [table, rest[i] ?? 0])) } as Record<Table | "projects", number>;
}

async function insertLog(projectId: string): Promise<string> {
  const id = newId("log");
  await env.DB.prepare(
    "INSERT INTO execution_logs (id, project_id, user_id, tool_slug, toolkit_slug, status, duration_ms, arguments, created_at) VALUES (?, ?, 'alice', 'HACKERNEWS_GET_ITEM', 'hackernews', 'success', 5, '{}', ?)",
  )
    .bind(id, projectId, Date.now())
    .run();
  return id;
}

async function insertToolkit(projectId: string): Promise<void> {
  await env.DB.prepare("INSERT INTO project_toolkits (id, project_id, slug, version, definition, report, created_at, updated_at) VALUES (?, ?, 'acme_crm', 1, '{}', '{}', ?, ?)")
    .bind(crypto.randomUUID(), projectId, Date.now(), Date.now())
    .run();
}

/** A project with a row in every table it owns, secrets included, and a live session. */
async function seeded(prefix: string): Promise<Seeded> {
  const tenant = await newTenant(prefix);
  const authConfigId = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
  const accountId = await connectAccount(tenant.key, authConfigId, "alice", "BEARER_TOKEN", { token: "ghp_secret_token_of_alice" });
  const link = await call("POST", "/api/v3.1/connected_accounts/link", { key: tenant.key, body: { auth_config_id: authConfigId, user_id: "bob" } });
  expect(link.status).toBe(201);
  const { link_token: linkToken } = await json<{ link_token: string }>(link);
  const { session_id: sessionId } = await createSession(tenant.key, { user_id: "alice", toolkits: ["github"] });
  expect((await call("POST", `${SESSIONS}/${sessionId}/mcp_credentials`, { key: tenant.key, body: { name: "desktop" } })).status).toBe(201);
  await insertToolkit(tenant.projectId);
  for (let i = 0; i < 3; i++) await insertLog(tenant.projectId);
  const rows = await rowsOf(tenant.projectId);
  for (const table of TABLES) expect(rows[table], `seeded ${table}`).toBeGreaterThan(0);
  return { ...tenant, authConfigId, accountId, linkToken, sessionId };
}

/** A live session of the tenant whose account pool was read (so the watchers hold it), and an MCP client granted it through the OAuth flow. */
async function granted(tenant: Tenant): Promise<{ sessionId: string; accessToken: string }> {
  const { session_id: sessionId } = await createSession(tenant.key, { user_id: "alice", toolkits: ["hackernews"] });
  expect((await call("GET", `${SESSIONS}/${sessionId}/toolkits`, { key: tenant.key })).status).toBe(200);
  const { tokens } = await connectClient(sessionId, tenant.key);
  expect((await toolsList(sessionId, tokens.access_token)).status).toBe(200);
  return { sessionId, accessToken: tokens.access_token };
}

/** Every KV key of a project's MCP OAuth: the index entry of its granted session, the session's grants and access tokens. */
async function oauthKeysOf(projectId: string, sessionId: string): Promise<string[]> {
  const pages = await Promise.all([`mcp_grant_session:${projectId}:`, `grant:${sessionId}:`, `token:${sessionId}:`].map((prefix) => env.OAUTH_KV.list({ prefix })));
  return pages.flatMap((page) => page.keys.map((key) => key.name)).sort();
}

const watchersOf = (projectId: string) =>
  runInDurableObject(env.ACCOUNT_WATCHERS.getByName(projectId), (_o, state: DurableObjectState) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM watchers").one().n);

/** The watchers object's own tables; none once its storage is deleted. */
const watcherTables = (projectId: string) =>
  runInDurableObject(env.ACCOUNT_WATCHERS.getByName(projectId), (_o, state: DurableObjectState) =>
    state.storage.sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT GLOB 'sqlite_*' AND name NOT GLOB '_cf_*'")
      .toArray()
      .map((row) => row.name),
  );

const deleteProject = (projectId: string) => call("DELETE", `${PATH}/${projectId}`, admin);

const sessionCall = (projectId: string) => ({ projectId, publicUrl: "http://gateway.test", sessionTtlMs: 3_600_000 });

function mcpToolsList(key: string, sessionId: string): Promise<Response> {
  return exports.default.fetch(
    new Request(`http://gateway.test/tool_router/${sessionId}/mcp`, {
      method: "POST",
      headers: { "x-api-key": key, accept: "application/json, text/event-stream", "content-type": "application/json", "mcp-protocol-version": "2025-06-18" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    }),
  );
}

describe("DELETE /api/admin/projects/{project_id}", () => {
  let refusals: Refusal[];
  let bystander: Tenant;

  beforeAll(async () => {
    bystander = await newTenant("bystander");
    refusals = await adminRefusals(bystander);
  });

  it("deletes every record of the project, secrets included, and nothing of another project", async () => {
    const [doomed, neighbour] = await Promise.all([seeded("doomed"), seeded("neighbour")]);
    const neighbourBefore = await rowsOf(neighbour.projectId);

    const response = await deleteProject(doomed.projectId);
    expect(response.status).toBe(200);
    const body = await json<Deletion>(response);
    expect(body).toEqual({
      project_id: doomed.projectId,
      status: "deleted",
      deleted: { api_keys: 1, mcp_credentials: 1, mcp_oauth_grants: 0, auth_configs: 1, connected_accounts: 2, link_requests: 1, sessions: 1, project_toolkits: 1, execution_logs: 3 },
      sessions_ended: 1,
    });

    const left = await rowsOf(doomed.projectId);
    expect(left).toEqual({ projects: 1, api_keys: 0, mcp_credentials: 0, auth_configs: 0, connected_accounts: 0, link_requests: 0, sessions: 0, project_toolkits: 0, execution_logs: 0 });
    // No encrypted secret of the project is left anywhere in D1.
    for (const [table, column] of [["auth_configs", "credentials_enc"], ["connected_accounts", "credentials_enc"], ["link_requests", "pkce_verifier_enc"]] as const) {
      const found = await env.DB.prepare(`SELECT count(*) AS n FROM ${table} WHERE project_id = ? AND ${column} IS NOT NULL`).bind(doomed.projectId).first<{ n: number }>();
      expect(found?.n, `${table}.${column}`).toBe(0);
    }
    expect(await rowsOf(neighbour.projectId)).toEqual(neighbourBefore);

    // Gone for every admin route; the name is free again.
    await expectError(await call("GET", `${PATH}/${doomed.projectId}`, admin), 404, "project_not_found");
    await expectError(await call("PATCH", `${PATH}/${doomed.projectId}`, { ...admin, body: { is_production: true } }), 404, "project_not_found");
    await expectError(await call("POST", `${PATH}/${doomed.projectId}/api_keys`, { ...admin, body: { name: "late" } }), 404, "project_not_found");
    const projectName = (await env.DB.prepare("SELECT name FROM projects WHERE id = ?").bind(doomed.projectId).first<{ name: string }>())?.name;
    expect(projectName).toBe(`(deleted) ${doomed.projectId}`);

    // The emptied row goes once no isolate can still hold one of its keys (the cron does this).
    expect(await removeIfSettled(env, database(env), doomed.projectId, new Date())).toBe(false);
    expect(await removeIfSettled(env, database(env), doomed.projectId, new Date(Date.now() + 10 * 60_000))).toBe(true);
    expect((await rowsOf(doomed.projectId)).projects).toBe(0);
  });

  it("deletes the project's MCP OAuth grants and tokens from KV and empties its account watchers, and nothing of another project's", async () => {
    const [doomed, neighbour] = await Promise.all([newTenant("grants-doomed"), newTenant("grants-neighbour")]);
    const [doomedSession, neighbourSession] = await Promise.all([granted(doomed), granted(neighbour)]);
    expect(await watchersOf(doomed.projectId)).toBeGreaterThan(0);
    expect(await oauthKeysOf(doomed.projectId, doomedSession.sessionId)).toHaveLength(3);
    const neighbourWatchers = await watchersOf(neighbour.projectId);
    const neighbourKeys = await oauthKeysOf(neighbour.projectId, neighbourSession.sessionId);

    const response = await deleteProject(doomed.projectId);
    expect(response.status).toBe(200);
    expect(await json<Deletion>(response)).toMatchObject({ status: "deleted", deleted: { mcp_oauth_grants: 1, sessions: 1 }, sessions_ended: 1 });

    // No KV key of the project is left: its index of granted sessions, the grant, the tokens.
    expect(await oauthKeysOf(doomed.projectId, doomedSession.sessionId)).toEqual([]);
    expect((await toolsList(doomedSession.sessionId, doomedSession.accessToken)).status).toBe(401);
    // Its watchers object holds nothing, not even its tables.
    expect(await watcherTables(doomed.projectId)).toEqual([]);

    // The neighbour's grant still opens its session, and its watchers are as they were.
    expect(await oauthKeysOf(neighbour.projectId, neighbourSession.sessionId)).toEqual(neighbourKeys);
    expect((await toolsList(neighbourSession.sessionId, neighbourSession.accessToken)).status).toBe(200);
    expect(await watchersOf(neighbour.projectId)).toBe(neighbourWatchers);

    // A session of a key still cached somewhere watched again before the row went: the cron's run drops it.
    await env.ACCOUNT_WATCHERS.getByName(doomed.projectId).watch(doomedSession.sessionId, "alice");
    const purge = await purgeProject(env, database(env), doomed.projectId, DELETE_REQUEST_LIMITS);
    expect(purge.complete).toBe(true);
    expect(await watcherTables(doomed.projectId)).toEqual([]);
  });

  it("is safe to repeat: 200 with nothing left to count while the row remains, then 404", async () => {
    const tenant = await newTenant("twice");
    expect((await deleteProject(tenant.projectId)).status).toBe(200);
    const again = await deleteProject(tenant.projectId);
    expect(again.status).toBe(200);
    const body = await json<Deletion>(again);
    expect(body.status).toBe("deleted");
    expect(Object.values(body.deleted).every((n) => n === 0)).toBe(true);
    await removeIfSettled(env, database(env), tenant.projectId, new Date(Date.now() + 10 * 60_000));
    await expectError(await deleteProject(tenant.projectId), 404, "project_not_found");
  });

  it("refuses the project's keys afterwards, cached in this isolate or read again from D1", async () => {
    const tenant = await newTenant("keys");
    // The key is now in this isolate's cache, as it would be in any isolate that served the project.
    expect((await call("GET", "/api/v3.1/auth_configs", { key: tenant.key })).status).toBe(200);
    expect((await deleteProject(tenant.projectId)).status).toBe(200);
    await expectError(await call("GET", "/api/v3.1/auth_configs", { key: tenant.key }), 401, "api_key_revoked");
    // What another isolate finds once its cached entry runs out (API_KEY_CACHE_TTL_SECONDS): no such key.
    expect(await findApiKeyBySecret(database(env), tenant.key)).toBeUndefined();
  });

  it("ends the project's sessions: MCP and REST no longer answer with their tools, and the object says the session is gone", async () => {
    const tenant = await newTenant("sessions");
    const { session_id: sessionId } = await createSession(tenant.key, { user_id: "alice", toolkits: ["hackernews"] });
    expect((await mcpToolsList(tenant.key, sessionId)).status).toBe(200);
    const files = await runInDurableObject(env.SESSIONS.getByName(sessionId), (_o, state: DurableObjectState) =>
      state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM session").one().n,
    );
    expect(files).toBe(1);

    expect((await deleteProject(tenant.projectId)).status).toBe(200);

    const mcp = await mcpToolsList(tenant.key, sessionId);
    expect(mcp.status).toBe(401);
    expect(await mcp.text()).not.toContain("HACKERNEWS");
    await expectError(await call("GET", `${SESSIONS}/${sessionId}/tools`, { key: tenant.key }), 401, "api_key_revoked");
    // An isolate that still had the key and the session's owner cached reaches the object: it answers as a deleted session.
    const stub = env.SESSIONS.getByName(sessionId);
    expect(await stub.mcpToolList(sessionCall(tenant.projectId))).toMatchObject({ ok: false, error: { status: 404, code: "session_not_found" } });
    expect(await stub.describe(sessionCall(tenant.projectId))).toMatchObject({ ok: false, error: { status: 404, code: "session_not_found" } });
    // Its storage went with it.
    const left = await runInDurableObject(stub, (_o, state: DurableObjectState) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM session").one().n);
    expect(left).toBe(0);
  });

  it("drops a log row still on its way from a session of a vanished project, with a log line and no retry", async () => {
    const tenant = await newTenant("outbox");
    const { session_id: sessionId } = await createSession(tenant.key, { user_id: "alice", toolkits: ["github"] });
    const { log_id: logId } = await executeMeta(tenant.key, sessionId, "COMPOSIO_SEARCH_TOOLS", { queries: [{ use_case: "star a repository" }] });
    expect((await deleteProject(tenant.projectId)).status).toBe(200);
    await removeIfSettled(env, database(env), tenant.projectId, new Date(Date.now() + 10 * 60_000));
    expect((await rowsOf(tenant.projectId)).projects).toBe(0);

    // A call that was finishing as the session ended writes its row after the wipe.
    const stub = env.SESSIONS.getByName(sessionId);
    const late = { id: newId("log"), projectId: tenant.projectId, userId: "alice", toolSlug: "GITHUB_STAR", toolkitSlug: "github", connectedAccountId: null, sessionId, status: "success", durationMs: 3, upstreamStatus: 200, arguments: "{}", response: "{\"token\":\"sk_live_do_not_log\"}", error: null, createdAt: Date.now() };
    await runInDurableObject(stub, async (_o, state: DurableObjectState) => {
      state.storage.sql.exec("INSERT INTO log_outbox (id, row, queued_at) VALUES (?, ?, ?)", late.id, JSON.stringify(late), Date.now());
      await state.storage.setAlarm(Date.now() + 60_000);
    });
    const warn = vi.spyOn(console, "warn");
    const error = vi.spyOn(console, "error");
    expect(await runDurableObjectAlarm(stub)).toBe(true);

    const waiting = await runInDurableObject(stub, (_o, state: DurableObjectState) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM log_outbox").one().n);
    expect(waiting).toBe(0);
    // Nothing was stored, no retry is scheduled, and the line says how many rows went without showing them.
    expect(await env.DB.prepare("SELECT count(*) AS n FROM execution_logs WHERE id IN (?, ?)").bind(late.id, logId).first<{ n: number }>()).toEqual({ n: 0 });
    expect(await runInDurableObject(stub, (_o, state: DurableObjectState) => state.storage.getAlarm())).toBeNull();
    const lines = warn.mock.calls.map((args) => String(args[0]));
    expect(lines.some((line) => line.includes("dropped execution-log rows of a deleted project") && line.includes('"rows":1'))).toBe(true);
    expect([...lines, ...error.mock.calls.map((args) => String(args[0]))].join("\n")).not.toContain("sk_live_do_not_log");
  });

  it("works in bounded steps: a small budget stops part way, and each later call goes on until all is gone", async () => {
    const tenant = await newTenant("bounded");
    for (let i = 0; i < 7; i++) await insertLog(tenant.projectId);
    const grantedSessions = [await granted(tenant), await granted(tenant)];
    // Marked deleted the way the route does, then emptied with a budget of three statements of two rows.
    await env.DB.prepare("UPDATE projects SET deleted_at = ? WHERE id = ?").bind(Date.now(), tenant.projectId).run();
    const limits = { size: 2, maxBatches: 3 };
    const rounds: boolean[] = [];
    let logs = 0;
    let grants = 0;
    for (let i = 0; i < 20; i++) {
      const purge = await purgeProject(env, database(env), tenant.projectId, limits);
      expect(purge.batches).toBeLessThanOrEqual(3);
      logs += purge.deleted.execution_logs;
      grants += purge.deleted.mcp_oauth_grants;
      rounds.push(purge.complete);
      if (purge.complete) break;
    }
    expect(rounds[0]).toBe(false);
    expect(rounds.at(-1)).toBe(true);
    expect(logs).toBe(7);
    expect(grants).toBe(2);
    expect(await rowsOf(tenant.projectId)).toMatchObject({ api_keys: 0, sessions: 0, execution_logs: 0 });
    for (const { sessionId } of grantedSessions) expect(await oauthKeysOf(tenant.projectId, sessionId)).toEqual([]);
    expect(await watcherTables(tenant.projectId)).toEqual([]);
  });

  it("answers an unknown project with 404 project_not_found and a malformed id with 400", async () => {
    const error = await expectError(await deleteProject(`proj_${"x".repeat(22)}`), 404, "project_not_found");
    expect(error.suggested_fix).toBeTruthy();
    const bad = await expectError(await deleteProject("not-a-project"), 400, "validation_failed");
    expect(bad.errors?.map((e) => e.path)).toEqual(["path.project_id"]);
  });

  it("turns away every caller without the admin key, project keys included, and deletes nothing", async () => {
    await expectRefusals(refusals, "DELETE", `${PATH}/${bystander.projectId}`);
    expect(await rowsOf(bystander.projectId)).toMatchObject({ projects: 1, api_keys: 2 });
    expect((await call("GET", "/api/v3.1/auth_configs", { key: bystander.key })).status).toBe(200);
  });
});

import { exports } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import app from "../../../worker/app.ts";
import { openApiDocument } from "../../../worker/docs/openapi-document.ts";
import { mockUpstream } from "../core/executor/upstream.ts";
import { newTenant, storedLog, type Tenant } from "../fixtures.ts";
import { ADMIN_KEY, call, env, errorOf, expectError, json } from "../helpers.ts";
import { createSession, SESSIONS } from "../core/sessions/session-fixtures.ts";

/**
 * A scoped MCP credential (`smc_…`) through the real Worker: it lists and calls tools on the
 * sessions in its scope over MCP, and is refused everywhere else (every route of the OpenAPI
 * document, the undocumented ones, other sessions), with codes that say why.
 */

const ACCEPT = "application/json, text/event-stream";
const UNKNOWN_CREDENTIAL = `smc_${"A".repeat(43)}`;

interface Created {
  id: string;
  secret: string;
  mcp: { url: string | null; headers: { Authorization: string } };
}

let tenant: Tenant;
let other: Tenant;
let sessionId: string;
let credential: Created;

async function createCredential(path: string, body: Record<string, unknown> = {}, key = tenant.key): Promise<Created> {
  const response = await call("POST", path, { key, body });
  expect(response.status, await response.clone().text()).toBe(201);
  return json<Created>(response);
}
const forSession = (id: string, body: Record<string, unknown> = {}) => createCredential(`${SESSIONS}/${id}/mcp_credentials`, body);
const forUser = (userId: string, body: Record<string, unknown> = {}) => createCredential("/api/v3.1/mcp_credentials", { user_id: userId, ...body });

const rpc = (id: number, method: string, params: Record<string, unknown> = {}) => ({ jsonrpc: "2.0", id, method, params });

/** One MCP POST with the credential as `Authorization: Bearer` (or `x-api-key`). */
async function mcp(id: string, secret: string, body: unknown, header: "bearer" | "x-api-key" = "bearer"): Promise<Response> {
  const headers = new Headers({ accept: ACCEPT, "content-type": "application/json", "mcp-protocol-version": "2025-06-18" });
  if (header === "bearer") headers.set("authorization", `Bearer ${secret}`);
  else headers.set("x-api-key", secret);
  const response = await exports.default.fetch(new Request(`http://gateway.test/tool_router/${id}/mcp`, { method: "POST", headers, body: JSON.stringify(body) }));
  expect(response.status, "the MCP endpoint must never answer 500").not.toBe(500);
  return response;
}

async function toolNames(id: string, secret: string): Promise<string[]> {
  const response = await mcp(id, secret, rpc(2, "tools/list"));
  expect(response.status, await response.clone().text()).toBe(200);
  return (await json<{ result: { tools: { name: string }[] } }>(response)).result.tools.map((tool) => tool.name);
}

/** The refusal's code, and that it never echoes the secret. */
async function refused(response: Response, status: number, code: string, secret: string): Promise<void> {
  const text = await response.clone().text();
  expect(text.includes(secret), "an error echoed the credential").toBe(false);
  await expectError(response, status, code);
}

beforeAll(async () => {
  [tenant, other] = await Promise.all([newTenant("smc"), newTenant("smc-other")]);
  sessionId = (await createSession(tenant.key, { user_id: "ada", toolkits: ["hackernews"], preload: { tools: ["HACKERNEWS_GET_ITEM"] } })).session_id;
  credential = await forSession(sessionId, { name: "desktop" });
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("an MCP credential on its own session's MCP endpoint", () => {
  it("initializes, lists and calls tools, as Bearer or x-api-key, and the call is logged", async () => {
    const init = await mcp(sessionId, credential.secret, rpc(1, "initialize", { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } }));
    expect(init.status).toBe(200);
    expect(await toolNames(sessionId, credential.secret)).toContain("HACKERNEWS_GET_ITEM");
    expect((await mcp(sessionId, credential.secret, rpc(2, "tools/list"), "x-api-key")).status).toBe(200);

    const { sent } = mockUpstream(() => Response.json({ id: 8863, title: "My YC app: Dropbox" }));
    const response = await mcp(sessionId, credential.secret, rpc(3, "tools/call", { name: "HACKERNEWS_GET_ITEM", arguments: { id: 8863 } }));
    expect(response.status).toBe(200);
    const result = (await json<{ result: { content: { text: string }[]; isError?: boolean } }>(response)).result;
    expect(result.isError).toBeUndefined();
    const payload = JSON.parse(result.content[0]!.text) as { successful: boolean; log_id: string };
    expect(payload.successful).toBe(true);
    expect(sent).toHaveLength(1);
    // The credential never goes upstream.
    expect(JSON.stringify([...sent[0]!.headers])).not.toContain("smc_");
    expect(await storedLog(payload.log_id)).toMatchObject({ tool_slug: "HACKERNEWS_GET_ITEM", user_id: "ada", session_id: sessionId, status: "success" });
  });

  it("records its last use, after the response, to the minute", async () => {
    const fresh = await forSession(sessionId);
    expect((await mcp(sessionId, fresh.secret, rpc(2, "tools/list"))).status).toBe(200);
    const deadline = Date.now() + 5000;
    let lastUsed: number | null = null;
    while (lastUsed === null && Date.now() < deadline) {
      lastUsed = (await env.DB.prepare("SELECT last_used_at FROM mcp_credentials WHERE id = ?").bind(fresh.id).first<{ last_used_at: number | null }>())?.last_used_at ?? null;
      if (lastUsed === null) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(lastUsed).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe("an MCP credential outside its scope", () => {
  it("is refused with 403 mcp_credential_scope_mismatch on another session of the project, another project's and a made-up one", async () => {
    const sibling = (await createSession(tenant.key, { user_id: "ada" })).session_id;
    const foreign = (await createSession(other.key, { user_id: "ada" })).session_id;
    for (const id of [sibling, foreign, "trs_AAAAAAAAAAAAAAAAAAAAAA", "nonsense"]) {
      await refused(await mcp(id, credential.secret, rpc(2, "tools/list")), 403, "mcp_credential_scope_mismatch", credential.secret);
    }
    // The GET stream too.
    const stream = await exports.default.fetch(
      new Request(`http://gateway.test/tool_router/${sibling}/mcp`, { headers: { accept: "text/event-stream", authorization: `Bearer ${credential.secret}` } }),
    );
    await refused(stream, 403, "mcp_credential_scope_mismatch", credential.secret);
  });

  it("is refused with 403 mcp_credential_not_allowed on every route of the OpenAPI document but MCP and its authorization server", async () => {
    const doc = openApiDocument(app, "http://gateway.test") as { paths: Record<string, Record<string, unknown>> };
    const values: Record<string, string> = { session_id: sessionId, id: sessionId, project_id: tenant.projectId, credential_id: credential.id };
    let checked = 0;
    for (const [template, operations] of Object.entries(doc.paths)) {
      if (/^\/tool_router\/\{[^}]+\}\/mcp/.test(template)) continue;
      const path = template.replace(/\{([^}]+)\}/g, (_, name: string) => values[name] ?? "x");
      // OAuth discovery and registration are where an MCP client goes with whatever it holds
      // (test/workers/mcp-oauth/auth-language.test.ts): they need no key and echo none.
      if (/^\/(\.well-known|oauth\/mcp)\//.test(template)) {
        const response = await call("GET", path, { headers: { authorization: `Bearer ${credential.secret}` } });
        expect(await response.text()).not.toContain(credential.secret);
        continue;
      }
      for (const method of Object.keys(operations).filter((m) => ["get", "post", "put", "patch", "delete"].includes(m))) {
        for (const headers of [{ authorization: `Bearer ${credential.secret}` }, { "x-api-key": credential.secret }] as Record<string, string>[]) {
          const body = method === "get" || method === "delete" ? undefined : {};
          const response = await call(method.toUpperCase(), path, { headers, body });
          const error = await errorOf(response.clone());
          expect({ route: `${method} ${template}`, status: response.status, code: error.code }).toEqual({ route: `${method} ${template}`, status: 403, code: "mcp_credential_not_allowed" });
          expect(await response.text()).not.toContain(credential.secret);
          checked += 1;
        }
      }
    }
    // Sessions, tools, accounts, auth configs, logs, files, the credentials' own routes and the operator API at least.
    expect(checked).toBeGreaterThan(60);
  });

  it("is refused on the credential routes themselves, the operator API (any header), presigned file URLs and the pages", async () => {
    const bearer = { authorization: `Bearer ${credential.secret}` };
    const cases: [string, string, Record<string, string>][] = [
      ["POST", `${SESSIONS}/${sessionId}/mcp_credentials`, bearer],
      ["GET", "/api/v3.1/mcp_credentials", bearer],
      ["DELETE", `/api/v3.1/mcp_credentials/${credential.id}`, bearer],
      ["GET", "/api/admin/projects", { "x-admin-key": credential.secret }],
      ["GET", "/api/admin/projects", bearer],
      ["GET", `/workbench/files/${sessionId}/${"A".repeat(43)}`, bearer],
      ["PUT", `/workbench/files/${sessionId}/${"A".repeat(43)}`, bearer],
      ["GET", "/api/v3.1/auth/session/info", bearer],
      ["GET", "/console", bearer],
      ["GET", "/link/lk_x", bearer],
    ];
    for (const [method, path, headers] of cases) {
      const error = await expectError(await call(method, path, { headers, body: method === "POST" ? {} : undefined }), 403, "mcp_credential_not_allowed");
      expect(error.suggested_fix, path).toMatch(path.startsWith("/api/admin") ? /ADMIN_API_KEY/ : /sk_/);
    }
    // Even beside a valid project key: the credential is never a way in, nor a way around.
    await expectError(await call("GET", `${SESSIONS}/${sessionId}`, { key: tenant.key, headers: bearer }), 403, "mcp_credential_not_allowed");
    // The project key still works there, and the admin key on the operator API.
    expect((await call("GET", `${SESSIONS}/${sessionId}`, { key: tenant.key })).status).toBe(200);
    expect((await call("GET", "/api/admin/projects?limit=1", { admin: ADMIN_KEY })).status).toBe(200);
  });
});

describe("an MCP credential that no longer works", () => {
  it("gets 401 with a code for each reason: malformed, unknown, revoked, expired", async () => {
    await refused(await mcp(sessionId, "smc_short", rpc(2, "tools/list")), 401, "mcp_credential_malformed", "smc_short");
    await refused(await mcp(sessionId, UNKNOWN_CREDENTIAL, rpc(2, "tools/list")), 401, "mcp_credential_invalid", UNKNOWN_CREDENTIAL);

    const toRevoke = await forSession(sessionId);
    expect((await mcp(sessionId, toRevoke.secret, rpc(2, "tools/list"))).status).toBe(200);
    expect((await call("DELETE", `${SESSIONS}/${sessionId}/mcp_credentials/${toRevoke.id}`, { key: tenant.key })).status).toBe(200);
    // At once in this isolate, although the credential was cached by the call above.
    await refused(await mcp(sessionId, toRevoke.secret, rpc(2, "tools/list")), 401, "mcp_credential_revoked", toRevoke.secret);

    const toExpire = await forSession(sessionId);
    await env.DB.prepare("UPDATE mcp_credentials SET expires_at = ? WHERE id = ?").bind(Date.now() - 1000, toExpire.id).run();
    const expired = await mcp(sessionId, toExpire.secret, rpc(2, "tools/list"));
    await refused(expired.clone(), 401, "mcp_credential_expired", toExpire.secret);
    // MCP's auth language: the challenge names the refusal, never the credential.
    const challenge = expired.headers.get("www-authenticate") ?? "";
    expect(challenge).toMatch(/^Bearer resource_metadata=".*", error="invalid_token", error_description="The MCP credential expired at /);
    expect(challenge).not.toContain(toExpire.secret);
    expect((await errorOf(expired)).suggested_fix).toMatch(/expires_in_seconds/);
  });

  it("expires on its own clock, even while cached", async () => {
    const shortLived = await forSession(sessionId, { expires_in_seconds: 60 });
    expect((await mcp(sessionId, shortLived.secret, rpc(2, "tools/list"))).status).toBe(200);
    const now = Date.now();
    vi.spyOn(Date, "now").mockReturnValue(now + 61_000);
    await refused(await mcp(sessionId, shortLived.secret, rpc(2, "tools/list")), 401, "mcp_credential_expired", shortLived.secret);
  });

  it("opens nothing once its session is deleted", async () => {
    const doomed = (await createSession(tenant.key, { user_id: "ada" })).session_id;
    const created = await forSession(doomed);
    expect((await mcp(doomed, created.secret, rpc(2, "tools/list"))).status).toBe(200);
    expect((await call("DELETE", `${SESSIONS}/${doomed}`, { key: tenant.key })).status).toBe(200);
    await refused(await mcp(doomed, created.secret, rpc(2, "tools/list")), 404, "session_not_found", created.secret);
  });

  it("opens nothing once its project is deleted, and its row is gone", async () => {
    const doomed = await newTenant("smc-doomed");
    const session = (await createSession(doomed.key, { user_id: "ada" })).session_id;
    const created = await createCredential(`${SESSIONS}/${session}/mcp_credentials`, {}, doomed.key);
    expect((await mcp(session, created.secret, rpc(2, "tools/list"))).status).toBe(200);
    expect((await call("DELETE", `/api/admin/projects/${doomed.projectId}`, { admin: ADMIN_KEY })).status).toBe(200);
    const response = await mcp(session, created.secret, rpc(2, "tools/list"));
    expect(response.status).toBe(401);
    expect(["mcp_credential_revoked", "mcp_credential_invalid"]).toContain((await errorOf(response)).code);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM mcp_credentials WHERE project_id = ?").bind(doomed.projectId).first<{ n: number }>()).toEqual({ n: 0 });
  });
});

describe("a user-scoped MCP credential", () => {
  it("opens every session of its user, later ones too, and no other user's", async () => {
    const project = await newTenant("smc-user");
    const first = (await createSession(project.key, { user_id: "grace" })).session_id;
    const created = await createCredential("/api/v3.1/mcp_credentials", { user_id: "grace" }, project.key);
    expect(created.mcp.url).toBeNull();
    const later = (await createSession(project.key, { user_id: "grace" })).session_id;
    const someoneElse = (await createSession(project.key, { user_id: "alan" })).session_id;
    for (const id of [first, later]) expect(await toolNames(id, created.secret)).toContain("COMPOSIO_SEARCH_TOOLS");
    await refused(await mcp(someoneElse, created.secret, rpc(2, "tools/list")), 403, "mcp_credential_scope_mismatch", created.secret);
    await refused(await mcp(sessionId, created.secret, rpc(2, "tools/list")), 403, "mcp_credential_scope_mismatch", created.secret);
    await refused(await mcp("trs_AAAAAAAAAAAAAAAAAAAAAA", created.secret, rpc(2, "tools/list")), 403, "mcp_credential_scope_mismatch", created.secret);
    // It manages nothing: not even its user's sessions.
    await expectError(await call("POST", SESSIONS, { headers: { authorization: `Bearer ${created.secret}` }, body: { user_id: "grace" } }), 403, "mcp_credential_not_allowed");
  });

  it("is made useless by revocation like a session's", async () => {
    const created = await forUser("ada");
    expect((await mcp(sessionId, created.secret, rpc(2, "tools/list"))).status).toBe(200);
    expect((await call("DELETE", `/api/v3.1/mcp_credentials/${created.id}`, { key: tenant.key })).status).toBe(200);
    await refused(await mcp(sessionId, created.secret, rpc(2, "tools/list")), 401, "mcp_credential_revoked", created.secret);
  });
});

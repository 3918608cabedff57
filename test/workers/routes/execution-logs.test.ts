import { exports } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { call, createKey, env, expectError, json } from "../helpers.ts";
import { connectedTenant, execute, expectKeyRefusals, newTenant, storedLog, type Tenant } from "../fixtures.ts";
import { connectClient, GATEWAY, gateway } from "../mcp-oauth/oauth-client.ts";
import { createSession, SESSIONS, sessionExecute } from "../core/sessions/session-fixtures.ts";

const SEARCH = "/api/v3.1/internal/action_execution/logs";
const ONE = "/api/v3.1/internal/action_execution/log";
const UNKNOWN_ID = "log_AAAAAAAAAAAAAAAAAAAAAA";

interface Log {
  id: string;
  user_id: string | null;
  tool_slug: string;
  toolkit_slug: string;
  connected_account_id: string | null;
  session_id: string | null;
  credential_type: "api_key" | "mcp_credential" | "mcp_oauth_grant" | null;
  credential_id: string | null;
  status: "success" | "error";
  duration_ms: number;
  upstream_status: number | null;
  arguments: unknown;
  response: string | null;
  error: string | null;
  created_at: string;
}
interface LogPage {
  data: Log[];
  next_cursor: string | null;
}

let tenant: Tenant & { accountId: string };
const logs: Record<string, string> = {};
const BASE_TIME = 1_800_000_000_000;

beforeAll(async () => {
  tenant = await connectedTenant("github", "BEARER_TOKEN", { token: "ghp_logs_token_value" }, { userId: "alice" });
  vi.spyOn(globalThis, "fetch").mockImplementation(async (input) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    if (url.pathname.endsWith("/item/1.json")) return Response.json({ id: 1, type: "story" });
    if (url.pathname.startsWith("/user/starred/")) return new Response(null, { status: 204 });
    return Response.json({ message: "Not Found" }, { status: 404 });
  });
  logs.hnOk = (await execute(tenant.key, "HACKERNEWS_GET_ITEM", { user_id: "bob", arguments: { id: 1 } })).log_id;
  logs.hnMissing = (await execute(tenant.key, "HACKERNEWS_GET_ITEM", { arguments: { id: 2 } })).log_id;
  logs.star = (await execute(tenant.key, "GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER", { user_id: "alice", arguments: { owner: "octocat", repo: "hello-world" } })).log_id;
  logs.invalid = (await execute(tenant.key, "GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER", { user_id: "alice", arguments: { owner: "octocat", api_token: "leak-me-not" } })).log_id;
  // Calls made within one millisecond are ordered by their random ids: give each its own instant.
  for (const [i, id] of [logs.hnOk, logs.hnMissing, logs.star, logs.invalid].entries()) {
    await env.DB.prepare("UPDATE execution_logs SET created_at = ? WHERE id = ?").bind(BASE_TIME + i * 1000, id).run();
  }
});

afterAll(() => {
  vi.restoreAllMocks();
});

async function search(body: unknown, key = tenant.key): Promise<LogPage> {
  const response = await call("POST", SEARCH, { key, body });
  expect(response.status, `search ${JSON.stringify(body)}`).toBe(200);
  return json<LogPage>(response);
}

describe("POST /api/v3.1/internal/action_execution/logs", () => {
  it("returns the project's logs, oldest first", async () => {
    const page = await search({});
    expect(page.data.map((l) => l.id)).toEqual([logs.hnOk, logs.hnMissing, logs.star, logs.invalid]);
    expect(page.next_cursor).toBeNull();
    expect(page.data[0]).toMatchObject({
      user_id: "bob",
      tool_slug: "HACKERNEWS_GET_ITEM",
      toolkit_slug: "hackernews",
      connected_account_id: null,
      session_id: null,
      credential_type: "api_key",
      credential_id: tenant.keyId,
      status: "success",
      upstream_status: 200,
      arguments: { id: 1 },
      error: null,
      created_at: new Date(BASE_TIME).toISOString(),
    });
    expect(JSON.parse(page.data[0]?.response ?? "null")).toEqual({ id: 1, type: "story" });
    expect(page.data[1]).toMatchObject({ user_id: null, status: "error", upstream_status: 404 });
    expect(page.data[2]).toMatchObject({ user_id: "alice", connected_account_id: tenant.accountId, status: "success", upstream_status: 204 });
    expect(page.data[3]).toMatchObject({ status: "error", upstream_status: null, arguments: { owner: "octocat", api_token: "[REDACTED]" } });
    expect(JSON.stringify(page)).not.toContain("leak-me-not");
    expect(JSON.stringify(page)).not.toContain("ghp_logs_token_value");
  });

  it.each([
    ["tool_slug", "HACKERNEWS_GET_ITEM", ["hnOk", "hnMissing"]],
    ["toolkit_slug", "github", ["star", "invalid"]],
    ["status", "error", ["hnMissing", "invalid"]],
    ["user_id", "alice", ["star", "invalid"]],
    ["user_id", "nobody", []],
    ["credential_type", "api_key", ["hnOk", "hnMissing", "star", "invalid"]],
    ["credential_type", "mcp_credential", []],
  ])("filters on %s == %s", async (field, value, expected) => {
    const page = await search({ search_params: [{ field, operation: "==", value }] });
    expect(page.data.map((l) => l.id)).toEqual(expected.map((name) => logs[name]));
  });

  it("filters on the connected account, and combines filters", async () => {
    const page = await search({ search_params: [{ field: "connected_account_id", value: tenant.accountId }, { field: "status", value: "success" }] });
    expect(page.data.map((l) => l.id)).toEqual([logs.star]);
  });

  it("filters on a time window, both ends included", async () => {
    const page = await search({ from: BASE_TIME + 1000, to: BASE_TIME + 2000 });
    expect(page.data.map((l) => l.id)).toEqual([logs.hnMissing, logs.star]);
  });

  it("pages with a cursor, without repeats", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: LogPage = await search({ limit: 3, ...(cursor ? { cursor } : {}) });
      seen.push(...page.data.map((l) => l.id));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(2);
    expect(seen).toEqual([logs.hnOk, logs.hnMissing, logs.star, logs.invalid]);
  });

  it("pages newest first with order desc, the cursor continuing backwards", async () => {
    const first = await search({ limit: 3, order: "desc" });
    expect(first.data.map((l) => l.id)).toEqual([logs.invalid, logs.star, logs.hnMissing]);
    const rest = await search({ limit: 3, order: "desc", cursor: first.next_cursor });
    expect(rest.data.map((l) => l.id)).toEqual([logs.hnOk]);
    expect(rest.next_cursor).toBeNull();
  });

  it("shows another project none of these logs", async () => {
    const other = await newTenant("other");
    expect((await search({}, other.key)).data).toEqual([]);
    expect((await search({ search_params: [{ field: "user_id", value: "alice" }] }, other.key)).data).toEqual([]);
  });

  it("refuses malformed JSON", async () => {
    await expectError(await call("POST", SEARCH, { key: tenant.key, body: "{" }), 400, "malformed_json");
  });

  it.each([
    ["limit 0", { limit: 0 }, "body.limit"],
    ["limit 101", { limit: 101 }, "body.limit"],
    ["limit as a string", { limit: "10" }, "body.limit"],
    ["a negative from", { from: -1 }, "body.from"],
    ["an unknown field", { search_params: [{ field: "api_key", value: "x" }] }, "body.search_params.0.field"],
    ["an unsupported operation", { search_params: [{ field: "status", operation: "!=", value: "error" }] }, "body.search_params.0.operation"],
    ["an unknown top-level key", { sort: "desc" }, "body"],
    ["an unknown order", { order: "newest" }, "body.order"],
  ])("refuses %s with 400 validation_failed", async (_, body, path) => {
    const error = await expectError(await call("POST", SEARCH, { key: tenant.key, body }), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toContain(path);
  });

  it.each([["garbage", "%%%"], ["an offset cursor", btoa("o:1")], ["a time that is not an integer", btoa('[1.5,"log_x"]')]])(
    "refuses %s as a cursor with 400 invalid_cursor",
    async (_, cursor) => {
      await expectError(await call("POST", SEARCH, { key: tenant.key, body: { cursor } }), 400, "invalid_cursor");
    },
  );

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("POST", SEARCH, {});
  });
});

describe("GET /api/v3.1/internal/action_execution/log/{id}", () => {
  it("returns one log with its arguments, secrets redacted", async () => {
    const response = await call("GET", `${ONE}/${logs.invalid}`, { key: tenant.key });
    expect(response.status).toBe(200);
    const log = await json<Log>(response);
    expect(log).toMatchObject({
      id: logs.invalid,
      tool_slug: "GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER",
      status: "error",
      arguments: { owner: "octocat", api_token: "[REDACTED]" },
    });
    expect(log.error).toContain("arguments.repo is required");
    expect(log.error).toContain("arguments.api_token is not an argument of this tool");
    expect(log.duration_ms).toBeGreaterThanOrEqual(0);
  });

  it("refuses an id that is not a log id with 400", async () => {
    for (const id of ["log_short", "ca_AAAAAAAAAAAAAAAAAAAAAA"]) {
      const error = await expectError(await call("GET", `${ONE}/${id}`, { key: tenant.key }), 400, "validation_failed");
      expect(error.errors?.[0]?.path).toBe("path.id");
    }
  });

  it("answers an unknown id with 404 log_not_found", async () => {
    await expectError(await call("GET", `${ONE}/${UNKNOWN_ID}`, { key: tenant.key }), 404, "log_not_found");
  });

  it("answers another project's log with 404", async () => {
    const other = await newTenant("other");
    await expectError(await call("GET", `${ONE}/${logs.star}`, { key: other.key }), 404, "log_not_found");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("GET", `${ONE}/${UNKNOWN_ID}`);
  });
});

/** One MCP `tools/call` at a session's endpoint, with `secret` (an `smc_…` or an OAuth access token) as Bearer; returns the call's log id. */
async function mcpToolCall(sessionId: string, secret: string, origin = "http://gateway.test"): Promise<string> {
  const headers = { accept: "application/json, text/event-stream", "content-type": "application/json", authorization: `Bearer ${secret}` };
  const body = JSON.stringify({ jsonrpc: "2.0", id: 7, method: "tools/call", params: { name: "HACKERNEWS_GET_ITEM", arguments: { id: 1 } } });
  const response = await exports.default.fetch(new Request(`${origin}/tool_router/${sessionId}/mcp`, { method: "POST", headers, body }));
  expect(response.status, await response.clone().text()).toBe(200);
  const { result } = await json<{ result: { content: { text: string }[] } }>(response);
  return (JSON.parse(result.content[0]?.text ?? "{}") as { log_id: string }).log_id;
}

/** The log as the API shows it, once the row has reached D1 (a session's rows go through its outbox). */
async function loggedCall(logId: string, key: string): Promise<Log> {
  expect(await storedLog(logId), `log ${logId} never reached D1`).not.toBeNull();
  const response = await call("GET", `${ONE}/${logId}`, { key });
  expect(response.status).toBe(200);
  return json<Log>(response);
}

describe("the credential that made each call", () => {
  let owner: Tenant;
  let ci: { id: string; key: string };
  let sessionId: string;
  let credential: { id: string; secret: string };

  beforeAll(async () => {
    owner = await newTenant("log-callers");
    ci = await createKey(owner.projectId, "ci");
    sessionId = (await createSession(owner.key, { user_id: "ada", toolkits: ["hackernews"], preload: { tools: ["HACKERNEWS_GET_ITEM"] } })).session_id;
    const created = await call("POST", `${SESSIONS}/${sessionId}/mcp_credentials`, { key: owner.key, body: { name: "desktop" } });
    expect(created.status).toBe(201);
    credential = await json<{ id: string; secret: string }>(created);
  });

  it("is the API key's id for a direct call, each key its own, and the search filters on it", async () => {
    const byOwner = (await execute(owner.key, "HACKERNEWS_GET_ITEM", { user_id: "ada", arguments: { id: 1 } })).log_id;
    const byCi = (await execute(ci.key, "HACKERNEWS_GET_ITEM", { user_id: "ada", arguments: { id: 1 } })).log_id;
    expect(await loggedCall(byOwner, owner.key)).toMatchObject({ credential_type: "api_key", credential_id: owner.keyId });
    const log = await loggedCall(byCi, owner.key);
    expect(log).toMatchObject({ credential_type: "api_key", credential_id: ci.id });
    expect(JSON.stringify(log)).not.toContain(ci.key);
    const filtered = await search({ search_params: [{ field: "credential_id", value: ci.id }] }, owner.key);
    expect(filtered.data.map((l) => l.id)).toEqual([byCi]);
  });

  it("is the API key's id for a call made in a session over REST", async () => {
    const { log_id } = await sessionExecute(ci.key, sessionId, { tool_slug: "HACKERNEWS_GET_ITEM", arguments: { id: 1 } });
    expect(await loggedCall(log_id, owner.key)).toMatchObject({ session_id: sessionId, credential_type: "api_key", credential_id: ci.id });
  });

  it("is the MCP credential's id for a call through the session's MCP endpoint", async () => {
    const logId = await mcpToolCall(sessionId, credential.secret);
    const log = await loggedCall(logId, owner.key);
    expect(log).toMatchObject({ session_id: sessionId, user_id: "ada", tool_slug: "HACKERNEWS_GET_ITEM", credential_type: "mcp_credential", credential_id: credential.id });
    expect(credential.id).toMatch(/^mcc_/);
    expect(JSON.stringify(log)).not.toContain(credential.secret);
    const filtered = await search({ search_params: [{ field: "credential_type", value: "mcp_credential" }] }, owner.key);
    expect(filtered.data.map((l) => l.id)).toEqual([logId]);
  });

  it("is the grant's id, as the grants list shows it, for a call with an MCP client's OAuth token", async () => {
    const { clientId, tokens } = await connectClient(sessionId, owner.key);
    const logId = await mcpToolCall(sessionId, tokens.access_token, GATEWAY);
    const log = await loggedCall(logId, owner.key);
    // The OAuth server answers only over https (or on localhost), as the flow itself did.
    const listed = await gateway(`${SESSIONS}/${sessionId}/mcp_grants`, { headers: { "x-api-key": owner.key } });
    const grants = await json<{ items: { id: string; client_id: string }[] }>(listed);
    const grant = grants.items.find((g) => g.client_id === clientId);
    expect(grant?.id).toBeTruthy();
    expect(log).toMatchObject({ session_id: sessionId, credential_type: "mcp_oauth_grant", credential_id: grant?.id });
    const text = JSON.stringify(log);
    for (const secret of [tokens.access_token, tokens.access_token.split(":")[2] ?? "", tokens.refresh_token]) expect(text).not.toContain(secret);
  });

  it("is kept from another project, which finds none of these logs by it", async () => {
    const other = await newTenant("log-callers-other");
    expect((await search({ search_params: [{ field: "credential_id", value: credential.id }] }, other.key)).data).toEqual([]);
    expect((await search({ search_params: [{ field: "credential_id", value: ci.id }] }, other.key)).data).toEqual([]);
    const [logged] = (await search({ search_params: [{ field: "credential_id", value: credential.id }] }, owner.key)).data;
    await expectError(await call("GET", `${ONE}/${logged?.id}`, { key: other.key }), 404, "log_not_found");
  });
});

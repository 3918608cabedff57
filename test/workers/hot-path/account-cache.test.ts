import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { connectAccount, connectedTenant, execute, type ExecuteResult } from "../fixtures.ts";
import { call, json } from "../helpers.ts";
import { createSession, sessionExecute } from "../core/sessions/session-fixtures.ts";
import { eventually, GET_REPO, mcpCall, REPO, sessionLog, simulateUpstreams } from "./hot-path-fixtures.ts";

/**
 * What must hold once a session keeps its user's accounts and auth configs in memory
 * (issue 12): every change made through the public API is seen by the session's very next
 * call, never after some cache lifetime. Each case first warms the session with a successful
 * call (from then on it may answer from its copy), changes state through the API, and calls
 * again at once. State is only ever changed through the API here: a write straight to D1
 * would bypass the invalidation these tests are about.
 */

const FIRST = "ghp_first_account_token";
const SECOND = "ghp_second_account_token";
const NO_CONNECTION = /no active GitHub connection/;
const ACCOUNTS = "/api/v3.1/connected_accounts";
const PROJECT_LOG = "/api/v3.1/internal/action_execution/log";

let upstream: ReturnType<typeof simulateUpstreams>;

beforeEach(() => {
  upstream = simulateUpstreams();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/** Rows are ordered by created_at (ms): a later account must not share its predecessor's millisecond. */
const nextMillisecond = () => new Promise((resolve) => setTimeout(resolve, 3));

/** A tenant whose user has one ACTIVE GitHub account (token FIRST), and a session of theirs warmed by a successful call. */
async function warmSession(userId = "alice") {
  const tenant = await connectedTenant("github", "BEARER_TOKEN", { token: FIRST }, { userId });
  const sessionId = (await createSession(tenant.key, { user_id: userId, toolkits: ["github"] })).session_id;
  await expectRunsWith(tenant.key, sessionId, FIRST);
  return { ...tenant, sessionId };
}

function getRepo(key: string, sessionId: string, account?: string): Promise<ExecuteResult> {
  return sessionExecute(key, sessionId, { tool_slug: GET_REPO, arguments: REPO, ...(account === undefined ? {} : { account }) });
}

/** The call succeeds, and GitHub saw exactly this token. */
async function expectRunsWith(key: string, sessionId: string, token: string, account?: string): Promise<ExecuteResult> {
  const before = upstream.githubTokens().length;
  const result = await getRepo(key, sessionId, account);
  expect(result.successful, result.error ?? "").toBe(true);
  expect(upstream.githubTokens().slice(before)).toEqual([`Bearer ${token}`]);
  return result;
}

/** The call fails as the agent should see it (no usable connection), and nothing reached GitHub. */
async function expectRefused(key: string, sessionId: string, reason: RegExp = NO_CONNECTION, account?: string): Promise<ExecuteResult> {
  const before = upstream.githubTokens().length;
  const result = await getRepo(key, sessionId, account);
  expect(result, "the call should have been refused").toMatchObject({ successful: false, error: expect.stringMatching(reason) });
  expect(upstream.githubTokens().slice(before), "a refused call must not reach GitHub").toEqual([]);
  return result;
}

async function patchStatus(key: string, accountId: string, enabled: boolean): Promise<void> {
  const response = await call("PATCH", `${ACCOUNTS}/${accountId}/status`, { key, body: { enabled } });
  expect(response.status).toBe(200);
}

describe("an account that stops being usable stops at once", () => {
  it("disabled (PATCH …/status): the next call fails, over REST and MCP; enabled again, it runs again", async () => {
    const { key, accountId, sessionId } = await warmSession();
    await patchStatus(key, accountId, false);
    await expectRefused(key, sessionId);
    const overMcp = await mcpCall(key, sessionId, GET_REPO, REPO);
    expect(overMcp).toMatchObject({ successful: false, error: expect.stringMatching(NO_CONNECTION) });
    await patchStatus(key, accountId, true);
    await expectRunsWith(key, sessionId, FIRST);
  });

  it("deleted (DELETE …/{id}): the next call fails", async () => {
    const { key, accountId, sessionId } = await warmSession();
    const response = await call("DELETE", `${ACCOUNTS}/${accountId}`, { key });
    expect(response.status).toBe(200);
    await expectRefused(key, sessionId);
  });

  it("revoked (POST …/{id}/revoke): the next call fails", async () => {
    const { key, accountId, sessionId } = await warmSession();
    const response = await call("POST", `${ACCOUNTS}/${accountId}/revoke`, { key });
    expect(response.status).toBe(200);
    expect((await json<{ connected_account: { status: string } }>(response)).connected_account.status).toBe("REVOKED");
    await expectRefused(key, sessionId);
  });
});

it("an auth config disabled (PATCH /api/v3.1/auth_configs/{id}/DISABLED) stops the next call; ENABLED again, it runs", async () => {
  const { key, authConfigId, sessionId } = await warmSession();
  expect((await call("PATCH", `/api/v3.1/auth_configs/${authConfigId}/DISABLED`, { key })).status).toBe(200);
  await expectRefused(key, sessionId);
  expect((await call("PATCH", `/api/v3.1/auth_configs/${authConfigId}/ENABLED`, { key })).status).toBe(200);
  await expectRunsWith(key, sessionId, FIRST);
});

it("a newer account of the same user and toolkit is used by the very next call", async () => {
  const { key, authConfigId, userId, sessionId } = await warmSession();
  await nextMillisecond();
  const newer = await connectAccount(key, authConfigId, userId, "BEARER_TOKEN", { token: SECOND });
  const result = await expectRunsWith(key, sessionId, SECOND);
  expect((await sessionLog(key, sessionId))[0]).toMatchObject({ id: result.log_id, connected_account_id: newer });
});

it("an alias set on an account can be called by at once, and stops answering once cleared", async () => {
  // Two accounts: the newer one (SECOND) is the default, so only the alias can pick the older one.
  const { key, authConfigId, accountId: older, userId, sessionId } = await warmSession();
  await nextMillisecond();
  await connectAccount(key, authConfigId, userId, "BEARER_TOKEN", { token: SECOND });
  await expectRunsWith(key, sessionId, SECOND);
  // Asked for before it exists, so a session that cached the answer would keep refusing.
  await expectRefused(key, sessionId, /no GitHub account "work"/, "work");

  const rename = (alias: string) => call("PATCH", `${ACCOUNTS}/${older}`, { key, body: { alias } });
  expect((await rename("work")).status).toBe(200);
  await expectRunsWith(key, sessionId, FIRST, "work");
  await expectRunsWith(key, sessionId, SECOND);

  expect((await rename("")).status).toBe(200);
  await expectRefused(key, sessionId, /no GitHub account "work"/, "work");
});

it("another user's accounts changing (same project, same auth config) leaves this session's choice alone", async () => {
  const { key, authConfigId, sessionId } = await warmSession("alice");
  const bobs = await connectAccount(key, authConfigId, "bob", "BEARER_TOKEN", { token: "ghp_bob_token" });
  await expectRunsWith(key, sessionId, FIRST);
  await patchStatus(key, bobs, false);
  await expectRunsWith(key, sessionId, FIRST);
  await nextMillisecond();
  await connectAccount(key, authConfigId, "bob", "BEARER_TOKEN", { token: "ghp_bob_newer_token" });
  await expectRunsWith(key, sessionId, FIRST);
  expect((await call("DELETE", `${ACCOUNTS}/${bobs}`, { key })).status).toBe(200);
  await expectRunsWith(key, sessionId, FIRST);
});

describe("execution logs", () => {
  interface ProjectLog {
    id: string;
    session_id: string | null;
    user_id: string | null;
    tool_slug: string;
    connected_account_id: string | null;
    status: string;
  }

  /**
   * The project log (GET /api/v3.1/internal/action_execution/log/{id}) has it within a few
   * seconds, by itself: a session's logs reach D1 from its alarm, a direct call's from waitUntil.
   */
  async function inProjectLog(key: string, logId: string): Promise<ProjectLog> {
    return eventually(`log ${logId} in the project log`, async () => {
      const response = await call("GET", `${PROJECT_LOG}/${logId}`, { key });
      if (response.status === 404) return null;
      expect(response.status).toBe(200);
      return json<ProjectLog>(response);
    });
  }

  it("a session call is in the session's log at once, and in the project's log within seconds (REST and MCP)", async () => {
    const { key, accountId, userId, sessionId } = await warmSession();
    const rest = await expectRunsWith(key, sessionId, FIRST);
    expect((await sessionLog(key, sessionId))[0]).toMatchObject({ id: rest.log_id, via: "rest", kind: "app", tool_slug: GET_REPO, status: "success" });

    const mcp = await mcpCall(key, sessionId, GET_REPO, REPO);
    expect(mcp.successful, mcp.error ?? "").toBe(true);
    expect((await sessionLog(key, sessionId))[0]).toMatchObject({ id: mcp.log_id, via: "mcp", kind: "app", status: "success" });

    for (const logId of [rest.log_id, mcp.log_id!]) {
      expect(await inProjectLog(key, logId)).toMatchObject({ id: logId, session_id: sessionId, user_id: userId, tool_slug: GET_REPO, connected_account_id: accountId, status: "success" });
    }
  });

  it("a session call refused for want of a connection is logged the same way", async () => {
    const { key, accountId, userId, sessionId } = await warmSession();
    await patchStatus(key, accountId, false);
    const refused = await expectRefused(key, sessionId);
    expect((await sessionLog(key, sessionId))[0]).toMatchObject({ id: refused.log_id, status: "error" });
    expect(await inProjectLog(key, refused.log_id)).toMatchObject({ session_id: sessionId, user_id: userId, status: "error" });
  });

  it("a direct tools/execute call is in the project's log within seconds", async () => {
    const { key, accountId, userId } = await warmSession();
    const result = await execute(key, GET_REPO, { user_id: userId, arguments: REPO });
    expect(result.successful, result.error ?? "").toBe(true);
    expect(await inProjectLog(key, result.log_id)).toMatchObject({ session_id: null, user_id: userId, connected_account_id: accountId, status: "success" });
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import { connectAccount, createAuthConfig, newTenant, type Tenant } from "../../fixtures.ts";
import { call, expectError } from "../../helpers.ts";
import { createSession, executeMeta, SESSIONS } from "./session-fixtures.ts";

/**
 * COMPOSIO_WAIT_FOR_CONNECTIONS: opt-in; returns as soon as the Connect page completes a
 * link this session started (the real callback path notifies the session's object), or
 * when its timeout passes.
 */
interface WaitData {
  results: Record<string, { status: string; connected_account_id?: string }>;
  timed_out: boolean;
  waited_ms: number;
}

let tenant: Tenant;

beforeAll(async () => {
  tenant = await newTenant("wait");
  await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
  await createAuthConfig(tenant.key, "linear", "API_KEY");
});

const waitFor = (sessionId: string, args: Record<string, unknown>) => executeMeta<WaitData>(tenant.key, sessionId, "COMPOSIO_WAIT_FOR_CONNECTIONS", args);

async function startLink(sessionId: string, toolkit: string): Promise<string> {
  const { data } = await executeMeta<{ results: Record<string, { redirect_url: string }> }>(tenant.key, sessionId, "COMPOSIO_MANAGE_CONNECTIONS", { toolkits: [toolkit] });
  const url = data.results[toolkit]?.redirect_url ?? "";
  expect(url).toContain("/link/lk_");
  return new URL(url).pathname;
}

/** What the user does on the Connect page: open it, then submit the key form. */
async function completeOnConnectPage(path: string, field: string, value: string): Promise<void> {
  const page = await call("GET", path);
  expect(page.status).toBe(200);
  const csrf = /sb_link_csrf=([^;]+)/.exec(page.headers.get("set-cookie") ?? "")?.[1] ?? "";
  expect(csrf).not.toBe("");
  const submitted = await call("POST", path, {
    headers: { cookie: `sb_link_csrf=${csrf}`, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ csrf_token: csrf, [field]: value }).toString(),
  });
  expect(submitted.status).toBeLessThan(400);
}

describe("COMPOSIO_WAIT_FOR_CONNECTIONS", () => {
  it("is listed only when the session opts in", async () => {
    const plain = await createSession(tenant.key, { user_id: "waiter" });
    expect(plain.tool_router_tools).not.toContain("COMPOSIO_WAIT_FOR_CONNECTIONS");
    await expectError(
      await call("POST", `${SESSIONS}/${plain.session_id}/execute_meta`, { key: tenant.key, body: { slug: "COMPOSIO_WAIT_FOR_CONNECTIONS", arguments: { toolkits: ["github"] } } }),
      403,
      "tool_not_in_session",
    );
    const opted = await createSession(tenant.key, { user_id: "waiter", manage_connections: { enable_wait_for_connections: true } });
    expect(opted.tool_router_tools).toContain("COMPOSIO_WAIT_FOR_CONNECTIONS");
  });

  it("returns as soon as the user completes the Connect Link, without polling", async () => {
    const session = await createSession(tenant.key, { user_id: "waiter", toolkits: ["github"], manage_connections: { wait_for_connections: true } });
    const path = await startLink(session.session_id, "github");
    const started = Date.now();
    const waiting = waitFor(session.session_id, { toolkits: ["github"], timeout_seconds: 30 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await completeOnConnectPage(path, "token", "ghp_connected_while_waiting");
    const { data, successful } = await waiting;
    expect(successful).toBe(true);
    expect(data.timed_out).toBe(false);
    expect(data.results.github).toMatchObject({ status: "ACTIVE", connected_account_id: expect.stringMatching(/^ca_/) });
    expect(Date.now() - started).toBeLessThan(5000);
    expect(data.waited_ms).toBeGreaterThanOrEqual(250);

    // The account connected through the session is the session's choice for the toolkit from now on.
    const toolkits = await call("GET", `${SESSIONS}/${session.session_id}/toolkits`, { key: tenant.key });
    const items = ((await toolkits.json()) as { items: { slug: string; connected_account: { id: string } | null }[] }).items;
    expect(items.find((i) => i.slug === "github")?.connected_account?.id).toBe(data.results.github?.connected_account_id);
  });

  it("waits for any or all of several toolkits", async () => {
    const session = await createSession(tenant.key, { user_id: "waiter-2", toolkits: ["github", "linear"], manage_connections: { enable_wait_for_connections: true } });
    const github = await startLink(session.session_id, "github");
    await startLink(session.session_id, "linear");
    const any = waitFor(session.session_id, { toolkits: ["github", "linear"], mode: "any", timeout_seconds: 30 });
    await new Promise((resolve) => setTimeout(resolve, 200));
    await completeOnConnectPage(github, "token", "ghp_any");
    const anyResult = await any;
    expect(anyResult.data.timed_out).toBe(false);
    expect(anyResult.data.results).toMatchObject({ github: { status: "ACTIVE" }, linear: { status: "INITIATED" } });

    const all = await waitFor(session.session_id, { toolkits: ["github", "linear"], timeout_seconds: 1 });
    expect(all.data.timed_out).toBe(true);
    expect(all.data.results.linear?.status).toBe("INITIATED");
    expect(all.data.waited_ms).toBeGreaterThanOrEqual(950);
  });

  it("returns at once for connected, never-started and foreign toolkits", async () => {
    await connectAccount(tenant.key, (await createAuthConfig(tenant.key, "notion", "BEARER_TOKEN")), "waiter-3", "BEARER_TOKEN", { token: "secret_notion" });
    const session = await createSession(tenant.key, { user_id: "waiter-3", toolkits: ["notion", "github"], manage_connections: { enable_wait_for_connections: true } });
    const started = Date.now();
    const { data } = await waitFor(session.session_id, { toolkits: ["notion", "github", "gmail"], timeout_seconds: 20 });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(data.timed_out).toBe(false);
    expect(data.results).toMatchObject({ notion: { status: "ACTIVE" }, github: { status: "NOT_FOUND" }, gmail: { status: "NOT_FOUND" } });
  });
});

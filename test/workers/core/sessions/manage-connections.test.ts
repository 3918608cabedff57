import { beforeAll, describe, expect, it } from "vitest";
import { connectAccount, createAuthConfig, newTenant, storedLog, type Tenant } from "../../fixtures.ts";
import { env } from "../../helpers.ts";
import { createSession, executeMeta } from "./session-fixtures.ts";

/** COMPOSIO_MANAGE_CONNECTIONS: per toolkit, the status and, when not connected, a Connect Link. */
interface ManageData {
  message: string;
  results: Record<string, { status: string; has_active_connection: boolean; redirect_url?: string; connected_account_id?: string; error_message?: string; was_reinitiated: boolean }>;
  summary: { total_toolkits: number; active_connections: number; initiated_connections: number; failed_connections: number };
}

let tenant: Tenant;
let account: string;
let githubConfig: string;

beforeAll(async () => {
  tenant = await newTenant("manage");
  githubConfig = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
  await createAuthConfig(tenant.key, "linear", "API_KEY");
  account = await connectAccount(tenant.key, githubConfig, "manager", "BEARER_TOKEN", { token: "ghp_manage" });
});

const manage = (sessionId: string, args: Record<string, unknown>) => executeMeta<ManageData>(tenant.key, sessionId, "COMPOSIO_MANAGE_CONNECTIONS", args);

describe("COMPOSIO_MANAGE_CONNECTIONS", () => {
  it("reports connected toolkits, and starts a Connect Link for the others", async () => {
    const session = await createSession(tenant.key, {
      user_id: "manager",
      toolkits: ["github", "linear", "hackernews", "slack"],
      manage_connections: { callback_url: "https://app.example/connected" },
    });
    const { data, successful, log_id } = await manage(session.session_id, { toolkits: ["GitHub", "linear", "hackernews", "slack", "gmail", "nosuchkit"] });
    expect(successful).toBe(true);
    expect(data.results.github).toMatchObject({ status: "active", has_active_connection: true, connected_account_id: account, was_reinitiated: false });
    expect(data.results.hackernews).toMatchObject({ status: "active", has_active_connection: true });
    const linear = data.results.linear;
    expect(linear).toMatchObject({ status: "initiated", has_active_connection: false, redirect_url: expect.stringMatching(/^http:\/\/gateway\.test\/link\/lk_/) });
    const token = linear?.redirect_url?.split("/").at(-1) ?? "";
    const row = await env.DB.prepare("SELECT session_id, user_id, toolkit_slug, callback_url FROM link_requests WHERE id = ?").bind(token).first();
    expect(row).toEqual({ session_id: session.session_id, user_id: "manager", toolkit_slug: "linear", callback_url: "https://app.example/connected" });
    // Slack has no auth config in this project and the operator offers no default one.
    expect(data.results.slack).toMatchObject({ status: "failed", error_message: expect.stringContaining("no Slack auth config") });
    expect(data.results.gmail).toMatchObject({ status: "failed", error_message: expect.stringContaining("not one of this session's toolkits") });
    expect(data.results.nosuchkit).toMatchObject({ status: "failed" });
    expect(data.summary).toEqual({ total_toolkits: 6, active_connections: 2, initiated_connections: 1, failed_connections: 3 });
    // The execution log keeps the result, but not the user's single-use link token.
    const logged = await storedLog(log_id);
    expect(logged?.response).toContain("lk_[redacted]");
    expect(logged?.response).not.toContain(token);
  });

  it("sends links through the session's link_url_overwrite", async () => {
    const session = await createSession(tenant.key, { user_id: "manager", toolkits: ["linear"], experimental: { link_url_overwrite: "https://connect.example.com/" } });
    const { data } = await manage(session.session_id, { toolkits: ["linear"] });
    expect(data.results.linear?.redirect_url).toMatch(/^https:\/\/connect\.example\.com\/link\/lk_/);
  });

  it("starts a new connection for a connected toolkit when asked to reinitiate", async () => {
    const session = await createSession(tenant.key, { user_id: "manager", toolkits: ["github"], auth_configs: { github: githubConfig } });
    const { data } = await manage(session.session_id, { toolkits: ["github"], reinitiate_all: true });
    expect(data.results.github).toMatchObject({ status: "initiated", was_reinitiated: true, redirect_url: expect.stringContaining("/link/lk_") });
  });

  it("is absent when the session manages no connections, and needs toolkits", async () => {
    const off = await createSession(tenant.key, { user_id: "manager", manage_connections: false });
    expect(off.tool_router_tools).not.toContain("COMPOSIO_MANAGE_CONNECTIONS");
    const on = await createSession(tenant.key, { user_id: "manager" });
    const result = await manage(on.session_id, { toolkits: [] });
    expect(result.successful).toBe(false);
    expect(result.error).toContain("arguments.toolkits");
  });
});

import { evictDurableObject, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { SessionObject } from "../../../durable-objects/session-object.ts";
import { mockUpstream, shortenTimeouts } from "../core/executor/upstream.ts";
import { connectAccount, createAuthConfig, expectKeyRefusals, newTenant, storedLog, type Tenant } from "../fixtures.ts";
import { ADMIN_KEY, call, env, expectError, json } from "../helpers.ts";
import { createSession, executeMeta, SESSIONS, sessionExecute, type SessionBody } from "../core/sessions/session-fixtures.ts";

/**
 * The session API through the real Worker: routes, D1 index, SessionObject and executor,
 * with only the network simulated.
 */
const DEFAULT_META = [
  "COMPOSIO_SEARCH_TOOLS",
  "COMPOSIO_GET_TOOL_SCHEMAS",
  "COMPOSIO_MULTI_EXECUTE_TOOL",
  "COMPOSIO_MANAGE_CONNECTIONS",
  "COMPOSIO_REMOTE_WORKBENCH",
  "COMPOSIO_REMOTE_BASH_TOOL",
];

let tenant: Tenant;
let other: Tenant;
let githubConfig: string;

beforeAll(async () => {
  [tenant, other] = await Promise.all([newTenant("sessions"), newTenant("sessions-other")]);
  githubConfig = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("POST /session", () => {
  it("creates a session with Composio's defaults and an MCP endpoint", async () => {
    const session = await createSession(tenant.key, { user_id: "user_123" });
    expect(session.session_id).toMatch(/^trs_[A-Za-z0-9_-]{22}$/);
    expect(session.mcp).toEqual({ type: "http", url: `http://gateway.test/tool_router/${session.session_id}/mcp`, headers: {} });
    expect(session.tool_router_tools).toEqual(DEFAULT_META);
    expect(session.config_version).toBe(1);
    expect(session.warnings).toEqual([]);
    expect(session.config).toEqual({
      user_id: "user_123",
      manage_connections: { enabled: true, enable_wait_for_connections: false, enable_connection_removal: true },
      workbench: { enable: true, proxy_execution_enabled: false, auto_offload_threshold: 20000, sandbox_size: "standard" },
      multi_account: { enable: false, max_accounts_per_toolkit: 5, require_explicit_selection: false },
      preload: { tools: [] },
      search: { enable: true },
      execute: { enable_multi_execute: true },
    });
    const row = await env.DB.prepare("SELECT project_id, user_id, deleted_at FROM sessions WHERE id = ?").bind(session.session_id).first();
    expect(row).toEqual({ project_id: tenant.projectId, user_id: "user_123", deleted_at: null });
    const again = await createSession(tenant.key, { user_id: "user_123" });
    expect(again.session_id).not.toBe(session.session_id);
  });

  it("accepts every option the SDK sends and returns it normalised", async () => {
    const account = await connectAccount(tenant.key, githubConfig, "opt-user", "BEARER_TOKEN", { token: "ghp_options" });
    const session = await createSession(tenant.key, {
      user_id: "opt-user",
      toolkits: { enable: ["GitHub", "gmail"] },
      tools: { github: { enable: ["GITHUB_CREATE_ISSUE", "GITHUB_GET_A_REPOSITORY"] }, gmail: { tags: { enable: ["readOnlyHint"] } } },
      tags: ["readOnlyHint", "idempotentHint"],
      auth_configs: { github: githubConfig },
      connected_accounts: { github: [account] },
      manage_connections: { enable: true, callback_url: "https://app.example/done", enable_wait_for_connections: true },
      workbench: { enable: false, enable_proxy_execution: true, auto_offload_threshold: 5000, sandbox_size: "large" },
      multi_account: { enable: false },
      preload: { tools: ["GITHUB_CREATE_ISSUE"] },
      search: { enable: true },
      execute: { enable_multi_execute: false },
      experimental: { assistive_prompt_config: { user_timezone: "Europe/Paris" } },
    });
    expect(session.config).toMatchObject({
      toolkits: { enabled: ["github", "gmail"] },
      tools: { github: { enabled: ["GITHUB_CREATE_ISSUE", "GITHUB_GET_A_REPOSITORY"] }, gmail: { tags: { enabled: ["readOnlyHint"] } } },
      tags: { enabled: ["readOnlyHint", "idempotentHint"] },
      auth_configs: { github: githubConfig },
      connected_accounts: { github: [account] },
      manage_connections: { enabled: true, callback_url: "https://app.example/done", enable_wait_for_connections: true },
      workbench: { enable: false, proxy_execution_enabled: true, auto_offload_threshold: 5000, sandbox_size: "large" },
      preload: { tools: ["GITHUB_CREATE_ISSUE"] },
      execute: { enable_multi_execute: false },
    });
    expect(session.tool_router_tools).toEqual(["COMPOSIO_SEARCH_TOOLS", "COMPOSIO_GET_TOOL_SCHEMAS", "COMPOSIO_MANAGE_CONNECTIONS", "COMPOSIO_WAIT_FOR_CONNECTIONS"]);
  });

  it("refuses malformed and inconsistent configurations with the field at fault", async () => {
    const cases: [Record<string, unknown>, string, string][] = [
      [{}, "validation_failed", "body.user_id"],
      [{ user_id: "u", mystery: true }, "validation_failed", "body"],
      [{ user_id: "u", toolkits: { enable: ["nosuchkit"] } }, "invalid_session_config", "body.toolkits"],
      [{ user_id: "u", tools: { github: { enable: ["GMAIL_SEND_EMAIL"] } } }, "invalid_session_config", "body.tools.github"],
      [{ user_id: "u", tools: { github: { enable: ["X"], disable: ["Y"] } } }, "validation_failed", "body.tools"],
      [{ user_id: "u", tags: ["notAHint"] }, "validation_failed", "body.tags"],
      [{ user_id: "u", toolkits: ["gmail"], preload: { tools: ["GITHUB_CREATE_ISSUE"] } }, "invalid_session_config", "body.preload.tools"],
      [{ user_id: "u", preload: { tools: "all" } }, "invalid_session_config", "body.preload.tools"],
      [{ user_id: "u", preload: { tools: ["NOPE_NOT_A_TOOL"] } }, "invalid_session_config", "body.preload.tools"],
      [{ user_id: "u", auth_configs: { github: "ac_missing" } }, "invalid_session_config", "body.auth_configs.github"],
      [{ user_id: "u", connected_accounts: { github: ["ca_a", "ca_b"] } }, "invalid_session_config", "body.connected_accounts.github"],
      [{ user_id: "u", multi_account: { enable: true }, preload: { tools: ["GMAIL_FETCH_EMAILS"] } }, "invalid_session_config", "body.preload"],
      [{ user_id: "u", multi_account: { max_accounts_per_toolkit: 11 } }, "validation_failed", "body.multi_account.max_accounts_per_toolkit"],
      [{ user_id: "u", manage_connections: { callback_url: "javascript:alert(1)" } }, "invalid_session_config", "body.manage_connections.callback_url"],
    ];
    for (const [body, code, path] of cases) {
      const error = await expectError(await call("POST", SESSIONS, { key: tenant.key, body }), 400, code);
      expect(error.errors?.map((e) => e.path).join(" "), JSON.stringify(body)).toContain(path);
    }
    const unknownKey = await expectError(await call("POST", SESSIONS, { key: tenant.key, body: { user_id: "u", mystery: true } }), 400, "validation_failed");
    expect(unknownKey.message).toContain("mystery");
    await expectError(await call("POST", SESSIONS, { key: tenant.key, body: "{not json" }), 400, "malformed_json");
    // Custom tools are validated field by field (test/workers/routes/session-custom-tools.test.ts covers them in full).
    await expectError(await call("POST", SESSIONS, { key: tenant.key, body: { user_id: "u", experimental: { custom_tools: [{ slug: "X" }] } } }), 400, "validation_failed");
  });

  it("pins only the user's own accounts and the project's own auth configs", async () => {
    const bobs = await connectAccount(tenant.key, githubConfig, "bob", "BEARER_TOKEN", { token: "ghp_bob" });
    const error = await expectError(
      await call("POST", SESSIONS, { key: tenant.key, body: { user_id: "alice", connected_accounts: { github: bobs } } }),
      400,
      "invalid_session_config",
    );
    expect(error.message).toContain("belongs to another user");
    const foreign = await createAuthConfig(other.key, "github", "BEARER_TOKEN");
    await expectError(await call("POST", SESSIONS, { key: tenant.key, body: { user_id: "alice", auth_configs: { github: foreign } } }), 400, "invalid_session_config");
  });

  it('warns about user_id "default", and refuses it in a production project', async () => {
    const session = await createSession(tenant.key, { user_id: "default" });
    expect(session.warnings.map((w) => w.code)).toEqual(["DEFAULT_USER_ID"]);
    const production = await newTenant("production");
    const patched = await call("PATCH", `/api/admin/projects/${production.projectId}`, { admin: ADMIN_KEY, body: { is_production: true } });
    expect(patched.status).toBe(200);
    await expectError(await call("POST", SESSIONS, { key: production.key, body: { user_id: "default" } }), 400, "default_user_id_not_allowed");
    await createSession(production.key, { user_id: "user_1" });
  });

  it("needs a live key", async () => {
    await expectKeyRefusals("POST", SESSIONS, { user_id: "u" });
  });
});

describe("the session routes", () => {
  let session: SessionBody;
  let sessionPath: string;

  beforeAll(async () => {
    session = await createSession(tenant.key, { user_id: "routes-user", toolkits: ["hackernews", "github"] });
    sessionPath = `${SESSIONS}/${session.session_id}`;
  });

  const routes = (): [string, string, unknown?][] => [
    ["GET", sessionPath],
    ["PATCH", sessionPath, { search: { enable: true } }],
    ["DELETE", sessionPath],
    ["POST", `${sessionPath}/attach`, {}],
    ["GET", `${sessionPath}/config_history`],
    ["GET", `${sessionPath}/tools`],
    ["GET", `${sessionPath}/toolkits`],
    ["POST", `${sessionPath}/search`, { queries: [{ use_case: "top stories" }] }],
    ["POST", `${sessionPath}/execute`, { tool_slug: "HACKERNEWS_GET_ITEM", arguments: { id: 1 } }],
    ["POST", `${sessionPath}/execute_meta`, { slug: "COMPOSIO_SEARCH_TOOLS", arguments: { queries: [{ use_case: "x" }] } }],
    ["POST", `${sessionPath}/link`, { toolkit: "github" }],
    ["POST", `${sessionPath}/proxy_execute`, { toolkit_slug: "github", endpoint: "/user", method: "GET" }],
    ["GET", `${sessionPath}/logs`],
  ];

  it("turn away a missing or revoked key", async () => {
    for (const [method, path, body] of routes()) await expectKeyRefusals(method, path, body);
  });

  it("answer 404 to another project's key, before the session's object is reached", async () => {
    const before = await runInDurableObject(env.SESSIONS.getByName(session.session_id), (instance: SessionObject) => instance.describe({ projectId: tenant.projectId, publicUrl: "x", sessionTtlMs: 604_800_000 }));
    expect(before.ok).toBe(true);
    for (const [method, path, body] of routes()) {
      const error = await expectError(await call(method, path, { key: other.key, body }), 404, "session_not_found");
      expect(error.message).toContain(session.session_id);
    }
    // The refused DELETE changed nothing.
    expect((await call("GET", sessionPath, { key: tenant.key })).status).toBe(200);
  });

  it("answer 404 to an id that is not a session id, or not one of this project's", async () => {
    for (const id of ["nope", "trs_AAAAAAAAAAAAAAAAAAAAAA", "ac_AAAAAAAAAAAAAAAAAAAAAA"]) {
      await expectError(await call("GET", `${SESSIONS}/${id}`, { key: tenant.key }), 404, "session_not_found");
    }
  });
});

describe("GET, PATCH, DELETE and config history", () => {
  it("resumes a session as it was created", async () => {
    const created = await createSession(tenant.key, { user_id: "resume", toolkits: { disable: ["slack"] }, preload: { tools: ["HACKERNEWS_GET_ITEM"] } });
    const response = await call("GET", `${SESSIONS}/${created.session_id}`, { key: tenant.key });
    expect(response.status).toBe(200);
    // Resuming is a use: the session's expiry moves on, everything else is as created.
    const { expires_at: resumedExpiry, ...resumed } = (await json(response)) as typeof created & { expires_at: string };
    const { expires_at: createdExpiry, ...original } = created as typeof created & { expires_at: string };
    expect(resumed).toEqual(original);
    expect(Date.parse(resumedExpiry)).toBeGreaterThanOrEqual(Date.parse(createdExpiry));
  });

  it("patches blocks: lists and maps replace, settings merge, null resets, and the version moves on", async () => {
    const created = await createSession(tenant.key, {
      user_id: "patcher",
      toolkits: ["github", "gmail"],
      tools: { github: ["GITHUB_GET_A_REPOSITORY"] },
      manage_connections: { callback_url: "https://app.example/cb" },
      workbench: { auto_offload_threshold: 1000 },
    });
    const path = `${SESSIONS}/${created.session_id}`;
    const patched = await json<SessionBody>(
      await call("PATCH", path, {
        key: tenant.key,
        body: { toolkits: { enable: ["gmail", "slack"] }, tools: { gmail: { disable: ["GMAIL_SEND_EMAIL"] } }, workbench: { enable: false }, manage_connections: { enable_wait_for_connections: true } },
      }),
    );
    expect(patched.config_version).toBe(2);
    expect(patched.config).toMatchObject({
      toolkits: { enabled: ["gmail", "slack"] },
      tools: { gmail: { disabled: ["GMAIL_SEND_EMAIL"] } },
      workbench: { enable: false, auto_offload_threshold: 1000 },
      manage_connections: { enabled: true, callback_url: "https://app.example/cb", enable_wait_for_connections: true },
    });
    expect(patched.config.tools).not.toHaveProperty("github");
    expect(patched.tool_router_tools).toContain("COMPOSIO_WAIT_FOR_CONNECTIONS");
    expect(patched.tool_router_tools).not.toContain("COMPOSIO_REMOTE_WORKBENCH");

    const cleared = await json<SessionBody>(await call("PATCH", path, { key: tenant.key, body: { toolkits: null, tools: null, workbench: null, expected_config_version: 2 } }));
    expect(cleared.config_version).toBe(3);
    expect(cleared.config).not.toHaveProperty("toolkits");
    expect(cleared.config).not.toHaveProperty("tools");
    expect(cleared.config.workbench).toEqual({ enable: true, proxy_execution_enabled: false, auto_offload_threshold: 20000, sandbox_size: "standard" });

    const stale = await expectError(await call("PATCH", path, { key: tenant.key, body: { search: { enable: false }, expected_config_version: 2 } }), 409, "session_config_conflict");
    expect(stale.message).toContain("version 3");

    const history = await json<{ items: { version: number; is_current: boolean; config: { toolkits?: unknown } }[]; total_items: number }>(
      await call("GET", `${path}/config_history?limit=2`, { key: tenant.key }),
    );
    expect(history.total_items).toBe(3);
    expect(history.items.map((i) => [i.version, i.is_current])).toEqual([
      [3, true],
      [2, false],
    ]);
    expect(history.items[1]?.config.toolkits).toEqual({ enabled: ["gmail", "slack"] });
  });

  it("refuses bad patches: unknown keys, user_id, invalid references", async () => {
    const created = await createSession(tenant.key, { user_id: "bad-patch" });
    const path = `${SESSIONS}/${created.session_id}`;
    await expectError(await call("PATCH", path, { key: tenant.key, body: { user_id: "someone-else" } }), 400, "validation_failed");
    await expectError(await call("PATCH", path, { key: tenant.key, body: { toolkits: { enable: ["nosuchkit"] } } }), 400, "invalid_session_config");
    await expectError(await call("PATCH", path, { key: tenant.key, body: { expected_config_version: 0 } }), 400, "validation_failed");
    expect((await json<SessionBody>(await call("GET", path, { key: tenant.key }))).config_version).toBe(1);
  });

  it("deletes a session: gone for every route afterwards", async () => {
    const created = await createSession(tenant.key, { user_id: "leaving" });
    const path = `${SESSIONS}/${created.session_id}`;
    const response = await call("DELETE", path, { key: tenant.key });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ session_id: created.session_id, deleted: true });
    await expectError(await call("GET", path, { key: tenant.key }), 404, "session_not_found");
    await expectError(await call("DELETE", path, { key: tenant.key }), 404, "session_not_found");
    await expectError(await call("POST", `${path}/execute`, { key: tenant.key, body: { tool_slug: "HACKERNEWS_GET_ITEM" } }), 404, "session_not_found");
    // The object itself holds nothing any more, whoever asks.
    const state = await env.SESSIONS.getByName(created.session_id).describe({ projectId: tenant.projectId, publicUrl: "x", sessionTtlMs: 604_800_000 });
    expect(state.ok).toBe(false);
  });
});

describe("GET …/tools and …/toolkits", () => {
  it("lists the meta tools, then the preloaded tools by their canonical slugs", async () => {
    const bare = await createSession(tenant.key, { user_id: "tools" });
    const metaOnly = await json<{ items: { slug: string; toolkit: { slug: string }; input_parameters: { type: string } }[] }>(
      await call("GET", `${SESSIONS}/${bare.session_id}/tools`, { key: tenant.key }),
    );
    expect(metaOnly.items.map((t) => t.slug)).toEqual(DEFAULT_META);
    expect(metaOnly.items.every((t) => t.toolkit.slug === "composio" && t.input_parameters.type === "object")).toBe(true);

    const preloaded = await createSession(tenant.key, {
      user_id: "tools",
      toolkits: ["gmail", "github"],
      preload: { tools: ["GMAIL_FETCH_EMAILS", "GITHUB_CREATE_ISSUE"] },
    });
    const page = await json<{ items: { slug: string }[]; total_items: number }>(await call("GET", `${SESSIONS}/${preloaded.session_id}/tools`, { key: tenant.key }));
    expect(page.items.map((t) => t.slug)).toEqual([...DEFAULT_META, "GMAIL_FETCH_EMAILS", "GITHUB_CREATE_AN_ISSUE"]);

    const direct = await createSession(tenant.key, {
      user_id: "tools",
      toolkits: ["hackernews"],
      preload: { tools: "all" },
      manage_connections: { enable: false },
      workbench: { enable: false },
      search: { enable: false },
      execute: { enable_multi_execute: false },
    });
    expect(direct.tool_router_tools).toEqual([]);
    const all = await json<{ items: { slug: string }[] }>(await call("GET", `${SESSIONS}/${direct.session_id}/tools?limit=5`, { key: tenant.key }));
    expect(all.items).toHaveLength(5);
    expect(all.items.every((t) => t.slug.startsWith("HACKERNEWS_"))).toBe(true);
    await expectError(await call("GET", `${SESSIONS}/${direct.session_id}/tools?limit=0`, { key: tenant.key }), 400, "validation_failed");
  });

  it("lists the session's toolkits with the connection a call would use", async () => {
    const older = await connectAccount(tenant.key, githubConfig, "tk-user", "BEARER_TOKEN", { token: "ghp_older" });
    const newer = await connectAccount(tenant.key, githubConfig, "tk-user", "BEARER_TOKEN", { token: "ghp_newer" });
    const created = await createSession(tenant.key, { user_id: "tk-user", toolkits: ["github", "gmail", "hackernews"] });
    const path = `${SESSIONS}/${created.session_id}/toolkits`;
    type Item = { slug: string; enabled: boolean; is_no_auth: boolean; connected_account: { id: string; status: string; user_id: string } | null };
    const page = await json<{ items: Item[]; total_items: number }>(await call("GET", path, { key: tenant.key }));
    expect(page.items.map((i) => i.slug)).toEqual(["github", "gmail", "hackernews"]);
    expect(page.items[0]?.connected_account).toMatchObject({ id: newer, status: "ACTIVE", user_id: "tk-user" });
    expect(page.items[1]?.connected_account).toBeNull();
    expect(page.items[2]).toMatchObject({ is_no_auth: true, connected_account: null });

    const connected = await json<{ items: Item[] }>(await call("GET", `${path}?is_connected=true`, { key: tenant.key }));
    expect(connected.items.map((i) => i.slug)).toEqual(["github", "hackernews"]);
    const searched = await json<{ items: Item[] }>(await call("GET", `${path}?search=mail`, { key: tenant.key }));
    expect(searched.items.map((i) => i.slug)).toEqual(["gmail"]);
    const named = await json<{ items: Item[] }>(await call("GET", `${path}?toolkits=slack,github`, { key: tenant.key }));
    expect(named.items.map((i) => [i.slug, i.enabled])).toEqual([
      ["github", true],
      ["slack", false],
    ]);
    const paged = await json<{ items: Item[]; next_cursor: string | null }>(await call("GET", `${path}?limit=2`, { key: tenant.key }));
    expect(paged.items).toHaveLength(2);
    expect(paged.next_cursor).toBeTruthy();

    const pinned = await createSession(tenant.key, { user_id: "tk-user", toolkits: ["github"], connected_accounts: { github: older } });
    const pinnedPage = await json<{ items: Item[] }>(await call("GET", `${SESSIONS}/${pinned.session_id}/toolkits`, { key: tenant.key }));
    expect(pinnedPage.items[0]?.connected_account?.id).toBe(older);
    await expectError(await call("GET", `${path}?is_connected=maybe`, { key: tenant.key }), 400, "validation_failed");
  });
});

describe("POST …/execute", () => {
  it("runs a tool of the session and logs it in D1 and in the session", async () => {
    const created = await createSession(tenant.key, { user_id: "runner", toolkits: ["hackernews"] });
    const { sent } = mockUpstream(() => Response.json({ id: 8863, by: "dhouston" }));
    const result = await sessionExecute(tenant.key, created.session_id, { tool_slug: "HACKERNEWS_GET_ITEM", arguments: { id: 8863 } });
    expect(result).toMatchObject({ successful: true, error: null, data: { id: 8863, by: "dhouston" }, log_id: expect.stringMatching(/^log_/) });
    expect(sent).toHaveLength(1);
    expect(await storedLog(result.log_id)).toMatchObject({ tool_slug: "HACKERNEWS_GET_ITEM", user_id: "runner", status: "success", session_id: created.session_id });
    const logs = await json<{ items: { id: string; via: string; kind: string; status: string }[] }>(await call("GET", `${SESSIONS}/${created.session_id}/logs`, { key: tenant.key }));
    expect(logs.items).toEqual([expect.objectContaining({ id: result.log_id, via: "rest", kind: "app", status: "success" })]);
    const searched = await call("POST", "/api/v3.1/internal/action_execution/logs", {
      key: tenant.key,
      body: { search_params: [{ field: "session_id", value: created.session_id }] },
    });
    expect((await json<{ data: { id: string }[] }>(searched)).data.map((l) => l.id)).toEqual([result.log_id]);
  });

  it("refuses a tool outside the session, and an unknown one, with a clear error", async () => {
    const created = await createSession(tenant.key, { user_id: "runner", toolkits: ["hackernews"], tools: { hackernews: { disable: ["HACKERNEWS_GET_USER"] } } });
    const outside = await expectError(
      await call("POST", `${SESSIONS}/${created.session_id}/execute`, { key: tenant.key, body: { tool_slug: "GITHUB_GET_A_REPOSITORY", arguments: {} } }),
      403,
      "tool_not_in_session",
    );
    expect(outside.message).toContain("toolkits do not include github");
    await expectError(
      await call("POST", `${SESSIONS}/${created.session_id}/execute`, { key: tenant.key, body: { tool_slug: "HACKERNEWS_GET_USER", arguments: {} } }),
      403,
      "tool_not_in_session",
    );
    const unknown = await expectError(
      await call("POST", `${SESSIONS}/${created.session_id}/execute`, { key: tenant.key, body: { tool_slug: "HACKERNEWS_GET_ITEMZ", arguments: {} } }),
      404,
      "tool_not_found",
    );
    expect(unknown.message).toContain("HACKERNEWS_GET_ITEM");
    await expectError(await call("POST", `${SESSIONS}/${created.session_id}/execute`, { key: tenant.key, body: { arguments: {} } }), 400, "validation_failed");
  });

  it("answers a call without a connected account with guidance, and logs it", async () => {
    const created = await createSession(tenant.key, { user_id: "nobody", toolkits: ["github"] });
    const result = await sessionExecute(tenant.key, created.session_id, { tool_slug: "GITHUB_GET_A_REPOSITORY", arguments: { owner: "o", repo: "r" } });
    expect(result.successful).toBe(false);
    expect(result.error).toContain("COMPOSIO_MANAGE_CONNECTIONS");
    expect(await storedLog(result.log_id)).toMatchObject({ status: "error", session_id: created.session_id });
  });

  it("chooses the account: explicit (id or alias), else pinned, else the newest active", async () => {
    const work = await connectAccount(tenant.key, githubConfig, "two-accounts", "BEARER_TOKEN", { token: "ghp_work_token" });
    const personal = await connectAccount(tenant.key, githubConfig, "two-accounts", "BEARER_TOKEN", { token: "ghp_personal_token" });
    await call("PATCH", `/api/v3.1/connected_accounts/${work}`, { key: tenant.key, body: { alias: "work" } });
    const { sent } = mockUpstream(() => Response.json({ login: "octocat" }));
    const run = async (sessionId: string, account?: string) => {
      const result = await sessionExecute(tenant.key, sessionId, { tool_slug: "GITHUB_GET_THE_AUTHENTICATED_USER", arguments: {}, ...(account ? { account } : {}) });
      expect(result.successful, result.error ?? "").toBe(true);
      return sent.at(-1)?.headers.get("authorization");
    };
    const free = await createSession(tenant.key, { user_id: "two-accounts", toolkits: ["github"] });
    expect(await run(free.session_id)).toBe("Bearer ghp_personal_token");
    expect(await run(free.session_id, work)).toBe("Bearer ghp_work_token");
    expect(await run(free.session_id, "work")).toBe("Bearer ghp_work_token");
    const pinned = await createSession(tenant.key, { user_id: "two-accounts", toolkits: ["github"], connected_accounts: { github: [work] } });
    expect(await run(pinned.session_id)).toBe("Bearer ghp_work_token");
    const notPinned = await sessionExecute(tenant.key, pinned.session_id, { tool_slug: "GITHUB_GET_THE_AUTHENTICATED_USER", arguments: {}, account: personal });
    expect(notPinned.error).toContain("pinned");
    const strangers = await sessionExecute(tenant.key, free.session_id, { tool_slug: "GITHUB_GET_THE_AUTHENTICATED_USER", arguments: {}, account: "ca_not_theirs" });
    expect(strangers.error).toContain('no GitHub account "ca_not_theirs"');

    const multi = await createSession(tenant.key, { user_id: "two-accounts", toolkits: ["github"], multi_account: { enable: true, require_explicit_selection: true } });
    const ambiguous = await sessionExecute(tenant.key, multi.session_id, { tool_slug: "GITHUB_GET_THE_AUTHENTICATED_USER", arguments: {} });
    expect(ambiguous.error).toContain("several active GitHub accounts");
    expect(await run(multi.session_id, "work")).toBe("Bearer ghp_work_token");
  });

  it("runs meta tools by slug too, as the SDK's wrapped tools do", async () => {
    const created = await createSession(tenant.key, { user_id: "meta-by-execute", toolkits: ["hackernews"] });
    const result = await sessionExecute(tenant.key, created.session_id, { tool_slug: "COMPOSIO_SEARCH_TOOLS", arguments: { queries: [{ use_case: "top stories on hacker news" }] } });
    expect(result.successful).toBe(true);
    expect((result.data.results as { primary_tool_slugs: string[] }[])[0]?.primary_tool_slugs[0]).toMatch(/^HACKERNEWS_/);
  });
});

describe("POST …/execute_meta, …/search, …/link, …/proxy_execute", () => {
  it("runs a meta tool, and refuses one the session does not expose", async () => {
    const created = await createSession(tenant.key, { user_id: "meta", toolkits: ["hackernews"], workbench: { enable: false } });
    const schemas = await executeMeta<{ tool_schemas: Record<string, unknown> }>(tenant.key, created.session_id, "COMPOSIO_GET_TOOL_SCHEMAS", { tool_slugs: ["HACKERNEWS_GET_ITEM"] });
    expect(schemas.successful).toBe(true);
    expect(Object.keys(schemas.data.tool_schemas)).toEqual(["HACKERNEWS_GET_ITEM"]);
    expect(await storedLog(schemas.log_id)).toMatchObject({ tool_slug: "COMPOSIO_GET_TOOL_SCHEMAS", toolkit_slug: "composio", session_id: created.session_id });
    await expectError(
      await call("POST", `${SESSIONS}/${created.session_id}/execute_meta`, { key: tenant.key, body: { slug: "COMPOSIO_REMOTE_WORKBENCH", arguments: { code_to_execute: "1" } } }),
      403,
      "tool_not_in_session",
    );
    await expectError(await call("POST", `${SESSIONS}/${created.session_id}/execute_meta`, { key: tenant.key, body: { slug: "COMPOSIO_NOPE" } }), 400, "validation_failed");
    const invalid = await executeMeta(tenant.key, created.session_id, "COMPOSIO_SEARCH_TOOLS", { queries: [] });
    expect(invalid.successful).toBe(false);
    expect(invalid.error).toContain("arguments.queries");
  });

  it("searches only the session's tools", async () => {
    const created = await createSession(tenant.key, { user_id: "searcher", toolkits: ["gmail", "slack"] });
    const response = await call("POST", `${SESSIONS}/${created.session_id}/search`, {
      key: tenant.key,
      body: { queries: [{ use_case: "send an email" }, { use_case: "post a message to a channel" }] },
    });
    expect(response.status).toBe(200);
    const body = await json<{ results: { index: number; primary_tool_slugs: string[]; toolkits: string[] }[]; success: boolean; session: { id: string } }>(response);
    expect(body.success).toBe(true);
    expect(body.session.id).toBe(created.session_id);
    expect(body.results.map((r) => r.index)).toEqual([1, 2]);
    expect(body.results[0]?.primary_tool_slugs).toContain("GMAIL_SEND_EMAIL");
    expect(body.results[1]?.toolkits).toContain("slack");
    for (const result of body.results) expect(result.toolkits.every((t) => ["gmail", "slack"].includes(t))).toBe(true);
    await expectError(await call("POST", `${SESSIONS}/${created.session_id}/search`, { key: tenant.key, body: { queries: [{}] } }), 400, "validation_failed");
  });

  it("creates a Connect Link for the session's user through the project's auth config", async () => {
    const created = await createSession(tenant.key, { user_id: "linker", toolkits: ["github", "hackernews"] });
    const response = await call("POST", `${SESSIONS}/${created.session_id}/link`, { key: tenant.key, body: { toolkit: "github", callback_url: "https://app.example/back", alias: "main" } });
    expect(response.status).toBe(201);
    const link = await json<{ link_token: string; redirect_url: string; connected_account_id: string }>(response);
    expect(link.redirect_url).toBe(`http://gateway.test/link/${link.link_token}`);
    const row = await env.DB.prepare("SELECT session_id, user_id, auth_config_id, callback_url FROM link_requests WHERE id = ?").bind(link.link_token).first();
    expect(row).toEqual({ session_id: created.session_id, user_id: "linker", auth_config_id: githubConfig, callback_url: "https://app.example/back" });
    await expectError(await call("POST", `${SESSIONS}/${created.session_id}/link`, { key: tenant.key, body: { toolkit: "gmail" } }), 403, "toolkit_not_in_session");
    await expectError(await call("POST", `${SESSIONS}/${created.session_id}/link`, { key: tenant.key, body: { toolkit: "hackernews" } }), 400, "no_auth_toolkit");
    await expectError(await call("POST", `${SESSIONS}/${created.session_id}/link`, { key: tenant.key, body: {} }), 400, "validation_failed");
  });

  it("proxies a raw request with the session's account", async () => {
    const account = await connectAccount(tenant.key, githubConfig, "proxier", "BEARER_TOKEN", { token: "ghp_proxy_token" });
    const created = await createSession(tenant.key, { user_id: "proxier", toolkits: ["github"] });
    const { sent } = mockUpstream(() => Response.json({ login: "octocat" }));
    const response = await call("POST", `${SESSIONS}/${created.session_id}/proxy_execute`, {
      key: tenant.key,
      body: { toolkit_slug: "github", endpoint: "/user", method: "GET", parameters: [{ name: "per_page", type: "query", value: 5 }] },
    });
    expect(response.status).toBe(200);
    expect(await json(response)).toMatchObject({ status: 200, data: { login: "octocat" } });
    expect(sent[0]?.url.href).toBe("https://api.github.com/user?per_page=5");
    expect(sent[0]?.headers.get("authorization")).toBe("Bearer ghp_proxy_token");
    expect(account).toMatch(/^ca_/);
    await expectError(
      await call("POST", `${SESSIONS}/${created.session_id}/proxy_execute`, { key: tenant.key, body: { toolkit_slug: "gmail", endpoint: "/x", method: "GET" } }),
      403,
      "toolkit_not_in_session",
    );
    await expectError(await call("POST", `${SESSIONS}/${created.session_id}/proxy_execute`, { key: tenant.key, body: { toolkit_slug: "github" } }), 400, "validation_failed");
  });
});

describe("a session survives its object being evicted", () => {
  it("keeps its config, history, log and account choices", async () => {
    const account = await connectAccount(tenant.key, githubConfig, "evicted", "BEARER_TOKEN", { token: "ghp_evict" });
    const created = await createSession(tenant.key, { user_id: "evicted", toolkits: ["hackernews", "github"], connected_accounts: { github: account } });
    const path = `${SESSIONS}/${created.session_id}`;
    await call("PATCH", path, { key: tenant.key, body: { tags: ["readOnlyHint"] } });
    mockUpstream(() => Response.json({ id: 1 }));
    // The executor's 30 s fetch timer would hold the object in memory until it fires.
    shortenTimeouts(50);
    const run = await sessionExecute(tenant.key, created.session_id, { tool_slug: "HACKERNEWS_GET_ITEM", arguments: { id: 1 } });
    const stub = env.SESSIONS.getByName(created.session_id);
    await stub.connectionChanged({ projectId: tenant.projectId, toolkitSlug: "gmail", connectedAccountId: "ca_linked_through_session", status: "ACTIVE" });
    const choicesBefore = await stub.accountChoices({ projectId: tenant.projectId, publicUrl: "x", sessionTtlMs: 604_800_000 });
    await evictDurableObject(stub);

    const after = await json<SessionBody>(await call("GET", path, { key: tenant.key }));
    expect(after.config_version).toBe(2);
    expect(after.config).toMatchObject({ tags: { enabled: ["readOnlyHint"] }, connected_accounts: { github: [account] } });
    const logs = await json<{ items: { id: string }[] }>(await call("GET", `${path}/logs`, { key: tenant.key }));
    expect(logs.items.map((l) => l.id)).toEqual([run.log_id]);
    const history = await json<{ total_items: number }>(await call("GET", `${path}/config_history`, { key: tenant.key }));
    expect(history.total_items).toBe(2);
    const choicesAfter = await env.SESSIONS.getByName(created.session_id).accountChoices({ projectId: tenant.projectId, publicUrl: "x", sessionTtlMs: 604_800_000 });
    expect(choicesAfter).toEqual(choicesBefore);
    expect(choicesAfter.ok && choicesAfter.value.map((c) => [c.toolkit_slug, c.connected_account_id, c.source])).toEqual([
      ["github", account, "pinned"],
      ["gmail", "ca_linked_through_session", "linked"],
    ]);
    const tables = await runInDurableObject(env.SESSIONS.getByName(created.session_id), (_instance: SessionObject, state) =>
      state.storage.sql.exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' ORDER BY name").toArray().map((r) => r.name),
    );
    expect(tables).toEqual(expect.arrayContaining(["account_choices", "config_history", "execution_log", "pending_links", "session"]));
  });
});

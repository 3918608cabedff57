import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient } from "../../scripts/lib/admin-client.ts";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { sharedGateway } from "./shared-gateway.ts";
import { startUpstream, TOKENS, type Upstream } from "../upstream/server.ts";

/**
 * The executor over real HTTP: the gateway as `npm run dev` runs it, calling the upstream
 * simulator (GitHub and Gmail) through auth configs whose base_url points at it. Plain
 * fetch, no SDK, so every request and answer is exactly what a client would see.
 */
let gateway: LocalGateway;
let upstream: Upstream;
let apiKey: string;

interface ExecuteResult {
  data: Record<string, unknown>;
  error: string | null;
  successful: boolean;
  log_id: string;
}

async function api<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { "x-api-key": apiKey, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function connect(toolkit: string, userId: string, token: string): Promise<string> {
  const config = await api<{ auth_config: { id: string } }>("POST", "/api/v3.1/auth_configs", {
    toolkit: { slug: toolkit },
    auth_config: { type: "use_custom_auth", authScheme: "BEARER_TOKEN", credentials: { base_url: upstream.url } },
  });
  expect(config.status).toBe(201);
  const account = await api<{ id: string; status: string }>("POST", "/api/v3.1/connected_accounts", {
    auth_config: { id: config.body.auth_config.id },
    connection: { user_id: userId, state: { authScheme: "BEARER_TOKEN", val: { token } } },
  });
  expect(account.status).toBe(201);
  expect(account.body.status).toBe("ACTIVE");
  return account.body.id;
}

async function execute(slug: string, userId: string, args: Record<string, unknown>): Promise<ExecuteResult> {
  const result = await api<ExecuteResult>("POST", `/api/v3.1/tools/execute/${slug}`, { user_id: userId, arguments: args });
  expect(result.status).toBe(200);
  return result.body;
}

beforeAll(async () => {
  [gateway, upstream] = await Promise.all([sharedGateway(), startUpstream()]);
  const admin = new AdminClient(gateway.url, gateway.adminKey);
  const project = await admin.createProject("executor-simulator");
  apiKey = (await admin.createApiKey(project.id, "e2e")).key;
});

afterAll(async () => {
  await Promise.all([gateway?.destroy(), upstream?.close()]);
});

describe("the executor against the upstream simulator", () => {
  it("fetches Alice's Gmail with a bearer token account", async () => {
    await connect("gmail", "alice", TOKENS.alice);
    upstream.clearRequests();
    const result = await execute("GMAIL_FETCH_EMAILS", "alice", { query: "from:bob@example.com", max_results: 10 });
    expect(result.error).toBeNull();
    expect(result.successful).toBe(true);
    const messages = result.data.messages as { id: string; threadId: string }[];
    expect(messages.length).toBeGreaterThan(0);
    expect(result.data.resultSizeEstimate).toBe(messages.length);

    const sent = upstream.requests();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ method: "GET", path: "/gmail/v1/users/me/messages", query: { q: "from:bob@example.com", maxResults: "10" } });
    expect(sent[0]?.headers.authorization).toBe(`Bearer ${TOKENS.alice}`);

    // Unfiltered, the same mailbox has more.
    const all = await execute("GMAIL_FETCH_EMAILS", "alice", {});
    expect((all.data.messages as unknown[]).length).toBeGreaterThan(messages.length);
  });

  it("reports Gmail's refusal of a token without the Gmail scope as a tool error", async () => {
    await connect("gmail", "alice-calendar-only", TOKENS.aliceCalendarOnly);
    const result = await execute("GMAIL_FETCH_EMAILS", "alice-calendar-only", {});
    expect(result.successful).toBe(false);
    expect(result.error).toMatch(/^Gmail answered 403: /);
    expect(JSON.stringify(result)).not.toContain(TOKENS.aliceCalendarOnly);
  });

  it("stars a GitHub repository, then finds it among the starred", async () => {
    await connect("github", "octo", TOKENS.octocat);
    const before = await execute("GITHUB_LIST_REPOSITORIES_STARRED_BY_THE_AUTHENTICATED_USER", "octo", {});
    expect(before.successful).toBe(true);
    const names = (result: ExecuteResult) => (result.data.items as { full_name: string }[]).map((repo) => repo.full_name);
    expect(names(before)).not.toContain("octocat/hello-world");

    const starred = await execute("GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER", "octo", { owner: "octocat", repo: "hello-world" });
    expect(starred).toMatchObject({ successful: true, error: null });

    const after = await execute("GITHUB_LIST_REPOSITORIES_STARRED_BY_THE_AUTHENTICATED_USER", "octo", {});
    expect(names(after)).toContain("octocat/hello-world");
    expect(names(after)).toEqual(expect.arrayContaining(names(before)));

    const put = upstream.requests().filter((r) => r.method === "PUT");
    expect(put.at(-1)).toMatchObject({ path: "/user/starred/octocat/hello-world", status: 204 });
    expect(put.at(-1)?.headers.authorization).toBe(`Bearer ${TOKENS.octocat}`);

    const log = await api<{ tool_slug: string; status: string; upstream_status: number; user_id: string }>(
      "GET",
      `/api/v3.1/internal/action_execution/log/${starred.log_id}`,
    );
    expect(log.body).toMatchObject({ tool_slug: "GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER", status: "success", upstream_status: 204, user_id: "octo" });
  });

  it("waits out a 429 with Retry-After: 1 on a GET, and succeeds on the retry", async () => {
    upstream.clearRequests();
    const fault = upstream.fault({ path: "/user/starred", method: "GET", status: 429, headers: { "retry-after": "1" }, body: { message: "API rate limit exceeded" } });
    const started = Date.now();
    const result = await execute("GITHUB_LIST_REPOSITORIES_STARRED_BY_THE_AUTHENTICATED_USER", "octo", {});
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(result.successful).toBe(true);
    expect(result.data.items).toEqual(expect.any(Array));

    const sent = upstream.requests().filter((r) => r.path === "/user/starred");
    expect(sent.map((r) => [r.status, r.faultId])).toEqual([
      [429, fault.id],
      [200, undefined],
    ]);
    const log = await api<{ upstream_status: number; status: string }>("GET", `/api/v3.1/internal/action_execution/log/${result.log_id}`);
    expect(log.body).toMatchObject({ status: "success", upstream_status: 200 });
  });

  it("does not retry the 429 of a POST", async () => {
    upstream.clearRequests();
    upstream.fault({ path: "/repos/octocat/hello-world/issues", method: "POST", status: 429, headers: { "retry-after": "1" }, body: { message: "Secondary rate limit" } });
    const result = await execute("GITHUB_CREATE_AN_ISSUE", "octo", { owner: "octocat", repo: "hello-world", title: "Only once" });
    expect(result).toMatchObject({ successful: false, error: "GitHub answered 429: Secondary rate limit", data: { status_code: 429 } });
    expect(upstream.requests().filter((r) => r.method === "POST")).toHaveLength(1);
  });
});

import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { MAX_RESPONSE_BYTES } from "../../../../core/executor/response-reader.ts";
import { call, env, expectError, json } from "../../helpers.ts";
import { connectAccount, connectedTenant, createAuthConfig, execute, newTenant, storedLog, type Tenant } from "../../fixtures.ts";
import { mockUpstream, never, shortenTimeouts } from "./upstream.ts";

/**
 * The executor end to end, through POST /api/v3.1/tools/execute/{slug}: the route, the
 * account, the catalog mapping and the real executor, with only the network simulated.
 */
const STAR = "GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER";
const STARRED = "GITHUB_LIST_REPOSITORIES_STARRED_BY_THE_AUTHENTICATED_USER";
const GITHUB_TOKEN = "ghp_executor_secret_token_0001";

type GitHubTenant = Tenant & { authConfigId: string; accountId: string; userId: string };
let github: GitHubTenant;

beforeAll(async () => {
  github = await connectedTenant("github", "BEARER_TOKEN", { token: GITHUB_TOKEN });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const runGitHub = (slug: string, args: Record<string, unknown>) => execute(github.key, slug, { user_id: "alice", arguments: args });

describe("credentials, per scheme", () => {
  it("sends a bearer token as Authorization: Bearer", async () => {
    const { sent } = mockUpstream(() => new Response(null, { status: 204 }));
    const result = await runGitHub(STAR, { owner: "octocat", repo: "hello-world" });
    expect(result).toMatchObject({ successful: true, error: null, log_id: expect.stringMatching(/^log_/) });
    expect(sent).toHaveLength(1);
    expect(sent[0]?.method).toBe("PUT");
    expect(sent[0]?.url.href).toBe("https://api.github.com/user/starred/octocat/hello-world");
    expect(sent[0]?.headers.get("authorization")).toBe(`Bearer ${GITHUB_TOKEN}`);
    expect(sent[0]?.headers.get("accept")).toBe("application/json");
  });

  it("sends Discord's bot token with its `Bot ` prefix", async () => {
    const discord = await connectedTenant("discord", "API_KEY", { api_key: "discord.bot.secret.token" });
    const { sent } = mockUpstream(() => Response.json({ id: "80351110224678912", username: "Nelly" }));
    const result = await execute(discord.key, "DISCORD_GET_CURRENT_USER", { user_id: "alice", arguments: {} });
    expect(result).toMatchObject({ successful: true, data: { username: "Nelly" } });
    expect(sent[0]?.url.href).toBe("https://discord.com/api/v10/users/@me");
    expect(sent[0]?.headers.get("authorization")).toBe("Bot discord.bot.secret.token");
  });

  it("sends Linear's API key bare in Authorization, with a GraphQL body", async () => {
    const linear = await connectedTenant("linear", "API_KEY", { api_key: "lin_api_secret_key_value" });
    const { sent } = mockUpstream(() => Response.json({ data: { teams: { nodes: [] } } }));
    const result = await execute(linear.key, "LINEAR_LIST_LINEAR_TEAMS", { user_id: "alice", arguments: { first: 5 } });
    expect(result.successful).toBe(true);
    expect(sent[0]?.method).toBe("POST");
    expect(sent[0]?.url.href).toBe("https://api.linear.app/graphql");
    expect(sent[0]?.headers.get("authorization")).toBe("lin_api_secret_key_value");
    const body = JSON.parse(sent[0]?.body ?? "{}") as { query: string; variables: unknown };
    expect(body.query).toContain("teams(first: $first, after: $after)");
    expect(body.variables).toEqual({ first: 5 });
  });

  it("sends Jira's basic credentials as Authorization: Basic", async () => {
    const jira = await connectedTenant("jira", "BASIC", { username: "ada@example.com", password: "jira-api-token-secret" });
    const { sent } = mockUpstream(() => Response.json({ key: "PROJ-1" }));
    const result = await execute(jira.key, "JIRA_GET_ISSUE", { user_id: "alice", arguments: { cloud_id: "c0ffee", issue_id_or_key: "PROJ-1" } });
    expect(result).toMatchObject({ successful: true, data: { key: "PROJ-1" } });
    expect(sent[0]?.url.href).toBe("https://api.atlassian.com/ex/jira/c0ffee/rest/api/3/issue/PROJ-1");
    expect(sent[0]?.headers.get("authorization")).toBe(`Basic ${btoa("ada@example.com:jira-api-token-secret")}`);
  });

  it("runs a no-auth toolkit (Hacker News) with no account and no credentials", async () => {
    const { key } = await newTenant("hn");
    const { sent } = mockUpstream(() => Response.json({ id: 8863, by: "dhouston", type: "story" }));
    const result = await execute(key, "HACKERNEWS_GET_ITEM", { arguments: { id: 8863 } });
    expect(result).toMatchObject({ successful: true, data: { id: 8863, by: "dhouston" } });
    expect(sent[0]?.url.href).toBe("https://hacker-news.firebaseio.com/v0/item/8863.json");
    expect(sent[0]?.headers.has("authorization")).toBe(false);
    // A user id is fine too; it is only recorded.
    const again = await execute(key, "HACKERNEWS_GET_ITEM", { user_id: "nobody-connected", arguments: { id: 8863 } });
    expect(again.successful).toBe(true);
    expect((await storedLog(again.log_id))?.user_id).toBe("nobody-connected");
  });
});

describe("mapping arguments onto the request", () => {
  it("keeps slashes in a GitHub file path and escapes what must be escaped", async () => {
    const { sent } = mockUpstream(() => Response.json({ type: "file" }));
    await runGitHub("GITHUB_GET_REPOSITORY_CONTENT", { owner: "octocat", repo: "hello-world", path: "src/lib/My File?.ts", ref: "feature/x" });
    expect(sent[0]?.url.pathname).toBe("/repos/octocat/hello-world/contents/src/lib/My%20File%3F.ts");
    expect(sent[0]?.url.searchParams.get("ref")).toBe("feature/x");
  });

  it.each(["../../user", "docs/../../../admin", "./README.md", ".."])("refuses the dot segments in path %j without sending anything", async (path) => {
    const { sent } = mockUpstream(() => Response.json({}));
    const result = await runGitHub("GITHUB_GET_REPOSITORY_CONTENT", { owner: "octocat", repo: "hello-world", path });
    expect(result.successful).toBe(false);
    expect(result.error).toContain("`path`");
    expect(result.error).toContain('".."');
    expect(sent).toHaveLength(0);
    expect((await storedLog(result.log_id))?.status).toBe("error");
  });

  it("puts body arguments in a JSON body and path arguments only in the path", async () => {
    const { sent } = mockUpstream(() => Response.json({ number: 7, title: "Bug" }, { status: 201 }));
    const result = await runGitHub("GITHUB_CREATE_AN_ISSUE", { owner: "octocat", repo: "hello-world", title: "Bug", labels: ["bug", "p1"] });
    expect(result).toMatchObject({ successful: true, data: { number: 7 } });
    expect(sent[0]?.method).toBe("POST");
    expect(sent[0]?.url.href).toBe("https://api.github.com/repos/octocat/hello-world/issues");
    expect(sent[0]?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(sent[0]?.body ?? "")).toEqual({ title: "Bug", labels: ["bug", "p1"] });
  });

  it("sends GET arguments in the query under their wire names, arrays repeated, with schema defaults", async () => {
    const gmail = await connectedTenant("gmail", "BEARER_TOKEN", { token: "ya29.gmail_secret" });
    const { sent } = mockUpstream(() => Response.json({ messages: [], resultSizeEstimate: 0 }));
    await execute(gmail.key, "GMAIL_FETCH_EMAILS", { user_id: "alice", arguments: { query: "is:unread", label_ids: ["INBOX", "UNREAD"], max_results: 5 } });
    const url = sent[0]?.url;
    expect(url?.pathname).toBe("/gmail/v1/users/me/messages");
    expect(url?.searchParams.get("q")).toBe("is:unread");
    expect(url?.searchParams.getAll("labelIds")).toEqual(["INBOX", "UNREAD"]);
    expect(url?.searchParams.get("maxResults")).toBe("5");
    expect(url?.searchParams.has("query")).toBe(false);
    expect(sent[0]?.body).toBeNull();
  });

  it("sends Notion-Version as a header, defaulted from the schema and overridable", async () => {
    const notion = await connectedTenant("notion", "BEARER_TOKEN", { token: "secret_notion_integration" });
    const { sent } = mockUpstream(() => Response.json({ object: "list", results: [] }));
    await execute(notion.key, "NOTION_SEARCH_NOTION_PAGE", { user_id: "alice", arguments: { query: "Roadmap" } });
    expect(sent[0]?.url.href).toBe("https://api.notion.com/v1/search");
    expect(sent[0]?.headers.get("notion-version")).toBe("2022-06-28");
    const body = JSON.parse(sent[0]?.body ?? "") as Record<string, unknown>;
    expect(body).toMatchObject({ query: "Roadmap" });
    expect(body).not.toHaveProperty("notion_version");
    await execute(notion.key, "NOTION_SEARCH_NOTION_PAGE", { user_id: "alice", arguments: { query: "Roadmap", notion_version: "2025-09-03" } });
    expect(sent[1]?.headers.get("notion-version")).toBe("2025-09-03");
  });

  it("sends a raw-body argument as the whole body (Notion block update)", async () => {
    const notion = await connectedTenant("notion", "BEARER_TOKEN", { token: "secret_notion_integration_2" });
    const { sent } = mockUpstream(() => Response.json({ object: "block" }));
    const block = { to_do: { checked: true } };
    await execute(notion.key, "NOTION_UPDATE_BLOCK", { user_id: "alice", arguments: { block_id: "b1", block } });
    expect(sent[0]?.method).toBe("PATCH");
    expect(sent[0]?.url.pathname).toBe("/v1/blocks/b1");
    expect(JSON.parse(sent[0]?.body ?? "")).toEqual(block);
  });

  it("goes to the auth config's base_url instead of the toolkit's", async () => {
    const ghe = await connectedTenant("github", "BEARER_TOKEN", { token: "ghp_enterprise_token" }, { credentials: { base_url: "https://ghe.example.com/api/v3/" } });
    const { sent } = mockUpstream(() => new Response(null, { status: 204 }));
    await execute(ghe.key, STAR, { user_id: "alice", arguments: { owner: "octocat", repo: "hello-world" } });
    expect(sent[0]?.url.href).toBe("https://ghe.example.com/api/v3/user/starred/octocat/hello-world");
    expect(sent[0]?.headers.get("authorization")).toBe("Bearer ghp_enterprise_token");
  });
});

describe("argument validation", () => {
  it("lists every bad field, including unknown arguments, and sends nothing", async () => {
    const { sent } = mockUpstream(() => Response.json({}));
    const result = await runGitHub("GITHUB_CREATE_AN_ISSUE", { owner: 42, labels: "bug", colour: "red" });
    expect(result.successful).toBe(false);
    for (const part of ["arguments.owner", "arguments.repo is required", "arguments.title is required", "arguments.labels", "arguments.colour is not an argument of this tool"]) {
      expect(result.error).toContain(part);
    }
    const invalid = (result.data as { invalid_arguments: { path: string }[] }).invalid_arguments.map((e) => e.path);
    expect(invalid).toEqual(expect.arrayContaining(["arguments.owner", "arguments.repo", "arguments.title", "arguments.labels", "arguments.colour"]));
    expect(sent).toHaveLength(0);
  });

  it("checks enums and integer types", async () => {
    mockUpstream(() => Response.json([]));
    const result = await runGitHub(STARRED, { sort: "popularity", per_page: "ten" });
    expect(result.successful).toBe(false);
    expect(result.error).toContain("arguments.sort");
    expect(result.error).toContain("arguments.per_page");
  });
});

describe("retries and timeouts", () => {
  it("retries a GET after a 429, waiting the Retry-After it was given", async () => {
    const { sent } = mockUpstream((_, i) =>
      i === 0 ? Response.json({ message: "API rate limit exceeded" }, { status: 429, headers: { "retry-after": "1" } }) : Response.json([{ full_name: "octocat/hello-world" }]),
    );
    const started = Date.now();
    const result = await runGitHub(STARRED, {});
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(sent).toHaveLength(2);
    expect(result).toMatchObject({ successful: true, data: { items: [{ full_name: "octocat/hello-world" }] } });
    expect((await storedLog(result.log_id))?.upstream_status).toBe(200);
  });

  it("retries a GET after a 5xx, then succeeds", async () => {
    const { sent } = mockUpstream((_, i) => (i === 0 ? new Response("bad gateway", { status: 502 }) : Response.json([])));
    const result = await runGitHub(STARRED, {});
    expect(sent).toHaveLength(2);
    expect(result.successful).toBe(true);
  });

  it("gives up after two retries and reports the last status", async () => {
    const { sent } = mockUpstream(() => Response.json({ message: "Server Error" }, { status: 503, headers: { "retry-after": "0" } }));
    const result = await runGitHub(STARRED, {});
    expect(sent).toHaveLength(3);
    expect(result).toMatchObject({ successful: false, data: { status_code: 503 } });
    expect(result.error).toBe("GitHub answered 503: Server Error");
  });

  it.each([
    ["POST", 429, "GITHUB_CREATE_AN_ISSUE", { owner: "o", repo: "r", title: "t" }],
    ["POST", 503, "GITHUB_CREATE_AN_ISSUE", { owner: "o", repo: "r", title: "t" }],
  ])("never retries a %s, even after a %i", async (_, status, slug, args) => {
    const { sent } = mockUpstream(() => Response.json({ message: "Try later" }, { status, headers: { "retry-after": "0" } }));
    const result = await runGitHub(slug, args);
    expect(sent).toHaveLength(1);
    expect(result).toMatchObject({ successful: false, data: { status_code: status } });
  });

  it.each([["120"], [new Date(Date.now() + 3_600_000).toUTCString()]])("does not wait for a Retry-After of %s: the 429 comes back", async (retryAfter) => {
    const { sent } = mockUpstream(() => Response.json({ message: "API rate limit exceeded" }, { status: 429, headers: { "retry-after": retryAfter } }));
    const started = Date.now();
    const result = await runGitHub(STARRED, {});
    expect(Date.now() - started).toBeLessThan(1000);
    expect(sent).toHaveLength(1);
    expect(result).toMatchObject({ successful: false, data: { status_code: 429 } });
    expect(result.error).toBe("GitHub answered 429: API rate limit exceeded");
    expect((await storedLog(result.log_id))?.upstream_status).toBe(429);
  });

  it("reports a timeout clearly, and logs it", async () => {
    shortenTimeouts();
    const { sent } = mockUpstream(never);
    const result = await runGitHub(STARRED, {});
    expect(sent).toHaveLength(1);
    expect(result.successful).toBe(false);
    expect(result.error).toBe("No answer from api.github.com within 30s.");
    expect(await storedLog(result.log_id)).toMatchObject({ status: "error", upstream_status: null, error: result.error });
  });

  it("reports a network failure without a 500", async () => {
    mockUpstream(() => {
      throw new TypeError("Network connection lost.");
    });
    const result = await runGitHub(STAR, { owner: "octocat", repo: "hello-world" });
    expect(result).toMatchObject({ successful: false, error: "Could not reach GitHub: Network connection lost." });
  });
});

describe("what comes back", () => {
  it("cuts a huge body, with a marker saying so", async () => {
    const size = MAX_RESPONSE_BYTES + 100_000;
    mockUpstream(() => new Response(`{"data":"${"x".repeat(size - 11)}"}`, { headers: { "content-type": "application/json" } }));
    const result = await runGitHub(STARRED, {});
    expect(result.successful).toBe(true);
    const value = (result.data as { value: string }).value;
    expect(value.endsWith(`…[truncated by Switchboard: showing the first ${MAX_RESPONSE_BYTES} of ${size} bytes]`)).toBe(true);
    const log = await storedLog(result.log_id);
    expect(log?.response?.length).toBeLessThanOrEqual(16 * 1024);
  });

  it("wraps a list in `items` and a scalar in `value`", async () => {
    mockUpstream((_, i) => (i === 0 ? Response.json([1, 2]) : new Response("plain text")));
    expect((await runGitHub(STARRED, {})).data).toEqual({ items: [1, 2] });
    expect((await runGitHub(STARRED, {})).data).toEqual({ value: "plain text" });
  });

  it("names the fields of a GitHub 422", async () => {
    mockUpstream(() =>
      Response.json(
        { message: "Validation Failed", errors: [{ resource: "Issue", field: "title", code: "missing_field" }], documentation_url: "https://docs.github.com/rest" },
        { status: 422 },
      ),
    );
    const result = await runGitHub("GITHUB_CREATE_AN_ISSUE", { owner: "octocat", repo: "hello-world", title: "" });
    expect(result).toMatchObject({ successful: false, data: { status_code: 422, body: { message: "Validation Failed" } } });
    expect(result.error).toBe("GitHub answered 422: Validation Failed (title missing_field)");
  });

  it("treats Slack's `ok: false` as the failure it is, with Slack's error code", async () => {
    const slack = await connectedTenant("slack", "BEARER_TOKEN", { token: "xoxb-slack-secret-token" });
    const { sent } = mockUpstream(() => Response.json({ ok: false, error: "channel_not_found" }));
    const result = await execute(slack.key, "SLACK_SEND_MESSAGE", { user_id: "alice", arguments: { channel: "C404", text: "hi" } });
    expect(sent[0]?.url.href).toBe("https://slack.com/api/chat.postMessage");
    expect(result.successful).toBe(false);
    expect(result.error).toContain("channel_not_found");
    expect(result.data).toMatchObject({ ok: false, error: "channel_not_found" });
    expect((await storedLog(result.log_id))?.status).toBe("error");
  });

  it("reports Slack's HTTP errors with the same message", async () => {
    const slack = await connectedTenant("slack", "BEARER_TOKEN", { token: "xoxb-slack-secret-token-2" });
    mockUpstream(() => Response.json({ ok: false, error: "ratelimited" }, { status: 429, headers: { "retry-after": "600" } }));
    const result = await execute(slack.key, "SLACK_LIST_ALL_CHANNELS", { user_id: "alice", arguments: {} });
    expect(result).toMatchObject({ successful: false, error: "Slack answered 429: ratelimited" });
  });

  it("shows a non-JSON error body as text", async () => {
    mockUpstream(() => new Response("<html>Bad gateway</html>", { status: 404, headers: { "content-type": "text/html" } }));
    const result = await runGitHub(STAR, { owner: "octocat", repo: "hello-world" });
    expect(result).toMatchObject({ successful: false, error: "GitHub answered 404: <html>Bad gateway</html>" });
  });
});

describe("secrets", () => {
  it("never returns or logs the token, even when upstream echoes it", async () => {
    mockUpstream((request) =>
      Response.json(
        { message: `Bad credentials: ${request.headers.get("authorization")}`, echo: { authorization: request.headers.get("authorization"), [GITHUB_TOKEN]: 1 } },
        { status: 401 },
      ),
    );
    const response = await call("POST", `/api/v3.1/tools/execute/${STAR}`, { key: github.key, body: { user_id: "alice", arguments: { owner: "octocat", repo: "hello-world" } } });
    const text = await response.text();
    expect(text).not.toContain(GITHUB_TOKEN);
    const result = JSON.parse(text) as { error: string; log_id: string };
    expect(result.error).toBe("GitHub answered 401: Bad credentials: Bearer [REDACTED]");
    const log = await storedLog(result.log_id);
    expect(JSON.stringify(log)).not.toContain(GITHUB_TOKEN);
    expect(log?.response).toContain("[REDACTED]");
  });

  it("never returns a successful body's echo of the token either", async () => {
    mockUpstream((request) => Response.json({ seen: request.headers.get("authorization") }));
    const result = await runGitHub(STARRED, {});
    expect(result).toMatchObject({ successful: true, data: { seen: "Bearer [REDACTED]" } });
  });

  it("never returns basic credentials, raw or encoded", async () => {
    const jira = await connectedTenant("jira", "BASIC", { username: "ada@example.com", password: "jira-basic-secret" });
    const { sent } = mockUpstream((request) =>
      Response.json({ errorMessages: [], message: `Refused ${request.headers.get("authorization")} for jira-basic-secret` }, { status: 403 }),
    );
    const response = await call("POST", "/api/v3.1/tools/execute/JIRA_GET_CURRENT_USER", { key: jira.key, body: { user_id: "alice", arguments: { cloud_id: "c0ffee" } } });
    expect(sent).toHaveLength(1);
    const text = await response.text();
    expect(text).toContain("[REDACTED]");
    expect(text).not.toContain("jira-basic-secret");
    expect(text).not.toContain(btoa("ada@example.com:jira-basic-secret"));
    const log = await storedLog((JSON.parse(text) as { log_id: string }).log_id);
    expect(JSON.stringify(log)).not.toContain("jira-basic-secret");
    expect(JSON.stringify(log)).not.toContain(btoa("ada@example.com:jira-basic-secret"));
  });

  it("sends a password that is not Latin-1 (UTF-8, RFC 7617) instead of failing", async () => {
    const jira = await connectedTenant("jira", "BASIC", { username: "ada", password: "пароль-секрет" });
    const { sent } = mockUpstream(() => Response.json({ accountId: "1" }));
    const result = await execute(jira.key, "JIRA_GET_CURRENT_USER", { user_id: "alice", arguments: { cloud_id: "c0ffee" } });
    expect(result.successful).toBe(true);
    const encoded = sent[0]?.headers.get("authorization")?.replace(/^Basic /, "") ?? "";
    expect(new TextDecoder().decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)))).toBe("ada:пароль-секрет");
  });

  it("logs arguments with secret-looking fields redacted", async () => {
    mockUpstream(() => Response.json({}));
    const result = await runGitHub("GITHUB_CREATE_AN_ISSUE", {
      owner: "octocat",
      repo: "hello-world",
      title: "t",
      api_token: "arg-secret-1",
      nested: { password: "arg-secret-2", list: [{ client_secret: "arg-secret-3" }] },
    });
    const log = await storedLog(result.log_id);
    expect(JSON.parse(log?.arguments ?? "{}")).toEqual({
      owner: "octocat",
      repo: "hello-world",
      title: "t",
      api_token: "[REDACTED]",
      nested: { password: "[REDACTED]", list: [{ client_secret: "[REDACTED]" }] },
    });
    expect(JSON.stringify(log)).not.toMatch(/arg-secret/);
  });
});

describe("the execution log", () => {
  it("gets a row for every call: success, upstream error, invalid arguments, refused path, timeout", async () => {
    const results = [];
    mockUpstream((_, i) => (i === 0 ? new Response(null, { status: 204 }) : Response.json({ message: "Not Found" }, { status: 404 })));
    results.push(await runGitHub(STAR, { owner: "octocat", repo: "hello-world" }));
    results.push(await runGitHub(STAR, { owner: "octocat", repo: "nope" }));
    results.push(await runGitHub(STAR, { owner: "octocat" }));
    results.push(await runGitHub("GITHUB_GET_REPOSITORY_CONTENT", { owner: "o", repo: "r", path: "../x" }));
    vi.restoreAllMocks();
    shortenTimeouts();
    mockUpstream(never);
    results.push(await runGitHub(STARRED, {}));

    const logs = await Promise.all(results.map((r) => storedLog(r.log_id)));
    expect(logs.map((l) => [l?.status, l?.upstream_status])).toEqual([
      ["success", 204],
      ["error", 404],
      ["error", null],
      ["error", null],
      ["error", null],
    ]);
    for (const [i, log] of logs.entries()) {
      expect(log).toMatchObject({ project_id: github.projectId, user_id: "alice", connected_account_id: github.accountId, toolkit_slug: "github" });
      expect(log?.error).toBe(results[i]?.error ?? null);
    }
  });

  it("records the canonical slug when an alias was called", async () => {
    mockUpstream(() => new Response(null, { status: 204 }));
    const result = await runGitHub("GITHUB_STAR_REPO", { owner: "octocat", repo: "hello-world" });
    expect((await storedLog(result.log_id))?.tool_slug).toBe(STAR);
  });
});

describe("choosing the account", () => {
  it("answers a user with no account with 400 no_connected_account, and sends nothing", async () => {
    const { spy } = mockUpstream(() => Response.json({}));
    const response = await call("POST", `/api/v3.1/tools/execute/${STAR}`, { key: github.key, body: { user_id: "mallory", arguments: { owner: "o", repo: "r" } } });
    const error = await expectError(response, 400, "no_connected_account");
    expect(error.message).toContain("mallory");
    expect(spy).not.toHaveBeenCalled();
  });

  it("answers another project's connected_account_id with 404", async () => {
    const other = await newTenant("other");
    mockUpstream(() => Response.json({}));
    const response = await call("POST", `/api/v3.1/tools/execute/${STAR}`, { key: other.key, body: { connected_account_id: github.accountId, arguments: { owner: "o", repo: "r" } } });
    await expectError(response, 404, "connected_account_not_found");
  });

  it("answers an account of another toolkit with 400", async () => {
    const authConfigId = await createAuthConfig(github.key, "discord", "API_KEY");
    const discordAccount = await connectAccount(github.key, authConfigId, "alice", "API_KEY", { api_key: "discord-key-xyz" });
    const response = await call("POST", `/api/v3.1/tools/execute/${STAR}`, { key: github.key, body: { connected_account_id: discordAccount, arguments: { owner: "o", repo: "r" } } });
    await expectError(response, 400, "connected_account_toolkit_mismatch");
  });

  it("answers an account of another user with 400", async () => {
    const response = await call("POST", `/api/v3.1/tools/execute/${STAR}`, {
      key: github.key,
      body: { user_id: "bob", connected_account_id: github.accountId, arguments: { owner: "o", repo: "r" } },
    });
    await expectError(response, 400, "connected_account_user_mismatch");
  });

  it("refuses an account that is not ACTIVE", async () => {
    const tenant = await connectedTenant("github", "BEARER_TOKEN", { token: "ghp_inactive_token" });
    await env.DB.prepare("UPDATE connected_accounts SET status = 'EXPIRED' WHERE id = ?").bind(tenant.accountId).run();
    const byId = await call("POST", `/api/v3.1/tools/execute/${STAR}`, { key: tenant.key, body: { connected_account_id: tenant.accountId, arguments: { owner: "o", repo: "r" } } });
    await expectError(byId, 400, "connected_account_not_active");
    const byUser = await call("POST", `/api/v3.1/tools/execute/${STAR}`, { key: tenant.key, body: { user_id: "alice", arguments: { owner: "o", repo: "r" } } });
    await expectError(byUser, 400, "no_connected_account");
  });

  it("uses the user's most recent ACTIVE account, or the one named", async () => {
    const tenant = await connectedTenant("github", "BEARER_TOKEN", { token: "ghp_older_account" });
    const newer = await connectAccount(tenant.key, tenant.authConfigId, "alice", "BEARER_TOKEN", { token: "ghp_newer_account" });
    await env.DB.prepare("UPDATE connected_accounts SET created_at = created_at - 60000 WHERE id = ?").bind(tenant.accountId).run();
    const { sent } = mockUpstream(() => new Response(null, { status: 204 }));
    const byUser = await execute(tenant.key, STAR, { user_id: "alice", arguments: { owner: "o", repo: "r" } });
    expect(sent[0]?.headers.get("authorization")).toBe("Bearer ghp_newer_account");
    expect((await storedLog(byUser.log_id))?.connected_account_id).toBe(newer);
    await execute(tenant.key, STAR, { connected_account_id: tenant.accountId, arguments: { owner: "o", repo: "r" } });
    expect(sent[1]?.headers.get("authorization")).toBe("Bearer ghp_older_account");
    // entity_id is the older name for user_id.
    await execute(tenant.key, STAR, { entity_id: "alice", arguments: { owner: "o", repo: "r" } });
    expect(sent[2]?.headers.get("authorization")).toBe("Bearer ghp_newer_account");
  });

  it("answers the happy path in the documented shape", async () => {
    mockUpstream(() => Response.json({ login: "octocat" }));
    const response = await call("POST", "/api/v3.1/tools/execute/GITHUB_GET_THE_AUTHENTICATED_USER", { key: github.key, body: { user_id: "alice" } });
    const body = await json<Record<string, unknown>>(response);
    expect(Object.keys(body).sort()).toEqual(["data", "error", "log_id", "successful"]);
  });
});

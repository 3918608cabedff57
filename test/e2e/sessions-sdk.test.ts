import { AuthScheme, type Composio } from "@composio/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { TOKENS, type Upstream } from "../upstream/server.ts";
import { createSimulatedGitHubConfig, newSdkTenant, startGatewayAndSimulator } from "./sdk-tenant.ts";

/**
 * The code samples of seed/sessions.md, run unchanged through the official SDK against the
 * real gateway (wrangler's dev server), with GitHub simulated at the network boundary.
 * `authorize()` with a real browser is in sessions-authorize-browser.test.ts, and a real MCP
 * client on `session.mcp.url` in session-mcp.test.ts.
 */
let gateway: LocalGateway;
let upstream: Upstream;
let composio: Composio;
let apiKey: string;
let workAccount: string;
let personalAccount: string;

beforeAll(async () => {
  ({ gateway, upstream } = await startGatewayAndSimulator());
  ({ apiKey, composio } = await newSdkTenant(gateway, "sessions-sdk"));

  const authConfigId = await createSimulatedGitHubConfig(composio, upstream);
  // user_123 holds two GitHub accounts: octocat's ("work") and hubot's ("personal", newer).
  workAccount = (await composio.connectedAccounts.initiate("user_123", authConfigId, { config: AuthScheme.BearerToken({ token: TOKENS.octocat }) })).id;
  personalAccount = (await composio.connectedAccounts.initiate("user_123", authConfigId, { config: AuthScheme.BearerToken({ token: TOKENS.hubot }), allowMultiple: true })).id;
});

afterAll(async () => {
  await Promise.all([gateway?.destroy(), upstream?.close()]);
});

/** The default provider (OpenAI) wraps each tool as `{ type: "function", function: { name, parameters } }`. */
type FunctionTool = { function: { name: string; parameters: { type: string } } };
const functions = (tools: unknown) => tools as FunctionTool[];
const names = (tools: unknown) => functions(tools).map((tool) => tool.function.name);
const META = ["COMPOSIO_SEARCH_TOOLS", "COMPOSIO_GET_TOOL_SCHEMAS", "COMPOSIO_MULTI_EXECUTE_TOOL", "COMPOSIO_MANAGE_CONNECTIONS", "COMPOSIO_REMOTE_WORKBENCH", "COMPOSIO_REMOTE_BASH_TOOL"];

describe("sessions.md through the official SDK", () => {
  it("creates a session, resumes it with use(), and gets the meta tools", async () => {
    const session = await composio.create("user_123");
    expect(session.sessionId).toMatch(/^trs_/);
    const again = await composio.create("user_123");
    expect(again.sessionId).not.toBe(session.sessionId);

    const resumed = await composio.use(session.sessionId);
    expect(resumed.sessionId).toBe(session.sessionId);
    expect(resumed.config).toMatchObject({ user_id: "user_123" });
    expect(names(await resumed.tools())).toEqual(META);
  });

  it("preloads GMAIL_FETCH_EMAILS and GITHUB_CREATE_ISSUE beside the meta tools", async () => {
    const session = await composio.create("user_123", {
      toolkits: ["gmail", "github"],
      preload: { tools: ["GMAIL_FETCH_EMAILS", "GITHUB_CREATE_ISSUE"] },
    });
    const tools = functions(await session.tools());
    expect(names(tools)).toEqual([...META, "GMAIL_FETCH_EMAILS", "GITHUB_CREATE_AN_ISSUE"]);
    expect(tools.at(-1)?.function.parameters.type).toBe("object");
    expect(session.preload).toEqual({ tools: ["GMAIL_FETCH_EMAILS", "GITHUB_CREATE_ISSUE"] });
  });

  it("restricts a session to some toolkits", async () => {
    const session = await composio.create("user_123", { toolkits: ["gmail", "slack"] });
    const toolkits = await session.toolkits();
    expect(toolkits.items.map((t) => t.slug)).toEqual(["gmail", "slack"]);
    expect(toolkits.items.every((t) => t.connection?.isActive === false)).toBe(true);
    const found = await session.search({ query: "create a github issue" });
    const offered = found.results.flatMap((r) => [...r.primaryToolSlugs, ...r.relatedToolSlugs]);
    expect(offered.every((slug) => slug.startsWith("GMAIL_") || slug.startsWith("SLACK_"))).toBe(true);
    await expect(session.execute("GITHUB_CREATE_AN_ISSUE", { owner: "octocat", repo: "hello-world", title: "nope" })).rejects.toMatchObject({ status: 403 });
  });

  it("exposes the session's MCP endpoint and headers", async () => {
    const session = await composio.create("user_123", { mcp: true });
    expect(session.mcp.type).toBe("http");
    expect(session.mcp.url).toBe(`${gateway.url}/tool_router/${session.sessionId}/mcp`);
    expect(session.mcp.headers).toEqual({ "x-api-key": apiKey });
  });

  it("picks among two accounts of one toolkit with connectedAccounts", async () => {
    const work = await composio.create("user_123", { connectedAccounts: { github: [workAccount] } });
    const personal = await composio.create("user_123", { connectedAccounts: { github: personalAccount } });
    const free = await composio.create("user_123", { toolkits: ["github"] });
    const login = async (session: typeof work, account?: string) => {
      const result = await session.execute("GITHUB_GET_THE_AUTHENTICATED_USER", {}, account ? { account } : undefined);
      expect(result.error).toBeNull();
      return result.data.login;
    };
    expect(await login(work)).toBe("octocat");
    expect(await login(personal)).toBe("hubot");
    expect(await login(free)).toBe("hubot");
    expect(await login(free, workAccount)).toBe("octocat");
    expect((await composio.toolRouter.use(work.sessionId)).config).toMatchObject({ connected_accounts: { github: [workAccount] } });
    const toolkits = await work.toolkits({ toolkits: ["github"] });
    expect(toolkits.items[0]?.connection).toMatchObject({ isActive: true, connectedAccount: { id: workAccount, status: "ACTIVE" } });
  });

  it("executes through the simulator, directly and through a provider's tool calls, and logs the calls", async () => {
    const session = await composio.create("user_123", { toolkits: ["github"], connectedAccounts: { github: workAccount } });
    upstream.clearRequests();
    const result = await session.execute("GITHUB_CREATE_ISSUE", { owner: "octocat", repo: "hello-world", title: "Filed from a session" });
    expect(result.error).toBeNull();
    expect(result.logId).toMatch(/^log_/);
    expect(result.data).toMatchObject({ title: "Filed from a session" });
    const sent = upstream.requests().filter((r) => r.method === "POST" && r.path === "/repos/octocat/hello-world/issues");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.authorization).toBe(`Bearer ${TOKENS.octocat}`);

    await session.tools();
    const outputs = await composio.provider.handleToolCalls(session, {
      choices: [
        {
          message: {
            tool_calls: [
              { id: "call_1", type: "function", function: { name: "COMPOSIO_SEARCH_TOOLS", arguments: JSON.stringify({ queries: [{ use_case: "list my starred repositories" }] }) } },
              {
                id: "call_2",
                type: "function",
                function: {
                  name: "COMPOSIO_MULTI_EXECUTE_TOOL",
                  arguments: JSON.stringify({ tools: [{ tool_slug: "GITHUB_GET_THE_AUTHENTICATED_USER", arguments: {} }], sync_response_to_workbench: false }),
                },
              },
            ],
          },
        },
      ],
    } as never);
    const [search, multi] = outputs.map((o) => JSON.parse(String(o.content)) as { successful: boolean; data: Record<string, unknown> });
    expect(search?.successful).toBe(true);
    expect((search?.data.results as { primary_tool_slugs: string[] }[])[0]?.primary_tool_slugs.length).toBeGreaterThan(0);
    expect(multi?.successful).toBe(true);
    expect(multi?.data).toMatchObject({ success_count: 1, results: [{ response: { data: { login: "octocat" } } }] });

    const logs = await fetch(`${gateway.url}/api/v3.1/tool_router/session/${session.sessionId}/logs`, { headers: { "x-api-key": apiKey } });
    const items = ((await logs.json()) as { items: { tool_slug: string }[] }).items.map((l) => l.tool_slug);
    expect(items).toEqual(expect.arrayContaining(["GITHUB_CREATE_AN_ISSUE", "COMPOSIO_SEARCH_TOOLS", "COMPOSIO_MULTI_EXECUTE_TOOL", "GITHUB_GET_THE_AUTHENTICATED_USER"]));
  });

  it("updates and deletes a session", async () => {
    const session = await composio.create("user_123", { toolkits: ["github"] });
    const config = await session.update({ toolkits: ["github", "gmail"], sandbox: { enable: false } });
    expect(config.toolkits).toEqual({ enabled: ["github", "gmail"] });
    expect(session.configVersion).toBe(2);
    expect(names(await session.tools())).not.toContain("COMPOSIO_REMOTE_WORKBENCH");
    expect(await session.delete()).toEqual({ sessionId: session.sessionId, deleted: true });
    await expect(composio.use(session.sessionId)).rejects.toMatchObject({ status: 404 });
  });

  it("keeps another project's sessions out of reach", async () => {
    const { composio: other } = await newSdkTenant(gateway, "sessions-sdk-other");
    const mine = await composio.create("user_123");
    await expect(other.use(mine.sessionId)).rejects.toMatchObject({ status: 404 });
  });
});

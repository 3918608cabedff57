import { createMCPClient } from "@ai-sdk/mcp";
import type { Composio } from "@composio/core";
import { MultiServerMCPClient } from "@langchain/mcp-adapters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { startUpstream, type Upstream } from "../upstream/server.ts";
import { connectSimulatedGitHub, newSdkTenant } from "./sdk-tenant.ts";
import { sharedGateway } from "./shared-gateway.ts";

/**
 * Two agent frameworks' own MCP clients against a session, each given exactly the `mcp` block of
 * a scoped credential: the Vercel AI SDK's (`@ai-sdk/mcp` 2.x, which opens with `server/discover`
 * and speaks MCP 2026-07-28) and LangChain's adapters (the MCP SDK v1 client underneath, the 2025
 * protocol). Each lists the session's tools and runs a GitHub tool through the simulator.
 */
let gateway: LocalGateway;
let upstream: Upstream;
let composio: Composio;
let apiKey: string;

beforeAll(async () => {
  [gateway, upstream] = await Promise.all([sharedGateway(), startUpstream()]);
  ({ apiKey, composio } = await newSdkTenant(gateway, "frameworks"));
  await connectSimulatedGitHub(composio, upstream, "framework_user");
});

afterAll(async () => {
  await upstream?.close();
});

/** A session with one preloaded GitHub tool, and a credential for it: what an app hands its agent runtime. */
async function sessionForAgent(): Promise<{ url: string; headers: Record<string, string> }> {
  const session = await composio.create("framework_user", { mcp: true, toolkits: ["github"], preload: { tools: ["GITHUB_GET_A_REPOSITORY"] } });
  const response = await fetch(`${gateway.url}/api/v3.1/tool_router/session/${session.sessionId}/mcp_credentials`, {
    method: "POST",
    headers: { "x-api-key": apiKey, "content-type": "application/json" },
    body: JSON.stringify({ name: "agent runtime" }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { mcp: { url: string; headers: Record<string, string> } }).mcp;
}

const repository = { owner: "octocat", repo: "hello-world" };

describe("agent frameworks' MCP clients", () => {
  it("the Vercel AI SDK lists the session's tools and runs one (MCP 2026-07-28)", async () => {
    const mcp = await sessionForAgent();
    const client = await createMCPClient({ transport: { type: "http", url: mcp.url, headers: mcp.headers } });
    try {
      const tools = await client.tools();
      expect(Object.keys(tools)).toEqual(expect.arrayContaining(["COMPOSIO_SEARCH_TOOLS", "GITHUB_GET_A_REPOSITORY"]));
      const result = (await tools.GITHUB_GET_A_REPOSITORY?.execute(repository, { toolCallId: "call-1", messages: [], context: {} })) as { isError?: boolean; content: { text: string }[] };
      expect(result.isError).toBeFalsy();
      expect(JSON.parse(result.content[0]?.text ?? "{}")).toMatchObject({ successful: true, data: { full_name: "octocat/hello-world" } });
    } finally {
      await client.close();
    }
  });

  it("LangChain's MCP adapters list the session's tools and run one (MCP 2025)", async () => {
    const mcp = await sessionForAgent();
    const client = new MultiServerMCPClient({ mcpServers: { switchboard: { transport: "http", url: mcp.url, headers: mcp.headers } } });
    try {
      const tools = await client.getTools();
      const names = tools.map((tool) => tool.name);
      const getRepository = tools.find((tool) => tool.name.endsWith("GITHUB_GET_A_REPOSITORY"));
      expect(names.some((name) => name.endsWith("COMPOSIO_SEARCH_TOOLS")), names.join(", ")).toBe(true);
      const output = await getRepository?.invoke(repository);
      expect(JSON.parse(typeof output === "string" ? output : JSON.stringify(output))).toMatchObject({ successful: true, data: { full_name: "octocat/hello-world" } });
    } finally {
      await client.close();
    }
  });
});

import type { Composio } from "@composio/core";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CallToolResultSchema, LATEST_PROTOCOL_VERSION, ToolListChangedNotificationSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import type { Upstream } from "../upstream/server.ts";
import { connectSimulatedGitHub, newSdkTenant, startGatewayAndSimulator } from "./sdk-tenant.ts";

/**
 * The session's MCP endpoint driven by the official MCP TypeScript SDK client (v1,
 * Streamable HTTP) with exactly the `session.mcp.url` and `headers` that `@composio/core`
 * hands out, against the real gateway (wrangler's dev server) and the GitHub simulator.
 */
let gateway: LocalGateway;
let upstream: Upstream;
let composio: Composio;
let apiKey: string;
let otherKey: string;

beforeAll(async () => {
  ({ gateway, upstream } = await startGatewayAndSimulator());
  ({ apiKey, composio } = await newSdkTenant(gateway, "session-mcp"));
  otherKey = (await newSdkTenant(gateway, "session-mcp-other")).apiKey;
  await connectSimulatedGitHub(composio, upstream, "mcp_user");
});

afterAll(async () => {
  await Promise.all([gateway?.destroy(), upstream?.close()]);
});

async function connect(url: string, headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: "switchboard-e2e", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

const text = (result: unknown) => JSON.parse((result as { content: { text: string }[] }).content[0]!.text) as { data: Record<string, unknown>; error: string | null; successful: boolean; log_id: string };

describe("session MCP endpoint with the MCP SDK client", () => {
  it("lists the meta and preloaded tools, searches, and calls an app tool that lands in the session's log", async () => {
    const session = await composio.create("mcp_user", { mcp: true, toolkits: ["github"], preload: { tools: ["GITHUB_GET_THE_AUTHENTICATED_USER"] } });
    expect(session.mcp.headers).toEqual({ "x-api-key": apiKey });
    const client = await connect(session.mcp.url, session.mcp.headers ?? {});
    try {
      expect(client.getServerVersion()?.name).toBe("switchboard-session");
      expect(client.getServerCapabilities()?.tools).toBeDefined();
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toEqual([
        "COMPOSIO_SEARCH_TOOLS",
        "COMPOSIO_GET_TOOL_SCHEMAS",
        "COMPOSIO_MULTI_EXECUTE_TOOL",
        "COMPOSIO_MANAGE_CONNECTIONS",
        "COMPOSIO_REMOTE_WORKBENCH",
        "COMPOSIO_REMOTE_BASH_TOOL",
        "GITHUB_GET_THE_AUTHENTICATED_USER",
      ]);
      expect(tools.every((t) => t.inputSchema.type === "object")).toBe(true);

      const search = await client.callTool({ name: "COMPOSIO_SEARCH_TOOLS", arguments: { queries: [{ use_case: "create a github issue" }] } });
      expect(search.isError).toBeFalsy();
      const found = text(search);
      expect(found.successful).toBe(true);
      expect((found.data.results as { primary_tool_slugs: string[] }[])[0]?.primary_tool_slugs[0]).toMatch(/^GITHUB_/);

      const me = await client.callTool({ name: "GITHUB_GET_THE_AUTHENTICATED_USER", arguments: {} }, CallToolResultSchema);
      expect(me.isError).toBeFalsy();
      const user = text(me);
      expect(user).toMatchObject({ successful: true, error: null, data: { login: "octocat" } });

      const outside = await client.callTool({ name: "GMAIL_FETCH_EMAILS", arguments: {} });
      expect(outside.isError).toBe(true);

      const logs = await fetch(`${gateway.url}/api/v3.1/tool_router/session/${session.sessionId}/logs`, { headers: { "x-api-key": apiKey } });
      const items = ((await logs.json()) as { items: { id: string; tool_slug: string; via: string; status: string }[] }).items;
      expect(items.slice(0, 2)).toEqual([
        expect.objectContaining({ id: user.log_id, tool_slug: "GITHUB_GET_THE_AUTHENTICATED_USER", via: "mcp", status: "success" }),
        expect.objectContaining({ id: found.log_id, tool_slug: "COMPOSIO_SEARCH_TOOLS", via: "mcp" }),
      ]);
    } finally {
      await client.close();
    }
  });

  it("negotiates the SDK's latest protocol and works with Authorization: Bearer", async () => {
    expect(LATEST_PROTOCOL_VERSION).toBe("2025-11-25");
    const session = await composio.create("mcp_user", { mcp: true, toolkits: ["github"] });
    const client = await connect(session.mcp.url, { authorization: `Bearer ${apiKey}` });
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain("COMPOSIO_SEARCH_TOOLS");
    } finally {
      await client.close();
    }
  });

  it("speaks 2025-06-18 to a client that offers it (the SDK client offers its latest, so the offer is rewritten on the wire)", async () => {
    const session = await composio.create("mcp_user", { mcp: true, toolkits: ["github"] });
    const sentVersions: (string | null)[] = [];
    const olderClient: typeof fetch = async (input, init) => {
      const headers = new Headers(init?.headers);
      sentVersions.push(headers.get("mcp-protocol-version"));
      let body = init?.body;
      if (typeof body === "string" && body.includes('"method":"initialize"')) body = body.replace(`"protocolVersion":"${LATEST_PROTOCOL_VERSION}"`, '"protocolVersion":"2025-06-18"');
      return fetch(input, { ...init, headers, ...(body === undefined ? {} : { body }) });
    };
    const client = new Client({ name: "switchboard-e2e-older", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(session.mcp.url), { requestInit: { headers: session.mcp.headers ?? {} }, fetch: olderClient }));
    try {
      const result = await client.callTool({ name: "GITHUB_GET_THE_AUTHENTICATED_USER", arguments: {} });
      expect(text(result)).toMatchObject({ successful: true, data: { login: "octocat" } });
      expect(sentVersions.at(-1)).toBe("2025-06-18");
    } finally {
      await client.close();
    }
  });

  it("tells a client holding the GET stream that the tool list changed when the session is PATCHed", async () => {
    const session = await composio.create("mcp_user", { mcp: true, toolkits: ["github"] });
    // The client opens its GET stream on its own after initializing; note when the gateway has answered it.
    let streamOpen!: () => void;
    const opened = new Promise<void>((resolve) => (streamOpen = resolve));
    const watching: typeof fetch = async (input, init) => {
      const response = await fetch(input, init);
      if (init?.method === "GET" && response.ok) streamOpen();
      return response;
    };
    const client = new Client({ name: "switchboard-e2e-listener", version: "1.0.0" });
    const changed = new Promise<string>((resolve) => client.setNotificationHandler(ToolListChangedNotificationSchema, (note) => resolve(note.method)));
    await client.connect(new StreamableHTTPClientTransport(new URL(session.mcp.url), { requestInit: { headers: session.mcp.headers ?? {} }, fetch: watching }));
    try {
      expect(client.getServerCapabilities()?.tools).toEqual({ listChanged: true });
      await opened;
      const patched = await fetch(`${gateway.url}/api/v3.1/tool_router/session/${session.sessionId}`, {
        method: "PATCH",
        headers: { "x-api-key": apiKey, "content-type": "application/json" },
        body: JSON.stringify({ preload: { tools: ["GITHUB_GET_THE_AUTHENTICATED_USER"] } }),
      });
      expect(patched.status).toBe(200);
      expect(await changed).toBe("notifications/tools/list_changed");
      const { tools } = await client.listTools();
      expect(tools.at(-1)?.name).toBe("GITHUB_GET_THE_AUTHENTICATED_USER");
    } finally {
      await client.close();
    }
  });

  it("refuses another project's key (404), no key (401) and a foreign Origin (403)", async () => {
    const session = await composio.create("mcp_user", { mcp: true });
    await expect(connect(session.mcp.url, { "x-api-key": otherKey })).rejects.toThrow(/404/);
    await expect(connect(session.mcp.url, {})).rejects.toThrow(/401/);
    const foreign = await fetch(session.mcp.url, {
      method: "POST",
      headers: { "x-api-key": apiKey, origin: "https://evil.example", accept: "application/json, text/event-stream", "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(foreign.status).toBe(403);
    await foreign.body?.cancel();
  });
});

import type { Composio } from "@composio/core";
import { Client, StreamableHTTPClientTransport, type Tool } from "@modelcontextprotocol/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import type { Upstream } from "../upstream/server.ts";
import { connectSimulatedGitHub, newSdkTenant, startGatewayAndSimulator } from "./sdk-tenant.ts";

/**
 * The session's MCP endpoint driven by v2 of the MCP TypeScript SDK
 * (`@modelcontextprotocol/client`), with the `session.mcp.url` and `headers` that
 * `@composio/core` hands out, against the real gateway and the GitHub simulator.
 */
let gateway: LocalGateway;
let upstream: Upstream;
let composio: Composio;
let apiKey: string;

beforeAll(async () => {
  ({ gateway, upstream } = await startGatewayAndSimulator());
  ({ apiKey, composio } = await newSdkTenant(gateway, "session-mcp-v2"));
  await connectSimulatedGitHub(composio, upstream, "v2_user");
});

afterAll(async () => {
  await Promise.all([gateway?.destroy(), upstream?.close()]);
});

const payload = (result: unknown) => JSON.parse((result as { content: { text: string }[] }).content[0]!.text) as { data: Record<string, unknown>; successful: boolean; error: string | null };

describe("session MCP endpoint with the MCP SDK v2 client", () => {
  it("lists tools, calls a meta tool and an app tool, and hears list_changed on its GET stream after a PATCH", async () => {
    const session = await composio.create("v2_user", { mcp: true, toolkits: ["github"] });
    // What the client does on the wire, and a signal once the gateway has answered its GET (the stream is open).
    const sent: string[] = [];
    let streamOpen!: () => void;
    const opened = new Promise<void>((resolve) => (streamOpen = resolve));
    const watching: typeof fetch = async (input, init) => {
      const method = init?.method ?? "GET";
      sent.push(method === "POST" ? `POST ${(JSON.parse(String(init?.body)) as { method?: string }).method ?? "(response)"}` : method);
      const response = await fetch(input, init);
      if (method === "GET" && response.ok) streamOpen();
      return response;
    };
    let changed!: (tools: Tool[]) => void;
    const refreshed = new Promise<Tool[]>((resolve) => (changed = resolve));
    const client = new Client(
      { name: "switchboard-e2e-v2", version: "1.0.0" },
      { listChanged: { tools: { debounceMs: 0, onChanged: (error, tools) => (error ? undefined : changed(tools ?? [])) } } },
    );
    await client.connect(new StreamableHTTPClientTransport(new URL(session.mcp.url), { requestInit: { headers: session.mcp.headers ?? {} }, fetch: watching }));
    try {
      expect(client.getServerVersion()?.name).toBe("switchboard-session");
      expect(client.getNegotiatedProtocolVersion()).toBe("2025-11-25");
      expect(client.getServerCapabilities()?.tools).toEqual({ listChanged: true });

      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain("COMPOSIO_SEARCH_TOOLS");
      expect(tools.map((tool) => tool.name)).not.toContain("GITHUB_GET_THE_AUTHENTICATED_USER");

      const search = await client.callTool({ name: "COMPOSIO_SEARCH_TOOLS", arguments: { queries: [{ use_case: "who am i on github" }] } });
      expect(search.isError).toBeFalsy();
      expect(payload(search).successful).toBe(true);

      // Session tools run whether preloaded or not; this one reaches the GitHub simulator with octocat's token.
      const me = await client.callTool({ name: "GITHUB_GET_THE_AUTHENTICATED_USER", arguments: {} });
      expect(me.isError).toBeFalsy();
      expect(payload(me)).toMatchObject({ successful: true, error: null, data: { login: "octocat" } });

      await opened;
      const patched = await fetch(`${gateway.url}/api/v3.1/tool_router/session/${session.sessionId}`, {
        method: "PATCH",
        headers: { "x-api-key": apiKey, "content-type": "application/json" },
        body: JSON.stringify({ preload: { tools: ["GITHUB_GET_THE_AUTHENTICATED_USER"] } }),
      });
      expect(patched.status).toBe(200);
      // The client refetched tools/list on the notification and hands over the new list.
      expect((await refreshed).at(-1)?.name).toBe("GITHUB_GET_THE_AUTHENTICATED_USER");
      expect(sent.slice(0, 2)).toEqual(["POST initialize", "POST notifications/initialized"]);
      expect(sent).toContain("GET");
    } finally {
      await client.close();
    }
  });

  it("negotiates MCP 2026-07-28 through server/discover, then lists and calls tools on that era", async () => {
    const session = await composio.create("v2_user", { mcp: true, toolkits: ["github"] });
    const sent: string[] = [];
    const watching: typeof fetch = async (input, init) => {
      if ((init?.method ?? "GET") === "POST") sent.push((JSON.parse(String(init?.body)) as { method?: string }).method ?? "(response)");
      return fetch(input, init);
    };
    const client = new Client({ name: "switchboard-e2e-v2-modern", version: "1.0.0" }, { versionNegotiation: { mode: "auto" } });
    await client.connect(new StreamableHTTPClientTransport(new URL(session.mcp.url), { requestInit: { headers: session.mcp.headers ?? {} }, fetch: watching }));
    try {
      expect(client.getProtocolEra()).toBe("modern");
      expect(client.getNegotiatedProtocolVersion()).toBe("2026-07-28");
      expect(client.getServerVersion()?.name).toBe("switchboard-session");
      expect(sent[0]).toBe("server/discover");
      expect(sent).not.toContain("initialize");

      const { tools } = await client.listTools();
      expect(tools.map((tool) => tool.name)).toContain("COMPOSIO_SEARCH_TOOLS");
      const me = await client.callTool({ name: "GITHUB_GET_THE_AUTHENTICATED_USER", arguments: {} });
      expect(me.isError).toBeFalsy();
      expect(payload(me)).toMatchObject({ successful: true, data: { login: "octocat" } });
      const outside = await client.callTool({ name: "NO_SUCH_TOOL", arguments: {} });
      expect(outside.isError).toBe(true);
    } finally {
      await client.close();
    }
  });

  it("on 2026-07-28, hears list_changed on its subscriptions/listen after a PATCH of its own session, never another's", async () => {
    const [mine, theirs] = await Promise.all([
      composio.create("v2_user", { mcp: true, toolkits: ["github"] }),
      composio.create("v2_user", { mcp: true, toolkits: ["github"] }),
    ]);
    // Each client opens its listen while connecting (ClientOptions.listChanged), and refetches tools/list on each notification.
    const heard: Record<"mine" | "theirs", Tool[][]> = { mine: [], theirs: [] };
    const waiters: Partial<Record<"mine" | "theirs", () => void>> = {};
    const listening = (who: "mine" | "theirs") =>
      new Client(
        { name: `switchboard-e2e-v2-listen-${who}`, version: "1.0.0" },
        {
          versionNegotiation: { mode: "auto" },
          listChanged: { tools: { debounceMs: 0, onChanged: (error, tools) => (error ? undefined : (heard[who].push(tools ?? []), waiters[who]?.())) } },
        },
      );
    const nextChange = (who: "mine" | "theirs") => new Promise<void>((resolve) => (waiters[who] = resolve));
    const clients = { mine: listening("mine"), theirs: listening("theirs") };
    const transport = (session: typeof mine) => new StreamableHTTPClientTransport(new URL(session.mcp.url), { requestInit: { headers: session.mcp.headers ?? {} } });
    const patch = async (sessionId: string, body: unknown) => {
      const response = await fetch(`${gateway.url}/api/v3.1/tool_router/session/${sessionId}`, {
        method: "PATCH",
        headers: { "x-api-key": apiKey, "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      expect(response.status).toBe(200);
      await response.body?.cancel();
    };
    await Promise.all([clients.mine.connect(transport(mine)), clients.theirs.connect(transport(theirs))]);
    const theirListen = clients.theirs.autoOpenedSubscription;
    try {
      for (const client of Object.values(clients)) {
        expect(client.getNegotiatedProtocolVersion()).toBe("2026-07-28");
        expect(client.getServerCapabilities()?.tools).toEqual({ listChanged: true });
        expect(client.autoOpenedSubscription?.honoredFilter).toEqual({ toolsListChanged: true });
      }

      const mineChanged = nextChange("mine");
      await patch(mine.sessionId, { toolkits: ["github", "hackernews"], preload: { tools: ["GITHUB_GET_THE_AUTHENTICATED_USER"] } });
      await mineChanged;
      expect(heard.mine.at(-1)?.map((tool) => tool.name)).toContain("GITHUB_GET_THE_AUTHENTICATED_USER");
      // The same gateway (one isolate under `wrangler dev`) holds both listens: the other one heard nothing.
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(heard.theirs).toEqual([]);

      // …though its listen is open: a PATCH of its own session reaches it, and only it.
      const theirsChanged = nextChange("theirs");
      await patch(theirs.sessionId, { toolkits: ["github", "hackernews"] });
      await theirsChanged;
      expect(heard.mine).toHaveLength(1);

      // The session's end ends its listens with the spec's empty result: the client may listen again.
      const deleted = await fetch(`${gateway.url}/api/v3.1/tool_router/session/${mine.sessionId}`, { method: "DELETE", headers: { "x-api-key": apiKey } });
      expect(deleted.ok).toBe(true);
      await deleted.body?.cancel();
      expect(await clients.mine.autoOpenedSubscription?.closed).toBe("graceful");
      // A client ends its own listen by aborting the request and sending notifications/cancelled.
      await theirListen?.close();
      expect(await theirListen?.closed).toBe("local");
    } finally {
      await Promise.all(Object.values(clients).map((client) => client.close()));
    }
  });

  it("serves a client pinned to 2026-07-28", async () => {
    const session = await composio.create("v2_user", { mcp: true, toolkits: ["github"] });
    const transport = () => new StreamableHTTPClientTransport(new URL(session.mcp.url), { requestInit: { headers: session.mcp.headers ?? {} } });
    const pinned = new Client({ name: "switchboard-e2e-v2-pinned", version: "1.0.0" }, { versionNegotiation: { mode: { pin: "2026-07-28" } } });
    await pinned.connect(transport());
    try {
      expect(pinned.getNegotiatedProtocolVersion()).toBe("2026-07-28");
      expect((await pinned.listTools()).tools.length).toBeGreaterThan(0);
    } finally {
      await pinned.close();
    }
  });
});

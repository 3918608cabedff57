import { exports } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { mockUpstream } from "../core/executor/upstream.ts";
import { newTenant, revokedKey, storedLog, type Tenant } from "../fixtures.ts";
import { call, json } from "../helpers.ts";
import { createSession, SESSIONS } from "../core/sessions/session-fixtures.ts";

/**
 * The session MCP endpoint through the real Worker (Streamable HTTP, JSON-RPC by hand),
 * with the SessionObject, D1 and executor real and only the upstream network simulated.
 */
const PROTOCOL = "2025-06-18";
const ACCEPT = "application/json, text/event-stream";

let tenant: Tenant;
let other: Tenant;
let sessionId: string;

beforeAll(async () => {
  [tenant, other] = await Promise.all([newTenant("mcp"), newTenant("mcp-other")]);
  sessionId = (await createSession(tenant.key, { user_id: "mcp-user", toolkits: ["hackernews"], preload: { tools: ["HACKERNEWS_GET_ITEM"] } })).session_id;
});

afterEach(() => {
  vi.restoreAllMocks();
});

interface McpOptions {
  key?: string | null;
  bearer?: string;
  headers?: Record<string, string>;
  method?: string;
  id?: string;
  /** The gateway's own origin, as the request arrives on it. */
  gateway?: string;
}

async function post(body: unknown, options: McpOptions = {}): Promise<Response> {
  const headers = new Headers({ accept: ACCEPT, "content-type": "application/json", "mcp-protocol-version": PROTOCOL, ...options.headers });
  if (options.key !== null) headers.set("x-api-key", options.key ?? tenant.key);
  if (options.bearer) {
    headers.delete("x-api-key");
    headers.set("authorization", `Bearer ${options.bearer}`);
  }
  const method = options.method ?? "POST";
  const response = await exports.default.fetch(
    new Request(`${options.gateway ?? "http://gateway.test"}/tool_router/${options.id ?? sessionId}/mcp`, {
      method,
      headers,
      ...(method === "POST" ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    }),
  );
  expect(response.status, "the MCP endpoint must never answer 500").not.toBe(500);
  return response;
}

/** The JSON-RPC message of a response, whether it came as JSON or as one SSE event. */
async function message<T = Record<string, unknown>>(response: Response): Promise<{ jsonrpc: string; id: unknown; result?: T; error?: { code: number; message: string } }> {
  const text = await response.text();
  if (response.headers.get("content-type")?.startsWith("text/event-stream")) {
    const data = text.split("\n").find((line) => line.startsWith("data: ") && line.length > 6);
    return JSON.parse(data!.slice(6));
  }
  return JSON.parse(text);
}

const rpc = (id: number, method: string, params: Record<string, unknown> = {}) => ({ jsonrpc: "2.0", id, method, params });
const initialize = (id = 1, protocolVersion = PROTOCOL) =>
  rpc(id, "initialize", { protocolVersion, capabilities: {}, clientInfo: { name: "workers-test", version: "1.0.0" } });

type ToolList = { tools: { name: string; title?: string; description?: string; inputSchema: { type: string; properties?: Record<string, unknown> }; annotations?: Record<string, unknown> }[] };
type CallResult = { content: { type: string; text: string }[]; isError?: boolean };

async function callTool(name: string, args: Record<string, unknown>, options: McpOptions = {}) {
  const response = await post(rpc(3, "tools/call", { name, arguments: args }), options);
  expect(response.status).toBe(200);
  const reply = await message<CallResult>(response);
  expect(reply.error, JSON.stringify(reply.error)).toBeUndefined();
  const result = reply.result!;
  return { result, payload: JSON.parse(result.content[0]!.text) as { data: Record<string, unknown>; error: string | null; successful: boolean; log_id?: string } };
}

describe("session MCP endpoint", () => {
  it("initializes with 2025-06-18 and 2025-11-25, statelessly, as JSON", async () => {
    for (const version of ["2025-06-18", "2025-11-25"]) {
      const response = await post(initialize(1, version));
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toMatch(/^application\/json/);
      expect(response.headers.get("mcp-session-id")).toBeNull();
      const reply = await message<{ protocolVersion: string; capabilities: Record<string, unknown>; serverInfo: { name: string } }>(response);
      expect(reply.result).toMatchObject({ protocolVersion: version, capabilities: { tools: { listChanged: true } }, serverInfo: { name: "switchboard-session" } });
    }
    const note = await post({ jsonrpc: "2.0", method: "notifications/initialized" });
    expect(note.status).toBe(202);
  });

  it("answers as an SSE stream when the client lists text/event-stream first", async () => {
    const response = await post(rpc(2, "tools/list"), { headers: { accept: "text/event-stream, application/json" } });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const reply = await message<ToolList>(response);
    expect(reply.result?.tools.length).toBeGreaterThan(0);
  });

  it("lists the meta tools, then the preloaded tools, with their JSON schemas", async () => {
    const reply = await message<ToolList>(await post(rpc(2, "tools/list")));
    const tools = reply.result!.tools;
    expect(tools.map((t) => t.name)).toEqual([
      "COMPOSIO_SEARCH_TOOLS",
      "COMPOSIO_GET_TOOL_SCHEMAS",
      "COMPOSIO_MULTI_EXECUTE_TOOL",
      "COMPOSIO_MANAGE_CONNECTIONS",
      "COMPOSIO_REMOTE_WORKBENCH",
      "COMPOSIO_REMOTE_BASH_TOOL",
      "HACKERNEWS_GET_ITEM",
    ]);
    const rest = await json<{ items: { slug: string; input_parameters: Record<string, unknown> }[] }>(await call("GET", `${SESSIONS}/${sessionId}/tools`, { key: tenant.key }));
    for (const tool of tools) {
      const view = rest.items.find((item) => item.slug === tool.name)!;
      expect(tool.inputSchema, tool.name).toEqual({ ...view.input_parameters, type: "object" });
      expect(tool.description?.length, tool.name).toBeGreaterThan(0);
    }
    expect(tools.at(-1)?.inputSchema.properties).toHaveProperty("id");
  });

  it("runs COMPOSIO_SEARCH_TOOLS and logs it in the session as an MCP call", async () => {
    const { result, payload } = await callTool("COMPOSIO_SEARCH_TOOLS", { queries: [{ use_case: "top stories on hacker news" }] });
    expect(result.isError).toBeUndefined();
    expect(payload.successful).toBe(true);
    expect((payload.data.results as { primary_tool_slugs: string[] }[])[0]?.primary_tool_slugs[0]).toMatch(/^HACKERNEWS_/);
    const logs = await json<{ items: { id: string; via: string; kind: string; tool_slug: string }[] }>(await call("GET", `${SESSIONS}/${sessionId}/logs`, { key: tenant.key }));
    expect(logs.items[0]).toMatchObject({ id: payload.log_id, via: "mcp", kind: "meta", tool_slug: "COMPOSIO_SEARCH_TOOLS" });
  });

  it("runs a preloaded app tool upstream, with Authorization: Bearer too, and logs it in D1 and the session", async () => {
    const { sent } = mockUpstream(() => Response.json({ id: 8863, by: "dhouston", title: "My YC app: Dropbox" }));
    const { result, payload } = await callTool("HACKERNEWS_GET_ITEM", { id: 8863 }, { bearer: tenant.key });
    expect(result.isError).toBeUndefined();
    expect(payload).toMatchObject({ successful: true, error: null, data: { id: 8863, by: "dhouston" } });
    expect(sent).toHaveLength(1);
    expect(sent[0]!.url.pathname).toContain("8863");
    expect(await storedLog(payload.log_id!)).toMatchObject({ tool_slug: "HACKERNEWS_GET_ITEM", user_id: "mcp-user", status: "success", session_id: sessionId });
    const logs = await json<{ items: { id: string; via: string; kind: string }[] }>(await call("GET", `${SESSIONS}/${sessionId}/logs`, { key: tenant.key }));
    expect(logs.items[0]).toMatchObject({ id: payload.log_id, via: "mcp", kind: "app" });
  });

  it("reports a failed call, a tool outside the session and an unknown tool as tool errors", async () => {
    mockUpstream(() => Response.json({ message: "boom" }, { status: 502 }));
    const failed = await callTool("HACKERNEWS_GET_ITEM", { id: 1 });
    expect(failed.result.isError).toBe(true);
    expect(failed.payload.successful).toBe(false);
    const outside = await callTool("GITHUB_GET_A_REPOSITORY", { owner: "o", repo: "r" });
    expect(outside.result.isError).toBe(true);
    expect(outside.payload).toMatchObject({ successful: false, code: "tool_not_in_session" });
    const unknown = await callTool("HACKERNEWS_GET_ITEMZ", {});
    expect(unknown.result.isError).toBe(true);
    expect(unknown.payload).toMatchObject({ successful: false, code: "tool_not_found" });
  });

  it("answers malformed JSON-RPC with a JSON-RPC error, never a 500", async () => {
    const parse = await post("{not json");
    expect(parse.status).toBe(400);
    expect((await message(parse)).error?.code).toBe(-32700);
    const invalid = await post({ hello: "world" });
    expect(invalid.status).toBe(400);
    expect((await message(invalid)).error).toBeDefined();
    const unknownMethod = await message(await post(rpc(9, "no/such/method")));
    expect(unknownMethod.error?.code).toBe(-32601);
    const badAccept = await post(rpc(2, "tools/list"), { headers: { accept: "application/json" } });
    expect(badAccept.status).toBe(406);
  });

  it("answers DELETE with 405: the endpoint keeps no transport session (GET: session-mcp-stream.test.ts)", async () => {
    const response = await post(undefined, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, POST");
    await response.body?.cancel();
  });

  it("refuses a missing or revoked key with 401, and another project's key with 404", async () => {
    const missing = await post(initialize(), { key: null });
    expect(missing.status).toBe(401);
    expect((await json<{ error: { code: string } }>(missing)).error.code).toBe("api_key_missing");
    const revoked = await post(initialize(), { key: await revokedKey() });
    expect(revoked.status).toBe(401);
    expect((await json<{ error: { code: string } }>(revoked)).error.code).toBe("api_key_revoked");
    for (const body of [initialize(), rpc(3, "tools/call", { name: "COMPOSIO_SEARCH_TOOLS", arguments: { queries: [{ use_case: "x" }] } })]) {
      const foreign = await post(body, { key: other.key });
      expect(foreign.status).toBe(404);
      expect((await json<{ error: { code: string } }>(foreign)).error.code).toBe("session_not_found");
    }
    const malformedId = await post(initialize(), { id: "not-a-session" });
    expect(malformedId.status).toBe(404);
    await malformedId.body?.cancel();
  });

  it("refuses a foreign Origin with 403, accepts its own, and loopback ones only on a loopback gateway", async () => {
    for (const origin of ["https://evil.example", "http://gateway.test.evil.example", "null", "file://x"]) {
      const response = await post(initialize(), { headers: { origin } });
      expect(response.status, origin).toBe(403);
      expect((await json<{ error: { code: string } }>(response)).error.code).toBe("origin_not_allowed");
    }
    // Refused before the key is even looked at.
    expect((await post(initialize(), { key: null, headers: { origin: "https://evil.example" } })).status).toBe(403);
    const own = await post(initialize(), { headers: { origin: "http://gateway.test" } });
    expect(own.status).toBe(200);
    await own.body?.cancel();
    for (const origin of ["http://localhost:6274", "http://127.0.0.1:3000"]) {
      expect((await post(initialize(), { headers: { origin } })).status, `${origin} on a deployed gateway`).toBe(403);
      const local = await post(initialize(), { headers: { origin }, gateway: "http://127.0.0.1:8787" });
      expect(local.status, `${origin} on a local gateway`).toBe(200);
      await local.body?.cancel();
    }
  });
});

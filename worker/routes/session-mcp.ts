import { Server } from "@modelcontextprotocol/sdk/server/index.js";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import { CallToolRequestSchema, ListToolsRequestSchema, type CallToolResult, type Tool } from "@modelcontextprotocol/sdk/types.js";
import { CfWorkerJsonSchemaValidator } from "@modelcontextprotocol/sdk/validation/cfworker-provider.js";
import { Hono, type Context } from "hono";
import type { SessionCall } from "../../durable-objects/session-object.ts";
import type { AppEnv } from "../app-env.ts";
import { requireApiKey } from "../auth/require-api-key.ts";
import { publicUrl } from "../connect/create-link.ts";
import { ApiError } from "../http/errors.ts";
import type { ToolResult } from "../sessions/context.ts";
import { ownedSession } from "../sessions/ownership.ts";
import { unwrap, type RpcResult } from "../sessions/rpc.ts";
import { version } from "../version.ts";

/**
 * The session's MCP endpoint, `/tool_router/:id/mcp`, over Streamable HTTP.
 *
 * Design: the MCP protocol is served *statelessly in the Worker*, and every tool call goes
 * to the session's SessionObject over RPC (`execute(…, "mcp")`), exactly as POST …/execute
 * does. All the state a session has (config, account choices, pending links, its log)
 * already lives in that object, so the MCP transport needs none of its own: no
 * `Mcp-Session-Id`, nothing to persist across hibernation or eviction, no stream held open
 * by the object, and the same auth, ownership check and logging as the REST path. Each
 * request gets a fresh SDK `Server` + `WebStandardStreamableHTTPServerTransport` (the SDK
 * forbids reusing a stateless transport). The cost: no server-initiated messages outside a
 * request (no standalone GET stream, so no `tools/list_changed` push yet); GET and DELETE
 * answer 405, which the spec allows and the SDK clients handle.
 *
 * Responses are JSON unless the client lists `text/event-stream` first in `Accept`, in
 * which case the answer comes as an SSE stream that closes after the response.
 */

const MAX_TOOLS = 10_000;
const TOOL_PAGE = 500;
const HINTS = ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const;

type ToolView = { slug: string; name: string; description: string; input_parameters: Record<string, unknown>; tags: string[] };

const isLoopback = (hostname: string) => hostname === "localhost" || hostname === "127.0.0.1" || hostname === "[::1]";

/**
 * An `Origin` the endpoint accepts: none (non-browser clients), the gateway's own, or, when
 * the gateway itself runs on loopback, a loopback one (local tools like the MCP Inspector).
 * Anything else is a page on a foreign site reaching the gateway through the user's browser
 * (DNS rebinding): refused. A deployed gateway refuses loopback origins too, so a page
 * served from the user's own machine cannot use it either.
 */
function originAllowed(origin: string | undefined, own: string[], gatewayHost: string): boolean {
  if (origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  if (own.includes(url.origin)) return true;
  return isLoopback(gatewayHost) && isLoopback(url.hostname);
}

function mcpTool(view: ToolView): Tool {
  const schema = view.input_parameters;
  const annotations = Object.fromEntries(HINTS.filter((hint) => view.tags.includes(hint)).map((hint) => [hint, true]));
  return {
    name: view.slug,
    title: view.name,
    description: view.description,
    // MCP requires an object schema; the catalog's are JSON Schema already, passed through unchanged.
    inputSchema: { ...schema, type: "object" } as Tool["inputSchema"],
    ...(Object.keys(annotations).length ? { annotations: { title: view.name, ...annotations } } : {}),
  };
}

type SessionStub = Awaited<ReturnType<typeof ownedSession>>;

async function listTools(stub: SessionStub, call: SessionCall): Promise<Tool[]> {
  const tools: Tool[] = [];
  let cursor: string | undefined;
  do {
    const result = await stub.tools(call, { limit: TOOL_PAGE, ...(cursor ? { cursor } : {}) });
    const page = unwrap(result as RpcResult<unknown>) as { items: ToolView[]; next_cursor?: string | null };
    tools.push(...page.items.map(mcpTool));
    cursor = page.next_cursor ?? undefined;
  } while (cursor && tools.length < MAX_TOOLS);
  return tools;
}

async function callTool(stub: SessionStub, call: SessionCall, name: string, args: Record<string, unknown>): Promise<CallToolResult> {
  const result = (await stub.execute(call, { toolSlug: name, arguments: args }, "mcp")) as RpcResult<ToolResult>;
  if (!result.ok) {
    // Refusals (tool outside the session, unknown tool, bad input) go back to the model as a tool error.
    const { code, message, suggestedFix } = result.error;
    return { isError: true, content: [{ type: "text", text: JSON.stringify({ data: {}, error: message, successful: false, code, ...(suggestedFix ? { suggested_fix: suggestedFix } : {}) }) }] };
  }
  const value = result.value;
  return {
    content: [{ type: "text", text: JSON.stringify(value) }],
    ...(value.successful ? {} : { isError: true }),
  };
}

function mcpServer(stub: SessionStub, call: SessionCall): Server {
  const server = new Server(
    { name: "switchboard-session", version },
    { capabilities: { tools: {} }, jsonSchemaValidator: new CfWorkerJsonSchemaValidator() },
  );
  server.setRequestHandler(ListToolsRequestSchema, async () => ({ tools: await listTools(stub, call) }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => callTool(stub, call, request.params.name, request.params.arguments ?? {}));
  return server;
}

function prefersEventStream(accept: string | undefined): boolean {
  const first = accept?.split(",")[0]?.split(";")[0]?.trim().toLowerCase();
  return first === "text/event-stream";
}

const app = new Hono<AppEnv>();

app.use("*", async (c, next) => {
  const own = [new URL(c.req.url).origin, URL.parse(publicUrl(c.env, c.req.url))?.origin ?? ""].filter(Boolean);
  if (!originAllowed(c.req.header("origin"), own, new URL(c.req.url).hostname)) {
    throw new ApiError(403, "origin_not_allowed", "Requests from this Origin are refused (DNS rebinding protection).", {
      suggestedFix: "Call the MCP endpoint from a server-side client, or from the gateway's own origin.",
    });
  }
  await next();
});
app.use("*", requireApiKey);

app.all("/", async (c: Context<AppEnv>) => {
  const id = c.req.param("id") ?? "";
  const stub = await ownedSession(c.env, c.get("caller").projectId, id);
  if (c.req.method !== "POST") {
    // Stateless: no standalone SSE stream and no transport session to delete.
    return c.json({ jsonrpc: "2.0", error: { code: -32000, message: "Method not allowed: this endpoint is stateless; send JSON-RPC with POST." }, id: null }, 405, {
      Allow: "POST",
    });
  }
  const call: SessionCall = { projectId: c.get("caller").projectId, publicUrl: publicUrl(c.env, c.req.url) };
  const server = mcpServer(stub, call);
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: !prefersEventStream(c.req.header("accept")) });
  await server.connect(transport);
  // Both are dropped with the request: a JSON answer is complete, an SSE one closes itself once written.
  return transport.handleRequest(c.req.raw);
});

export default app;

import {
  createMcpHandler,
  isLegacyRequest,
  Server,
  SUPPORTED_PROTOCOL_VERSIONS,
  WebStandardStreamableHTTPServerTransport,
  type CallToolResult,
  type Tool,
} from "@modelcontextprotocol/server";
import { Hono, type Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { SessionCall } from "../../durable-objects/session-object.ts";
import type { AppEnv } from "../app-env.ts";
import { publicUrl } from "../../core/connect/create-link.ts";
import { ApiError } from "../../core/http/errors.ts";
import { sessionCall } from "../http/session-call.ts";
import type { ProgressUpdate, ToolResult } from "../../core/sessions/context.ts";
import { ownedSession } from "../sessions/ownership.ts";
import { unwrap, type RpcResult } from "../../core/sessions/rpc.ts";
import { version } from "../version.ts";
import { echoRequestId } from "./session-mcp-errors.ts";
import { isListenRequest, serveListen } from "./session-mcp-listen.ts";

/**
 * The session's MCP endpoint, `/tool_router/:id/mcp`, over Streamable HTTP.
 *
 * Design: the MCP protocol is served *statelessly in the Worker*, and every tool call goes
 * to the session's SessionObject over RPC (`execute(…, "mcp")`), exactly as POST …/execute
 * does. All the state a session has (config, account choices, pending links, its log)
 * already lives in that object, so the MCP transport needs none of its own: no
 * `Mcp-Session-Id`, nothing to persist across hibernation or eviction, and the same auth,
 * ownership check and logging as the REST path. Built on the MCP TypeScript SDK v2
 * (`@modelcontextprotocol/server`), which serves two protocol eras: a POST the SDK classifies
 * as 2026-07-28 (`server/discover`, a `_meta` envelope on every request, no `initialize`) goes
 * to its `createMcpHandler`; 2025-era traffic (initialize first, 2024-11-05 … 2025-11-25) gets
 * a fresh `Server` + `WebStandardStreamableHTTPServerTransport` (the SDK forbids reusing a
 * stateless transport), except a lone, well-formed `tools/call` or `tools/list` wanting JSON,
 * the hot path, which is answered directly (`fastRequest`).
 *
 * The one thing a request-scoped server cannot do is speak first, so the streams that carry
 * `notifications/tools/list_changed` come from the session's object itself (`openStream`): it
 * holds every open stream of the session and writes to them when a PATCH or a completed
 * connection changes what `tools/list` answers. A 2025-era GET (the standalone stream) is
 * handed that stream as it is; a 2026-07-28 `subscriptions/listen` is served by the SDK's
 * listen router over a bus of its own reading one such stream (session-mcp-listen.ts), so a
 * listen hears its own session's changes, whichever isolate made them. DELETE answers 405:
 * there is no transport session to end.
 *
 * Responses are JSON unless the client lists `text/event-stream` first in `Accept`, or asks
 * for progress on a call (`_meta.progressToken`) and accepts SSE: then the answer comes as
 * an SSE stream carrying `notifications/progress` and closing after the response.
 */

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

type SessionStub = Awaited<ReturnType<typeof ownedSession>>;

/** The session's tools as MCP lists them, as JSON text (durable-objects/sessions/mcp-tool-list.ts). */
async function toolListJson(stub: SessionStub, call: SessionCall): Promise<string> {
  return unwrap((await stub.mcpToolList(call)) as RpcResult<string>);
}

async function callTool(
  stub: SessionStub,
  call: SessionCall,
  name: string,
  args: Record<string, unknown>,
  onProgress?: (update: ProgressUpdate) => Promise<void>,
): Promise<CallToolResult> {
  const result = (await stub.execute(call, { toolSlug: name, arguments: args }, "mcp", onProgress)) as RpcResult<ToolResult>;
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

/**
 * One request's server, for either era: the same two handlers answer both (the SDK speaks each
 * era's wire). `listChanged` is kept on both: 2025-era clients hear it on the GET stream the
 * session's object holds, 2026-07-28 clients on a `subscriptions/listen` whose events are read
 * from such a stream (session-mcp-listen.ts). The SDK honours `toolsListChanged` in a listen's
 * filter only because this capability is advertised.
 */
function mcpServer({ stub, call }: SessionTarget): Server {
  // The SDK's default JSON Schema validator in workerd is @cfworker/json-schema (its `_shims` export condition).
  const server = new Server({ name: "switchboard-session", version }, { capabilities: { tools: { listChanged: true } } });
  server.setRequestHandler("tools/list", async () => ({ tools: JSON.parse(await toolListJson(stub, call)) as Tool[] }));
  server.setRequestHandler("tools/call", async (request, ctx) => {
    const progressToken = request.params._meta?.progressToken;
    // The object calls back over RPC for each step; the SDK writes it to this request's SSE stream.
    const onProgress =
      progressToken === undefined
        ? undefined
        : (update: ProgressUpdate) => ctx.mcpReq.notify({ method: "notifications/progress", params: { progressToken, ...update } });
    return callTool(stub, call, request.params.name, request.params.arguments ?? {}, onProgress);
  });
  return server;
}

type SessionTarget = { stub: SessionStub; call: SessionCall };

/**
 * The session each request in flight is for, found by the factory of the 2026-07-28 handler
 * (which hands it the `Request` it was given). Keyed weakly: an entry goes with its request.
 */
const targets = new WeakMap<Request, SessionTarget>();

/**
 * MCP 2026-07-28 (`server/discover`, a `_meta` envelope on every request, no `initialize`),
 * served by the SDK's own entry: one per isolate, a fresh `Server` per request from the
 * factory. It answers only what the SDK classifies as that era (2025-era traffic is routed
 * to the stateless transport below, which keeps JSON answers and the object-held GET stream),
 * and never a listen: its bus would hear nothing (`serveListen` has one per listen).
 */
const modernHandler = createMcpHandler(
  ({ requestInfo }) => {
    const target = requestInfo && targets.get(requestInfo);
    if (!target) throw new Error("MCP request without its session");
    return mcpServer(target);
  },
  { legacy: "reject" },
);

function prefersEventStream(accept: string | undefined): boolean {
  const first = accept?.split(",")[0]?.split(";")[0]?.trim().toLowerCase();
  return first === "text/event-stream";
}

/** Whether a request in the POST asked for progress, which only an SSE response can carry. */
function asksForProgress(body: unknown): boolean {
  return (Array.isArray(body) ? body : [body]).some(
    (message) => (message as { params?: { _meta?: { progressToken?: unknown } } } | null)?.params?._meta?.progressToken !== undefined,
  );
}

type JsonRpcId = string | number;
type FastRequest = { id: JsonRpcId } & ({ method: "tools/list" } | { method: "tools/call"; name: string; args: Record<string, unknown> });

const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * The two requests an agent sends over and over — `tools/call` and `tools/list` — when they
 * come alone, well formed, asking for a JSON answer without progress. Those are answered here
 * directly: the SDK's server and transport, built per request, cost more CPU than the call
 * itself. Anything else (initialize, notifications, batches, SSE, odd or malformed input)
 * returns undefined and goes to the SDK, which answers and refuses exactly as before.
 */
function fastRequest(c: Context<AppEnv>, body: unknown): FastRequest | undefined {
  const accept = c.req.header("accept");
  if (!accept?.includes("application/json") || !accept.includes("text/event-stream") || prefersEventStream(accept)) return undefined;
  if (!/^application\/json\s*(;|$)/i.test(c.req.header("content-type") ?? "")) return undefined;
  const version = c.req.header("mcp-protocol-version");
  if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) return undefined;
  if (!isPlainObject(body) || body.jsonrpc !== "2.0") return undefined;
  const { id, method, params } = body;
  if (!(typeof id === "string" || (typeof id === "number" && Number.isInteger(id)))) return undefined;
  if (params !== undefined && !isPlainObject(params)) return undefined;
  if (params && "_meta" in params) return undefined;
  if (method === "tools/list") return params && Object.keys(params).length > 0 ? undefined : { id, method };
  if (method !== "tools/call" || !params || typeof params.name !== "string") return undefined;
  if (params.arguments !== undefined && !isPlainObject(params.arguments)) return undefined;
  if (Object.keys(params).some((key) => key !== "name" && key !== "arguments")) return undefined;
  return { id, method, name: params.name, args: params.arguments ?? {} };
}

async function answerFast(stub: SessionStub, call: SessionCall, request: FastRequest): Promise<Response> {
  if (request.method === "tools/list") {
    // The list arrives as JSON text and goes out as it is, inside the JSON-RPC envelope.
    const body = `{"jsonrpc":"2.0","id":${JSON.stringify(request.id)},"result":{"tools":${await toolListJson(stub, call)}}}`;
    return new Response(body, { headers: { "content-type": "application/json" } });
  }
  return Response.json({ jsonrpc: "2.0", id: request.id, result: await callTool(stub, call, request.name, request.args) });
}

/** A protocol fault outside any JSON-RPC request (the shape the SDK transport uses for its own). */
const transportError = (c: Context<AppEnv>, status: 400 | 405 | 406, message: string, headers?: Record<string, string>) =>
  c.json({ jsonrpc: "2.0", error: { code: -32000, message }, id: null }, status, headers);

const app = new Hono<AppEnv>();

/** Mounted by app.ts ahead of the key check: a page on a foreign site is refused before its key is looked at. */
export const refuseForeignOrigins = createMiddleware<AppEnv>(async (c, next) => {
  const own = [new URL(c.req.url).origin, URL.parse(publicUrl(c.env, c.req.url))?.origin ?? ""].filter(Boolean);
  if (!originAllowed(c.req.header("origin"), own, new URL(c.req.url).hostname)) {
    throw new ApiError(403, "origin_not_allowed", "Requests from this Origin are refused (DNS rebinding protection).", {
      suggestedFix: "Call the MCP endpoint from a server-side client, or from the gateway's own origin.",
    });
  }
  await next();
});

app.get("/", async (c) => {
  // Hono answers HEAD with the GET handler and drops the body, which would leave a stream open in the object.
  if (c.req.method === "HEAD") return transportError(c, 405, "Method not allowed: GET opens the server's stream.", { Allow: "GET, POST" });
  const stub = await ownedSession(c.env, c.get("caller").projectId, c.req.param("id") ?? "");
  if (!c.req.header("accept")?.includes("text/event-stream")) return transportError(c, 406, "Not Acceptable: a GET opens an SSE stream; send Accept: text/event-stream.");
  const version = c.req.header("mcp-protocol-version");
  if (version !== undefined && !SUPPORTED_PROTOCOL_VERSIONS.includes(version)) return transportError(c, 400, `Bad Request: unsupported protocol version ${version}.`);
  const call = sessionCall(c);
  return unwrap(await stub.openStream(call));
});

app.all("/", async (c: Context<AppEnv>) => {
  const id = c.req.param("id") ?? "";
  const stub = await ownedSession(c.env, c.get("caller").projectId, id);
  if (c.req.method !== "POST") {
    // No transport session to delete (stateless), and nothing else to do here.
    return transportError(c, 405, "Method not allowed: send JSON-RPC with POST, or GET for the server's stream.", { Allow: "GET, POST" });
  }
  const call = sessionCall(c);
  // Read once here to see whether progress was asked for; malformed JSON is left to the transport to answer.
  const parsedBody: unknown = await c.req.raw
    .clone()
    .json()
    .catch(() => undefined);
  const fast = fastRequest(c, parsedBody);
  if (fast) return answerFast(stub, call, fast);
  if (parsedBody !== undefined && !(await isLegacyRequest(c.req.raw, parsedBody))) {
    // 2026-07-28 (or a request claiming it, which that era's validation answers, with the request's id).
    if (isListenRequest(parsedBody)) {
      return serveListen(c.req.raw, parsedBody, async () => unwrap(await stub.openStream(call)), () => mcpServer({ stub, call }));
    }
    targets.set(c.req.raw, { stub, call });
    return modernHandler.fetch(c.req.raw, { parsedBody });
  }
  const server = mcpServer({ stub, call });
  const accept = c.req.header("accept");
  const stream = prefersEventStream(accept) || (accept?.includes("text/event-stream") === true && asksForProgress(parsedBody));
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: !stream });
  await server.connect(transport);
  // Both are dropped with the request: a JSON answer is complete, an SSE one closes itself once written.
  return echoRequestId(await transport.handleRequest(c.req.raw, parsedBody === undefined ? undefined : { parsedBody }), parsedBody);
});

export default app;

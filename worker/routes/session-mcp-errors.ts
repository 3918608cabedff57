/**
 * JSON-RPC errors the session MCP endpoint answers around the SDK's transport.
 *
 * The SDK's transport refuses some requests before it reads their id (a protocol version it
 * does not know in `MCP-Protocol-Version`, a wrong `Accept` or `Content-Type`) and answers
 * with `"id": null`. JSON-RPC 2.0 §5 asks for the request's id whenever it could be read, and
 * clients match answers to requests by it, so a single request's id is put back.
 */

type JsonRpcId = string | number;

const requestId = (message: unknown): JsonRpcId | undefined => {
  if (typeof message !== "object" || message === null || Array.isArray(message)) return undefined;
  const { id, method } = message as { id?: unknown; method?: unknown };
  if (typeof method !== "string") return undefined;
  return typeof id === "string" || (typeof id === "number" && Number.isFinite(id)) ? id : undefined;
};

/**
 * `server/discover` is the first request of MCP's stateless era (2026-07-28), which clients
 * such as `@ai-sdk/mcp` 2.x and the SDK v2 client send to learn what a server speaks. This
 * endpoint speaks the 2025 revisions (initialize first), and the newer spec's answer from a
 * server of the earlier era is a plain "method not found" carrying the request's id: the client
 * then falls back to `initialize`. Answered here because the transport would refuse the newer
 * `MCP-Protocol-Version` header first, with a 400 and no id, which clients take for a fault.
 */
export function newerEraProbe(body: unknown): Response | undefined {
  const id = requestId(body);
  if (id === undefined || (body as { method: string }).method !== "server/discover") return undefined;
  return Response.json({
    jsonrpc: "2.0",
    id,
    error: {
      code: -32601,
      message: "Method not found: server/discover. This server speaks MCP 2025-11-25 and earlier; start with initialize.",
    },
  });
}

/** The transport's answer, with a lone request's id in place of `null` on an error. */
export async function echoRequestId(response: Response, body: unknown): Promise<Response> {
  const id = requestId(body);
  if (id === undefined || response.status < 400 || !response.headers.get("content-type")?.includes("application/json")) return response;
  const answer = (await response
    .clone()
    .json()
    .catch(() => undefined)) as { jsonrpc?: unknown; id?: unknown; error?: unknown } | undefined;
  if (answer?.jsonrpc !== "2.0" || answer.error === undefined || answer.id !== null) return response;
  return new Response(JSON.stringify({ ...answer, id }), { status: response.status, statusText: response.statusText, headers: response.headers });
}

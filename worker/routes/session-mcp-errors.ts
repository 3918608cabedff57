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

import { runDurableObjectAlarm } from "cloudflare:test";
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import { mockUpstream, type SentRequest } from "../core/executor/upstream.ts";
import { call, json } from "../helpers.ts";
import { SESSIONS } from "../core/sessions/session-fixtures.ts";

/**
 * What the hot-path tests share: the upstreams simulated at the fetch boundary, the session
 * MCP endpoint spoken by hand, and waiting for work a response did not wait for (the
 * session's log outbox, a waitUntil log write) so it never spills into the next request.
 */

export const REPO = { owner: "octocat", repo: "hello-world" };
export const GET_REPO = "GITHUB_GET_A_REPOSITORY";
export const HN_ITEM = "HACKERNEWS_GET_ITEM";

/** api.github.com's repository and Hacker News' item, as the executor reaches them; anything else is a 404. */
export function simulateUpstreams() {
  const { sent } = mockUpstream((request) => {
    if (request.url.hostname === "api.github.com" && request.url.pathname === `/repos/${REPO.owner}/${REPO.repo}`) {
      return Response.json({ id: 1296269, full_name: `${REPO.owner}/${REPO.repo}` });
    }
    if (request.url.hostname === "hacker-news.firebaseio.com" && request.url.pathname.startsWith("/v0/item/")) {
      return Response.json({ id: 8863, by: "dhouston", title: "My YC app: Dropbox" });
    }
    return Response.json({ message: "Not Found" }, { status: 404 });
  });
  return {
    sent,
    /** The Authorization header of every repository call that reached GitHub, in order. */
    githubTokens: () => sent.filter(isRepoCall).map((request) => request.headers.get("authorization")),
  };
}

const isRepoCall = (request: SentRequest) => request.url.hostname === "api.github.com" && request.url.pathname.startsWith("/repos/");

// --- the session's MCP endpoint, Streamable HTTP by hand (as test/workers/routes/session-mcp.test.ts) ---

const PROTOCOL = "2025-06-18";

export interface ToolPayload {
  data: Record<string, unknown>;
  error: string | null;
  successful: boolean;
  log_id?: string;
  code?: string;
}

/** One JSON-RPC request to the session's MCP endpoint; the body is left unread. */
export function mcpRequest(key: string, sessionId: string, method: string, params: Record<string, unknown> = {}): Promise<Response> {
  return exports.default.fetch(
    new Request(`http://gateway.test/tool_router/${sessionId}/mcp`, {
      method: "POST",
      headers: { accept: "application/json, text/event-stream", "content-type": "application/json", "mcp-protocol-version": PROTOCOL, "x-api-key": key },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method, params }),
    }),
  );
}

/** The JSON-RPC result of an MCP response (JSON, as the endpoint answers this Accept); a JSON-RPC error fails. */
export async function mcpResult<T>(response: Response): Promise<T> {
  expect(response.status, "the MCP endpoint answered").toBe(200);
  const message = (await response.json()) as { result?: T; error?: { code: number; message: string } };
  expect(message.error, JSON.stringify(message.error)).toBeUndefined();
  return message.result as T;
}

/** The tool result an MCP `tools/call` carries as its text content. */
export async function mcpToolPayload(response: Response): Promise<ToolPayload> {
  const result = await mcpResult<{ content: { type: string; text: string }[] }>(response);
  return JSON.parse(result.content[0]!.text) as ToolPayload;
}

export async function mcpCall(key: string, sessionId: string, name: string, args: Record<string, unknown>): Promise<ToolPayload> {
  return mcpToolPayload(await mcpRequest(key, sessionId, "tools/call", { name, arguments: args }));
}

export async function mcpToolNames(key: string, sessionId: string): Promise<string[]> {
  const result = await mcpResult<{ tools: { name: string }[] }>(await mcpRequest(key, sessionId, "tools/list"));
  return result.tools.map((tool) => tool.name);
}

// --- waiting for what happens after a response ---

/** Polls `probe` until it returns something other than null/undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(what: string, probe: () => Promise<T | null | undefined | false>, timeoutMs = 5_000, everyMs = 25): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== null && value !== undefined && value !== false) return value;
    if (Date.now() >= deadline) throw new Error(`${what}: not after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

/** Whether D1 holds this execution log right now (read straight from the binding: no wait, no round trip counted). */
export async function logInD1Now(id: string): Promise<boolean> {
  return (await env.DB.prepare("SELECT 1 AS found FROM execution_logs WHERE id = ?").bind(id).first("found")) !== null;
}

/**
 * Waits until these logs are in D1. A session keeps its calls' logs in its own storage and
 * sends them from its alarm: running the alarm now (a no-op when none is set) makes that
 * deterministic instead of waiting out whatever delay it was set with. Direct calls write
 * theirs in waitUntil; polling covers both.
 */
export async function logsInD1(logIds: string[], sessionId?: string): Promise<void> {
  if (sessionId) await runDurableObjectAlarm(env.SESSIONS.getByName(sessionId));
  for (const id of logIds) await eventually(`log ${id} in D1`, () => logInD1Now(id));
}

export interface SessionLogEntry {
  id: string;
  via: string;
  kind: string;
  tool_slug: string;
  status: string;
  connected_account_id: string | null;
}

/** The session's own log (GET …/logs), newest first. */
export async function sessionLog(key: string, sessionId: string): Promise<SessionLogEntry[]> {
  const response = await call("GET", `${SESSIONS}/${sessionId}/logs`, { key });
  expect(response.status).toBe(200);
  return (await json<{ items: SessionLogEntry[] }>(response)).items;
}

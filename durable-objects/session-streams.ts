import { EventStreams } from "./event-streams.ts";

/**
 * The MCP clients of one session that hold a standalone GET stream (Streamable HTTP's
 * channel for server-initiated messages), or a 2026-07-28 `subscriptions/listen` the Worker
 * feeds from one (worker/routes/session-mcp-listen.ts), kept by the session's Durable Object
 * so that whatever changes the session there (a PATCH, a completed connection) can tell them.
 * A missed `list_changed` costs nothing: the next `tools/list` is current anyway.
 */
export class SessionStreams extends EventStreams {
  /** Sends a JSON-RPC notification to every open stream. */
  notify(method: string, params?: Record<string, unknown>): void {
    this.send("message", { jsonrpc: "2.0", method, ...(params ? { params } : {}) });
  }

  /** Tells every client that `tools/list` may answer differently now. */
  toolListChanged(): void {
    this.notify("notifications/tools/list_changed");
  }
}

import { createMcpHandler, type McpHttpHandler, type Server, type ServerEvent, type ServerEventBus } from "@modelcontextprotocol/server";

/**
 * `subscriptions/listen` (MCP 2026-07-28) on the session's MCP endpoint: the SDK's listen
 * router answers it (acknowledgement, filter, subscription ids, keepalive, teardown), and its
 * change events come from the session's Durable Object, which already tells the 2025-era GET
 * streams when a PATCH or a completed connection changes what `tools/list` answers.
 *
 * Each listen gets a handler and a bus of its own, bridged to one stream of the object opened
 * with the listen's own request. Not one bus per session shared by its listens: in a Worker,
 * a stream made while serving one request cannot be read or written while serving another
 * ("Cannot perform I/O on behalf of a different request"), and a bus that belongs to one
 * listen cannot carry one session's events to another session's client, nor outlive the
 * request it serves (no per-isolate map to bound, nothing to close on eviction).
 */

const LIST_CHANGED = "notifications/tools/list_changed";

/** Whether an SSE frame of the object's stream (session-streams.ts writes `\n` line ends) is a tool-list change. */
function isToolListChange(frame: string): boolean {
  const data = frame
    .split("\n")
    .filter((line) => line.startsWith("data:"))
    .map((line) => line.slice(5).trimStart())
    .join("\n");
  if (data === "") return false; // a keepalive comment
  try {
    return (JSON.parse(data) as { method?: unknown }).method === LIST_CHANGED;
  } catch {
    return false;
  }
}

/**
 * The bus of one listen: it publishes `tools_list_changed` for each `list_changed` the
 * session's object writes to `source`. Reading starts with the first listener; the source is
 * cancelled when the last one leaves (the client closed the listen or went away): the object
 * learns it at its next write to the stream (a change, or its 25 s keepalive) and drops it,
 * rather than keeping it until 64 frames go unread.
 *
 * When the source ends while someone listens (the object closes its streams after 30 minutes,
 * when the session ends, or when it is evicted), `onEnd` ends the listen rather than opening
 * the source again: the client listens anew through the Worker, so its key and the session
 * are checked again, and no listen keeps the object awake for ever (event-streams.ts).
 */
class ObjectStreamBus implements ServerEventBus {
  readonly #listeners = new Set<(event: ServerEvent) => void>();
  readonly #reader: ReadableStreamDefaultReader<Uint8Array>;
  readonly #onEnd: () => void;
  #reading = false;
  #stopped = false;

  constructor(source: ReadableStream<Uint8Array>, onEnd: () => void) {
    this.#reader = source.getReader();
    this.#onEnd = onEnd;
  }

  get listening(): boolean {
    return this.#listeners.size > 0;
  }

  publish(event: ServerEvent): void {
    for (const listener of [...this.#listeners]) {
      try {
        listener(event);
      } catch {
        // The router's listener writes to a stream its client may have left; the others still hear.
      }
    }
  }

  subscribe(listener: (event: ServerEvent) => void): () => void {
    this.#listeners.add(listener);
    if (!this.#reading) {
      this.#reading = true;
      void this.#read();
    }
    let live = true;
    return () => {
      if (!live) return;
      live = false;
      this.#listeners.delete(listener);
      if (this.#listeners.size === 0) this.stop();
    };
  }

  /** Lets go of the object's stream (idempotent). */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#reader.cancel().catch(() => {});
  }

  async #read(): Promise<void> {
    const decoder = new TextDecoder();
    let buffered = "";
    try {
      for (;;) {
        const { value, done } = await this.#reader.read();
        if (done) break;
        buffered += decoder.decode(value, { stream: true });
        for (let end = buffered.indexOf("\n\n"); end !== -1; end = buffered.indexOf("\n\n")) {
          if (isToolListChange(buffered.slice(0, end))) this.publish({ kind: "tools_list_changed" });
          buffered = buffered.slice(end + 2);
        }
      }
    } catch {
      // The object's stream broke (eviction, a deploy), or was cancelled by `stop`.
    }
    if (this.#stopped) return;
    this.stop();
    this.#onEnd();
  }
}

/** Whether a (2026-07-28) body is a listen, which only `serveListen` can feed with events. */
export function isListenRequest(body: unknown): boolean {
  return typeof body === "object" && body !== null && !Array.isArray(body) && (body as { method?: unknown }).method === "subscriptions/listen";
}

/**
 * Serves one `subscriptions/listen`. The object's stream is opened before the SDK sees the
 * request, so a change made once the client holds the acknowledgement is never missed.
 * `openStream` throws when the session is gone; `server` is the endpoint's per-request
 * server, read by the SDK only for its capabilities (`tools.listChanged`) and identity.
 */
export async function serveListen(request: Request, parsedBody: unknown, openStream: () => Promise<Response>, server: () => Server): Promise<Response> {
  const source = await openStream();
  if (!source.body) throw new Error("the session's stream has no body");
  // One listen per handler: its router, keepalive timer and bus all go when that listen ends.
  let handler: McpHttpHandler | undefined;
  const bus = new ObjectStreamBus(source.body, () => void handler?.close());
  handler = createMcpHandler(server, { legacy: "reject", bus, maxSubscriptions: 1 });
  try {
    return await handler.fetch(request, { parsedBody });
  } finally {
    // A refused listen (bad filter, headers or envelope), or one asking for nothing the server sends, never subscribed.
    if (!bus.listening) bus.stop();
  }
}

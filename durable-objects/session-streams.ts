/**
 * The MCP clients of one session that hold a standalone GET stream (Streamable HTTP's
 * channel for server-initiated messages), kept by the session's Durable Object so that
 * whatever changes the session there (a PATCH, a completed connection) can tell them.
 *
 * Nothing here survives eviction, and nothing needs to: an object with an open stream is
 * not evicted, and a client whose stream dies reconnects with a fresh GET. No event ids
 * are written, so clients do not try to resume (a missed `list_changed` costs nothing: the
 * next `tools/list` is current anyway).
 */

/** Proxies and load balancers drop idle connections after 30–100 s; a comment frame keeps them open. */
const KEEPALIVE_MS = 25_000;
/** A client that has left this many frames unread is not listening: drop it rather than buffer for it. */
const MAX_UNREAD_FRAMES = 64;
/** Each open stream pins memory in the object; past this, the oldest one is closed (its client may reconnect). */
const MAX_STREAMS = 100;
/**
 * An open stream keeps the object awake (no hibernation while a client listens), so none
 * lives forever: after this, it is closed at the next keepalive and the client reconnects.
 */
const MAX_STREAM_AGE_MS = 30 * 60 * 1000;

const encoder = new TextEncoder();
const KEEPALIVE = encoder.encode(": keepalive\n\n");

const messageFrame = (message: unknown) => encoder.encode(`event: message\ndata: ${JSON.stringify(message)}\n\n`);

export class SessionStreams {
  /** Each open stream's controller, with when it opened. */
  #streams = new Map<ReadableStreamDefaultController<Uint8Array>, number>();
  #keepalive: ReturnType<typeof setInterval> | undefined;

  get size(): number {
    return this.#streams.size;
  }

  /** A new SSE response whose body stays open until the client cancels it or the session ends. */
  open(): Response {
    let opened: ReadableStreamDefaultController<Uint8Array> | undefined;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        opened = controller;
        this.#add(controller);
      },
      // The client went away (it closed the response, or its connection dropped).
      cancel: () => {
        if (opened) this.#remove(opened);
      },
    });
    return new Response(body, {
      headers: { "content-type": "text/event-stream", "cache-control": "no-cache, no-transform", "x-accel-buffering": "no" },
    });
  }

  /** Sends a JSON-RPC notification to every open stream. */
  notify(method: string, params?: Record<string, unknown>): void {
    this.#write(messageFrame({ jsonrpc: "2.0", method, ...(params ? { params } : {}) }));
  }

  /** Tells every client that `tools/list` may answer differently now. */
  toolListChanged(): void {
    this.notify("notifications/tools/list_changed");
  }

  /** Ends every stream, e.g. when the session is deleted. */
  closeAll(): void {
    for (const controller of [...this.#streams.keys()]) this.#end(controller);
  }

  #add(controller: ReadableStreamDefaultController<Uint8Array>): void {
    if (this.#streams.size >= MAX_STREAMS) {
      const oldest = this.#streams.keys().next().value;
      if (oldest) this.#end(oldest);
    }
    this.#streams.set(controller, Date.now());
    this.#keepalive ??= setInterval(() => {
      this.#write(KEEPALIVE);
      const cutoff = Date.now() - MAX_STREAM_AGE_MS;
      for (const [stream, openedAt] of [...this.#streams]) if (openedAt < cutoff) this.#end(stream);
    }, KEEPALIVE_MS);
  }

  #remove(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.#streams.delete(controller);
    if (this.#streams.size === 0 && this.#keepalive !== undefined) {
      clearInterval(this.#keepalive);
      this.#keepalive = undefined;
    }
  }

  #write(frame: Uint8Array): void {
    for (const controller of [...this.#streams.keys()]) {
      try {
        if ((controller.desiredSize ?? 0) < -MAX_UNREAD_FRAMES) throw new Error("client is not reading");
        controller.enqueue(frame);
      } catch {
        this.#end(controller);
      }
    }
  }

  #end(controller: ReadableStreamDefaultController<Uint8Array>): void {
    this.#remove(controller);
    try {
      controller.close();
    } catch {
      // Already closed, or cancelled by the client.
    }
  }
}

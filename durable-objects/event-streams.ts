/**
 * Server-Sent Events fan-out for one Durable Object: every open stream of one kind, each a
 * `ReadableStream` whose controller is kept here, written to as events happen. The object's
 * MCP GET streams (session-streams.ts) and its live log streams are two of these.
 *
 * Nothing here survives eviction, and nothing needs to: an object with an open stream is not
 * evicted, and a client whose stream dies opens a new one. No event ids are written, so
 * clients do not try to resume from one.
 */

/** One SSE event: its name and its data, written as JSON on one `data:` line. */
export interface SseEvent {
  event: string;
  data: unknown;
}

export interface EventStreamLimits {
  /** Each open stream pins memory in the object; past this, the oldest one is closed (its client may reconnect). */
  maxStreams: number;
  /**
   * An open stream keeps the object awake (no hibernation while a client listens), so none
   * lives forever: after this, it is closed at the next keepalive and the client reconnects.
   */
  maxAgeMs: number;
}

const DEFAULT_LIMITS: EventStreamLimits = { maxStreams: 100, maxAgeMs: 30 * 60 * 1000 };

/** Proxies and load balancers drop idle connections after 30–100 s; a comment frame keeps them open. */
const KEEPALIVE_MS = 25_000;
/** A client that has left this many frames unread is not listening: drop it rather than buffer for it. */
const MAX_UNREAD_FRAMES = 64;

const encoder = new TextEncoder();
const KEEPALIVE = encoder.encode(": keepalive\n\n");

const frame = ({ event, data }: SseEvent) => encoder.encode(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

type Controller = ReadableStreamDefaultController<Uint8Array>;

export class EventStreams {
  readonly #limits: EventStreamLimits;
  /** Each open stream's controller, with when it opened. */
  #streams = new Map<Controller, number>();
  #keepalive: ReturnType<typeof setInterval> | undefined;

  constructor(limits: Partial<EventStreamLimits> = {}) {
    this.#limits = { ...DEFAULT_LIMITS, ...limits };
  }

  get size(): number {
    return this.#streams.size;
  }

  /** A new SSE response, `first` its first event, whose body stays open until the client cancels it or `closeAll`. */
  open(first?: SseEvent): Response {
    let opened: Controller | undefined;
    const body = new ReadableStream<Uint8Array>({
      start: (controller) => {
        opened = controller;
        if (first) controller.enqueue(frame(first));
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

  /** Writes an event to every open stream; costs nothing (not even the JSON) when none is open. */
  send(event: string, data: unknown): void {
    if (this.#streams.size > 0) this.#write(frame({ event, data }));
  }

  /** Ends every stream, after a last event if given (e.g. why the session ended). */
  closeAll(last?: SseEvent): void {
    if (last) this.send(last.event, last.data);
    for (const controller of [...this.#streams.keys()]) this.#end(controller);
  }

  #add(controller: Controller): void {
    if (this.#streams.size >= this.#limits.maxStreams) {
      const oldest = this.#streams.keys().next().value;
      if (oldest) this.#end(oldest);
    }
    this.#streams.set(controller, Date.now());
    this.#keepalive ??= setInterval(() => {
      this.#write(KEEPALIVE);
      const cutoff = Date.now() - this.#limits.maxAgeMs;
      for (const [stream, openedAt] of [...this.#streams]) if (openedAt < cutoff) this.#end(stream);
    }, KEEPALIVE_MS);
  }

  #remove(controller: Controller): void {
    this.#streams.delete(controller);
    if (this.#streams.size === 0 && this.#keepalive !== undefined) {
      clearInterval(this.#keepalive);
      this.#keepalive = undefined;
    }
  }

  #write(bytes: Uint8Array): void {
    for (const controller of [...this.#streams.keys()]) {
      try {
        if ((controller.desiredSize ?? 0) < -MAX_UNREAD_FRAMES) throw new Error("client is not reading");
        controller.enqueue(bytes);
      } catch {
        this.#end(controller);
      }
    }
  }

  #end(controller: Controller): void {
    this.#remove(controller);
    try {
      controller.close();
    } catch {
      // Already closed, or cancelled by the client.
    }
  }
}

import { afterEach, describe, expect, it, vi } from "vitest";
import { EventStreams } from "../../../durable-objects/event-streams.ts";
import { readChunk as read } from "../sse.ts";

/** The SSE fan-out a session's object keeps for each kind of stream (MCP GET streams, live logs), on its own. */

afterEach(() => {
  vi.useRealTimers();
});

describe("EventStreams", () => {
  it("starts a stream with its first event, then writes every event to every open stream", async () => {
    const streams = new EventStreams();
    const first = streams.open({ event: "ready", data: { session_id: "trs_1" } });
    expect(first.headers.get("content-type")).toBe("text/event-stream");
    expect(first.headers.get("cache-control")).toBe("no-cache, no-transform");
    const readers = [first.body!.getReader(), streams.open().body!.getReader()];
    expect(await read(readers[0]!)).toBe('event: ready\ndata: {"session_id":"trs_1"}\n\n');
    streams.send("log", { id: "log_1" });
    for (const reader of readers) expect(await read(reader)).toBe('event: log\ndata: {"id":"log_1"}\n\n');
    for (const reader of readers) await reader.cancel();
    expect(streams.size).toBe(0);
  });

  it("forgets a stream its client cancelled", async () => {
    const streams = new EventStreams();
    const gone = streams.open().body!.getReader();
    const kept = streams.open().body!.getReader();
    expect(streams.size).toBe(2);
    await gone.cancel();
    expect(streams.size).toBe(1);
    streams.send("log", {});
    expect(await read(kept)).toBe("event: log\ndata: {}\n\n");
    await kept.cancel();
    expect(streams.size).toBe(0);
  });

  it("ends every stream after a last event when told to", async () => {
    const streams = new EventStreams();
    const reader = streams.open().body!.getReader();
    streams.closeAll({ event: "end", data: { reason: "deleted" } });
    expect(await read(reader)).toBe('event: end\ndata: {"reason":"deleted"}\n\n');
    expect(await read(reader)).toBeNull();
    expect(streams.size).toBe(0);
  });

  it("does not even serialise an event when no stream is open", () => {
    const streams = new EventStreams();
    const data = { toJSON: vi.fn(() => ({})) };
    streams.send("log", data);
    expect(data.toJSON).not.toHaveBeenCalled();
  });

  it("closes the oldest stream to open one past its bound", async () => {
    const streams = new EventStreams({ maxStreams: 2 });
    const oldest = streams.open().body!.getReader();
    const kept = [streams.open().body!.getReader(), streams.open().body!.getReader()];
    expect(streams.size).toBe(2);
    expect(await read(oldest)).toBeNull();
    streams.send("log", {});
    for (const reader of kept) expect(await read(reader)).toBe("event: log\ndata: {}\n\n");
    streams.closeAll();
  });

  it("sends keepalive comments, and closes a stream at the first keepalive past its maximum age", async () => {
    vi.useFakeTimers();
    const streams = new EventStreams({ maxAgeMs: 60_000 });
    const reader = streams.open().body!.getReader();
    vi.advanceTimersByTime(25_000);
    expect(await read(reader)).toBe(": keepalive\n\n");
    vi.advanceTimersByTime(25_000);
    expect(await read(reader)).toBe(": keepalive\n\n");
    expect(streams.size).toBe(1);
    vi.advanceTimersByTime(25_000);
    expect(await read(reader)).toBe(": keepalive\n\n");
    expect(await read(reader)).toBeNull();
    expect(streams.size).toBe(0);
  });

  it("drops a client that stopped reading instead of buffering for it", () => {
    const streams = new EventStreams();
    streams.open();
    for (let i = 0; i < 100; i++) streams.send("log", { i });
    expect(streams.size).toBe(0);
  });
});

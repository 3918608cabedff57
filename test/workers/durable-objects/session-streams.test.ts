import { afterEach, describe, expect, it, vi } from "vitest";
import { SessionStreams } from "../../../durable-objects/session-streams.ts";

/** The registry of a session's open MCP GET streams, on its own (the route test drives it through the object). */
const decoder = new TextDecoder();
const read = async (reader: ReadableStreamDefaultReader<Uint8Array>) => {
  const chunk = await reader.read();
  return chunk.done ? null : decoder.decode(chunk.value);
};

afterEach(() => {
  vi.useRealTimers();
});

describe("SessionStreams", () => {
  it("writes a notification to every open stream as an SSE message event", async () => {
    const streams = new SessionStreams();
    const readers = [streams.open().body!.getReader(), streams.open().body!.getReader()];
    streams.toolListChanged();
    for (const reader of readers) expect(await read(reader)).toBe('event: message\ndata: {"jsonrpc":"2.0","method":"notifications/tools/list_changed"}\n\n');
    streams.closeAll();
    for (const reader of readers) expect(await read(reader)).toBeNull();
    expect(streams.size).toBe(0);
  });

  it("forgets a stream its client cancelled", async () => {
    const streams = new SessionStreams();
    const gone = streams.open().body!.getReader();
    const kept = streams.open().body!.getReader();
    expect(streams.size).toBe(2);
    await gone.cancel();
    expect(streams.size).toBe(1);
    streams.toolListChanged();
    expect(await read(kept)).toContain("list_changed");
    await kept.cancel();
    expect(streams.size).toBe(0);
  });

  it("sends a keepalive comment every 25 seconds while a stream is open", async () => {
    vi.useFakeTimers();
    const streams = new SessionStreams();
    const reader = streams.open().body!.getReader();
    vi.advanceTimersByTime(25_000);
    expect(await read(reader)).toBe(": keepalive\n\n");
    await reader.cancel();
  });

  it("drops a client that stopped reading instead of buffering for it", () => {
    const streams = new SessionStreams();
    streams.open();
    for (let i = 0; i < 100; i++) streams.toolListChanged();
    expect(streams.size).toBe(0);
  });
});

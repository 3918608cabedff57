import { describe, expect, it } from "vitest";
import { SessionStreams } from "../../../durable-objects/session-streams.ts";
import { readChunk as read } from "../sse.ts";

/**
 * The registry of a session's open MCP GET streams, on its own (the route test drives it through
 * the object; keepalives, bounds and slow readers are EventStreams', tested in event-streams.test.ts).
 */
describe("SessionStreams", () => {
  it("writes a notification to every open stream as an SSE message event", async () => {
    const streams = new SessionStreams();
    const readers = [streams.open().body!.getReader(), streams.open().body!.getReader()];
    streams.toolListChanged();
    for (const reader of readers) expect(await read(reader)).toBe('event: message\ndata: {"jsonrpc":"2.0","method":"notifications/tools/list_changed"}\n\n');
    streams.notify("notifications/message", { level: "info" });
    for (const reader of readers) expect(await read(reader)).toBe('event: message\ndata: {"jsonrpc":"2.0","method":"notifications/message","params":{"level":"info"}}\n\n');
    streams.closeAll();
    for (const reader of readers) expect(await read(reader)).toBeNull();
    expect(streams.size).toBe(0);
  });
});

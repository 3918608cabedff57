import { describe, expect, it } from "vitest";
import { readUpstreamBody, truncationMarker } from "../../../../core/executor/response-reader.ts";

const json = (text: string, type = "application/json; charset=utf-8") => new Response(text, { headers: { "content-type": type } });

describe("readUpstreamBody", () => {
  it("parses JSON when the upstream says it is JSON", async () => {
    expect(await readUpstreamBody(json('{"a":[1,2]}'))).toEqual({ data: { a: [1, 2] } });
    expect(await readUpstreamBody(json('{"a":1}', "application/vnd.github+json"))).toEqual({ data: { a: 1 } });
  });

  it("keeps text as text, including JSON that is not labelled or does not parse", async () => {
    expect(await readUpstreamBody(new Response("hello", { headers: { "content-type": "text/plain" } }))).toEqual({ data: "hello" });
    expect(await readUpstreamBody(json("{not json"))).toEqual({ data: "{not json" });
  });

  it("answers an empty body with null", async () => {
    expect(await readUpstreamBody(new Response(null, { status: 204 }))).toEqual({ data: null });
    expect(await readUpstreamBody(json(""))).toEqual({ data: null });
  });

  it("cuts a body over the limit and says so, whatever its type", async () => {
    const body = `{"data":"${"x".repeat(100)}"}`;
    const result = await readUpstreamBody(json(body), 50);
    expect(result.truncatedFrom).toBe(body.length);
    expect(result.data).toBe(`${body.slice(0, 50)}${truncationMarker(50, body.length)}`);
    expect(result.data).toContain(`…[truncated by Switchboard: showing the first 50 of ${body.length} bytes]`);
  });

  it("reads a body of exactly the limit whole", async () => {
    expect(await readUpstreamBody(json('{"a":"bc"}'), 10)).toEqual({ data: { a: "bc" } });
  });

  it("counts bytes across chunks", async () => {
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i += 1) controller.enqueue(new TextEncoder().encode("abcdefghij"));
        controller.close();
      },
    });
    const result = await readUpstreamBody(new Response(stream), 25);
    expect(result.truncatedFrom).toBe(100);
    expect(result.data).toBe(`abcdefghijabcdefghijabcde${truncationMarker(25, 100)}`);
  });
});

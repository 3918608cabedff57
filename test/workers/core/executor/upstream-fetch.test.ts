import { afterEach, describe, expect, it, vi } from "vitest";
import type { UpstreamRequest } from "../../../../core/executor/request-builder.ts";
import { DEFAULT_FETCH_POLICY, fetchUpstream, retryAfterMs, UpstreamTimeoutError } from "../../../../core/executor/upstream-fetch.ts";
import { mockUpstream, never } from "./upstream.ts";

const request = (method = "GET", body?: string): UpstreamRequest => ({
  method,
  url: new URL("https://api.example.com/items"),
  headers: new Headers({ accept: "application/json" }),
  ...(body === undefined ? {} : { body }),
});
const FAST = { timeoutMs: 1000, maxRetries: 2, maxRetryAfterMs: 2000 };

afterEach(() => {
  vi.restoreAllMocks();
});

describe("retryAfterMs", () => {
  it("reads delta-seconds and HTTP dates, and nothing else", () => {
    const now = Date.parse("2026-01-01T00:00:00Z");
    expect(retryAfterMs("3", now)).toBe(3000);
    expect(retryAfterMs("0", now)).toBe(0);
    expect(retryAfterMs("Thu, 01 Jan 2026 00:00:05 GMT", now)).toBe(5000);
    expect(retryAfterMs("Wed, 31 Dec 2025 23:59:00 GMT", now)).toBe(0);
    expect(retryAfterMs(null, now)).toBeUndefined();
    expect(retryAfterMs("soon", now)).toBeUndefined();
  });
});

describe("fetchUpstream", () => {
  it("gives up with a clear timeout error when no answer comes within the policy's time", async () => {
    const { sent } = mockUpstream(never);
    const started = Date.now();
    const failure = await fetchUpstream(request(), { ...FAST, timeoutMs: 50 }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(UpstreamTimeoutError);
    expect((failure as Error).message).toBe("No answer from api.example.com within 0.05s.");
    expect(Date.now() - started).toBeLessThan(1000);
    // A timeout is not retried: the call may have reached the upstream.
    expect(sent).toHaveLength(1);
  });

  it("returns the first answer when it is not worth retrying", async () => {
    for (const status of [200, 201, 204, 400, 401, 404, 422]) {
      vi.restoreAllMocks();
      const { sent } = mockUpstream(() => new Response(null, { status }));
      const { response, attempts } = await fetchUpstream(request(), FAST);
      expect([response.status, attempts, sent.length]).toEqual([status, 1, 1]);
    }
  });

  it("retries idempotent methods on 429 and 5xx, up to maxRetries", async () => {
    for (const method of ["GET", "HEAD", "PUT", "DELETE"]) {
      vi.restoreAllMocks();
      const { sent } = mockUpstream(() => new Response(null, { status: 503, headers: { "retry-after": "0" } }));
      const { response, attempts } = await fetchUpstream(request(method), FAST);
      expect([method, response.status, attempts, sent.length]).toEqual([method, 503, 3, 3]);
    }
  });

  it("never retries POST or PATCH", async () => {
    for (const method of ["POST", "PATCH"]) {
      vi.restoreAllMocks();
      const { sent } = mockUpstream(() => new Response(null, { status: 429, headers: { "retry-after": "0" } }));
      const { attempts } = await fetchUpstream(request(method, "{}"), FAST);
      expect([method, attempts, sent.length]).toEqual([method, 1, 1]);
    }
  });

  it("waits the Retry-After it is given, then returns the success", async () => {
    const { sent } = mockUpstream((_, i) => (i === 0 ? new Response(null, { status: 429, headers: { "retry-after": "1" } }) : Response.json({ ok: true })));
    const started = Date.now();
    const { response, attempts } = await fetchUpstream(request(), FAST);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect([response.status, attempts, sent.length]).toEqual([200, 2, 2]);
  });

  it("backs off without a Retry-After", async () => {
    const { sent } = mockUpstream((_, i) => (i < 2 ? new Response(null, { status: 500 }) : Response.json({})));
    const started = Date.now();
    const { attempts } = await fetchUpstream(request(), FAST);
    // 250 ms, then 500 ms, each with up to 25% jitter.
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect([attempts, sent.length]).toEqual([3, 3]);
  });

  it("returns the 429 at once when Retry-After is longer than the policy waits", async () => {
    const { sent } = mockUpstream(() => new Response("slow down", { status: 429, headers: { "retry-after": "3" } }));
    const started = Date.now();
    const { response, attempts } = await fetchUpstream(request(), FAST);
    expect(Date.now() - started).toBeLessThan(500);
    expect([response.status, attempts, sent.length]).toEqual([429, 1, 1]);
    expect(await response.text()).toBe("slow down");
  });

  it("sends the same request again on a retry, body and headers included", async () => {
    const { sent } = mockUpstream((_, i) => new Response(null, { status: i === 0 ? 502 : 200, headers: { "retry-after": "0" } }));
    await fetchUpstream({ ...request("PUT", '{"a":1}'), headers: new Headers({ authorization: "Bearer t", "content-type": "application/json" }) }, FAST);
    expect(sent.map((r) => [r.method, r.url.href, r.headers.get("authorization"), r.body])).toEqual([
      ["PUT", "https://api.example.com/items", "Bearer t", '{"a":1}'],
      ["PUT", "https://api.example.com/items", "Bearer t", '{"a":1}'],
    ]);
  });

  it("does not follow redirects: credentials stay on the API's host", async () => {
    const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async () => new Response(null, { status: 302, headers: { location: "https://elsewhere.example/" } }));
    const { response } = await fetchUpstream(request(), FAST);
    expect(response.status).toBe(302);
    expect(spy.mock.calls[0]?.[1]?.redirect).toBe("manual");
  });

  it("lets a network failure through for the caller to report", async () => {
    mockUpstream(() => {
      throw new TypeError("Network connection lost.");
    });
    await expect(fetchUpstream(request(), FAST)).rejects.toThrow("Network connection lost.");
  });

  it("defaults to 30 s, two retries, and at most 10 s of Retry-After", () => {
    expect(DEFAULT_FETCH_POLICY).toEqual({ timeoutMs: 30_000, maxRetries: 2, maxRetryAfterMs: 10_000 });
  });
});

import { describe, expect, it } from "vitest";
import { ADMIN_KEY, call, errorOf, newProjectWithKey } from "../helpers.ts";

const GENERATED = /^req_[A-Za-z0-9_-]{22}$/;

describe("x-request-id", () => {
  it("is on every response, successful or not, and fresh each time", async () => {
    const { key } = await newProjectWithKey();
    const responses = [
      await call("GET", "/health"),
      await call("GET", "/docs"),
      await call("GET", "/api/v3.1/openapi.json"),
      await call("GET", "/api/v3.1/auth/session/info", { key }),
      await call("GET", "/api/admin/projects", { admin: ADMIN_KEY }),
      await call("GET", "/api/v3.1/auth/session/info"),
      await call("GET", "/nowhere"),
    ];
    const ids = responses.map((r) => r.headers.get("x-request-id") ?? "");
    for (const id of ids) expect(id).toMatch(GENERATED);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it.each(["trace-123", "a", "abc.DEF_0:9-x", "x".repeat(128), "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"])(
    "echoes the plain caller id %s, in the header and the error body",
    async (offered) => {
      const ok = await call("GET", "/health", { headers: { "x-request-id": offered } });
      expect(ok.headers.get("x-request-id")).toBe(offered);
      const failed = await call("GET", "/api/v3.1/auth/session/info", { headers: { "x-request-id": offered } });
      expect(failed.headers.get("x-request-id")).toBe(offered);
      expect((await errorOf(failed)).request_id).toBe(offered);
    },
  );

  it.each([
    ["over 128 characters", "x".repeat(129)],
    ["with markup", "<script>alert(1)</script>"],
    ["with a '<'", "a<b"],
    ["with spaces", "trace 123"],
    ["with a quote", 'trace"123'],
    ["with a semicolon", "trace;1"],
    ["with a slash", "a/b"],
  ])("replaces a caller id %s with its own", async (_, offered) => {
    const response = await call("GET", "/api/v3.1/auth/session/info", { headers: { "x-request-id": offered } });
    const id = response.headers.get("x-request-id") ?? "";
    expect(id).toMatch(GENERATED);
    expect((await errorOf(response)).request_id).toBe(id);
  });

  it("generates one when the caller sends an empty id", async () => {
    const response = await call("GET", "/health", { headers: { "x-request-id": "" } });
    expect(response.headers.get("x-request-id")).toMatch(GENERATED);
  });
});

import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { exports } from "cloudflare:workers";
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { AppEnv } from "../../../worker/app-env.ts";
import { onError, onNotFound } from "../../../worker/http/error-handler.ts";
import { ApiError } from "../../../core/http/errors.ts";
import { requestId } from "../../../worker/http/request-id.ts";
import worker from "../../../worker/index.ts";
import { ADMIN_KEY, call, countRows, env, errorOf, expectError, json, newProjectWithKey, type ErrorPayload } from "../helpers.ts";

const PROJECTS = "/api/admin/projects";

/** A throwaway app wired with the real request-id middleware and error handlers, to raise what no route raises on purpose. */
function appThrowing(err: unknown): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.use(requestId);
  app.get("/boom", () => {
    throw err;
  });
  app.onError(onError);
  app.notFound(onNotFound);
  return app;
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe("the error envelope", () => {
  it("has exactly code, message, status, request_id and the optional extras", async () => {
    const responses = [
      await call("GET", "/nope"),
      await call("GET", "/api/v3.1/auth/session/info"),
      await call("POST", PROJECTS, { admin: ADMIN_KEY, body: { name: 1 } }),
      await call("GET", `${PROJECTS}/proj_AAAAAAAAAAAAAAAAAAAAAA`, { admin: ADMIN_KEY }),
    ];
    for (const response of responses) {
      const body = await json<ErrorPayload & Record<string, unknown>>(response);
      expect(Object.keys(body)).toEqual(["error"]);
      const allowed = ["code", "message", "status", "request_id", "suggested_fix", "errors"];
      expect(Object.keys(body.error).every((k) => allowed.includes(k))).toBe(true);
      expect(body.error.request_id).toBe(response.headers.get("x-request-id"));
    }
  });
});

describe("unknown routes", () => {
  it.each(["/nope", "/api", "/api/v3.1", "/api/v3.1/nothing-here", "/docs/extra", "/health/x"])(
    "answers GET %s with 404 route_not_found",
    async (path) => {
      const error = await expectError(await call("GET", path), 404, "route_not_found");
      expect(error.message).toBe(`No route matches GET ${path}.`);
    },
  );

  it("checks the admin key before saying an operator route does not exist", async () => {
    await expectError(await call("GET", "/api/admin"), 401, "admin_key_missing");
    await expectError(await call("GET", "/api/admin", { admin: ADMIN_KEY }), 404, "route_not_found");
  });

  it("answers an unknown route under an authenticated prefix after the key is checked", async () => {
    const { key } = await newProjectWithKey();
    await expectError(await call("GET", "/api/v3.1/auth/session/other"), 401, "api_key_missing");
    await expectError(await call("GET", "/api/v3.1/auth/session/other", { key }), 404, "route_not_found");
    await expectError(await call("PUT", `${PROJECTS}/proj_AAAAAAAAAAAAAAAAAAAAAA`, { admin: ADMIN_KEY }), 404, "route_not_found");
  });
});

describe("bodies", () => {
  it("answers malformed JSON with 400 malformed_json, whatever the JSON media type", async () => {
    for (const contentType of ["application/json", "application/json; charset=utf-8", "Application/JSON"]) {
      const response = await call("POST", PROJECTS, { admin: ADMIN_KEY, body: "{oops", headers: { "content-type": contentType } });
      const error = await expectError(response, 400, "malformed_json");
      expect(error.suggested_fix).toContain("application/json");
    }
  });

  it.each(["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/jsonx"])(
    "answers a %s body on a JSON route with 415",
    async (contentType) => {
      const response = await call("POST", PROJECTS, { admin: ADMIN_KEY, body: "name=x", headers: { "content-type": contentType } });
      await expectError(response, 415, "unsupported_media_type");
    },
  );

  it("answers a body without any Content-Type with 415", async () => {
    const body = new TextEncoder().encode(JSON.stringify({ name: "untyped" }));
    const request = new Request(`http://gateway.test${PROJECTS}`, { method: "POST", headers: { authorization: `Bearer ${ADMIN_KEY}` }, body });
    expect(request.headers.has("content-type")).toBe(false);
    const response = await exports.default.fetch(request);
    expect(response.status).toBe(415);
    expect((await errorOf(response)).code).toBe("unsupported_media_type");
    expect(await countRows("projects", "name = ?", "untyped")).toBe(0);
  });

  it("answers a body over 1 MiB with 413, and one of exactly 1 MiB is read", async () => {
    const limit = 1024 * 1024;
    const over = `{"name":"big","pad":"${"x".repeat(limit)}"}`;
    await expectError(await call("POST", PROJECTS, { admin: ADMIN_KEY, body: over }), 413, "payload_too_large");
    // Without the admin key too: the size is checked before anything else.
    await expectError(await call("POST", PROJECTS, { body: over }), 413, "payload_too_large");
    const exact = `{"name":"exact","x":"${"x".repeat(limit - 23)}"}`;
    expect(new TextEncoder().encode(exact).byteLength).toBe(limit);
    // Read and parsed (so not 413), then refused for the unknown field.
    await expectError(await call("POST", PROJECTS, { admin: ADMIN_KEY, body: exact }), 400, "validation_failed");
  });

  it("answers a streamed body over 1 MiB (no Content-Length) with 413", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > 1024 * 1024) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const ctx = createExecutionContext();
    const request = new Request(`http://gateway.test${PROJECTS}`, {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" },
      body: stream,
    });
    expect(request.headers.has("content-length")).toBe(false);
    const response = await worker.fetch(request, env, ctx);
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(413);
    expect((await errorOf(response)).code).toBe("payload_too_large");
  });
});

describe("onError", () => {
  it("hides an unexpected error behind 500 internal_error, logging only its name and message", async () => {
    const logged = vi.spyOn(console, "error").mockImplementation(() => undefined);
    const app = appThrowing(new TypeError("db password is hunter2"));
    const response = await app.request("/boom", { headers: { "x-request-id": "trace-1" } });
    expect(response.status).toBe(500);
    const body = await json<ErrorPayload>(response);
    expect(body.error).toMatchObject({ code: "internal_error", status: 500, request_id: "trace-1" });
    expect(JSON.stringify(body)).not.toContain("hunter2");
    expect(logged).toHaveBeenCalledTimes(1);
    const line = JSON.parse(String(logged.mock.calls[0]?.[0])) as Record<string, unknown>;
    expect(line).toMatchObject({ level: "error", request_id: "trace-1", path: "/boom", error: "TypeError: db password is hunter2" });
  });

  it("passes an ApiError through with its status, code, fix and field errors", async () => {
    const err = new ApiError(422, "custom_code", "Explained.", { suggestedFix: "Do this.", errors: [{ path: "body.x", message: "bad" }] });
    const response = await appThrowing(err).request("/boom");
    expect(response.status).toBe(422);
    expect((await json<ErrorPayload>(response)).error).toEqual({
      code: "custom_code",
      message: "Explained.",
      status: 422,
      request_id: response.headers.get("x-request-id"),
      suggested_fix: "Do this.",
      errors: [{ path: "body.x", message: "bad" }],
    });
  });

  it.each([
    [new HTTPException(400, { message: "Malformed JSON in request body" }), 400, "malformed_json"],
    [new HTTPException(400, { message: "Bad header" }), 400, "bad_request"],
    [new HTTPException(413), 413, "payload_too_large"],
    [new HTTPException(415), 415, "unsupported_media_type"],
    [new HTTPException(405, { message: "Nope" }), 400, "bad_request"],
  ])("maps Hono's %s to a stable code", async (err, status, code) => {
    const response = await appThrowing(err).request("/boom");
    expect(response.status).toBe(status);
    expect((await json<ErrorPayload>(response)).error.code).toBe(code);
  });
});

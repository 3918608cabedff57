import { createRoute, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { onError } from "../../../worker/http/error-handler.ts";
import { createRouter } from "../../../worker/http/openapi-app.ts";
import { jsonBody, jsonResponse } from "../../../worker/http/schemas.ts";
import { requestId } from "../../../worker/http/request-id.ts";
import type { ErrorPayload } from "../helpers.ts";

/** A route built with the real createRouter, to exercise its validation hook on nested shapes. */
const app = createRouter();
app.use(requestId);
app.openapi(
  createRoute({
    method: "post",
    path: "/things/{thing_id}",
    request: {
      params: z.object({ thing_id: z.string().regex(/^t_\d+$/) }),
      query: z.object({ mode: z.enum(["a", "b"]).optional() }),
      body: jsonBody(
        z.object({ owner: z.object({ email: z.string().email() }).strict(), tags: z.array(z.string()).max(2), count: z.number().int() }).strict(),
      ),
    },
    responses: { 200: jsonResponse(z.object({ ok: z.boolean() }), "ok") },
  }),
  (c) => c.json({ ok: true }, 200),
);
app.onError(onError);

async function post(path: string, body: unknown) {
  const response = await app.request(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  return { status: response.status, error: ((await response.json()) as ErrorPayload).error };
}

describe("createRouter validation", () => {
  it("lets a valid request through", async () => {
    const response = await app.request("/things/t_1?mode=a", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ owner: { email: "a@b.example" }, tags: ["x"], count: 1 }),
    });
    expect(response.status).toBe(200);
  });

  it("lists every bad field, nested paths joined with dots", async () => {
    const { status, error } = await post("/things/t_1", { owner: { email: "nope", extra: 1 }, tags: ["a", 1], count: 1.5 });
    expect(status).toBe(400);
    expect(error.code).toBe("validation_failed");
    expect(error.errors?.map((e) => e.path).sort()).toEqual(["body.count", "body.owner", "body.owner.email", "body.tags.1"]);
    for (const e of error.errors ?? []) {
      expect(e.message.length).toBeGreaterThan(0);
      expect(error.message).toContain(`${e.path}: ${e.message}`);
    }
  });

  it("labels path and query failures as path.* and query.*", async () => {
    expect((await post("/things/x", { owner: { email: "a@b.example" }, tags: [], count: 1 })).error.errors).toEqual([
      { path: "path.thing_id", message: expect.any(String) },
    ]);
    expect((await post("/things/t_1?mode=c", { owner: { email: "a@b.example" }, tags: [], count: 1 })).error.errors).toEqual([
      { path: "query.mode", message: expect.any(String) },
    ]);
  });

  it("names a missing required field", async () => {
    const { error } = await post("/things/t_1", { owner: { email: "a@b.example" }, tags: [] });
    expect(error.errors).toEqual([{ path: "body.count", message: expect.any(String) }]);
  });
});

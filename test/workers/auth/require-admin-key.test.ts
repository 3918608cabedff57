import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../../worker/index.ts";
import { ADMIN_KEY, call, env, errorOf, expectError, newProjectWithKey, type ErrorPayload } from "../helpers.ts";

const PATH = "/api/admin/projects";

describe("requireAdminKey", () => {
  it.each([
    ["Bearer", { authorization: `Bearer ${ADMIN_KEY}` }],
    ["lower-case bearer with extra spaces", { authorization: `bearer   ${ADMIN_KEY}  ` }],
    ["x-admin-key", { "x-admin-key": ADMIN_KEY }],
    ["x-admin-key with surrounding spaces", { "x-admin-key": `  ${ADMIN_KEY} ` }],
    ["x-admin-key beside a wrong Bearer", { "x-admin-key": ADMIN_KEY, authorization: "Bearer wrong" }],
    ["an empty x-admin-key beside a good Bearer", { "x-admin-key": "", authorization: `Bearer ${ADMIN_KEY}` }],
  ])("accepts the admin key as %s", async (_, headers) => {
    expect((await call("GET", PATH, { headers })).status).toBe(200);
  });

  it.each([
    ["a prefix of it", ADMIN_KEY.slice(0, -1)],
    ["it with a suffix", `${ADMIN_KEY}-x`],
    ["another key of the same length", "x".repeat(ADMIN_KEY.length)],
    ["a different case", ADMIN_KEY.toUpperCase()],
  ])("refuses %s as admin_key_invalid", async (_, presented) => {
    await expectError(await call("GET", PATH, { admin: presented }), 401, "admin_key_invalid");
  });

  it("refuses any project-key-shaped value with 403 before comparing it", async () => {
    const { key } = await newProjectWithKey();
    const error = await expectError(await call("GET", PATH, { admin: key }), 403, "admin_key_required");
    expect(error.suggested_fix).toContain("/api/v3.1");
  });

  it("says how to send the key when none is sent", async () => {
    const error = await expectError(await call("GET", PATH), 401, "admin_key_missing");
    expect(error.suggested_fix).toContain("x-admin-key");
  });

  it("turns the operator API off (503) when ADMIN_API_KEY is not set, whatever is presented", async () => {
    const attempts: Record<string, string>[] = [{}, { authorization: `Bearer ${ADMIN_KEY}` }, { authorization: "Bearer " }];
    for (const headers of attempts) {
      const ctx = createExecutionContext();
      const request = new Request(`http://gateway.test${PATH}`, { headers });
      const response = await worker.fetch(request, { ...env, ADMIN_API_KEY: "" }, ctx);
      await waitOnExecutionContext(ctx);
      expect(response.status).toBe(503);
      const body = (await response.json()) as ErrorPayload;
      expect(body.error.code).toBe("admin_api_disabled");
      expect(body.error.request_id).toBe(response.headers.get("x-request-id"));
    }
  });

  it("keeps project keys off every operator route", async () => {
    const { projectId, keyId, key } = await newProjectWithKey();
    for (const [method, path] of [
      ["GET", PATH],
      ["POST", PATH],
      ["GET", `${PATH}/${projectId}`],
      ["GET", `${PATH}/${projectId}/api_keys`],
      ["POST", `${PATH}/${projectId}/api_keys`],
      ["POST", `${PATH}/${projectId}/api_keys/${keyId}/revoke`],
    ] as const) {
      const response = await call(method, path, { admin: key, body: method === "POST" ? {} : undefined });
      expect([method, path, (await errorOf(response)).code]).toEqual([method, path, "admin_key_required"]);
    }
  });
});

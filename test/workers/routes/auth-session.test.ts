import { describe, expect, it } from "vitest";
import { ApiKeySchema, ProjectSchema } from "../../../worker/http/views.ts";
import { call, createKey, env, errorOf, expectError, json, newProjectWithKey, revokeKey, UNKNOWN_KEY } from "../helpers.ts";

const PATH = "/api/v3.1/auth/session/info";

interface SessionInfo {
  project: { id: string; name: string };
  api_key: { id: string; prefix: string; project_id: string; revoked_at: string | null };
}

describe("GET /api/v3.1/auth/session/info", () => {
  it("tells a key which project it belongs to", async () => {
    const { projectId, keyId, key } = await newProjectWithKey();
    const response = await call("GET", PATH, { key });
    expect(response.status).toBe(200);
    const body = await json<SessionInfo>(response);
    expect(body.project.id).toBe(projectId);
    expect(body.api_key.id).toBe(keyId);
    expect(body.api_key.project_id).toBe(projectId);
    expect(key.startsWith(body.api_key.prefix)).toBe(true);
    expect(JSON.stringify(body)).not.toContain(key);
  });

  it("answers in exactly the documented shape", async () => {
    const { key } = await newProjectWithKey();
    const body = await json<{ project: unknown; api_key: unknown }>(await call("GET", PATH, { key }));
    expect(Object.keys(body).sort()).toEqual(["api_key", "project"]);
    ProjectSchema.strict().parse(body.project);
    ApiKeySchema.strict().parse(body.api_key);
  });

  it("accepts the key as a Bearer token, whatever the scheme's case", async () => {
    const { projectId, key } = await newProjectWithKey();
    for (const authorization of [`Bearer ${key}`, `bearer ${key}`, `BEARER   ${key}  `]) {
      const response = await call("GET", PATH, { headers: { authorization } });
      expect(response.status).toBe(200);
      expect((await json<SessionInfo>(response)).project.id).toBe(projectId);
    }
  });

  it("trims whitespace around x-api-key", async () => {
    const { key } = await newProjectWithKey();
    expect((await call("GET", PATH, { headers: { "x-api-key": `  ${key} ` } })).status).toBe(200);
  });

  it("answers each project's key with its own project only", async () => {
    const a = await newProjectWithKey("a");
    const b = await newProjectWithKey("b");
    const seenByA = await json<SessionInfo>(await call("GET", PATH, { key: a.key }));
    const seenByB = await json<SessionInfo>(await call("GET", PATH, { key: b.key }));
    expect(seenByA.project.id).toBe(a.projectId);
    expect(seenByA.api_key.id).toBe(a.keyId);
    expect(seenByB.project.id).toBe(b.projectId);
    expect(seenByB.api_key.id).toBe(b.keyId);
  });

  it("tells two keys of one project apart", async () => {
    const { projectId, keyId, key } = await newProjectWithKey();
    const second = await createKey(projectId, "second");
    expect((await json<SessionInfo>(await call("GET", PATH, { key }))).api_key.id).toBe(keyId);
    expect((await json<SessionInfo>(await call("GET", PATH, { key: second.key }))).api_key.id).toBe(second.id);
  });

  it("prefers x-api-key over Authorization", async () => {
    const a = await newProjectWithKey("a");
    const b = await newProjectWithKey("b");
    const response = await call("GET", PATH, { key: a.key, headers: { authorization: `Bearer ${b.key}` } });
    expect((await json<SessionInfo>(response)).project.id).toBe(a.projectId);
  });

  it("ignores query parameters it does not use", async () => {
    const { key } = await newProjectWithKey();
    expect((await call("GET", `${PATH}?project_id=proj_AAAAAAAAAAAAAAAAAAAAAA&x=1`, { key })).status).toBe(200);
  });

  it("answers another method with 404 route_not_found", async () => {
    const { key } = await newProjectWithKey();
    await expectError(await call("POST", PATH, { key, body: {} }), 404, "route_not_found");
    await expectError(await call("DELETE", PATH, { key }), 404, "route_not_found");
  });

  it("refuses a missing key", async () => {
    const response = await call("GET", PATH);
    expect(response.status).toBe(401);
    const error = await errorOf(response);
    expect(error.code).toBe("api_key_missing");
    expect(error.suggested_fix).toContain("x-api-key");
  });

  it("refuses an empty x-api-key as missing", async () => {
    await expectError(await call("GET", PATH, { headers: { "x-api-key": "  " } }), 401, "api_key_missing");
  });

  it.each([
    ["a key that is not in the issued form", { "x-api-key": "not-a-key" }],
    ["a key one character short", { "x-api-key": UNKNOWN_KEY.slice(0, -1) }],
    ["a key with a character outside the alphabet", { "x-api-key": `${UNKNOWN_KEY.slice(0, -1)}+` }],
    ["the Basic scheme", { authorization: "Basic x" }],
    ["a Bearer without a token", { authorization: "Bearer" }],
    ["a Bearer with two tokens", { authorization: `Bearer ${UNKNOWN_KEY} extra` }],
    ["the admin key", { authorization: "Bearer test-admin-key" }],
  ])("refuses %s as malformed", async (_, headers) => {
    await expectError(await call("GET", PATH, { headers }), 401, "api_key_malformed");
  });

  it("refuses a well-formed key nobody issued", async () => {
    await expectError(await call("GET", PATH, { key: UNKNOWN_KEY }), 401, "api_key_invalid");
    await expectError(await call("GET", PATH, { headers: { authorization: `Bearer ${UNKNOWN_KEY}` } }), 401, "api_key_invalid");
  });

  it("refuses a key whose tail is wrong, even with a real prefix", async () => {
    const { key } = await newProjectWithKey();
    const forged = `${key.slice(0, 11)}${"B".repeat(key.length - 11)}`;
    await expectError(await call("GET", PATH, { key: forged }), 401, "api_key_invalid");
  });

  it("refuses a revoked key, sent either way", async () => {
    const { projectId, keyId, key } = await newProjectWithKey();
    await revokeKey(projectId, keyId);
    await expectError(await call("GET", PATH, { key }), 401, "api_key_revoked");
    await expectError(await call("GET", PATH, { headers: { authorization: `Bearer ${key}` } }), 401, "api_key_revoked");
  });

  it("refuses a key revoked directly in D1 once the isolate looks it up", async () => {
    // Never used before, so nothing is cached: the lookup sees the row as it is.
    const { keyId, key } = await newProjectWithKey();
    await env.DB.prepare("UPDATE api_keys SET revoked_at = ? WHERE id = ?").bind(Date.now(), keyId).run();
    await expectError(await call("GET", PATH, { key }), 401, "api_key_revoked");
  });
});

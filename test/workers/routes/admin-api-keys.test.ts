import { z } from "@hono/zod-openapi";
import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../../core/encoding.ts";
import { ApiKeySchema } from "../../../worker/http/views.ts";
import { idPattern } from "../../../core/ids.ts";
import {
  ADMIN_KEY,
  adminRefusals,
  type ApiKey,
  call,
  countRows,
  createKey,
  type CreatedApiKey,
  env,
  expectError,
  expectRefusals,
  json,
  newProject,
  newProjectWithKey,
  type Page,
  type Refusal,
  revokeKey,
  walkPages,
} from "../helpers.ts";

const admin = { admin: ADMIN_KEY };
const INFO = "/api/v3.1/auth/session/info";
const MISSING_PROJECT = "proj_AAAAAAAAAAAAAAAAAAAAAA";
const MISSING_KEY = "key_AAAAAAAAAAAAAAAAAAAAAA";
const CreatedApiKeySchema = ApiKeySchema.extend({ key: z.string() }).strict();

const keysOf = (projectId: string) => `/api/admin/projects/${projectId}/api_keys`;
const revokePath = (projectId: string, keyId: string) => `${keysOf(projectId)}/${keyId}/revoke`;

let refusals: Refusal[];
let owner: { projectId: string; keyId: string; key: string };

beforeAll(async () => {
  owner = await newProjectWithKey("owner");
  refusals = await adminRefusals(owner);
});

describe("POST /api/admin/projects/{project_id}/api_keys", () => {
  it("creates a key, shows it once, and the key works", async () => {
    const project = await newProject();
    const response = await call("POST", keysOf(project.id), { ...admin, body: { name: "ci" } });
    expect(response.status).toBe(201);
    const created = CreatedApiKeySchema.parse(await response.json());
    expect(created.id).toMatch(idPattern("key"));
    expect(created.key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({ project_id: project.id, name: "ci", prefix: created.key.slice(0, 11), last_used_at: null, revoked_at: null });

    const info = await call("GET", INFO, { key: created.key });
    expect(info.status).toBe(200);
    expect(await json<{ project: { id: string } }>(info)).toMatchObject({ project: { id: project.id } });
  });

  it("stores only a hash of the key", async () => {
    const project = await newProject();
    const created = await createKey(project.id);
    const row = await env.DB.prepare("SELECT * FROM api_keys WHERE id = ?").bind(created.id).first<Record<string, unknown>>();
    expect(row?.key_hash).toBe(await sha256Hex(created.key));
    expect(row?.lookup_prefix).toBe(created.prefix);
    expect(JSON.stringify(row)).not.toContain(created.key);
  });

  it("never shows the key again: not in the list, nor in session info", async () => {
    const { projectId, keyId, key } = await newProjectWithKey();
    const listed = await json<Page<ApiKey>>(await call("GET", keysOf(projectId), admin));
    const item = listed.items.find((k) => k.id === keyId);
    expect(item).toBeDefined();
    expect(ApiKeySchema.strict().parse(item)).not.toHaveProperty("key");
    const info = await json<{ api_key: Record<string, unknown> }>(await call("GET", INFO, { key }));
    expect(info.api_key).not.toHaveProperty("key");
    expect(info.api_key).not.toHaveProperty("key_hash");
    // The call() helper also checks every response body for every key it has seen.
  });

  it("names the key 'default' when no name is given, and trims names", async () => {
    const project = await newProject();
    const unnamed = await json<CreatedApiKey>(await call("POST", keysOf(project.id), { ...admin, body: {} }));
    expect(unnamed.name).toBe("default");
    const trimmed = await json<CreatedApiKey>(await call("POST", keysOf(project.id), { ...admin, body: { name: "  spaced  " } }));
    expect(trimmed.name).toBe("spaced");
  });

  it("mints a different key every time", async () => {
    const project = await newProject();
    const a = await createKey(project.id);
    const b = await createKey(project.id);
    expect(a.key).not.toBe(b.key);
    expect(a.id).not.toBe(b.id);
  });

  it("answers malformed JSON with 400 malformed_json", async () => {
    await expectError(await call("POST", keysOf(owner.projectId), { ...admin, body: "{name:" }), 400, "malformed_json");
  });

  it.each([
    ["a number as name", { name: 123 }],
    ["an empty name", { name: "" }],
    ["a name over 100 characters", { name: "k".repeat(101) }],
  ])("refuses %s", async (_, body) => {
    const error = await expectError(await call("POST", keysOf(owner.projectId), { ...admin, body }), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toEqual(["body.name"]);
  });

  it("refuses unknown fields", async () => {
    const response = await call("POST", keysOf(owner.projectId), { ...admin, body: { name: "x", scopes: ["all"] } });
    const error = await expectError(response, 400, "validation_failed");
    expect(error.errors).toEqual([{ path: "body", message: expect.stringContaining("scopes") }]);
  });

  it("refuses a text/plain body with 415 and a body over 1 MiB with 413", async () => {
    const before = await countRows("api_keys");
    const plain = await call("POST", keysOf(owner.projectId), { ...admin, body: "{}", headers: { "content-type": "text/plain" } });
    await expectError(plain, 415, "unsupported_media_type");
    const big = await call("POST", keysOf(owner.projectId), { ...admin, body: { name: "k".repeat(1024 * 1024 + 1) } });
    await expectError(big, 413, "payload_too_large");
    expect(await countRows("api_keys")).toBe(before);
  });

  it("answers an unknown project with 404 and writes nothing", async () => {
    const response = await call("POST", keysOf(MISSING_PROJECT), { ...admin, body: { name: "orphan" } });
    await expectError(response, 404, "project_not_found");
    expect(await countRows("api_keys", "project_id = ?", MISSING_PROJECT)).toBe(0);
  });

  it("refuses a malformed project id", async () => {
    const error = await expectError(await call("POST", keysOf("proj_nope"), { ...admin, body: {} }), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toEqual(["path.project_id"]);
  });

  it("turns away every caller without the admin key, and mints nothing", async () => {
    const before = await countRows("api_keys", "project_id = ?", owner.projectId);
    await expectRefusals(refusals, "POST", keysOf(owner.projectId), { name: "sneaky" });
    expect(await countRows("api_keys", "project_id = ?", owner.projectId)).toBe(before);
  });
});

describe("GET /api/admin/projects/{project_id}/api_keys", () => {
  it("lists the project's keys only, oldest first, revoked ones with revoked_at", async () => {
    const mine = await newProjectWithKey("mine");
    const theirs = await newProjectWithKey("theirs");
    const second = await createKey(mine.projectId, "second");
    await revokeKey(mine.projectId, mine.keyId);

    const response = await call("GET", keysOf(mine.projectId), admin);
    expect(response.status).toBe(200);
    const page = await json<Page<ApiKey>>(response);
    for (const item of page.items) ApiKeySchema.strict().parse(item);
    expect(page.items.map((k) => k.id)).toEqual([mine.keyId, second.id]);
    expect(page.items.map((k) => k.project_id)).not.toContain(theirs.projectId);
    expect(page.items[0]?.revoked_at).not.toBeNull();
    expect(page.items[1]?.revoked_at).toBeNull();
    expect(page.next_cursor).toBeNull();
  });

  it("walks every key exactly once with next_cursor", async () => {
    const project = await newProject();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push((await createKey(project.id, `k${i}`)).id);
    await revokeKey(project.id, ids[2] ?? "");
    const { items, pages } = await walkPages<ApiKey>(keysOf(project.id), 2);
    expect(items.map((k) => k.id)).toEqual(ids);
    expect(pages).toBe(3);
    expect(items.filter((k) => k.revoked_at !== null).map((k) => k.id)).toEqual([ids[2]]);
    // A page that is exactly full and last says so at once, rather than pointing at an empty page.
    const exact = await walkPages<ApiKey>(keysOf(project.id), 5);
    expect([exact.items.length, exact.pages]).toEqual([5, 1]);
  });

  it("never lets a cursor from one project reach another project's keys", async () => {
    const a = await newProject("a");
    const b = await newProject("b");
    for (let i = 0; i < 3; i++) await createKey(a.id);
    const bKey = await createKey(b.id);
    const first = await json<Page<ApiKey>>(await call("GET", `${keysOf(a.id)}?limit=1`, admin));
    expect(first.next_cursor).not.toBeNull();
    const cursor = encodeURIComponent(first.next_cursor ?? "");
    const crossed = await json<Page<ApiKey>>(await call("GET", `${keysOf(b.id)}?cursor=${cursor}`, admin));
    expect(crossed.items.every((k) => k.project_id === b.id)).toBe(true);
    expect(crossed.items.map((k) => k.id)).toEqual([bKey.id]);
  });

  it.each(["limit=0", "limit=abc", "limit=1000"])("refuses %s", async (query) => {
    const error = await expectError(await call("GET", `${keysOf(owner.projectId)}?${query}`, admin), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toEqual(["query.limit"]);
  });

  it("refuses a bogus cursor", async () => {
    await expectError(await call("GET", `${keysOf(owner.projectId)}?cursor=bogus`, admin), 400, "invalid_cursor");
  });

  it("answers an unknown project with 404 and a malformed id with 400", async () => {
    await expectError(await call("GET", keysOf(MISSING_PROJECT), admin), 404, "project_not_found");
    const error = await expectError(await call("GET", keysOf("x"), admin), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toEqual(["path.project_id"]);
    // Each request part is validated in turn, so only the first bad part (here the query) is reported.
    const both = await expectError(await call("GET", `${keysOf("x")}?limit=0`, admin), 400, "validation_failed");
    expect(both.errors?.map((e) => e.path)).toEqual(["query.limit"]);
  });

  it("turns away every caller without the admin key", async () => {
    await expectRefusals(refusals, "GET", keysOf(owner.projectId));
  });
});

describe("POST /api/admin/projects/{project_id}/api_keys/{key_id}/revoke", () => {
  it("revokes the key, which stops working at once", async () => {
    const { projectId, keyId, key } = await newProjectWithKey();
    expect((await call("GET", INFO, { key })).status).toBe(200); // cached as valid in this isolate
    const response = await call("POST", revokePath(projectId, keyId), admin);
    expect(response.status).toBe(200);
    const revoked = ApiKeySchema.strict().parse(await response.json());
    expect(revoked).toMatchObject({ id: keyId, project_id: projectId });
    expect(revoked.revoked_at).not.toBeNull();
    await expectError(await call("GET", INFO, { key }), 401, "api_key_revoked");
  });

  it("is idempotent: a second revoke keeps the first revoked_at", async () => {
    const { projectId, keyId } = await newProjectWithKey();
    const first = await json<ApiKey>(await call("POST", revokePath(projectId, keyId), admin));
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await call("POST", revokePath(projectId, keyId), admin);
    expect(second.status).toBe(200);
    expect((await json<ApiKey>(second)).revoked_at).toBe(first.revoked_at);
  });

  it("leaves the project's other keys working", async () => {
    const { projectId, keyId } = await newProjectWithKey();
    const spare = await createKey(projectId, "spare");
    await revokeKey(projectId, keyId);
    expect((await call("GET", INFO, { key: spare.key })).status).toBe(200);
  });

  it("cannot reach another project's key: 404, and that key keeps working", async () => {
    const a = await newProjectWithKey("a");
    const b = await newProjectWithKey("b");
    const error = await expectError(await call("POST", revokePath(a.projectId, b.keyId), admin), 404, "api_key_not_found");
    expect(error.message).not.toContain(b.projectId);
    const row = await env.DB.prepare("SELECT revoked_at FROM api_keys WHERE id = ?").bind(b.keyId).first<{ revoked_at: number | null }>();
    expect(row?.revoked_at).toBeNull();
    expect((await call("GET", INFO, { key: b.key })).status).toBe(200);
  });

  it("answers an unknown key or project with 404", async () => {
    await expectError(await call("POST", revokePath(owner.projectId, MISSING_KEY), admin), 404, "api_key_not_found");
    await expectError(await call("POST", revokePath(MISSING_PROJECT, owner.keyId), admin), 404, "project_not_found");
  });

  it("refuses malformed ids, naming each", async () => {
    const one = await expectError(await call("POST", revokePath(owner.projectId, "sk_notanid"), admin), 400, "validation_failed");
    expect(one.errors?.map((e) => e.path)).toEqual(["path.key_id"]);
    const both = await expectError(await call("POST", revokePath("nope", "nope"), admin), 400, "validation_failed");
    expect(both.errors?.map((e) => e.path).sort()).toEqual(["path.key_id", "path.project_id"]);
  });

  it("turns away every caller without the admin key, and revokes nothing", async () => {
    const target = await createKey(owner.projectId, "target");
    await expectRefusals(refusals, "POST", revokePath(owner.projectId, target.id));
    expect((await call("GET", INFO, { key: target.key })).status).toBe(200);
  });

  it("does not let a project key revoke itself or another project's key", async () => {
    const a = await newProjectWithKey("a");
    const b = await newProjectWithKey("b");
    await expectError(await call("POST", revokePath(a.projectId, a.keyId), { key: a.key }), 403, "admin_key_required");
    await expectError(await call("POST", revokePath(b.projectId, b.keyId), { admin: a.key }), 403, "admin_key_required");
    expect((await call("GET", INFO, { key: a.key })).status).toBe(200);
    expect((await call("GET", INFO, { key: b.key })).status).toBe(200);
  });
});

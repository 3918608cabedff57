import { beforeAll, describe, expect, it } from "vitest";
import { ProjectSchema } from "../../../worker/http/views.ts";
import { idPattern } from "../../../core/ids.ts";
import {
  ADMIN_KEY,
  adminRefusals,
  call,
  countRows,
  env,
  errorOf,
  expectError,
  expectRefusals,
  json,
  newProject,
  newProjectWithKey,
  type Page,
  type Project,
  type Refusal,
  walkPages,
} from "../helpers.ts";

const PATH = "/api/admin/projects";
const admin = { admin: ADMIN_KEY };

let refusals: Refusal[];
let owner: { projectId: string; keyId: string; key: string };

beforeAll(async () => {
  owner = await newProjectWithKey("owner");
  refusals = await adminRefusals(owner);
});

describe("POST /api/admin/projects", () => {
  it("creates a project and stores exactly what it returns", async () => {
    const before = Date.now();
    const response = await call("POST", PATH, { ...admin, body: { name: "Acme Inc." } });
    expect(response.status).toBe(201);
    const project = ProjectSchema.strict().parse(await response.json());
    expect(project.id).toMatch(idPattern("proj"));
    expect(project).toMatchObject({ name: "Acme Inc.", is_production: false });
    expect(Date.parse(project.created_at)).toBeGreaterThanOrEqual(before - 1000);

    const row = await env.DB.prepare("SELECT * FROM projects WHERE id = ?").bind(project.id).first<Record<string, unknown>>();
    expect(row).toEqual({
      id: project.id,
      name: "Acme Inc.",
      is_production: 0,
      allowed_callback_origins: "[]",
      session_ttl_seconds: 604_800,
      log_retention_days: 30,
      display_name: null,
      logo_url: null,
      privacy_url: null,
      created_at: Date.parse(project.created_at),
      deleted_at: null,
    });
  });

  it("records is_production and trims the name", async () => {
    const response = await call("POST", PATH, { ...admin, body: { name: "  prod-one  ", is_production: true } });
    expect(response.status).toBe(201);
    expect(await json<Project>(response)).toMatchObject({ name: "prod-one", is_production: true });
  });

  it("restricts Connect Link callbacks to listed origins, keeping only each URL's origin", async () => {
    const project = await json<Project>(await call("POST", PATH, { ...admin, body: { name: "with-origins" } }));
    const response = await call("PATCH", `${PATH}/${project.id}`, {
      ...admin,
      body: { allowed_callback_origins: ["https://app.example.com/callback?x=1"], is_production: true },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ allowed_callback_origins: ["https://app.example.com"], is_production: true });
    await expectError(await call("PATCH", `${PATH}/${project.id}`, { ...admin, body: { allowed_callback_origins: ["javascript:alert(1)"] } }), 400, "validation_failed");
    await expectError(await call("PATCH", `${PATH}/${project.id}`, { ...admin, body: { unknown: 1 } }), 400, "validation_failed");
    await expectError(await call("PATCH", `${PATH}/proj_${"x".repeat(22)}`, { ...admin, body: {} }), 404, "project_not_found");
    await expectRefusals(refusals, "PATCH", `${PATH}/${project.id}`, { is_production: false });
    expect(await json<Project>(await call("GET", `${PATH}/${project.id}`, admin))).toMatchObject({ is_production: true });
  });

  it("renames a project, refusing a name another project has", async () => {
    const project = await json<Project>(await call("POST", PATH, { ...admin, body: { name: "rename-me" } }));
    await call("POST", PATH, { ...admin, body: { name: "rename-taken" } });
    const renamed = await call("PATCH", `${PATH}/${project.id}`, { ...admin, body: { name: "  renamed-project " } });
    expect(renamed.status).toBe(200);
    expect(await json<Project>(renamed)).toMatchObject({ id: project.id, name: "renamed-project" });
    await expectError(await call("PATCH", `${PATH}/${project.id}`, { ...admin, body: { name: "rename-taken" } }), 409, "project_name_taken");
    await expectError(await call("PATCH", `${PATH}/${project.id}`, { ...admin, body: { name: "no/slashes" } }), 400, "validation_failed");
    expect(await json<Project>(await call("GET", `${PATH}/${project.id}`, admin))).toMatchObject({ name: "renamed-project" });
    await expectRefusals(refusals, "PATCH", `${PATH}/${project.id}`, { name: "by-someone-else" });
  });

  it("accepts the admin key as x-admin-key", async () => {
    const response = await call("POST", PATH, { headers: { "x-admin-key": ADMIN_KEY }, body: { name: "via-header" } });
    expect(response.status).toBe(201);
  });

  it("refuses a duplicate name with 409 and writes no second row", async () => {
    await newProject("taken"); // a neighbour, to show only the name matters
    expect((await call("POST", PATH, { ...admin, body: { name: "dup-name" } })).status).toBe(201);
    const again = await call("POST", PATH, { ...admin, body: { name: "dup-name", is_production: true } });
    const error = await expectError(again, 409, "project_name_taken");
    expect(error.message).toContain("dup-name");
    // Trimming happens before the uniqueness check.
    await expectError(await call("POST", PATH, { ...admin, body: { name: " dup-name " } }), 409, "project_name_taken");
    expect(await countRows("projects", "name = ?", "dup-name")).toBe(1);
  });

  it("answers malformed JSON with 400 malformed_json", async () => {
    for (const body of ["{", '{"name": "x",}', "not json", ""]) {
      await expectError(await call("POST", PATH, { ...admin, body }), 400, "malformed_json");
    }
  });

  it("lists every bad field with its path", async () => {
    const response = await call("POST", PATH, { ...admin, body: { name: 42, is_production: "yes", owner: "me" } });
    const error = await expectError(response, 400, "validation_failed");
    const paths = error.errors?.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["body.name", "body.is_production", "body"]));
    expect(error.errors?.find((e) => e.path === "body")?.message).toContain("owner");
  });

  it.each([
    ["a missing name", {}],
    ["an empty name", { name: "" }],
    ["a blank name", { name: "   " }],
    ["a name over 100 characters", { name: "n".repeat(101) }],
    ["markup in the name", { name: "<b>bold</b>" }],
    ["a null name", { name: null }],
  ])("refuses %s", async (_, body) => {
    const error = await expectError(await call("POST", PATH, { ...admin, body }), 400, "validation_failed");
    // One field can break several rules (an empty name is both too short and not matching the pattern).
    expect(new Set(error.errors?.map((e) => e.path))).toEqual(new Set(["body.name"]));
  });

  it("refuses a body that is not an object", async () => {
    for (const body of ["[1,2]", "null", '"a string"', "7"]) {
      const error = await expectError(await call("POST", PATH, { ...admin, body }), 400, "validation_failed");
      expect(error.errors?.map((e) => e.path)).toEqual(["body"]);
    }
  });

  it("refuses a text/plain body with 415", async () => {
    const response = await call("POST", PATH, { ...admin, body: '{"name":"plain"}', headers: { "content-type": "text/plain" } });
    await expectError(response, 415, "unsupported_media_type");
    expect(await countRows("projects", "name = ?", "plain")).toBe(0);
  });

  it("refuses a body over 1 MiB with 413", async () => {
    const response = await call("POST", PATH, { ...admin, body: { name: "big", padding: "x".repeat(1024 * 1024) } });
    await expectError(response, 413, "payload_too_large");
  });

  it("turns away every caller without the admin key, and writes nothing", async () => {
    const before = await countRows("projects");
    await expectRefusals(refusals, "POST", PATH, { name: "should-not-exist" });
    expect(await countRows("projects")).toBe(before);
  });

  it("checks the key before it reads the body", async () => {
    await expectError(await call("POST", PATH, { body: "{" }), 401, "admin_key_missing");
    await expectError(await call("POST", PATH, { admin: owner.key, body: { bogus: true } }), 403, "admin_key_required");
  });
});

describe("project lifetimes: session_ttl_seconds and log_retention_days", () => {
  const stored = (id: string) =>
    env.DB.prepare("SELECT session_ttl_seconds, log_retention_days FROM projects WHERE id = ?").bind(id).first<{ session_ttl_seconds: number; log_retention_days: number }>();

  it("defaults to seven days for sessions and thirty for logs", async () => {
    const project = await newProject("lifetimes-default");
    expect(project).toMatchObject({ session_ttl_seconds: 604_800, log_retention_days: 30 });
    expect(await stored(project.id)).toEqual({ session_ttl_seconds: 604_800, log_retention_days: 30 });
  });

  it("takes both at creation, stores them and shows them", async () => {
    const response = await call("POST", PATH, { ...admin, body: { name: "lifetimes-set", session_ttl_seconds: 3600, log_retention_days: 90 } });
    expect(response.status).toBe(201);
    const project = ProjectSchema.strict().parse(await response.json());
    expect(project).toMatchObject({ session_ttl_seconds: 3600, log_retention_days: 90 });
    expect(await stored(project.id)).toEqual({ session_ttl_seconds: 3600, log_retention_days: 90 });
    expect(await json<Project>(await call("GET", `${PATH}/${project.id}`, admin))).toMatchObject({ session_ttl_seconds: 3600, log_retention_days: 90 });
  });

  it("changes each on update, leaving the other and the rest as they were", async () => {
    const project = await newProject("lifetimes-update");
    const ttl = await call("PATCH", `${PATH}/${project.id}`, { ...admin, body: { session_ttl_seconds: 60 } });
    expect(ttl.status).toBe(200);
    expect(await json<Project>(ttl)).toEqual({ ...project, session_ttl_seconds: 60 });
    const days = await call("PATCH", `${PATH}/${project.id}`, { ...admin, body: { log_retention_days: 3650 } });
    expect(await json<Project>(days)).toEqual({ ...project, session_ttl_seconds: 60, log_retention_days: 3650 });
    const longest = await call("PATCH", `${PATH}/${project.id}`, { ...admin, body: { session_ttl_seconds: 90 * 86_400, log_retention_days: 1 } });
    expect(await json<Project>(longest)).toMatchObject({ session_ttl_seconds: 7_776_000, log_retention_days: 1 });
    expect(await stored(project.id)).toEqual({ session_ttl_seconds: 7_776_000, log_retention_days: 1 });
  });

  it.each([
    ["a session TTL under a minute", { session_ttl_seconds: 59 }, "body.session_ttl_seconds"],
    ["a session TTL over 90 days", { session_ttl_seconds: 90 * 86_400 + 1 }, "body.session_ttl_seconds"],
    ["a fractional session TTL", { session_ttl_seconds: 600.5 }, "body.session_ttl_seconds"],
    ["a session TTL as text", { session_ttl_seconds: "600" }, "body.session_ttl_seconds"],
    ["a null session TTL", { session_ttl_seconds: null }, "body.session_ttl_seconds"],
    ["zero days of logs", { log_retention_days: 0 }, "body.log_retention_days"],
    ["negative days of logs", { log_retention_days: -5 }, "body.log_retention_days"],
    ["over ten years of logs", { log_retention_days: 3651 }, "body.log_retention_days"],
    ["fractional days of logs", { log_retention_days: 1.5 }, "body.log_retention_days"],
  ])("refuses %s with 400 validation_failed, on create and on update, and changes nothing", async (_, values, path) => {
    const project = await newProject("lifetimes-bad");
    const onCreate = await expectError(await call("POST", PATH, { ...admin, body: { name: "lifetimes-refused", ...values } }), 400, "validation_failed");
    expect(onCreate.errors?.map((e) => e.path)).toEqual([path]);
    expect(await countRows("projects", "name = ?", "lifetimes-refused")).toBe(0);
    const onUpdate = await expectError(await call("PATCH", `${PATH}/${project.id}`, { ...admin, body: values }), 400, "validation_failed");
    expect(onUpdate.errors?.map((e) => e.path)).toEqual([path]);
    expect(await stored(project.id)).toEqual({ session_ttl_seconds: 604_800, log_retention_days: 30 });
  });

  it("turns away every caller without the admin key, and changes nothing", async () => {
    const project = await newProject("lifetimes-guarded");
    await expectRefusals(refusals, "PATCH", `${PATH}/${project.id}`, { session_ttl_seconds: 60, log_retention_days: 1 });
    await expectRefusals(refusals, "POST", PATH, { name: "lifetimes-never", log_retention_days: 1 });
    expect(await stored(project.id)).toEqual({ session_ttl_seconds: 604_800, log_retention_days: 30 });
    expect(await countRows("projects", "name = ?", "lifetimes-never")).toBe(0);
  });
});

describe("Connect page branding: display_name, logo_url and privacy_url", () => {
  const branding = { display_name: "Acme Notes", logo_url: "https://cdn.acme.example/logo.png?v=2", privacy_url: "https://acme.example/privacy" };
  const stored = (id: string) =>
    env.DB.prepare("SELECT display_name, logo_url, privacy_url FROM projects WHERE id = ?").bind(id).first<Record<string, string | null>>();
  const unset = { display_name: null, logo_url: null, privacy_url: null };

  it("is unset by default", async () => {
    const project = await newProject("branding-default");
    expect(project).toMatchObject(unset);
    expect(await stored(project.id)).toEqual(unset);
  });

  it("takes all three at creation, stores them and shows them", async () => {
    const response = await call("POST", PATH, { ...admin, body: { name: "branding-set", ...branding, display_name: "  Acme Notes  " } });
    expect(response.status).toBe(201);
    const project = ProjectSchema.strict().parse(await response.json());
    expect(project).toMatchObject(branding);
    expect(await stored(project.id)).toEqual(branding);
    expect(await json<Project>(await call("GET", `${PATH}/${project.id}`, admin))).toMatchObject(branding);
  });

  it("accepts null at creation as not set", async () => {
    const response = await call("POST", PATH, { ...admin, body: { name: "branding-null", ...unset } });
    expect(response.status).toBe(201);
    expect(await json<Project>(response)).toMatchObject(unset);
  });

  it("changes each on update, leaves the others, and clears each with null", async () => {
    const project = await newProject("branding-update");
    const named = await call("PATCH", `${PATH}/${project.id}`, { ...admin, body: { display_name: "Ünïcode & <Friends> 🚀" } });
    expect(named.status).toBe(200);
    expect(await json<Project>(named)).toEqual({ ...project, display_name: "Ünïcode & <Friends> 🚀" });
    const all = await json<Project>(await call("PATCH", `${PATH}/${project.id}`, { ...admin, body: { logo_url: branding.logo_url, privacy_url: branding.privacy_url } }));
    expect(all).toEqual({ ...project, display_name: "Ünïcode & <Friends> 🚀", logo_url: branding.logo_url, privacy_url: branding.privacy_url });

    const cleared = await json<Project>(await call("PATCH", `${PATH}/${project.id}`, { ...admin, body: { logo_url: null } }));
    expect(cleared).toMatchObject({ display_name: "Ünïcode & <Friends> 🚀", logo_url: null, privacy_url: branding.privacy_url });
    await call("PATCH", `${PATH}/${project.id}`, { ...admin, body: { display_name: null, privacy_url: null } });
    expect(await stored(project.id)).toEqual(unset);
  });

  it("takes a display name of exactly 80 characters and a logo URL of exactly 2,000", async () => {
    const longUrl = `https://cdn.acme.example/${"a".repeat(2000 - "https://cdn.acme.example/".length)}`;
    const response = await call("POST", PATH, { ...admin, body: { name: "branding-limits", display_name: "d".repeat(80), logo_url: longUrl } });
    expect(response.status).toBe(201);
    expect(await json<Project>(response)).toMatchObject({ display_name: "d".repeat(80), logo_url: longUrl });
  });

  it.each([
    ["an empty display name", { display_name: "" }, "body.display_name"],
    ["a blank display name", { display_name: "   " }, "body.display_name"],
    ["a display name over 80 characters", { display_name: "d".repeat(81) }, "body.display_name"],
    ["a display name with a line break", { display_name: "Acme\nNotes" }, "body.display_name"],
    ["a display name that is not text", { display_name: 42 }, "body.display_name"],
    ["an http logo", { logo_url: "http://cdn.acme.example/logo.png" }, "body.logo_url"],
    ["a javascript: logo", { logo_url: "javascript:alert(1)" }, "body.logo_url"],
    ["a data: logo", { logo_url: "data:image/png;base64,iVBORw0KGgo=" }, "body.logo_url"],
    ["a relative logo", { logo_url: "/logo.png" }, "body.logo_url"],
    ["a logo URL with credentials", { logo_url: "https://user:pass@cdn.acme.example/logo.png" }, "body.logo_url"],
    ["a logo URL over 2,000 characters", { logo_url: `https://cdn.acme.example/${"a".repeat(2000)}` }, "body.logo_url"],
    ["an http privacy link", { privacy_url: "http://acme.example/privacy" }, "body.privacy_url"],
    ["a privacy link that is not a URL", { privacy_url: "our privacy page" }, "body.privacy_url"],
  ])("refuses %s with 400 validation_failed, on create and on update, and changes nothing", async (_, values, path) => {
    const project = await newProject("branding-bad");
    const onCreate = await expectError(await call("POST", PATH, { ...admin, body: { name: "branding-refused", ...values } }), 400, "validation_failed");
    // One value can break several rules (a blank name is both too short and not matching the pattern).
    expect(new Set(onCreate.errors?.map((e) => e.path))).toEqual(new Set([path]));
    expect(await countRows("projects", "name = ?", "branding-refused")).toBe(0);
    const onUpdate = await expectError(await call("PATCH", `${PATH}/${project.id}`, { ...admin, body: values }), 400, "validation_failed");
    expect(new Set(onUpdate.errors?.map((e) => e.path))).toEqual(new Set([path]));
    expect(await stored(project.id)).toEqual(unset);
  });

  it("turns away every caller without the admin key (none, wrong, a project key), and changes nothing", async () => {
    const project = await newProject("branding-guarded");
    await expectRefusals(refusals, "PATCH", `${PATH}/${project.id}`, branding);
    await expectRefusals(refusals, "POST", PATH, { name: "branding-never", ...branding });
    expect(await stored(project.id)).toEqual(unset);
    expect(await countRows("projects", "name = ?", "branding-never")).toBe(0);
  });
});

describe("GET /api/admin/projects", () => {
  it("lists projects, oldest first, in the public shape", async () => {
    const created = await newProject("listed");
    const response = await call("GET", `${PATH}?limit=100`, admin);
    expect(response.status).toBe(200);
    const page = await json<Page<Project>>(response);
    for (const item of page.items) ProjectSchema.strict().parse(item);
    expect(page.items).toContainEqual(created);
    const times = page.items.map((p) => Date.parse(p.created_at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("defaults to 20 items per page", async () => {
    while ((await countRows("projects")) < 21) await newProject("filler");
    const page = await json<Page<Project>>(await call("GET", PATH, admin));
    expect(page.items).toHaveLength(20);
    expect(page.next_cursor).not.toBeNull();
  });

  it("walks every project exactly once with next_cursor", async () => {
    for (let i = 0; i < 7; i++) await newProject("walk");
    const { items, pages } = await walkPages<Project>(PATH, 3);
    const stored = await env.DB.prepare("SELECT id FROM projects ORDER BY created_at, id").all<{ id: string }>();
    expect(items.map((p) => p.id)).toEqual(stored.results.map((r) => r.id));
    expect(new Set(items.map((p) => p.id)).size).toBe(items.length);
    // The look-ahead row means a full last page still ends the walk: no empty trailing page.
    expect(pages).toBe(Math.ceil(items.length / 3));
  });

  it("keeps its place among projects created in the same millisecond", async () => {
    const at = Date.UTC(2020, 0, 1);
    const ids = Array.from({ length: 5 }, (_, i) => `proj_sameMillisecond${String(i).padStart(4, "0")}`);
    for (const id of ids.toReversed()) {
      await env.DB.prepare("INSERT INTO projects (id, name, is_production, created_at) VALUES (?, ?, 0, ?)").bind(id, `tie-${id}`, at).run();
    }
    const { items } = await walkPages<Project>(PATH, 2);
    const seen = items.map((p) => p.id);
    expect(seen.filter((id) => ids.includes(id))).toEqual(ids);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("ends with next_cursor null", async () => {
    const total = await countRows("projects");
    const page = await json<Page<Project>>(await call("GET", `${PATH}?limit=100`, admin));
    expect(page.items).toHaveLength(Math.min(total, 100));
    expect(page.next_cursor).toBeNull();
  });

  it.each(["limit=0", "limit=101", "limit=abc", "limit=1.5", "limit=-1", "limit=", "limit=1&limit=2"])(
    "refuses %s",
    async (query) => {
      const error = await expectError(await call("GET", `${PATH}?${query}`, admin), 400, "validation_failed");
      expect(error.errors?.map((e) => e.path)).toEqual(["query.limit"]);
    },
  );

  it("refuses a cursor it did not issue", async () => {
    const bogus = ["garbage", "%%%", btoa("[1,2]"), btoa('{"a":1}'), btoa("[-1,\"proj_x\"]"), btoa('[1.5,"x"]'), btoa("[1,\"\"]")];
    for (const cursor of bogus) {
      const response = await call("GET", `${PATH}?cursor=${encodeURIComponent(cursor)}`, admin);
      await expectError(response, 400, "invalid_cursor");
    }
  });

  it("refuses an overlong cursor", async () => {
    const error = await expectError(await call("GET", `${PATH}?cursor=${"a".repeat(201)}`, admin), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toEqual(["query.cursor"]);
  });

  it("turns away every caller without the admin key", async () => {
    await expectRefusals(refusals, "GET", PATH);
  });
});

describe("GET /api/admin/projects/{project_id}", () => {
  it("returns the project as it was created", async () => {
    const created = await newProject("get");
    const response = await call("GET", `${PATH}/${created.id}`, admin);
    expect(response.status).toBe(200);
    expect(ProjectSchema.strict().parse(await response.json())).toEqual(created);
  });

  it("answers an unknown id with 404 project_not_found", async () => {
    const missing = "proj_AAAAAAAAAAAAAAAAAAAAAA";
    const error = await expectError(await call("GET", `${PATH}/${missing}`, admin), 404, "project_not_found");
    expect(error.message).toContain(missing);
  });

  it.each(["nope", "proj_short", "key_AAAAAAAAAAAAAAAAAAAAAA", "proj_AAAAAAAAAAAAAAAAAAAAA%21", "PROJ_AAAAAAAAAAAAAAAAAAAAAA", "%3Cscript%3E"])(
    "refuses the malformed id %s",
    async (id) => {
      const error = await expectError(await call("GET", `${PATH}/${id}`, admin), 400, "validation_failed");
      expect(error.errors?.map((e) => e.path)).toEqual(["path.project_id"]);
    },
  );

  it("turns away every caller without the admin key, including the project's own key", async () => {
    await expectRefusals(refusals, "GET", `${PATH}/${owner.projectId}`);
  });

  it("does not leak a project's existence to a caller without the admin key", async () => {
    const real = await call("GET", `${PATH}/${owner.projectId}`, { admin: "wrong" });
    const fake = await call("GET", `${PATH}/proj_AAAAAAAAAAAAAAAAAAAAAA`, { admin: "wrong" });
    expect([real.status, (await errorOf(real)).code]).toEqual([fake.status, (await errorOf(fake)).code]);
  });
});

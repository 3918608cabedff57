import { beforeAll, describe, expect, it } from "vitest";
import { expectKeyRefusals, newTenant, type Tenant } from "../fixtures.ts";
import { call, expectError, json } from "../helpers.ts";
import { CRM_TOOLKIT, CUSTOM_EXPERIMENTAL, IMPORTANT_ISSUES_TOOL, WEATHER_TOOL } from "../core/sessions/custom-tool-fixtures.ts";
import { createSession, SESSIONS, sessionExecute, type SessionBody } from "../core/sessions/session-fixtures.ts";

/** Custom tools on session create and attach, through the real routes and SessionObject. */

type WithCustoms = SessionBody & {
  experimental?: {
    custom_tools?: { slug: string; original_slug: string; extends_toolkit?: string; input_schema: unknown }[];
    custom_toolkits?: { slug: string; tools: { slug: string; original_slug: string; preload?: boolean }[] }[];
  };
};

let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  [tenant, other] = await Promise.all([newTenant("custom-tools"), newTenant("custom-tools-other")]);
});

const create = (experimental: unknown) => call("POST", SESSIONS, { key: tenant.key, body: { user_id: "u", experimental } });

describe("custom tools on POST /session", () => {
  it("stores them and answers each under the slug the agent sees, with its original slug", async () => {
    const session = (await createSession(tenant.key, { user_id: "u", experimental: CUSTOM_EXPERIMENTAL })) as WithCustoms;
    expect(session.experimental?.custom_tools).toEqual([
      expect.objectContaining({ slug: "LOCAL_GET_WEATHER", original_slug: "GET_WEATHER", input_schema: WEATHER_TOOL.input_schema }),
      expect.objectContaining({ slug: "LOCAL_GITHUB_IMPORTANT_ISSUES", original_slug: "IMPORTANT_ISSUES", extends_toolkit: "github" }),
    ]);
    expect(session.experimental?.custom_toolkits).toEqual([
      expect.objectContaining({ slug: "crm", tools: [expect.objectContaining({ slug: "LOCAL_CRM_FIND_CUSTOMER", original_slug: "FIND_CUSTOMER", preload: true })] }),
    ]);
    // Kept beside the config: neither echoed in it nor copied into its versions.
    expect(JSON.stringify(session.config)).not.toContain("GET_WEATHER");
    const resumed = await json<WithCustoms>(await call("GET", `${SESSIONS}/${session.session_id}`, { key: tenant.key }));
    expect(resumed.experimental).toEqual(session.experimental);
  });

  it("answers a session without them as before", async () => {
    const session = (await createSession(tenant.key, { user_id: "u" })) as WithCustoms;
    expect(session).not.toHaveProperty("experimental");
  });

  it("refuses malformed definitions with the field at fault", async () => {
    const { input_schema: _missing, ...noSchema } = WEATHER_TOOL;
    const cases: [unknown, string][] = [
      [{ custom_tools: [noSchema] }, "body.experimental.custom_tools.0.input_schema"],
      [{ custom_tools: [{ ...WEATHER_TOOL, slug: "LOCAL_X" }] }, "body.experimental.custom_tools.0.slug"],
      [{ custom_tools: [{ ...WEATHER_TOOL, slug: "has space" }] }, "body.experimental.custom_tools.0.slug"],
      [{ custom_tools: [{ ...WEATHER_TOOL, input_schema: { type: "string" } }] }, "body.experimental.custom_tools.0.input_schema"],
      [{ custom_tools: [{ ...WEATHER_TOOL, input_schema: { type: "object", properties: { a: { description: "x".repeat(40_000) } } } }] }, "body.experimental.custom_tools.0.input_schema"],
      [{ custom_toolkits: [{ ...CRM_TOOLKIT, tools: [] }] }, "body.experimental.custom_toolkits.0.tools"],
      [{ custom_tools: Array.from({ length: 101 }, (_, i) => ({ ...WEATHER_TOOL, slug: `T${i}` })) }, "body.experimental.custom_tools"],
    ];
    for (const [experimental, path] of cases) {
      const error = await expectError(await create(experimental), 400, "validation_failed");
      expect(error.errors?.map((e) => e.path).join(" "), JSON.stringify(experimental).slice(0, 200)).toContain(path);
    }
  });

  it("refuses definitions that do not fit together, with stable codes", async () => {
    const many = (prefix: string) => Array.from({ length: 60 }, (_, i) => ({ ...WEATHER_TOOL, slug: `${prefix}${i}` }));
    const cases: [unknown, string][] = [
      [{ custom_tools: [{ ...IMPORTANT_ISSUES_TOOL, extends_toolkit: "nosuchkit" }] }, "custom_tool_unknown_toolkit"],
      [{ custom_toolkits: [{ ...CRM_TOOLKIT, slug: "github" }] }, "custom_toolkit_slug_conflict"],
      [{ custom_tools: [WEATHER_TOOL, { ...WEATHER_TOOL, slug: "get_weather" }] }, "custom_tool_slug_conflict"],
      [{ custom_toolkits: [{ ...CRM_TOOLKIT, slug: "A".repeat(30), tools: [{ ...CRM_TOOLKIT.tools[0], slug: "B".repeat(30) }] }] }, "custom_tool_slug_too_long"],
      [{ custom_tools: many("S"), custom_toolkits: [{ ...CRM_TOOLKIT, tools: many("K") }] }, "too_many_custom_tools"],
    ];
    for (const [experimental, code] of cases) await expectError(await create(experimental), 400, code);
  });

  it("turns away a missing or revoked key before reading them", async () => {
    await expectKeyRefusals("POST", SESSIONS, { user_id: "u", experimental: CUSTOM_EXPERIMENTAL });
  });
});

describe("custom tools on attach and PATCH", () => {
  let session: WithCustoms;
  let path: string;

  beforeAll(async () => {
    session = (await createSession(tenant.key, { user_id: "u", experimental: { custom_tools: [WEATHER_TOOL] } })) as WithCustoms;
    path = `${SESSIONS}/${session.session_id}`;
  });

  it("replaces the stored ones with the SDK's current definitions (composio.use(id, { customTools }))", async () => {
    const response = await call("POST", `${path}/attach`, { key: tenant.key, body: { experimental: { custom_toolkits: [CRM_TOOLKIT] } } });
    expect(response.status).toBe(200);
    const attached = await json<WithCustoms>(response);
    expect(attached.experimental?.custom_tools).toBeUndefined();
    expect(attached.experimental?.custom_toolkits?.[0]?.tools.map((t) => t.slug)).toEqual(["LOCAL_CRM_FIND_CUSTOMER"]);
    expect((await json<WithCustoms>(await call("GET", path, { key: tenant.key }))).experimental).toEqual(attached.experimental);
    // An attach without custom tools only reads the session.
    expect((await json<WithCustoms>(await call("POST", `${path}/attach`, { key: tenant.key, body: {} }))).experimental).toEqual(attached.experimental);
  });

  it("refuses bad definitions on attach, and changes nothing", async () => {
    const before = (await json<WithCustoms>(await call("GET", path, { key: tenant.key }))).experimental;
    await expectError(await call("POST", `${path}/attach`, { key: tenant.key, body: { experimental: { custom_tools: [{ slug: "X" }] } } }), 400, "validation_failed");
    await expectError(await call("POST", `${path}/attach`, { key: tenant.key, body: { experimental: { custom_toolkits: [{ ...CRM_TOOLKIT, slug: "gmail" }] } } }), 400, "custom_toolkit_slug_conflict");
    expect((await json<WithCustoms>(await call("GET", path, { key: tenant.key }))).experimental).toEqual(before);
  });

  it("turns away a missing or revoked key, and another project's key with 404", async () => {
    const body = { experimental: { custom_tools: [WEATHER_TOOL] } };
    await expectKeyRefusals("POST", `${path}/attach`, body);
    const before = (await json<WithCustoms>(await call("GET", path, { key: tenant.key }))).experimental;
    await expectError(await call("POST", `${path}/attach`, { key: other.key, body }), 404, "session_not_found");
    expect((await json<WithCustoms>(await call("GET", path, { key: tenant.key }))).experimental).toEqual(before);
  });

  it("refuses them in a PATCH: the SDK sets them on create and attach only", async () => {
    await expectError(await call("PATCH", path, { key: tenant.key, body: { experimental: { custom_tools: [WEATHER_TOOL] } } }), 400, "custom_tools_not_patchable");
  });
});

describe("a custom tool called through the gateway", () => {
  it("is answered as running in the application, without reaching an upstream, and logged", async () => {
    const session = await createSession(tenant.key, { user_id: "u", experimental: CUSTOM_EXPERIMENTAL });
    const result = await sessionExecute(tenant.key, session.session_id, { tool_slug: "local_get_weather", arguments: { city: "Paris" } });
    expect(result.successful).toBe(false);
    expect(result.error).toContain("LOCAL_GET_WEATHER is a custom tool of the application");
    expect(result.error).toContain("session.execute()");
    const logs = await json<{ items: { tool_slug: string; toolkit_slug: string; status: string }[] }>(
      await call("GET", `${SESSIONS}/${session.session_id}/logs`, { key: tenant.key }),
    );
    expect(logs.items[0]).toMatchObject({ tool_slug: "LOCAL_GET_WEATHER", toolkit_slug: "custom", status: "error" });
  });
});

import { describe, expect, it } from "vitest";
import { findTool } from "../../../../core/catalog/registry.ts";
import { applyPatch, configFromCreate, CreateSessionBody, PatchSessionBody } from "../../../../core/sessions/config.ts";
import { hasPositiveFilter, preloadedTools, searchableToolkits, toolAllowed, toolkitAllowed } from "../../../../core/sessions/filters.ts";
import { enabledMetaTools } from "../../../../core/sessions/meta-tools/index.ts";
import { metaToolView, warningsFor } from "../../../../core/sessions/views.ts";

/** The session config's normalisation, patch rules and filters, as pure functions. */
const config = (body: Record<string, unknown>) => configFromCreate(CreateSessionBody.parse({ user_id: "u", ...body }));
const allowed = (c: ReturnType<typeof config>, slug: string) => {
  const entry = findTool(slug);
  if (!entry) throw new Error(`no ${slug}`);
  return toolAllowed(c, entry);
};

describe("session filters", () => {
  it("allow every toolkit by default, only the enabled ones, or all but the disabled ones", () => {
    expect(toolkitAllowed(config({}), "slack")).toBe(true);
    expect(toolkitAllowed(config({ toolkits: ["gmail"] }), "slack")).toBe(false);
    expect(toolkitAllowed(config({ toolkits: { enable: [] } }), "gmail")).toBe(false);
    expect(toolkitAllowed(config({ toolkits: { disable: ["slack"] } }), "slack")).toBe(false);
    expect(toolkitAllowed(config({ toolkits: { disable: ["slack"] } }), "gmail")).toBe(true);
  });

  it("list the toolkits a search may reach when the session or the search restricts it to some", () => {
    expect(searchableToolkits(config({}), undefined)).toBeUndefined();
    expect(searchableToolkits(config({ toolkits: { disable: ["slack"] } }), undefined)).toBeUndefined();
    expect(searchableToolkits(config({ toolkits: ["gmail", "slack"] }), undefined)).toEqual(["gmail", "slack"]);
    expect(searchableToolkits(config({ toolkits: { enable: [] } }), undefined)).toEqual([]);
    expect(searchableToolkits(config({ toolkits: ["gmail", "slack"] }), new Set(["slack", "github"]))).toEqual(["slack"]);
    expect(searchableToolkits(config({ toolkits: { disable: ["slack"] } }), new Set(["slack", "github"]))).toEqual(["github"]);
  });

  it("let a toolkit's tool list win over tags, and its own tags over the session's", () => {
    const c = config({
      tags: { enable: ["readOnlyHint"] },
      tools: { github: ["GITHUB_DELETE_A_REPOSITORY"], gmail: { tags: { disable: ["readOnlyHint"] } }, slack: { disable: ["SLACK_LIST_ALL_CHANNELS"] } },
    });
    expect(allowed(c, "GITHUB_DELETE_A_REPOSITORY")).toBe(true);
    expect(allowed(c, "GITHUB_GET_A_REPOSITORY")).toBe(false);
    expect(allowed(c, "GMAIL_FETCH_EMAILS")).toBe(false);
    expect(allowed(c, "GMAIL_SEND_EMAIL")).toBe(true);
    expect(allowed(c, "SLACK_LIST_ALL_CHANNELS")).toBe(false);
    expect(allowed(c, "HACKERNEWS_GET_ITEM")).toBe(true);
    expect(allowed(config({ tags: { disable: ["destructiveHint"] } }), "GITHUB_DELETE_A_REPOSITORY")).toBe(false);
  });

  it("resolve aliases in tool lists and preloads", () => {
    const c = config({ tools: { github: { enable: ["GITHUB_CREATE_ISSUE"] } }, preload: { tools: ["GITHUB_CREATE_ISSUE", "GITHUB_CREATE_AN_ISSUE"] } });
    expect(allowed(c, "GITHUB_CREATE_AN_ISSUE")).toBe(true);
    expect(preloadedTools(c).map((e) => e.tool.slug)).toEqual(["GITHUB_CREATE_AN_ISSUE"]);
  });

  it('need a positive filter for preload "all"', () => {
    expect(hasPositiveFilter(config({}))).toBe(false);
    expect(hasPositiveFilter(config({ toolkits: { disable: ["slack"] } }))).toBe(false);
    expect(hasPositiveFilter(config({ toolkits: ["hackernews"] }))).toBe(true);
    expect(hasPositiveFilter(config({ tags: ["readOnlyHint"] }))).toBe(true);
    expect(preloadedTools(config({ toolkits: ["hackernews"], preload: { tools: "all" } })).length).toBeGreaterThan(10);
  });
});

describe("session config", () => {
  it("normalises the SDK's request forms into the stored snapshot", () => {
    const c = config({
      toolkits: ["GMAIL", "gmail"],
      tools: { Slack: ["slack_send_message"] },
      manage_connections: true,
      connected_accounts: { GitHub: "ca_1" },
      workbench: { enable_proxy_execution: true },
    });
    expect(c.toolkits).toEqual({ enabled: ["gmail"] });
    expect(c.tools).toEqual({ slack: { enabled: ["SLACK_SEND_MESSAGE"] } });
    expect(c.connected_accounts).toEqual({ github: ["ca_1"] });
    expect(c.workbench.proxy_execution_enabled).toBe(true);
    expect(c.workbench.enable).toBe(true);
  });

  it("patches: maps replace, settings merge, null resets, unknown keys are refused", () => {
    const base = config({ auth_configs: { gmail: "ac_1", slack: "ac_2" }, multi_account: { enable: true, max_accounts_per_toolkit: 3 } });
    const patched = applyPatch(base, PatchSessionBody.parse({ auth_configs: { github: "ac_3" }, multi_account: { require_explicit_selection: true } }));
    expect(patched.auth_configs).toEqual({ github: "ac_3" });
    expect(patched.multi_account).toEqual({ enable: true, max_accounts_per_toolkit: 3, require_explicit_selection: true });
    const reset = applyPatch(patched, PatchSessionBody.parse({ auth_configs: null, multi_account: null }));
    expect(reset).not.toHaveProperty("auth_configs");
    expect(reset.multi_account).toEqual({ enable: false, max_accounts_per_toolkit: 5, require_explicit_selection: false });
    expect(base.auth_configs).toEqual({ gmail: "ac_1", slack: "ac_2" });
    expect(PatchSessionBody.safeParse({ user_id: "x" }).success).toBe(false);
  });

  it("lists the meta tools its blocks enable, with JSON Schema inputs", () => {
    expect(enabledMetaTools(config({})).map((t) => t.slug)).toHaveLength(6);
    const tools = enabledMetaTools(config({ manage_connections: { enable: true, enable_wait_for_connections: true }, workbench: { enable: false } }));
    expect(tools.map((t) => t.slug)).toEqual(["COMPOSIO_SEARCH_TOOLS", "COMPOSIO_GET_TOOL_SCHEMAS", "COMPOSIO_MULTI_EXECUTE_TOOL", "COMPOSIO_MANAGE_CONNECTIONS", "COMPOSIO_WAIT_FOR_CONNECTIONS"]);
    const search = metaToolView(tools[0]!);
    expect(search.input_parameters).toMatchObject({ type: "object", required: ["queries"], properties: { queries: { type: "array" } } });
    expect(search.input_parameters).not.toHaveProperty("$schema");
  });

  it("warns about the shared default user and about large preloads", () => {
    expect(warningsFor(config({ user_id: "default" })).map((w) => w.code)).toEqual(["DEFAULT_USER_ID"]);
    expect(warningsFor(config({ toolkits: ["github"], preload: { tools: "all" } })).map((w) => w.code)).toEqual(["PRELOAD_TOOLS_HIGH_CONTEXT_USAGE"]);
  });
});

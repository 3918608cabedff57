import { beforeAll, describe, expect, it } from "vitest";
import { rankCustomTools, words } from "../../../../core/sessions/custom-tools/ranking.ts";
import type { StoredCustomTool } from "../../../../core/sessions/custom-tools/definitions.ts";
import { newTenant, type Tenant } from "../../fixtures.ts";
import { CUSTOM_EXPERIMENTAL } from "./custom-tool-fixtures.ts";
import { createSession, executeMeta } from "./session-fixtures.ts";

/** The session's custom tools in the meta tools: found by search, described by GET_TOOL_SCHEMAS, never run here. */

interface SearchData {
  results: { primary_tool_slugs: string[]; related_tool_slugs: string[]; toolkits: string[]; reasoning: string; error: string | null; not_in_session?: string }[];
  tool_schemas: Record<string, { tool_slug: string; toolkit: string; hasFullSchema: boolean; input_schema?: unknown }>;
  toolkit_connection_statuses: { toolkit: string; has_active_connection: boolean }[];
  next_steps_guidance: string[];
}

let tenant: Tenant;
let sessionId: string;

beforeAll(async () => {
  tenant = await newTenant("custom-meta");
  sessionId = (await createSession(tenant.key, { user_id: "u", toolkits: ["github", "hackernews"], experimental: CUSTOM_EXPERIMENTAL })).session_id;
});

const search = (queries: { use_case: string }[], extra: Record<string, unknown> = {}) =>
  executeMeta<SearchData>(tenant.key, sessionId, "COMPOSIO_SEARCH_TOOLS", { queries, ...extra });

describe("COMPOSIO_SEARCH_TOOLS with custom tools", () => {
  it("puts a fitting custom tool first, with its full schema and a no-connection status", async () => {
    const { data, successful } = await search([{ use_case: "what is the weather forecast in Paris" }]);
    expect(successful).toBe(true);
    const [result] = data.results;
    expect(result?.primary_tool_slugs[0]).toBe("LOCAL_GET_WEATHER");
    expect(result?.error).toBeNull();
    expect(result?.not_in_session).toBeUndefined();
    expect(result?.reasoning).toContain("application's own process");
    expect(data.tool_schemas.LOCAL_GET_WEATHER).toMatchObject({ toolkit: "custom", hasFullSchema: true, input_schema: { properties: { city: { type: "string" } } } });
    expect(data.toolkit_connection_statuses).toContainEqual(expect.objectContaining({ toolkit: "custom", has_active_connection: true }));
    expect(data.next_steps_guidance.join(" ")).toContain("LOCAL_ tools are the application's own");
  });

  it("finds a custom toolkit's tool, and honours the toolkits filter", async () => {
    const { data } = await search([{ use_case: "find the customer with email ada@example.com" }]);
    expect(data.results[0]?.primary_tool_slugs[0]).toBe("LOCAL_CRM_FIND_CUSTOMER");
    expect(data.results[0]?.toolkits).toContain("crm");
    const onlyHackernews = await search([{ use_case: "find the customer with email ada@example.com" }], { toolkits: ["hackernews"] });
    expect(JSON.stringify(onlyHackernews.data.results)).not.toContain("LOCAL_");
  });

  it("reports the connection of the toolkit an extending tool uses", async () => {
    const { data } = await search([{ use_case: "list important issues of a repository" }]);
    expect(data.results[0]?.primary_tool_slugs[0]).toBe("LOCAL_GITHUB_IMPORTANT_ISSUES");
    expect(data.toolkit_connection_statuses).toContainEqual(expect.objectContaining({ toolkit: "github", has_active_connection: false }));
  });

  it("leaves results alone when no custom tool shares a word with the use case", async () => {
    const { data } = await search([{ use_case: "top stories on hacker news" }]);
    expect(JSON.stringify(data.results)).not.toContain("LOCAL_");
    expect(Object.keys(data.tool_schemas).some((slug) => slug.startsWith("LOCAL_"))).toBe(false);
  });
});

describe("COMPOSIO_GET_TOOL_SCHEMAS and COMPOSIO_MULTI_EXECUTE_TOOL with custom tools", () => {
  it("returns a custom tool's schemas by its slug", async () => {
    const { data } = await executeMeta<{ success: boolean; tool_schemas: Record<string, unknown>; not_found: string[] }>(tenant.key, sessionId, "COMPOSIO_GET_TOOL_SCHEMAS", {
      tool_slugs: ["LOCAL_GET_WEATHER", "local_crm_find_customer"],
      include: ["input_schema", "output_schema"],
    });
    expect(data.success).toBe(true);
    expect(data.tool_schemas.LOCAL_GET_WEATHER).toMatchObject({ toolkit: "custom", output_schema: { properties: { forecast: { type: "string" } } } });
    expect(data.tool_schemas.LOCAL_CRM_FIND_CUSTOMER).toMatchObject({ toolkit: "crm", output_schema: { type: "object" } });
  });

  it("answers a custom tool in a batch as running in the application, and runs the rest", async () => {
    const { data, successful } = await executeMeta<{ results: { tool_slug: string; error: string | null }[]; error_count: number }>(
      tenant.key,
      sessionId,
      "COMPOSIO_MULTI_EXECUTE_TOOL",
      { tools: [{ tool_slug: "LOCAL_GET_WEATHER", arguments: { city: "Paris" } }] },
    );
    expect(successful).toBe(false);
    expect(data.error_count).toBe(1);
    expect(data.results[0]?.error).toContain("runs in the application's own process");
  });
});

describe("custom tool ranking", () => {
  const tool = (slug: string, description: string): StoredCustomTool => ({ slug: `LOCAL_${slug}`, original_slug: slug, name: slug, description, input_schema: { type: "object", properties: {} } });

  it("compares words, ignoring case, stop words and a plural s", () => {
    expect([...words("Send the Emails to my Boss")]).toEqual(["send", "email", "boss"]);
  });

  it("ranks by the share of the use case's words a tool uses", () => {
    const hits = rankCustomTools([tool("GREP", "Search files for a pattern"), tool("SEND_EMAIL", "Send an email")], "send an email to Bob");
    expect(hits.map((hit) => [hit.tool.original_slug, Number(hit.coverage.toFixed(2))])).toEqual([["SEND_EMAIL", 0.67]]);
  });
});

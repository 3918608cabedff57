import { beforeAll, describe, expect, it } from "vitest";
import { newTenant, type Tenant } from "../../fixtures.ts";
import { createSession, executeMeta } from "./session-fixtures.ts";

/** COMPOSIO_GET_TOOL_SCHEMAS: schemas by slug, aliases resolved, suggestions for the rest. */
interface SchemasData {
  success: boolean;
  tool_schemas: Record<string, { tool_slug: string; toolkit: string; input_schema?: { properties: Record<string, unknown> }; output_schema?: unknown }>;
  not_found: string[];
  suggestions: Record<string, string[]>;
  not_found_message?: string;
}

let tenant: Tenant;
let sessionId: string;

beforeAll(async () => {
  tenant = await newTenant("schemas");
  sessionId = (await createSession(tenant.key, { user_id: "u", toolkits: ["github", "hackernews"] })).session_id;
});

const schemas = (args: Record<string, unknown>) => executeMeta<SchemasData>(tenant.key, sessionId, "COMPOSIO_GET_TOOL_SCHEMAS", args);

describe("COMPOSIO_GET_TOOL_SCHEMAS", () => {
  it("returns input schemas by slug, resolving documented aliases to the canonical tool", async () => {
    const { data, successful } = await schemas({ tool_slugs: ["HACKERNEWS_GET_ITEM", "github_create_issue"] });
    expect(successful).toBe(true);
    expect(data.success).toBe(true);
    expect(Object.keys(data.tool_schemas).sort()).toEqual(["GITHUB_CREATE_AN_ISSUE", "HACKERNEWS_GET_ITEM"]);
    expect(data.tool_schemas.GITHUB_CREATE_AN_ISSUE).toMatchObject({ toolkit: "github", input_schema: { properties: expect.objectContaining({ title: expect.anything() }) } });
    expect(data.tool_schemas.HACKERNEWS_GET_ITEM).not.toHaveProperty("output_schema");
    expect(data.not_found).toEqual([]);
  });

  it("returns output schemas when asked", async () => {
    const { data } = await schemas({ tool_slugs: ["HACKERNEWS_GET_ITEM"], include: ["input_schema", "output_schema"] });
    expect(data.tool_schemas.HACKERNEWS_GET_ITEM?.output_schema).toMatchObject({ type: "object" });
  });

  it("lists unknown slugs and tools outside the session as not found, with up to three suggestions", async () => {
    const { data, successful } = await schemas({ tool_slugs: ["HACKERNEWS_GET_ITEMS", "GMAIL_SEND_EMAIL", "HACKERNEWS_GET_USER"] });
    expect(successful).toBe(true);
    expect(data.success).toBe(false);
    expect(data.not_found).toEqual(["HACKERNEWS_GET_ITEMS", "GMAIL_SEND_EMAIL"]);
    expect(data.suggestions.HACKERNEWS_GET_ITEMS).toContain("HACKERNEWS_GET_ITEM");
    expect(data.suggestions.HACKERNEWS_GET_ITEMS?.length).toBeLessThanOrEqual(3);
    expect(data.suggestions.GMAIL_SEND_EMAIL?.every((slug) => !slug.startsWith("GMAIL_"))).toBe(true);
    expect(data.not_found_message).toContain("GMAIL_SEND_EMAIL");
    expect(Object.keys(data.tool_schemas)).toEqual(["HACKERNEWS_GET_USER"]);
  });

  it("refuses calls without slugs", async () => {
    for (const args of [{}, { tool_slugs: [] }, { tool_slugs: ["X"], include: ["everything"] }]) {
      const result = await schemas(args);
      expect(result.successful).toBe(false);
      expect(result.error).toMatch(/arguments\.(tool_slugs|include)/);
    }
  });
});

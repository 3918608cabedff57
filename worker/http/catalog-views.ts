import { z } from "@hono/zod-openapi";
import type { ToolDefinition, ToolkitDefinition } from "../../catalog/definition.ts";

/** Response shapes of `@composio/client`'s tools and toolkits resources, from catalog entries. */
export const ToolSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    description: z.string(),
    human_description: z.string(),
    toolkit: z.object({ slug: z.string(), name: z.string(), logo: z.string() }),
    input_parameters: z.record(z.string(), z.unknown()),
    output_parameters: z.record(z.string(), z.unknown()),
    no_auth: z.boolean(),
    version: z.string(),
    available_versions: z.array(z.string()),
    scopes: z.array(z.string()),
    scope_requirements: z.null(),
    tags: z.array(z.string()),
    is_deprecated: z.boolean(),
    deprecated: z.object({
      available_versions: z.array(z.string()),
      displayName: z.string(),
      is_deprecated: z.boolean(),
      toolkit: z.object({ logo: z.string() }),
      version: z.string(),
    }),
  })
  .openapi("Tool");

const Category = z.object({ name: z.string(), slug: z.string() });

export const ToolkitSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    type: z.literal("native"),
    is_local_toolkit: z.boolean(),
    enabled: z.boolean(),
    no_auth: z.boolean(),
    auth_schemes: z.array(z.string()),
    composio_managed_auth_schemes: z.array(z.string()),
    base_url: z.string(),
    meta: z.object({
      description: z.string(),
      logo: z.string(),
      categories: z.array(Category),
      tools_count: z.number().int(),
      triggers_count: z.number().int(),
      version: z.string(),
      available_versions: z.array(z.string()),
      created_at: z.string(),
      updated_at: z.string(),
    }),
    deprecated: z.object({ toolkitId: z.string(), rawProxyInfoByAuthSchemes: z.array(z.record(z.string(), z.unknown())) }),
  })
  .openapi("Toolkit");

const CATALOG_DATE = "2026-11-01T00:00:00.000Z";
const slugify = (text: string) => text.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");

export function isNoAuth(toolkit: ToolkitDefinition): boolean {
  return toolkit.authSchemes.some((scheme) => scheme.type === "NO_AUTH");
}

export function toolView(toolkit: ToolkitDefinition, tool: ToolDefinition): z.infer<typeof ToolSchema> {
  return {
    slug: tool.slug,
    name: tool.name,
    description: tool.description,
    human_description: tool.description,
    toolkit: { slug: toolkit.slug, name: toolkit.name, logo: toolkit.logo },
    input_parameters: tool.inputSchema,
    output_parameters: tool.outputSchema ?? { type: "object", properties: {} },
    no_auth: isNoAuth(toolkit),
    version: tool.version,
    available_versions: [tool.version],
    scopes: tool.scopes,
    scope_requirements: null,
    tags: tool.tags,
    is_deprecated: false,
    deprecated: { available_versions: [tool.version], displayName: tool.name, is_deprecated: false, toolkit: { logo: toolkit.logo }, version: tool.version },
  };
}

export function toolkitView(toolkit: ToolkitDefinition): z.infer<typeof ToolkitSchema> {
  const version = toolkit.tools.map((t) => t.version).sort().at(-1) ?? "00000000_00";
  return {
    slug: toolkit.slug,
    name: toolkit.name,
    type: "native",
    is_local_toolkit: false,
    enabled: true,
    no_auth: isNoAuth(toolkit),
    auth_schemes: toolkit.authSchemes.map((scheme) => scheme.type),
    composio_managed_auth_schemes: [],
    base_url: toolkit.baseUrl,
    meta: {
      description: toolkit.description,
      logo: toolkit.logo,
      categories: toolkit.categories.map((name) => ({ name, slug: slugify(name) })),
      tools_count: toolkit.tools.length,
      triggers_count: 0,
      version,
      available_versions: [version],
      created_at: CATALOG_DATE,
      updated_at: CATALOG_DATE,
    },
    deprecated: { toolkitId: toolkit.slug, rawProxyInfoByAuthSchemes: [] },
  };
}

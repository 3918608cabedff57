import { z } from "@hono/zod-openapi";
import type { ToolDefinition, ToolkitDefinition } from "../../catalog/definition.ts";

/** What a tool's view reads of its toolkit (the catalog's index and full definitions both have it). */
type ToolkitBasics = Pick<ToolkitDefinition, "slug" | "name" | "logo" | "authSchemes">;

/** Response shape of `@composio/client`'s tools resource, from catalog entries (toolkits: toolkit-views.ts). */
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

export function isNoAuth(toolkit: Pick<ToolkitDefinition, "authSchemes">): boolean {
  return toolkit.authSchemes.some((scheme) => scheme.type === "NO_AUTH");
}

export function toolView(toolkit: ToolkitBasics, tool: ToolDefinition): z.infer<typeof ToolSchema> {
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

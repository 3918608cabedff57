import { z } from "@hono/zod-openapi";
import type { StoredCustomTool } from "./definitions.ts";

/**
 * `experimental.custom_tools` / `custom_toolkits` of the session response. The SDK pairs
 * each `original_slug` (within its toolkit) with its own definition and routes the `slug`
 * the agent uses to that definition's execute function; a tool missing here stays unrouted.
 */

const Schema = z.record(z.string(), z.unknown());
const toolFields = {
  slug: z.string(),
  original_slug: z.string(),
  name: z.string(),
  description: z.string(),
  input_schema: Schema,
  output_schema: Schema.optional(),
  preload: z.boolean().optional(),
};

export const CustomToolsViewSchema = z.object({
  custom_tools: z.array(z.object({ ...toolFields, extends_toolkit: z.string().optional() })).optional(),
  custom_toolkits: z
    .array(z.object({ slug: z.string(), name: z.string(), description: z.string(), preload: z.boolean().optional(), tools: z.array(z.object(toolFields)) }))
    .optional(),
});
export type CustomToolsView = z.infer<typeof CustomToolsViewSchema>;

function toolView(tool: StoredCustomTool) {
  return {
    slug: tool.slug,
    original_slug: tool.original_slug,
    name: tool.name,
    description: tool.description,
    input_schema: tool.input_schema,
    ...(tool.output_schema ? { output_schema: tool.output_schema } : {}),
    ...(tool.preload !== undefined ? { preload: tool.preload } : {}),
  };
}

export function customToolsView(tools: readonly StoredCustomTool[]): CustomToolsView | undefined {
  if (tools.length === 0) return undefined;
  const standalone = tools.filter((tool) => !tool.toolkit);
  const toolkits = new Map<string, NonNullable<CustomToolsView["custom_toolkits"]>[number]>();
  for (const tool of tools) {
    if (!tool.toolkit) continue;
    const { slug, name, description, preload } = tool.toolkit;
    const group = toolkits.get(slug) ?? { slug, name, description, ...(preload !== undefined ? { preload } : {}), tools: [] };
    group.tools.push(toolView(tool));
    toolkits.set(slug, group);
  }
  return {
    ...(standalone.length > 0 ? { custom_tools: standalone.map((tool) => ({ ...toolView(tool), ...(tool.extends_toolkit ? { extends_toolkit: tool.extends_toolkit } : {}) })) } : {}),
    ...(toolkits.size > 0 ? { custom_toolkits: [...toolkits.values()] } : {}),
  };
}

import { z } from "@hono/zod-openapi";
import type { StoredCustomTool } from "./definitions.ts";

/**
 * `experimental.custom_tools` / `custom_toolkits` of the session response. The SDK pairs
 * each `original_slug` (within its toolkit) with its own definition and routes the `slug`
 * the agent uses to that definition's execute function; a tool missing here stays unrouted.
 */

const Schema = z.record(z.string(), z.unknown());
const toolFields = {
  slug: z.string().openapi({ description: "The slug the agent sees and calls: `LOCAL_[<TOOLKIT>_]<SLUG>`, upper case." }),
  original_slug: z.string().openapi({ description: "The slug the application gave the tool, which the SDK maps back to its execute function." }),
  name: z.string().openapi({ description: "Display name." }),
  description: z.string().openapi({ description: "What the tool does." }),
  input_schema: Schema.openapi({ description: "JSON Schema of the arguments, as sent." }),
  output_schema: Schema.optional().openapi({ description: "JSON Schema of the result, when one was sent." }),
  preload: z.boolean().optional().openapi({ description: "The SDK's preload hint, when one was sent." }),
};

export const CustomToolsViewSchema = z.object({
  custom_tools: z
    .array(
      z.object({
        ...toolFields,
        extends_toolkit: z.string().optional().openapi({ description: "The toolkit whose connection the tool uses, when it extends one." }),
      }),
    )
    .optional()
    .openapi({ description: "Standalone custom tools; absent when there are none." }),
  custom_toolkits: z
    .array(
      z.object({
        slug: z.string().openapi({ description: "The custom toolkit's slug, as sent." }),
        name: z.string().openapi({ description: "Display name." }),
        description: z.string().openapi({ description: "What the toolkit is for." }),
        preload: z.boolean().optional().openapi({ description: "The SDK's preload hint, when one was sent." }),
        tools: z.array(z.object(toolFields)).openapi({ description: "The toolkit's tools, under the slugs the agent sees." }),
      }),
    )
    .optional()
    .openapi({ description: "Custom toolkits with their tools; absent when there are none." }),
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

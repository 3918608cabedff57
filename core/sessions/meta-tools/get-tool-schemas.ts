import { z } from "@hono/zod-openapi";
import { findTool, loadTools, type ToolEntry } from "../../catalog/registry.ts";
import { findCustomTool } from "../custom-tools/definitions.ts";
import { customToolSchema } from "../custom-tools/search.ts";
import { toolAllowed } from "../filters.ts";
import { similarTools } from "../run-tool.ts";
import { defineMetaTool, ok, sessionIdArg } from "./meta-tool.ts";

const Input = z.object({
  tool_slugs: z.array(z.string().min(1).max(100)).min(1).max(50).describe("Slugs of the tools whose schemas you need, e.g. ['GMAIL_SEND_EMAIL']."),
  include: z
    .array(z.enum(["input_schema", "output_schema"]))
    .default(["input_schema"])
    .describe("Which schemas to return; the input schema by default."),
  session_id: sessionIdArg,
});

export default defineMetaTool({
  slug: "COMPOSIO_GET_TOOL_SCHEMAS",
  name: "Get tool schemas",
  description:
    "Returns the input (and optionally output) JSON schemas of tools by slug, for tools that COMPOSIO_SEARCH_TOOLS listed without one. Unknown slugs, or tools this session cannot use, come back under not_found with suggestions.",
  input: Input,
  enabled: (config) => config.search.enable,
  async run(ctx, args) {
    const schemas: Record<string, Record<string, unknown>> = {};
    const notFound: string[] = [];
    const suggestions: Record<string, string[]> = {};
    const found: ToolEntry[] = [];
    for (const requested of args.tool_slugs) {
      const custom = findCustomTool(ctx.customTools, requested);
      if (custom) {
        const { input_schema, output_schema, hasFullSchema: _full, ...described } = customToolSchema(custom);
        schemas[custom.slug] = {
          ...described,
          ...(args.include.includes("input_schema") ? { input_schema } : {}),
          ...(args.include.includes("output_schema") ? { output_schema: output_schema ?? { type: "object", properties: {} } } : {}),
        };
        continue;
      }
      const entry = findTool(requested);
      if (entry && toolAllowed(ctx.config, entry)) {
        found.push(entry);
        continue;
      }
      notFound.push(requested);
      suggestions[requested] = similarTools(ctx, requested);
    }
    for (const { tool, toolkit } of await loadTools(ctx.env, found)) {
      schemas[tool.slug] = {
        tool_slug: tool.slug,
        toolkit: toolkit.slug,
        description: tool.description,
        ...(args.include.includes("input_schema") ? { input_schema: tool.inputSchema } : {}),
        ...(args.include.includes("output_schema") ? { output_schema: tool.outputSchema ?? { type: "object", properties: {} } } : {}),
      };
    }
    return ok({
      success: notFound.length === 0,
      tool_schemas: schemas,
      not_found: notFound,
      suggestions,
      ...(notFound.length > 0
        ? { not_found_message: `Not available in this session: ${notFound.join(", ")}. Use a suggested slug, or find tools with COMPOSIO_SEARCH_TOOLS.` }
        : {}),
    });
  },
});

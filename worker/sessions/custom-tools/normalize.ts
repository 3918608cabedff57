import { findToolkit } from "../../../core/catalog/registry.ts";
import { ApiError } from "../../../core/http/errors.ts";
import {
  LOCAL_PREFIX,
  MAX_CUSTOM_TOOLS,
  MAX_DEFINITIONS_BYTES,
  MAX_FINAL_SLUG_LENGTH,
  type CustomToolsRequest,
  type StoredCustomTool,
} from "../../../core/sessions/custom-tools/definitions.ts";

/**
 * Turns the SDK's custom tools and toolkits into the list the session keeps, under the
 * slugs the agent will see. The SDK maps those slugs back to its execute functions from
 * the create/attach response, so the naming must be exactly its own:
 * `LOCAL_` + (custom toolkit or extended toolkit, upper-cased, + `_`) + the tool's slug.
 */

export function finalSlug(toolSlug: string, group: string | undefined): string {
  return `${LOCAL_PREFIX}${group ? `${group.toUpperCase()}_` : ""}${toolSlug.toUpperCase()}`;
}

function badInput(code: string, message: string, suggestedFix?: string): ApiError {
  return new ApiError(400, code, message, suggestedFix ? { suggestedFix } : {});
}

export function customToolsFromRequest(request: CustomToolsRequest): StoredCustomTool[] {
  const tools: StoredCustomTool[] = [];
  for (const tool of request.custom_tools ?? []) {
    const { extends_toolkit, ...fields } = tool;
    if (extends_toolkit !== undefined && !findToolkit(extends_toolkit.toLowerCase())) {
      throw badInput("custom_tool_unknown_toolkit", `Custom tool ${tool.slug} extends "${extends_toolkit}", which is not a toolkit of this gateway.`, "Use a toolkit slug from GET /api/v3/toolkits, or leave extends_toolkit out for a standalone tool.");
    }
    tools.push({
      ...fields,
      slug: finalSlug(tool.slug, extends_toolkit),
      original_slug: tool.slug,
      ...(extends_toolkit !== undefined ? { extends_toolkit: extends_toolkit.toLowerCase() } : {}),
    });
  }
  for (const toolkit of request.custom_toolkits ?? []) {
    // A custom toolkit shadowing a real one would make its connection status and its tools ambiguous.
    if (findToolkit(toolkit.slug.toLowerCase())) {
      throw badInput("custom_toolkit_slug_conflict", `Custom toolkit slug "${toolkit.slug}" is already a toolkit of this gateway.`, "Choose another slug, or define the tools with extendsToolkit instead.");
    }
    const group = { slug: toolkit.slug, name: toolkit.name, description: toolkit.description, ...(toolkit.preload !== undefined ? { preload: toolkit.preload } : {}) };
    for (const tool of toolkit.tools) tools.push({ ...tool, slug: finalSlug(tool.slug, toolkit.slug), original_slug: tool.slug, toolkit: group });
  }

  if (tools.length > MAX_CUSTOM_TOOLS) {
    throw badInput("too_many_custom_tools", `${tools.length} custom tools were given; a session takes at most ${MAX_CUSTOM_TOOLS}.`);
  }
  const seen = new Set<string>();
  for (const tool of tools) {
    if (tool.slug.length > MAX_FINAL_SLUG_LENGTH) {
      throw badInput("custom_tool_slug_too_long", `Custom tool ${tool.original_slug} would be exposed as ${tool.slug}, longer than ${MAX_FINAL_SLUG_LENGTH} characters.`, "Shorten the tool's (or its toolkit's) slug.");
    }
    if (seen.has(tool.slug)) throw badInput("custom_tool_slug_conflict", `Two custom tools would both be exposed as ${tool.slug}.`, "Give each custom tool a unique slug.");
    seen.add(tool.slug);
  }
  if (new TextEncoder().encode(JSON.stringify(tools)).length > MAX_DEFINITIONS_BYTES) {
    throw badInput("custom_tools_too_large", `The custom tools' definitions together exceed ${MAX_DEFINITIONS_BYTES / 1024} KiB.`, "Send fewer tools, or shorter descriptions and schemas.");
  }
  return tools;
}

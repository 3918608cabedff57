import type { ToolkitDefinition } from "../../catalog/definition.ts";
import catalogJson from "../../catalog/dist/catalog.json";
import type { CatalogTool } from "./catalog-tool.ts";

export type { CatalogTool } from "./catalog-tool.ts";

interface Indexes {
  toolkits: ToolkitDefinition[];
  toolkitBySlug: Map<string, ToolkitDefinition>;
  toolBySlug: Map<string, CatalogTool>;
  tools: CatalogTool[];
}

let indexes: Indexes | undefined;

// Built on first use, once per isolate: the JSON was validated by `npm run catalog:build`.
function build(): Indexes {
  const toolkits = catalogJson as unknown as ToolkitDefinition[];
  const toolkitBySlug = new Map(toolkits.map((toolkit) => [toolkit.slug, toolkit]));
  const tools = toolkits.flatMap((toolkit) => toolkit.tools.map((tool) => ({ toolkit, tool })));
  const toolBySlug = new Map(tools.map((entry) => [entry.tool.slug, entry]));
  for (const toolkit of toolkits) {
    for (const [alias, target] of Object.entries(toolkit.aliases)) {
      const entry = toolBySlug.get(target);
      if (entry) toolBySlug.set(alias, entry);
    }
  }
  return { toolkits, toolkitBySlug, toolBySlug, tools };
}

function catalog(): Indexes {
  indexes ??= build();
  return indexes;
}

export function allToolkits(): ToolkitDefinition[] {
  return catalog().toolkits;
}

export function allTools(): CatalogTool[] {
  return catalog().tools;
}

export function findToolkit(slug: string): ToolkitDefinition | undefined {
  return catalog().toolkitBySlug.get(slug.toLowerCase());
}

/** Finds a tool by slug or documented alias, case-insensitively. */
export function findTool(slug: string): CatalogTool | undefined {
  return catalog().toolBySlug.get(slug.toUpperCase());
}

import { allToolkits, allTools, findTool, type ToolEntry, type ToolkitInfo } from "../catalog/registry.ts";
import type { SessionConfig, TagFilter } from "./config.ts";

/**
 * What a session may use. Toolkit allow/deny lists come first; a toolkit's explicit tool
 * list wins over tags; otherwise the toolkit's own tag filter, else the session's, applies
 * (enabled: at least one of the tags; disabled: none of them).
 */

/** `preload: "all"` exposes at most this many tools (Composio's documented cap). */
export const PRELOAD_ALL_CAP = 1000;

export function toolkitAllowed(config: SessionConfig, toolkitSlug: string): boolean {
  const filter = config.toolkits;
  if (!filter) return true;
  return "enabled" in filter ? filter.enabled.includes(toolkitSlug) : !filter.disabled.includes(toolkitSlug);
}

function tagsPass(filter: TagFilter | undefined, tags: string[]): boolean {
  if (!filter) return true;
  if (filter.enabled?.length && !filter.enabled.some((tag) => tags.includes(tag))) return false;
  if (filter.disabled?.some((tag) => tags.includes(tag))) return false;
  return true;
}

/**
 * The toolkits a session's search may reach, as a list, when it is restricted to some: the
 * session's enabled toolkits, narrowed to `only` (a search's own `toolkits`) when given;
 * undefined when either leaves every toolkit but a few (a disable list) or all of them.
 */
export function searchableToolkits(config: SessionConfig, only: ReadonlySet<string> | undefined): string[] | undefined {
  if (only) return [...only].filter((slug) => toolkitAllowed(config, slug));
  const filter = config.toolkits;
  return filter && "enabled" in filter ? [...filter.enabled] : undefined;
}

export function toolAllowed(config: SessionConfig, entry: ToolEntry): boolean {
  if (!toolkitAllowed(config, entry.toolkit.slug)) return false;
  const rule = config.tools?.[entry.toolkit.slug];
  if (rule && "enabled" in rule) return rule.enabled.some((slug) => findTool(slug)?.tool.slug === entry.tool.slug);
  if (rule && "disabled" in rule && rule.disabled.some((slug) => findTool(slug)?.tool.slug === entry.tool.slug)) return false;
  return tagsPass(rule && "tags" in rule ? rule.tags : config.tags, entry.tool.tags);
}

/** Why a tool is outside the session, in words an agent or developer can act on. */
export function whyNotAllowed(config: SessionConfig, entry: ToolEntry): string {
  if (!toolkitAllowed(config, entry.toolkit.slug)) return `the session's toolkits do not include ${entry.toolkit.slug}`;
  const rule = config.tools?.[entry.toolkit.slug];
  if (rule && "enabled" in rule) return `the session enables only ${rule.enabled.join(", ")} of ${entry.toolkit.slug}`;
  if (rule && "disabled" in rule) return `the session disables it`;
  return "the session's tag filters exclude it";
}

export function allowedToolkits(config: SessionConfig): ToolkitInfo[] {
  return allToolkits().filter((toolkit) => toolkitAllowed(config, toolkit.slug));
}

/** Whether the session names what it wants (needed for `preload: "all"`). */
export function hasPositiveFilter(config: SessionConfig): boolean {
  const toolRules = Object.values(config.tools ?? {});
  return (
    (config.toolkits !== undefined && "enabled" in config.toolkits) ||
    toolRules.some((rule) => "enabled" in rule || ("tags" in rule && (rule.tags.enabled?.length ?? 0) > 0)) ||
    (config.tags?.enabled?.length ?? 0) > 0
  );
}

/** The app tools `session.tools()` returns beside the meta tools: the preload list, or every allowed tool for "all". */
export function preloadedTools(config: SessionConfig): ToolEntry[] {
  const wanted = config.preload.tools;
  if (wanted === "all") return allTools().filter((entry) => toolAllowed(config, entry)).slice(0, PRELOAD_ALL_CAP);
  const seen = new Set<string>();
  const out: ToolEntry[] = [];
  for (const slug of wanted) {
    const entry = findTool(slug);
    if (entry && !seen.has(entry.tool.slug) && toolAllowed(config, entry)) {
      seen.add(entry.tool.slug);
      out.push(entry);
    }
  }
  return out;
}

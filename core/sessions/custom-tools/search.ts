import { PRIMARY_TOOLS, RELATED_TOOLS } from "../meta-tools/session-ranking.ts";
import { customToolkitSlug, type StoredCustomTool } from "./definitions.ts";
import { customToolFits, rankCustomTools } from "./ranking.ts";

/**
 * The session's custom tools in COMPOSIO_SEARCH_TOOLS: each use case's fitting custom
 * tools go first among the primary tools (the application registered them for this
 * session, so when one fits it is the one meant), weaker matches first among the related
 * ones, every one with its full schema (the definitions are at hand, no shard to read).
 */

export interface CustomMatches {
  primary: StoredCustomTool[];
  related: StoredCustomTool[];
}

/** The fields of one use case's result that custom tools change. */
interface UseCaseResult {
  primary_tool_slugs: string[];
  related_tool_slugs: string[];
  toolkits: string[];
  reasoning: string;
  task_difficulty: string;
  recommended_plan_steps?: string[];
  not_in_session?: string;
  error: string | null;
  execution_guidance: string;
}

export const RUNS_IN_APP_NOTE = "It runs in the application's own process (a custom tool of the Composio SDK), not on the gateway.";

export function matchCustomTools(tools: readonly StoredCustomTool[], useCase: string, only: Set<string> | undefined): CustomMatches {
  const hits = rankCustomTools(
    only ? tools.filter((tool) => only.has(customToolkitSlug(tool))) : tools,
    useCase,
  );
  const primary = hits.filter(customToolFits).slice(0, PRIMARY_TOOLS);
  const related = hits.filter((hit) => !primary.includes(hit)).slice(0, RELATED_TOOLS);
  return { primary: primary.map((hit) => hit.tool), related: related.map((hit) => hit.tool) };
}

export function customToolSchema(tool: StoredCustomTool): Record<string, unknown> {
  return {
    tool_slug: tool.slug,
    toolkit: customToolkitSlug(tool),
    description: tool.description,
    hasFullSchema: true,
    input_schema: tool.input_schema,
    ...(tool.output_schema ? { output_schema: tool.output_schema } : {}),
  };
}

const firstSentence = (text: string) => text.split(/(?<=\.)\s/)[0] ?? text;

export function withCustomMatches<R extends UseCaseResult>(result: R, matches: CustomMatches): R {
  if (matches.primary.length === 0 && matches.related.length === 0) return result;
  const slugs = (tools: StoredCustomTool[]) => tools.map((tool) => tool.slug);
  const merged: R = {
    ...result,
    primary_tool_slugs: [...slugs(matches.primary), ...result.primary_tool_slugs],
    related_tool_slugs: [...slugs(matches.related), ...result.related_tool_slugs],
    toolkits: [...new Set([...[...matches.primary, ...matches.related].map(customToolkitSlug), ...result.toolkits])],
  };
  const [best] = matches.primary;
  if (!best) return merged;
  // A fitting custom tool answers the use case: the catalog's "nothing fits here" no longer holds.
  const { not_in_session: _superseded, ...rest } = merged;
  return {
    ...(rest as R),
    reasoning: `${best.slug} fits: ${firstSentence(best.description)} ${RUNS_IN_APP_NOTE}`,
    error: null,
    execution_guidance: `Start with ${best.slug}: ${firstSentence(best.description)}`,
    task_difficulty: result.recommended_plan_steps ? result.task_difficulty : "easy",
    recommended_plan_steps: [`Call ${best.slug} with arguments from its input_schema.`, ...(result.recommended_plan_steps ?? [])],
  };
}

/** Custom toolkits (and standalone custom tools, under `custom`) need no connection; a toolkit a tool extends keeps its own status. */
export function customToolkitStatuses(shown: readonly StoredCustomTool[]): Record<string, unknown>[] {
  const groups = new Map<string, string>();
  for (const tool of shown) {
    if (tool.extends_toolkit) continue;
    groups.set(customToolkitSlug(tool), tool.toolkit?.description ?? "The application's own tools.");
  }
  return [...groups].map(([toolkit, description]) => ({
    toolkit,
    description,
    has_active_connection: true,
    status_message: `${toolkit} is the application's own toolkit: it needs no connection.`,
  }));
}

import { z } from "@hono/zod-openapi";
import { findToolkit, loadTools, type CatalogTool, type ToolEntry } from "../../catalog/registry.ts";
import { connectionState, isConnected } from "../connection-state.ts";
import type { SessionContext } from "../context.ts";
import { customToolkitStatuses, customToolSchema, matchCustomTools, RUNS_IN_APP_NOTE, withCustomMatches } from "../custom-tools/search.ts";
import { searchableToolkits, toolAllowed } from "../filters.ts";
import { defineMetaTool, ok, sessionIdArg } from "./meta-tool.ts";
import { planFor } from "./search-plan.ts";
import { rankForSession } from "./session-ranking.ts";
import { outsideMessage, rankUseCase } from "./use-case-ranking.ts";

export const SearchQuery = z.object({
  use_case: z.string().min(1).max(1024).describe("One task, in plain words, e.g. 'send an email to John about the launch'."),
  known_fields: z.string().max(500).optional().describe("Values already known, as 'key:value, key:value' (e.g. 'channel_name:general')."),
});

export const SearchInput = z.object({
  queries: z.array(SearchQuery).min(1).max(10).describe("One entry per independent task; each returns its own tools."),
  session: z
    .object({
      id: z.string().max(100).optional().openapi({ description: "A session id from an earlier meta tool response. Accepted and ignored: the session is the one in the path." }),
      generate_id: z.boolean().optional().openapi({ description: "Composio's request for a new session id. Accepted and ignored." }),
    })
    .optional()
    .describe("Optional; the session is already known."),
  model: z.string().max(100).optional().openapi({ description: "Composio's hint naming the agent's model (at most 100 characters). Accepted and ignored: ranking does not depend on it." }),
  toolkits: z.array(z.string().max(100)).max(100).optional().describe("Only search these toolkits."),
  session_id: sessionIdArg,
});

type ToolSchemaEntry = Record<string, unknown>;

/** What to tell the agent when nothing in the session fits and no tool outside it would: naming the words no tool knows, if some are. */
function noMatch(unheard: readonly string[]): string {
  const why = unheard.length > 0 ? `, and no tool knows ${unheard.map((word) => `"${word}"`).join(", ")}` : "";
  return `No tool in this session matches this use case${why}. Rephrase it, or check the session's toolkits.`;
}

function firstSentence(text: string): string {
  return text.split(/(?<=\.)\s/)[0] ?? text;
}

/** What names a tool in either kind of entry. */
function toolIdentity(entry: CatalogTool): ToolSchemaEntry {
  return { tool_slug: entry.tool.slug, toolkit: entry.toolkit.slug, description: entry.tool.description };
}

function fullSchema(entry: CatalogTool): ToolSchemaEntry {
  return { ...toolIdentity(entry), hasFullSchema: true, input_schema: entry.tool.inputSchema };
}

function schemaReference(entry: CatalogTool): ToolSchemaEntry {
  return {
    ...toolIdentity(entry),
    hasFullSchema: false,
    schemaRef: {
      tool: "COMPOSIO_GET_TOOL_SCHEMAS",
      args: { tool_slugs: [entry.tool.slug] },
      message: `Call COMPOSIO_GET_TOOL_SCHEMAS for ${entry.tool.slug}'s input schema before using it.`,
    },
  };
}

/**
 * COMPOSIO_SEARCH_TOOLS, also served as POST …/search: for each use case the tools the
 * session may use that fit it (ranked by the catalog search, fitting tools first, and among
 * close ones a connected toolkit's first), schemas for the primary ones, a short plan with
 * known pitfalls, the connection status of every toolkit involved, and — when nothing in the
 * session fits — which toolkit would have the tool.
 */
export async function searchTools(ctx: SessionContext, input: z.output<typeof SearchInput>): Promise<Record<string, unknown>> {
  const only = input.toolkits?.length ? new Set(input.toolkits.map((s) => s.toLowerCase())) : undefined;
  const allow = (entry: ToolEntry) => toolAllowed(ctx.config, entry) && (!only || only.has(entry.toolkit.slug));
  const toolSchemas: Record<string, ToolSchemaEntry> = {};

  const rankings = await Promise.all(
    input.queries.map((query) => rankUseCase(ctx, query.known_fields ? `${query.use_case} ${query.known_fields}` : query.use_case, allow, searchableToolkits(ctx.config, only))),
  );
  const customMatches = input.queries.map((query) => matchCustomTools(ctx.customTools, `${query.use_case} ${query.known_fields ?? ""}`, only));
  const customShown = customMatches.flatMap((m) => [...m.primary, ...m.related]);
  // A custom tool that extends a toolkit uses that toolkit's connection: its status is reported like any other.
  const extended = customShown.flatMap((tool) => (tool.extends_toolkit ? [tool.extends_toolkit] : []));
  const slugs = [...new Set([...rankings.flatMap((r) => r.hits.map((hit) => hit.entry.toolkit.slug)), ...extended])];
  const pool = await ctx.accounts();
  const states = new Map(
    slugs.flatMap((slug) => {
      const toolkit = findToolkit(slug);
      return toolkit ? [[slug, { toolkit, state: connectionState(ctx.config, toolkit, pool, ctx.linkedAccount(slug)) }] as const] : [];
    }),
  );
  const connected = (slug: string) => {
    const known = states.get(slug);
    return known !== undefined && isConnected(known.state);
  };

  const ranked = rankings.map((ranking) => rankForSession(ranking.hits, connected));
  // Descriptions and schemas of what is shown: read from the catalog's shards once for all queries.
  const shownEntries = ranked.flatMap(({ primary, related }) => [...primary, ...related].map((hit) => hit.entry));
  const definitions = new Map((await loadTools(ctx.env, shownEntries)).map((tool) => [tool.tool.slug, tool]));
  const definitionsOf = (hits: readonly { entry: ToolEntry }[]) => hits.flatMap((hit) => definitions.get(hit.entry.tool.slug) ?? []);

  const toolkitsSeen = new Set<string>();
  const results = input.queries.map((query, i) => {
    const ranking = rankings[i] ?? { hits: [], namedOutside: [], unheard: [] };
    const primary = definitionsOf(ranked[i]?.primary ?? []);
    const related = definitionsOf(ranked[i]?.related ?? []);
    for (const entry of primary) toolSchemas[entry.tool.slug] = fullSchema(entry);
    for (const entry of related) toolSchemas[entry.tool.slug] ??= schemaReference(entry);
    const shown = [...primary, ...related];
    const toolkits = [...new Set(shown.map((entry) => entry.toolkit.slug))];
    for (const slug of toolkits) toolkitsSeen.add(slug);
    const [best] = primary;
    const outside = outsideMessage(ctx.config, ranking);
    const plan = best ? planFor(best, allow) : undefined;
    // No-auth toolkits count as connected.
    if (best && !connected(best.toolkit.slug)) {
      plan?.steps.unshift(`Connect ${best.toolkit.name} for this user first (see toolkit_connection_statuses).`);
    }
    const noFit = outside ?? noMatch(ranking.unheard);
    const custom = customMatches[i] ?? { primary: [], related: [] };
    for (const tool of [...custom.primary, ...custom.related]) {
      toolSchemas[tool.slug] = customToolSchema(tool);
      if (tool.extends_toolkit) toolkitsSeen.add(tool.extends_toolkit);
    }
    return withCustomMatches({
      index: i + 1,
      use_case: query.use_case,
      primary_tool_slugs: primary.map((entry) => entry.tool.slug),
      related_tool_slugs: related.map((entry) => entry.tool.slug),
      toolkits,
      reasoning: best
        ? `${best.tool.slug} fits: ${firstSentence(best.tool.description)}`
        : related.length > 0
          ? "No tool in this session clearly fits this use case; the related tools are the closest matches."
          : "No tool in this session matches this use case.",
      task_difficulty: !plan ? "unknown" : plan.steps.length > 2 ? "medium" : "easy",
      ...(plan ? { recommended_plan_steps: plan.steps } : {}),
      ...(plan && plan.pitfalls.length > 0 ? { known_pitfalls: plan.pitfalls } : {}),
      ...(outside ? { not_in_session: outside } : {}),
      error: best ? null : noFit,
      execution_guidance: best ? `Start with ${best.tool.slug}: ${firstSentence(best.tool.description)}` : noFit,
    }, custom);
  });

  const unconnected: string[] = [];
  const statuses = [...toolkitsSeen].flatMap((slug) => {
    const known = states.get(slug);
    if (!known) return [];
    const { toolkit, state } = known;
    if (!isConnected(state)) unconnected.push(slug);
    const account = state.active;
    return [
      {
        toolkit: slug,
        description: toolkit.description,
        has_active_connection: isConnected(state),
        status_message: state.noAuth
          ? `${toolkit.name} needs no connection.`
          : state.selectionRequired
            ? `Several ${toolkit.name} accounts are connected; pass \`account\` (an id or alias) with each call.`
            : account
              ? `Connected to ${toolkit.name}${account.alias ? ` as "${account.alias}"` : ""}; its tools are ready to call.`
              : `No active ${toolkit.name} connection for this user.`,
        ...(account ? { connection_details: { connected_account_id: account.id, auth_config_id: account.authConfigId, ...(account.alias ? { alias: account.alias } : {}) }, account_type: "PRIVATE" } : {}),
        ...(state.selectionRequired ? { account_selection: "required" } : {}),
        ...(ctx.config.multi_account.enable
          ? {
              accounts: state.usableAccounts.map((a) => ({
                id: a.id,
                status: "active",
                is_default: a.id === account?.id,
                created_at: a.createdAt.toISOString(),
                account_type: "PRIVATE",
                ...(a.alias ? { alias: a.alias } : {}),
              })),
            }
          : {}),
      },
    ];
  });

  const guidance: string[] = [];
  if (unconnected.length > 0) {
    guidance.push(
      ctx.config.manage_connections.enabled
        ? `Connect first: call COMPOSIO_MANAGE_CONNECTIONS with toolkits ${JSON.stringify(unconnected)} and give the user each redirect_url.`
        : `These toolkits are not connected for this user: ${unconnected.join(", ")}. The application has to connect them before their tools can run.`,
    );
  }
  if (Object.values(toolSchemas).some((schema) => schema.hasFullSchema === false)) {
    guidance.push("Related tools come without input schemas: fetch them with COMPOSIO_GET_TOOL_SCHEMAS before calling them.");
  }
  guidance.push(
    ctx.config.execute.enable_multi_execute
      ? "Run the tools with COMPOSIO_MULTI_EXECUTE_TOOL; put calls that do not depend on each other in one batch (up to 50)."
      : "Call the tools directly by their slugs.",
  );
  if (customShown.length > 0) {
    guidance.push(`LOCAL_ tools are the application's own. ${RUNS_IN_APP_NOTE} Call them like any other tool from the application's tool list; an MCP client cannot run them.`);
  }
  guidance.push("Use only arguments from the schemas; ask the user for values you do not know rather than guessing.");

  const now = new Date();
  return {
    success: true,
    error: null,
    results,
    tool_schemas: toolSchemas,
    toolkit_connection_statuses: [...statuses, ...customToolkitStatuses(customShown)],
    next_steps_guidance: guidance,
    session: {
      id: ctx.sessionId,
      generate_id: false,
      instructions: `Pass session_id "${ctx.sessionId}" in the meta tool calls that follow, in this conversation.`,
    },
    time_info: {
      current_time_utc: now.toISOString(),
      current_time_utc_epoch_seconds: Math.floor(now.getTime() / 1000),
      message: "Times are UTC. Convert to the user's timezone when they speak of local times, and ask for it if you need it.",
    },
  };
}

export default defineMetaTool({
  slug: "COMPOSIO_SEARCH_TOOLS",
  name: "Search tools",
  description:
    "Finds the tools for a task among the apps this session can use. Give one query per independent task, in plain words (English reads best; Spanish, German, French, Portuguese, Chinese, Japanese, Russian and thirteen other languages are read too); each returns primary tools (with input schemas), related tools, a short plan with known pitfalls, whether the user has connected each app, and — when no tool in this session fits — which app would have it. Call it before using an app's tools you have not used yet in this conversation.",
  input: SearchInput,
  enabled: (config) => config.search.enable,
  run: async (ctx, args) => ok(await searchTools(ctx, args)),
});

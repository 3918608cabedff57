import { rankCatalog, readUseCase, searchCatalog, toolkitOfNumber } from "../../catalog/catalog-search.ts";
import type { CatalogHit } from "../../catalog/catalog-tool.ts";
import { findToolkit, type ToolEntry } from "../../catalog/registry.ts";
import { semanticIndexFromEnv } from "../../catalog/semantic/from-env.ts";
import type { SessionConfig } from "../config.ts";
import type { SessionContext } from "../context.ts";
import { toolkitAllowed, whyNotAllowed } from "../filters.ts";
import { fits, PRIMARY_TOOLS, RELATED_TOOLS } from "./session-ranking.ts";

/**
 * One use case of COMPOSIO_SEARCH_TOOLS against the session: its hits among the tools the
 * session allows, and — when none of them fits, or the use case names a toolkit the session
 * does not include — the tool the whole catalog would have offered, to say so plainly.
 */

/** A tool outside the session is reported when it covers this much more of the use case than the session's best. */
const OUTSIDE_COVERAGE_MARGIN = 0.25;
/** Hits fetched per use case: the page of primary and related tools, and two to spare for reordering. */
const HITS_PER_USE_CASE = PRIMARY_TOOLS + RELATED_TOOLS + 2;

export interface UseCaseRanking {
  hits: CatalogHit[];
  /** Where the right tool probably is when it is outside the session. */
  outside?: CatalogHit;
  /** Toolkits the use case names that the session does not include. */
  namedOutside: string[];
  /** Words of the use case no tool in the catalog knows ("thermostat"), to say why nothing fits. */
  unheard: string[];
}

/**
 * The session's ranking for one use case, and what the whole catalog would have offered instead.
 * `toolkits`: those `allow` restricts the session to, if it restricts it to some.
 */
export async function rankUseCase(
  ctx: SessionContext,
  phrase: string,
  allow: (entry: ToolEntry) => boolean,
  toolkits?: readonly string[],
): Promise<UseCaseRanking> {
  const hits = await searchCatalog(phrase, { limit: HITS_PER_USE_CASE, allow, toolkits, partition: ctx.projectId, semantic: semanticIndexFromEnv(ctx.env) });
  const read = readUseCase(phrase);
  const unheard = read.unheardWords;
  const namedOutside = [...read.namedToolkits]
    .map((t) => toolkitOfNumber(t))
    .filter((slug): slug is string => slug !== undefined && !toolkitAllowed(ctx.config, slug));
  const best = hits[0];
  if (best && fits(best) && namedOutside.length === 0) return { hits, namedOutside, unheard };
  const [anywhere] = rankCatalog(phrase, { limit: 1, partition: ctx.projectId });
  const outside =
    anywhere && !allow(anywhere.entry) && (namedOutside.includes(anywhere.entry.toolkit.slug) || anywhere.coverage >= (best?.coverage ?? 0) + OUTSIDE_COVERAGE_MARGIN)
      ? anywhere
      : undefined;
  return outside ? { hits, outside, namedOutside, unheard } : { hits, namedOutside, unheard };
}

/** What to tell the agent when the tool it needs is outside the session, if it is. */
export function outsideMessage(config: SessionConfig, ranking: UseCaseRanking): string | undefined {
  const named = ranking.namedOutside.map((slug) => findToolkit(slug)?.name ?? slug);
  if (ranking.outside) {
    const { entry } = ranking.outside;
    const opening = ranking.hits.some(fits)
      ? `${entry.tool.slug} (${entry.toolkit.name}) would fit this use case better`
      : `No tool in this session fits this use case. ${entry.tool.slug} (${entry.toolkit.name}) would`;
    return `${opening}, but it is not available here: ${whyNotAllowed(config, entry)}. Ask the application to enable it for this session.`;
  }
  if (named.length > 0) return `This session does not include ${named.join(" or ")}. Ask the application to enable it for this session.`;
  return undefined;
}

import { rankCatalog, readUseCase, searchCatalog, toolkitOfNumber } from "../../catalog/catalog-search.ts";
import type { CatalogHit } from "../../catalog/catalog-tool.ts";
import { currentProjectCatalog } from "../../catalog/project-scope.ts";
import { MAX_CACHED_REQUEST_LENGTH } from "../../catalog/ranking-cache.ts";
import { findToolkit, type ToolEntry } from "../../catalog/registry.ts";
import { semanticIndexFromEnv } from "../../catalog/semantic/from-env.ts";
import type { SessionConfig } from "../config.ts";
import type { SessionContext } from "../context.ts";
import { toolAllowed, toolkitAllowed, whyNotAllowed } from "../filters.ts";
import { fits, PRIMARY_TOOLS, RELATED_TOOLS } from "./session-ranking.ts";

/**
 * One use case of COMPOSIO_SEARCH_TOOLS against the session: its hits among the tools the
 * session allows, and — when none of them fits, the use case names a toolkit the session does
 * not include, or the whole catalog's best far outscores the session's — the tool the whole
 * catalog would have offered, to say so plainly.
 */

/** A tool outside the session is reported when it covers this much more of the use case than the session's best. */
const OUTSIDE_COVERAGE_MARGIN = 0.25;
/**
 * …or scores this many times the session's best: then the session's hits, however much of the
 * words they share ("send an email to Ana" in a GitHub-only session covers an invitation's
 * email), are the best of a bad lot. Set on the eval's tune half with sessions of random other
 * toolkits: the right tool was said to be outside for 0.714 of requests before, 0.877 with it,
 * and a session whose own best was right heard otherwise for 0.017 of them against 0.015
 * (docs/search.md, "Restricted sessions").
 */
const OUTSIDE_SCORE_RATIO = 3;
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
  const fitting = best !== undefined && fits(best) && namedOutside.length === 0;
  // The whole catalog's best: the session's search ranked it already, so it is read from the
  // isolate's recent rankings. A request too long to be kept there would be ranked again: when
  // the session's best fits, it is not worth a second ranking to compare scores.
  if (fitting && phrase.length > MAX_CACHED_REQUEST_LENGTH) return { hits, namedOutside, unheard };
  const [anywhere] = rankCatalog(phrase, { limit: 1, partition: ctx.projectId });
  // A toolkit the use case names is reported as named, its tools' boost for being named aside: the session's hits may still do the job.
  const outranked = anywhere !== undefined && best !== undefined && !allow(anywhere.entry) && !namedOutside.includes(anywhere.entry.toolkit.slug) && outscores(anywhere, best);
  if (fitting && !outranked) return { hits, namedOutside, unheard };
  const outside =
    anywhere && !allow(anywhere.entry) && (outranked || namedOutside.includes(anywhere.entry.toolkit.slug) || anywhere.coverage >= (best?.coverage ?? 0) + OUTSIDE_COVERAGE_MARGIN)
      ? anywhere
      : undefined;
  if (!outside) return { hits, namedOutside, unheard };
  // Far outscored, the session's hits fit nothing: they stay as related tools, the closest it has.
  return { hits: outranked ? hits.map((hit) => ({ ...hit, fits: false })) : hits, outside, namedOutside, unheard };
}

/** Whether `outside` scores OUTSIDE_SCORE_RATIO times `best`: only scores of one index compare (a project's own toolkits have their own). */
function outscores(outside: CatalogHit, best: CatalogHit): boolean {
  const own = currentProjectCatalog();
  const isOwn = (hit: CatalogHit) => own?.entryBySlug.has(hit.entry.tool.slug) === true;
  return best.score > 0 && isOwn(outside) === isOwn(best) && outside.score >= OUTSIDE_SCORE_RATIO * best.score;
}

/** What to tell the agent when the tool it needs is outside the session, if it is. */
export function outsideMessage(config: SessionConfig, ranking: UseCaseRanking): string | undefined {
  const named = ranking.namedOutside.map((slug) => findToolkit(slug)?.name ?? slug);
  if (ranking.outside) {
    const { entry } = ranking.outside;
    const opening = ranking.hits.some(fits)
      ? `${entry.tool.slug} (${entry.toolkit.name}) would fit this use case better`
      : `No tool in this session fits this use case. ${entry.tool.slug} (${entry.toolkit.name}) would`;
    // The session has it, and the agent narrowed this search to other toolkits: searching again is enough.
    if (toolAllowed(config, entry)) return `${opening}, but this search was limited to other toolkits: search again without \`toolkits\`, or with ${entry.toolkit.slug} among them.`;
    return `${opening}, but it is not available here: ${whyNotAllowed(config, entry)}. Ask the application to enable it for this session.`;
  }
  if (named.length > 0) return `This session does not include ${named.join(" or ")}. Ask the application to enable it for this session.`;
  return undefined;
}

import type { ToolkitDefinition } from "../../catalog/definition.ts";
import { setBounded } from "../bounded-map.ts";
import type { Database } from "../db/client.ts";
import { listProjectToolkits } from "../repositories/project-toolkits.ts";
import { readsCollection, toolkitInfo } from "./catalog-files.ts";
import type { ToolEntry } from "./catalog-tool.ts";
import { withProjectCatalog, type ProjectCatalog } from "./project-scope.ts";
import { catalogSearchIndex, PROJECT_SHARD } from "./registry.ts";
import { buildSearchIndex, type SearchIndex } from "./search-index.ts";
import { compileToolkitVocabulary } from "./search-vocabulary.ts";

/**
 * Reads a project's own toolkits from D1 and keeps them in the isolate for CACHE_TTL_MS, so
 * a request costs no D1 round trip for them in between. An import or delete through this
 * isolate drops its copy at once; other isolates see it within the TTL, the same bound as
 * for a revoked API key.
 */

const CACHE_TTL_MS = 30_000;
/** Projects whose toolkits an isolate keeps; beyond this the oldest entry goes. */
const MAX_CACHED_PROJECTS = 500;

const cache = new Map<string, { catalog: ProjectCatalog; expiresAt: number }>();

function projectCatalogOf(projectId: string, definitions: readonly ToolkitDefinition[]): ProjectCatalog {
  const toolkits = definitions.map(toolkitInfo);
  const entries: ToolEntry[] = [];
  const tools = new Map<string, ToolkitDefinition["tools"][number]>();
  definitions.forEach((definition, i) => {
    const toolkit = toolkits[i];
    if (!toolkit) return;
    for (const tool of definition.tools) {
      entries.push({ toolkit, tool: { slug: tool.slug, tags: tool.tags, shard: PROJECT_SHARD, readsCollection: readsCollection(tool) } });
      tools.set(tool.slug, tool);
    }
  });
  let searchIndex: SearchIndex | undefined;
  return {
    projectId,
    toolkits,
    entries,
    entryBySlug: new Map(entries.map((entry) => [entry.tool.slug, entry])),
    definitions: tools,
    // Searched with the shared index's languages, so requests read the same way.
    searchIndex: () => {
      const shared = catalogSearchIndex();
      searchIndex ??= buildSearchIndex(
        definitions.map((d) => ({ ...d, vocabulary: compileToolkitVocabulary(d.vocabulary) })),
        { english: shared.english, lexicons: shared.lexicons, lexiconWords: shared.lexiconWords },
      );
      return searchIndex;
    },
  };
}

/** The project's toolkits, from the isolate's copy while it is fresh, else from D1. */
export async function loadProjectCatalog(db: Database, projectId: string, now = Date.now()): Promise<ProjectCatalog> {
  const cached = cache.get(projectId);
  if (cached && cached.expiresAt > now) return cached.catalog;
  const rows = await listProjectToolkits(db, projectId);
  // Stored as the import parsed them (validated, defaults applied): not parsed again on this path.
  const catalog = projectCatalogOf(projectId, rows.map((row) => JSON.parse(row.definition) as ToolkitDefinition));
  setBounded(cache, projectId, { catalog, expiresAt: now + CACHE_TTL_MS }, MAX_CACHED_PROJECTS);
  return catalog;
}

/** Called where a project's toolkits change, so this isolate reads them afresh. */
export function forgetProjectCatalog(projectId: string): void {
  cache.delete(projectId);
}

/** Runs `work` with the project's own toolkits visible to the catalog's lookups. */
export async function inProjectCatalog<T>(db: Database, projectId: string, work: () => Promise<T>): Promise<T> {
  const catalog = await loadProjectCatalog(db, projectId);
  // Most projects import nothing: their requests see the shared catalog alone, as outside any
  // scope, and skip the cost of entering one on every request.
  return catalog.toolkits.length > 0 ? withProjectCatalog(catalog, work) : work();
}

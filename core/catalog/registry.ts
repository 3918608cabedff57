import { otherSlugs, type ToolDefinition } from "../../catalog/definition.ts";
import { ApiError } from "../http/errors.ts";
import {
  CATALOG_FILES_VERSION,
  CATALOG_INDEX_PATH,
  PHRASINGS_PATH,
  SEARCH_INDEX_PATH,
  SEARCH_LEXICONS_PATH,
  shardPath,
  unpackLexicons,
  type CatalogIndexFile,
  type PhrasingsFile,
  type ShardFile,
  type ToolkitInfo,
} from "./catalog-files.ts";
import type { CatalogTool, ToolEntry } from "./catalog-tool.ts";
import { DefinitionCache } from "./definition-cache.ts";
import { currentProjectCatalog } from "./project-scope.ts";
import type { SearchIndex } from "./search-index.ts";

export type { CatalogTool, ToolEntry } from "./catalog-tool.ts";
export type { ToolkitInfo } from "./catalog-files.ts";

/**
 * The tool catalog of this isolate. The compact index and the search index are read from the
 * Worker's static assets once per isolate (`loadCatalog`, awaited where requests and Durable
 * Objects start), after which toolkits and tool summaries are answered synchronously; full tool
 * definitions live in shards read on demand (`loadTool`, `loadTools`) and kept while the isolate
 * lives, up to MAX_CACHED_SHARDS. While a project's request runs, its own toolkits (imported
 * from OpenAPI, project-scope.ts) are found beside the shared ones; shared slugs always win.
 */

/** What reading the catalog needs: the static assets binding. */
export interface CatalogEnv {
  ASSETS: Fetcher;
}

interface LoadedCatalog {
  toolkits: ToolkitInfo[];
  toolkitBySlug: Map<string, ToolkitInfo>;
  entries: ToolEntry[];
  entriesByToolkit: Map<string, ToolEntry[]>;
  /** By upper-case slug and by documented alias. */
  entryBySlug: Map<string, ToolEntry>;
  searchIndex: SearchIndex;
}

/** The shard number of a project's own tools: their definitions are held in memory with the project's toolkits. */
export const PROJECT_SHARD = -1;

/**
 * Tool definitions kept in the isolate. A parsed tool takes ~6 KB of heap on average
 * (schemas), so 3,072 stay near 20 MB at worst, well inside an isolate's 128 MB, while the
 * tools a gateway's sessions and searches use stay warm.
 */
const MAX_CACHED_TOOLS = 3072;

let loaded: LoadedCatalog | undefined;
let loading: Promise<LoadedCatalog> | undefined;
const definitions = new DefinitionCache(MAX_CACHED_TOOLS);
/** Shard reads in flight: concurrent requests for tools of one shard share its read. */
const shardReads = new Map<number, Promise<ToolDefinition[]>>();

async function fetchAsset(env: CatalogEnv, path: string): Promise<Response> {
  const response = await env.ASSETS.fetch(new Request(`https://catalog.assets${path}`));
  if (!response.ok) {
    await response.body?.cancel();
    throw new ApiError(503, "catalog_unavailable", `The tool catalog could not be read (${path}: HTTP ${response.status}). Run \`npm run catalog:build\` before starting the gateway.`);
  }
  return response;
}

async function readAsset<T>(env: CatalogEnv, path: string): Promise<T> {
  return (await (await fetchAsset(env, path)).json()) as T;
}

/** The search index, with its lexicons from their own file (see packLexicons). */
async function readSearchIndex(env: CatalogEnv): Promise<SearchIndex> {
  const [index, lexicons] = await Promise.all([readAsset<SearchIndex>(env, SEARCH_INDEX_PATH), fetchAsset(env, SEARCH_LEXICONS_PATH).then((response) => response.text())]);
  return { ...index, lexicons: unpackLexicons(lexicons) };
}

/** Files built by another version of the catalog build are refused, not misread. */
function refuseOtherVersion(v: unknown): void {
  if (v !== CATALOG_FILES_VERSION) throw new ApiError(503, "catalog_unavailable", `The catalog files are version ${String(v)}; this Worker reads version ${CATALOG_FILES_VERSION}. Rebuild them with \`npm run catalog:build\`.`);
}

function unpack(file: CatalogIndexFile, searchIndex: SearchIndex): LoadedCatalog {
  refuseOtherVersion(file.v);
  const toolkits = file.toolkits;
  const toolkitBySlug = new Map(toolkits.map((toolkit) => [toolkit.slug, toolkit]));
  const entries: ToolEntry[] = [];
  const entryBySlug = new Map<string, ToolEntry>();
  const entriesByToolkit = new Map<string, ToolEntry[]>(toolkits.map((toolkit) => [toolkit.slug, []]));
  for (const [slug, position, shard, tagPositions, readsCollection] of file.tools) {
    const toolkit = toolkits[position];
    if (!toolkit) continue;
    const tags = tagPositions.flatMap((tag) => file.tags[tag] ?? []);
    const entry: ToolEntry = { toolkit, tool: { slug, tags, shard, readsCollection: readsCollection === 1 } };
    entries.push(entry);
    entriesByToolkit.get(toolkit.slug)?.push(entry);
    entryBySlug.set(slug, entry);
  }
  for (const toolkit of toolkits) {
    for (const [alias, target] of otherSlugs(toolkit)) {
      const entry = entryBySlug.get(target);
      if (entry) entryBySlug.set(alias, entry);
    }
  }
  return { toolkits, toolkitBySlug, entries, entriesByToolkit, entryBySlug, searchIndex };
}

/** Reads the catalog's index once per isolate; concurrent callers share the read, a failed read is retried by the next. */
export async function loadCatalog(env: CatalogEnv): Promise<void> {
  if (loaded) return;
  loading ??= Promise.all([readAsset<CatalogIndexFile>(env, CATALOG_INDEX_PATH), readSearchIndex(env)]).then(
    ([file, searchIndex]) => unpack(file, searchIndex),
  );
  try {
    loaded = await loading;
  } catch (error) {
    loading = undefined;
    throw error;
  }
}

function catalog(): LoadedCatalog {
  if (!loaded) throw new Error("The catalog is read before loadCatalog(env) finished: await it where the request or object starts.");
  return loaded;
}

/** Every toolkit, by slug: the shared ones and the running project's own. */
export function allToolkits(): ToolkitInfo[] {
  const own = currentProjectCatalog();
  if (!own) return catalog().toolkits;
  return [...catalog().toolkits, ...own.toolkits].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));
}

/** The shared catalog's tools, without the running project's own (the semantic index holds these). */
export function catalogTools(): ToolEntry[] {
  return catalog().entries;
}

export function allTools(): ToolEntry[] {
  const own = currentProjectCatalog();
  return own ? [...catalog().entries, ...own.entries] : catalog().entries;
}

/** The tools of one toolkit, in catalog order. */
export function toolsOfToolkit(slug: string): ToolEntry[] {
  const key = slug.toLowerCase();
  return catalog().entriesByToolkit.get(key) ?? currentProjectCatalog()?.entries.filter((entry) => entry.toolkit.slug === key) ?? [];
}

export function findToolkit(slug: string): ToolkitInfo | undefined {
  const key = slug.toLowerCase();
  return catalog().toolkitBySlug.get(key) ?? currentProjectCatalog()?.toolkits.find((toolkit) => toolkit.slug === key);
}

/** Finds a tool's summary by slug or documented alias, case-insensitively. */
export function findTool(slug: string): ToolEntry | undefined {
  const key = slug.toUpperCase();
  return catalog().entryBySlug.get(key) ?? currentProjectCatalog()?.entryBySlug.get(key);
}

/** The search index that came with the catalog. */
export function catalogSearchIndex(): SearchIndex {
  return catalog().searchIndex;
}

/** Every tool definition of one shard (read once however many ask at the same time); the definitions cache is left as it is. */
export function readShard(env: CatalogEnv, shard: number): Promise<ToolDefinition[]> {
  const pending = shardReads.get(shard);
  if (pending) return pending;
  const read = readAsset<ShardFile>(env, shardPath(shard)).then((file) => file.tools);
  shardReads.set(shard, read);
  const forget = () => shardReads.delete(shard);
  read.then(forget, forget);
  return read;
}

/** Users' phrasings of the catalog's tools, by slug: read for building the semantic index only, never kept. */
export async function readPhrasings(env: CatalogEnv): Promise<Record<string, string[]>> {
  const file = await readAsset<PhrasingsFile>(env, PHRASINGS_PATH);
  refuseOtherVersion(file.v);
  return file.phrases;
}

/** Full definitions of some catalog tools, in their order (each shard they miss read once). */
export async function loadTools(env: CatalogEnv, entries: readonly ToolEntry[]): Promise<CatalogTool[]> {
  const own = currentProjectCatalog();
  // Collected here, not re-read from the cache, which a long list may overflow.
  const found = new Map<string, ToolDefinition>();
  const missing = new Map<number, Set<string>>();
  for (const { tool } of entries) {
    if (tool.shard === PROJECT_SHARD || found.has(tool.slug)) continue;
    const cached = definitions.get(tool.slug);
    if (cached) found.set(tool.slug, cached);
    else missing.set(tool.shard, (missing.get(tool.shard) ?? new Set()).add(tool.slug));
  }
  await Promise.all(
    [...missing].map(async ([shard, slugs]) => {
      for (const definition of await readShard(env, shard)) {
        if (!slugs.has(definition.slug)) continue;
        definitions.set(definition);
        found.set(definition.slug, definition);
      }
    }),
  );
  return entries.flatMap((entry) => {
    const tool = entry.tool.shard === PROJECT_SHARD ? own?.definitions.get(entry.tool.slug) : found.get(entry.tool.slug);
    return tool ? [{ toolkit: entry.toolkit, tool }] : [];
  });
}

/** A catalog tool's full definition by slug or alias, or undefined when there is no such tool. */
export async function loadTool(env: CatalogEnv, slug: string): Promise<CatalogTool | undefined> {
  const entry = findTool(slug);
  if (!entry) return undefined;
  const [tool] = await loadTools(env, [entry]);
  return tool;
}

import { addressesOneItem, type ToolDefinition, type ToolkitDefinition } from "../../catalog/definition.ts";

/**
 * The catalog as files the Worker reads at run time (Workers Static Assets, built by
 * `npm run catalog:build` into catalog/dist/assets/), so it grows without growing the bundle:
 *  - one compact index, loaded once per isolate: every toolkit without its tools, and per
 *    tool what listing, filtering and search need (slug, name, tags, version, its shard);
 *  - the search index (search-index.ts), also loaded once per isolate, with its lexicons in a
 *    text file of their own, read but not parsed (each lexicon's JSON parsed on first use);
 *  - shards of full tool definitions (schemas, HTTP mapping), a few dozen tools of one toolkit
 *    each, loaded only when a request needs a tool's definition;
 *  - users' phrasings of the tools, read only when the semantic index is built.
 */

/** Bumped whenever the files change shape (3: toolkits carry `formerSlugs`); the Worker refuses other versions. */
export const CATALOG_FILES_VERSION = 3;

/**
 * Tools per shard: a request that needs one tool's schema reads and parses this many (~20 KB
 * on average); 10,000 tools make ~700 files, far below the 20,000 assets a Worker may have.
 */
export const TOOLS_PER_SHARD = 16;

export const CATALOG_INDEX_PATH = "/catalog/index.json";
export const SEARCH_INDEX_PATH = "/catalog/search-index.json";
/** The search index's lexicons (`SearchIndex.lexicons`) as `packLexicons` writes them. */
export const SEARCH_LEXICONS_PATH = "/catalog/search-lexicons.txt";
export const shardPath = (shard: number): string => `/catalog/shards/${shard}.json`;
/** Users' phrasings of each tool, read only to build the semantic index (the search index has them compiled). */
export const PHRASINGS_PATH = "/catalog/phrasings.json";

/** A toolkit without its tools, with what views need to know about them. */
export interface ToolkitInfo extends Omit<ToolkitDefinition, "tools"> {
  toolCount: number;
  /** The newest tool version, the toolkit's version. */
  latestVersion: string;
  /** Origins other than the base URL's that some of its tools call (the proxy allows them). */
  toolOrigins: string[];
}

/** What the index keeps of a tool: enough to list, filter and find it (names and schemas are in its shard). */
export interface ToolSummary {
  slug: string;
  tags: string[];
  shard: number;
  /** A GET of a collection (its path does not end in a placeholder): a tool that finds things' IDs. */
  readsCollection: boolean;
}

/** [slug, toolkit position, shard, tag positions, reads a collection (1/0)]: arrays and a shared tag table keep 10,000 tools compact. */
export type PackedTool = [slug: string, toolkit: number, shard: number, tags: number[], readsCollection: 0 | 1];

export interface CatalogIndexFile {
  v: typeof CATALOG_FILES_VERSION;
  toolkits: ToolkitInfo[];
  /** Every tag once; tools name theirs by position. */
  tags: string[];
  tools: PackedTool[];
}

/** One shard: full definitions of consecutive tools of one toolkit. */
export interface ShardFile {
  v: typeof CATALOG_FILES_VERSION;
  toolkit: string;
  tools: ToolDefinition[];
}

/** Users' phrasings by tool slug (the vocabularies' `phrases`), for embedding beside each tool. */
export interface PhrasingsFile {
  v: typeof CATALOG_FILES_VERSION;
  phrases: Record<string, string[]>;
}

/** Every toolkit's phrasings, by tool slug. */
export function packPhrasings(toolkits: readonly ToolkitDefinition[]): PhrasingsFile {
  const phrases: Record<string, string[]> = {};
  for (const toolkit of toolkits) for (const [slug, list] of Object.entries(toolkit.vocabulary.phrases)) if (list.length > 0) phrases[slug] = [...list];
  return { v: CATALOG_FILES_VERSION, phrases };
}

/** Whether a tool is a GET of a collection (its path does not end in a placeholder): it finds things' IDs. */
export function readsCollection(tool: Pick<ToolDefinition, "http">): boolean {
  return tool.http.method === "GET" && !addressesOneItem(tool.http.path);
}

/** A toolkit without its tools, as the index keeps it. */
export function toolkitInfo(toolkit: ToolkitDefinition): ToolkitInfo {
  const { tools, ...rest } = toolkit;
  const baseOrigin = new URL(toolkit.baseUrl).origin;
  const origins = new Set<string>();
  for (const tool of tools) if (tool.http.baseUrl) origins.add(new URL(tool.http.baseUrl).origin);
  origins.delete(baseOrigin);
  return {
    ...rest,
    // Users' phrasings of the tools are for the search index, which has them; the index the Worker loads need not.
    vocabulary: { ...rest.vocabulary, phrases: {} },
    toolCount: tools.length,
    latestVersion: tools.map((t) => t.version).sort().at(-1) ?? "00000000_00",
    toolOrigins: [...origins].sort(),
  };
}

/** Splits validated toolkits into the index and its shards (pure, deterministic: the build writes what it returns). */
export function packCatalog(toolkits: readonly ToolkitDefinition[]): { index: CatalogIndexFile; shards: ShardFile[] } {
  const index: CatalogIndexFile = { v: CATALOG_FILES_VERSION, toolkits: [], tags: [], tools: [] };
  const shards: ShardFile[] = [];
  const tagPositions = new Map<string, number>();
  const tagPosition = (tag: string) => {
    let position = tagPositions.get(tag);
    if (position === undefined) {
      position = index.tags.push(tag) - 1;
      tagPositions.set(tag, position);
    }
    return position;
  };
  toolkits.forEach((toolkit, position) => {
    index.toolkits.push(toolkitInfo(toolkit));
    for (let start = 0; start < toolkit.tools.length; start += TOOLS_PER_SHARD) {
      const tools = toolkit.tools.slice(start, start + TOOLS_PER_SHARD);
      const shard = shards.length;
      shards.push({ v: CATALOG_FILES_VERSION, toolkit: toolkit.slug, tools });
      for (const tool of tools) {
        index.tools.push([tool.slug, position, shard, tool.tags.map(tagPosition), readsCollection(tool) ? 1 : 0]);
      }
    }
  });
  return { index, shards };
}

/**
 * The lexicons' JSON texts, by key, as one text: a first line saying each one's length
 * (`{"latin:de":115766,…}`), then the texts one after another. The Worker keeps the file as it
 * reads it and slices each lexicon's text out of it (`unpackLexicons`): within the search index,
 * the same texts were JSON strings that every isolate's first search scanned (about 4 M
 * characters) before any request had needed one.
 */
export function packLexicons(lexicons: Readonly<Record<string, string>>): string {
  const lengths = Object.fromEntries(Object.entries(lexicons).map(([script, text]) => [script, text.length]));
  return `${JSON.stringify(lengths)}\n${Object.values(lexicons).join("")}`;
}

export function unpackLexicons(file: string): Record<string, string> {
  const newline = file.indexOf("\n");
  const lengths = JSON.parse(file.slice(0, newline)) as Record<string, number>;
  const lexicons: Record<string, string> = {};
  let at = newline + 1;
  for (const [script, length] of Object.entries(lengths)) {
    lexicons[script] = file.slice(at, at + length);
    at += length;
  }
  if (at !== file.length) throw new Error(`the lexicons file is ${file.length} characters, its header says ${at}`);
  return lexicons;
}

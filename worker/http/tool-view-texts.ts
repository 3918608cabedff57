import type { Context, TypedResponse } from "hono";
import type { JSONParsed } from "hono/utils/types";
import { getRecent } from "../../core/bounded-map.ts";
import { findTool, loadTools, PROJECT_SHARD, readShard, type CatalogEnv, type ToolEntry } from "../../core/catalog/registry.ts";
import { toolView } from "../../core/http/catalog-views.ts";

/**
 * Catalog tools' views (the `Tool` objects of the HTTP API) as JSON text, kept in the isolate.
 *
 * A page of tools is mostly its tools' schemas. Serialising them costs little; what costs is a
 * tool whose parsed definition the isolate no longer holds, which means reading and parsing its
 * shard. Parsed definitions take ~6 KB each, so the registry keeps 3,072 of them, and searches
 * over a 10,000-tool catalog keep missing. As text a view takes ~2 KB: the budget below holds
 * the whole catalog (~22 M characters), so once an isolate has served a tool it never reads
 * that tool's shard for a page again. A project's own tools are not kept: they are the
 * project's, and are held in memory with its catalog already.
 */
const MAX_CACHED_CHARS = 24_000_000;

/** Views by slug, the least recently used dropped first once their text passes the budget. */
export class ViewTexts {
  readonly #texts = new Map<string, string>();
  readonly #maxChars: number;
  #chars = 0;

  constructor(maxChars: number) {
    this.#maxChars = maxChars;
  }

  /** Characters kept, at most the budget. */
  get chars(): number {
    return this.#chars;
  }

  get(slug: string): string | undefined {
    return getRecent(this.#texts, slug);
  }

  set(slug: string, text: string): void {
    this.#chars -= this.#texts.get(slug)?.length ?? 0;
    this.#texts.delete(slug);
    // A text beyond the whole budget is not kept: it would push out everything else.
    if (text.length > this.#maxChars) return;
    this.#texts.set(slug, text);
    this.#chars += text.length;
    for (const [oldest, dropped] of this.#texts) {
      if (this.#chars <= this.#maxChars) break;
      this.#texts.delete(oldest);
      this.#chars -= dropped.length;
    }
  }
}

const texts = new ViewTexts(MAX_CACHED_CHARS);

/**
 * The views of some tools as JSON text, in their order (tools that no longer exist left out).
 * A missing catalog tool's shard is read whole and every tool of it kept: its neighbours (the
 * same toolkit's tools, mostly) are what the next pages ask for, and the catalog is warm after
 * one read of each shard rather than of each tool.
 */
export async function toolViewTexts(env: CatalogEnv, entries: readonly ToolEntry[]): Promise<string[]> {
  const found = new Map<string, string>();
  const own: ToolEntry[] = [];
  const shards = new Set<number>();
  for (const entry of entries) {
    const text = entry.tool.shard === PROJECT_SHARD ? undefined : texts.get(entry.tool.slug);
    if (text !== undefined) found.set(entry.tool.slug, text);
    else if (entry.tool.shard === PROJECT_SHARD) own.push(entry);
    else shards.add(entry.tool.shard);
  }
  await Promise.all(
    [...shards].map(async (shard) => {
      for (const tool of await readShard(env, shard)) {
        const entry = findTool(tool.slug);
        if (!entry) continue;
        const text = JSON.stringify(toolView(entry.toolkit, tool));
        texts.set(tool.slug, text);
        found.set(tool.slug, text);
      }
    }),
  );
  for (const { toolkit, tool } of await loadTools(env, own)) found.set(tool.slug, JSON.stringify(toolView(toolkit, tool)));
  return entries.flatMap((entry) => found.get(entry.tool.slug) ?? []);
}

/** A 200 response whose body is JSON text already, typed as the `c.json` of the value the text holds. */
export function jsonOfText<T>(c: Context, text: string): TypedResponse<JSONParsed<T>, 200, "json"> {
  return c.body(text, 200, { "Content-Type": "application/json" }) as unknown as TypedResponse<JSONParsed<T>, 200, "json">;
}

/** A page whose items are JSON text already: they are spliced into the body, not parsed and serialised again. */
export function jsonPageOfTexts<Page extends { items: unknown[] }>(
  c: Context,
  page: Omit<Page, "items">,
  itemTexts: readonly string[],
): TypedResponse<JSONParsed<Page>, 200, "json"> {
  const rest = JSON.stringify(page);
  return jsonOfText<Page>(c, `{"items":[${itemTexts.join(",")}]${rest === "{}" ? "}" : `,${rest.slice(1)}`}`);
}

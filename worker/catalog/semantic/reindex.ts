import { ApiError } from "../../../core/http/errors.ts";
import { catalogTools, loadTools, readPhrasings, type CatalogEnv, type ToolEntry } from "../../../core/catalog/registry.ts";
import type { SemanticBindings } from "../../../core/catalog/semantic/from-env.ts";
import { MAX_UPSERT_BATCH } from "../../../core/catalog/semantic/vector-store.ts";
import { EMBEDDING_BATCH_SIZE, embeddedPhrasings, vectorsForTools } from "./tool-vectors.ts";

export interface ReindexPage {
  /** Vectors written: one per tool and one per phrasing of it. */
  upserted: number;
  /** Tools this call embedded. */
  tools: number;
  /** Where the next call starts; null once every tool has been embedded. */
  nextCursor: string | null;
  /** Tools in the catalog, for progress reports. */
  total: number;
}

/**
 * Texts one call embeds at most: 20 Workers AI calls of 50. A page of core tools with twelve
 * phrasings each would otherwise embed 13 texts a tool; the page ends early instead, and the
 * cursor carries on from there.
 */
export const MAX_TEXTS_PER_PAGE = 20 * EMBEDDING_BATCH_SIZE;

/**
 * The shared catalog's tools in slug order. The cursor is the last slug embedded, not an
 * offset, so a loop that spans a deploy which adds or removes tools neither skips nor repeats
 * the others.
 */
function toolsBySlug(): ToolEntry[] {
  return [...catalogTools()].sort((a, b) => (a.tool.slug < b.tool.slug ? -1 : a.tool.slug > b.tool.slug ? 1 : 0));
}

const CURSOR_PREFIX = "after:";
const encodeCursor = (slug: string) => btoa(`${CURSOR_PREFIX}${slug}`).replace(/=+$/, "");

function decodeCursor(raw: string): string {
  let decoded = "";
  try {
    decoded = atob(raw);
  } catch {
    // Not base64: reported below like any other cursor we did not issue.
  }
  const slug = decoded.startsWith(CURSOR_PREFIX) ? decoded.slice(CURSOR_PREFIX.length) : "";
  if (!/^[A-Z][A-Z0-9_]{0,63}$/.test(slug)) {
    throw new ApiError(400, "invalid_cursor", "The `cursor` is not one this API issued.", {
      suggestedFix: "Pass the `next_cursor` value from the previous call unchanged, or omit it to start over.",
    });
  }
  return slug;
}

/** As many of `tools` from the start as `limit` allows, and their texts MAX_TEXTS_PER_PAGE (always at least one tool). */
function pageWithinBudget(tools: readonly ToolEntry[], limit: number, phrasings: Readonly<Record<string, readonly string[]>>): ToolEntry[] {
  let texts = 0;
  let count = 0;
  for (const entry of tools.slice(0, limit)) {
    const cost = 1 + embeddedPhrasings(phrasings[entry.tool.slug]).length;
    if (count > 0 && texts + cost > MAX_TEXTS_PER_PAGE) break;
    texts += cost;
    count++;
  }
  return tools.slice(0, count);
}

/**
 * Embeds one page of the catalog, each tool with its users' phrasings (vector-ids.ts), and
 * upserts it into the tool index. A page embeds at most MAX_TEXTS_PER_PAGE texts in
 * EMBEDDING_BATCH_SIZE calls and upserts them MAX_UPSERT_BATCH at a time, so it stays far
 * inside a request's subrequest limit whatever the catalog's size; callers loop on the cursor.
 */
export async function reindexPage(env: CatalogEnv, bindings: SemanticBindings, options: { cursor?: string; limit: number }): Promise<ReindexPage> {
  const tools = toolsBySlug();
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  const start = after === undefined ? 0 : tools.findIndex((entry) => entry.tool.slug > after);
  const phrasings = await readPhrasings(env);
  const page = start < 0 ? [] : pageWithinBudget(tools.slice(start), options.limit, phrasings);
  const loaded = await loadTools(env, page);
  const vectors = await vectorsForTools(
    bindings.ai,
    loaded.map((entry) => ({ ...entry, phrasings: phrasings[entry.tool.slug] ?? [] })),
  );
  for (let from = 0; from < vectors.length; from += MAX_UPSERT_BATCH) await bindings.vectors.upsert(vectors.slice(from, from + MAX_UPSERT_BATCH));
  const last = page.at(-1);
  const more = start >= 0 && start + page.length < tools.length;
  return { upserted: vectors.length, tools: page.length, nextCursor: more && last ? encodeCursor(last.tool.slug) : null, total: tools.length };
}

import { ApiError } from "../../../core/http/errors.ts";
import { allTools, loadTools, type CatalogEnv, type ToolEntry } from "../../../core/catalog/registry.ts";
import type { SemanticBindings } from "../../../core/catalog/semantic/from-env.ts";
import { vectorsForTools } from "./tool-vectors.ts";

export interface ReindexPage {
  upserted: number;
  /** Where the next call starts; null once every tool has been embedded. */
  nextCursor: string | null;
  /** Tools in the catalog, for progress reports. */
  total: number;
}

/**
 * Tools in slug order. The cursor is the last slug embedded, not an offset, so a loop that
 * spans a deploy which adds or removes tools neither skips nor repeats the others.
 */
function toolsBySlug(): ToolEntry[] {
  return [...allTools()].sort((a, b) => (a.tool.slug < b.tool.slug ? -1 : a.tool.slug > b.tool.slug ? 1 : 0));
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

/**
 * Embeds one page of the catalog and upserts it into the tool index. Each call makes
 * ceil(limit / 50) Workers AI calls and one Vectorize upsert, so a page of 200 stays far
 * inside a request's subrequest limit whatever the catalog's size; callers loop on the cursor.
 */
export async function reindexPage(env: CatalogEnv, bindings: SemanticBindings, options: { cursor?: string; limit: number }): Promise<ReindexPage> {
  const tools = toolsBySlug();
  const after = options.cursor === undefined ? undefined : decodeCursor(options.cursor);
  const start = after === undefined ? 0 : tools.findIndex((entry) => entry.tool.slug > after);
  const page = start < 0 ? [] : tools.slice(start, start + options.limit);
  const vectors = await vectorsForTools(bindings.ai, await loadTools(env, page));
  if (vectors.length > 0) await bindings.vectors.upsert(vectors);
  const last = page.at(-1);
  const more = start >= 0 && start + page.length < tools.length;
  return { upserted: vectors.length, nextCursor: more && last ? encodeCursor(last.tool.slug) : null, total: tools.length };
}

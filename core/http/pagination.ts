import { z } from "@hono/zod-openapi";
import { ApiError } from "./errors.ts";

/** Position after the last row of a page; rows are ordered by (created_at, id). */
export interface Cursor {
  createdAt: number;
  id: string;
}

export const pageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).openapi({ description: "Items per page, 1–100." }),
  cursor: z.string().max(200).optional().openapi({ description: "`next_cursor` from the previous page." }),
});

function invalidCursor(): ApiError {
  return new ApiError(400, "invalid_cursor", "The `cursor` is not one this API issued.", {
    suggestedFix: "Pass the `next_cursor` value from the previous page unchanged, or omit it to start over.",
  });
}

export function encodeCursor(cursor: Cursor): string {
  return btoa(JSON.stringify([cursor.createdAt, cursor.id])).replace(/=+$/, "");
}

const cursorShape = z.tuple([z.number().int().nonnegative(), z.string().min(1).max(100)]);

export function decodeCursor(raw: string | undefined): Cursor | undefined {
  if (raw === undefined) return undefined;
  try {
    const [createdAt, id] = cursorShape.parse(JSON.parse(atob(raw)));
    return { createdAt, id };
  } catch {
    throw invalidCursor();
  }
}

/** Trims the look-ahead row and derives the next cursor from the last row kept. */
export function toPage<T extends { createdAt: Date; id: string }>(rows: T[], limit: number) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor = rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt.getTime(), id: last.id }) : null;
  return { items, nextCursor };
}

export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({
    items: z.array(item).openapi({ description: "This page's items, in the list's order; at most `limit` of them." }),
    next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` to get the next page; null on the last page. Opaque: send it back unchanged." }),
  });
}

function decodeOffset(raw: string): number {
  let offset = Number.NaN;
  try {
    offset = Number(/^o:(\d+)$/.exec(atob(raw))?.[1]);
  } catch {
    // Not base64: reported below like any other cursor we did not issue.
  }
  if (!Number.isSafeInteger(offset)) {
    throw invalidCursor();
  }
  return offset;
}

/** Where a page of an in-memory list starts: the offset its cursor holds (0 without one). */
export function listOffset(rawCursor: string | undefined): number {
  return rawCursor === undefined ? 0 : decodeOffset(rawCursor);
}

/**
 * Pages over an in-memory list (the catalog) with the same `limit`/`cursor` contract;
 * the cursor is the offset, opaque to callers. Adds Composio's page counters.
 */
export function pageOfList<T>(items: T[], limit: number, rawCursor: string | undefined) {
  const offset = listOffset(rawCursor);
  const page = items.slice(offset, offset + limit);
  const next = offset + limit < items.length ? btoa(`o:${offset + limit}`) : null;
  return {
    items: page,
    next_cursor: next,
    total_items: items.length,
    total_pages: Math.max(1, Math.ceil(items.length / limit)),
    current_page: Math.floor(offset / limit) + 1,
  };
}

/** Composio's list shape: the page's items with cursor and counters. */
export function countedPageOf<T extends z.ZodType>(item: T, name: string) {
  return z
    .object({
      items: z.array(item).openapi({ description: "This page's items, in the list's order; at most `limit` of them." }),
      next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` to get the next page; null on the last page. Opaque: send it back unchanged." }),
      total_items: z.number().int().openapi({ description: "How many items match the query, across all pages." }),
      total_pages: z.number().int().openapi({ description: "How many pages of `limit` items the matches fill (at least 1)." }),
      current_page: z.number().int().openapi({ description: "This page's number, counting from 1." }),
    })
    .openapi(name);
}

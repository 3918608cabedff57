import { and, eq, gt, lt, lte, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Cursor } from "../http/pagination.ts";

/** Rows strictly after `cursor` in (created_at, id) order; no condition on the first page. */
export function afterCursor(createdAt: SQLiteColumn, id: SQLiteColumn, cursor: Cursor | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const at = new Date(cursor.createdAt);
  return or(gt(createdAt, at), and(eq(createdAt, at), gt(id, cursor.id)));
}

/**
 * Rows strictly before `cursor` in (created_at, id) order, for newest-first pages. The leading
 * `created_at <=` is implied by the rest but is what lets SQLite start the scan at the cursor
 * in an index ending in (created_at, id), instead of reading every newer row again.
 */
export function beforeCursor(createdAt: SQLiteColumn, id: SQLiteColumn, cursor: Cursor | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const at = new Date(cursor.createdAt);
  return and(lte(createdAt, at), or(lt(createdAt, at), lt(id, cursor.id)));
}

import { and, eq, gt, or, type SQL } from "drizzle-orm";
import type { SQLiteColumn } from "drizzle-orm/sqlite-core";
import type { Cursor } from "../http/pagination.ts";

/** Rows strictly after `cursor` in (created_at, id) order; no condition on the first page. */
export function afterCursor(createdAt: SQLiteColumn, id: SQLiteColumn, cursor: Cursor | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const at = new Date(cursor.createdAt);
  return or(gt(createdAt, at), and(eq(createdAt, at), gt(id, cursor.id)));
}

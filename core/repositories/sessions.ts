import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { beforeCursor } from "../db/keyset.ts";
import { connectedAccounts, sessions, type ConnectedAccountRow, type SessionRow } from "../db/schema.ts";
import type { Cursor } from "../http/pagination.ts";

/** The session index (D1). A session's own state lives in its SessionObject. */

export async function insertSession(db: Database, row: SessionRow): Promise<void> {
  await db.insert(sessions).values(row);
}

/**
 * Whether a live session has this id, in any project: the one lookup not scoped by project,
 * for presigned file URLs, whose ticket is the authority. It only keeps made-up ids from
 * reaching (and creating) a Durable Object.
 */
export async function liveSessionExists(db: Database, id: string): Promise<boolean> {
  const row = await db.query.sessions.findFirst({ where: and(eq(sessions.id, id), isNull(sessions.deletedAt)), columns: { id: true } });
  return row !== undefined;
}

/**
 * The session as the index knows it, live or ended, in this project: how a request for a
 * session that is gone tells "expired" from "never existed".
 */
export async function findSessionRecord(db: Database, projectId: string, id: string): Promise<SessionRow | undefined> {
  return db.query.sessions.findFirst({ where: and(eq(sessions.projectId, projectId), eq(sessions.id, id)) });
}

export interface SessionListFilters {
  userId?: string | undefined;
  /** Deleted and expired sessions too; otherwise live ones only. */
  includeEnded: boolean;
}

/**
 * The project's sessions, newest first, up to `limit + 1` rows so the caller can tell whether
 * another page exists. One range scan: sessions_project_live, sessions_project_created or
 * sessions_project_user, each ending in (created_at, id). Returns the query (awaiting it runs
 * it), so its plan can be checked.
 */
export function listSessions(db: Database, projectId: string, filters: SessionListFilters, page: { limit: number; before?: Cursor | undefined }) {
  return db
    .select()
    .from(sessions)
    .where(
      and(
        eq(sessions.projectId, projectId),
        filters.userId !== undefined ? eq(sessions.userId, filters.userId) : undefined,
        filters.includeEnded ? undefined : isNull(sessions.deletedAt),
        beforeCursor(sessions.createdAt, sessions.id, page.before),
      ),
    )
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(page.limit + 1);
}

/** Marks a live session ended by expiry (its object then deletes its storage). */
export async function markSessionExpired(db: Database, projectId: string, id: string, at: Date): Promise<void> {
  await db
    .update(sessions)
    .set({ deletedAt: at, expiredAt: at })
    .where(and(eq(sessions.projectId, projectId), eq(sessions.id, id), isNull(sessions.deletedAt)));
}

/** Returns false when there was no live session to delete. */
export async function markSessionDeleted(db: Database, projectId: string, id: string): Promise<boolean> {
  const updated = await db
    .update(sessions)
    .set({ deletedAt: new Date() })
    .where(and(eq(sessions.projectId, projectId), eq(sessions.id, id), isNull(sessions.deletedAt)))
    .returning({ id: sessions.id });
  return updated.length === 1;
}

/** Connected accounts by id, this project's only (the ids come from a caller). */
export async function findAccountsByIds(db: Database, projectId: string, ids: string[]): Promise<Map<string, ConnectedAccountRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query.connectedAccounts.findMany({
    where: and(eq(connectedAccounts.projectId, projectId), inArray(connectedAccounts.id, [...new Set(ids)])),
  });
  return new Map(rows.map((row) => [row.id, row]));
}


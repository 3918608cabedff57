import { and, asc, eq, inArray, isNotNull, isNull, lte, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../core/db/client.ts";
import { apiKeys, authConfigs, connectedAccounts, executionLogs, linkRequests, mcpCredentials, projects, projectToolkits, sessions } from "../../core/db/schema.ts";

/**
 * The SQL of deleting a project (worker/lifecycle/deleted-projects.ts says in what order and
 * why). D1 has no interactive transactions and each statement should stay short, so every
 * delete here takes at most `limit` rows and says how many went; the caller repeats it.
 */

/** The project's row whether or not its deletion has begun: the one lookup that sees deleted projects. */
export async function findProjectForDeletion(db: Database, projectId: string): Promise<{ id: string; deletedAt: Date | null } | undefined> {
  return db.query.projects.findFirst({ where: eq(projects.id, projectId), columns: { id: true, deletedAt: true } });
}

/**
 * One batch (D1's atomic unit): the project is marked deleted, so no route shows it and no key
 * lookup finds it, and every one of its keys is revoked, so an isolate that re-reads a key sees
 * it refused whichever it reads first. The name is freed for a new project at once (a deleted
 * project's row may stay a few minutes, see `removeDeletedProject`); `(` never appears in a name
 * an operator can choose. A second call changes nothing and returns the first deletion's time.
 */
export async function markProjectDeleted(db: Database, projectId: string, at: Date): Promise<Date> {
  const [, , [row]] = await db.batch([
    db
      .update(projects)
      .set({ deletedAt: at, name: sql`'(deleted) ' || ${projects.id}` })
      .where(and(eq(projects.id, projectId), isNull(projects.deletedAt))),
    db.update(apiKeys).set({ revokedAt: at }).where(and(eq(apiKeys.projectId, projectId), isNull(apiKeys.revokedAt))),
    db.select({ deletedAt: projects.deletedAt }).from(projects).where(eq(projects.id, projectId)),
  ]);
  return row?.deletedAt ?? at;
}

/** Projects whose deletion has begun, longest waiting first: what the scheduled cleanup finishes. */
export async function projectsBeingDeleted(db: Database, limit: number): Promise<{ id: string; deletedAt: Date }[]> {
  const rows = await db
    .select({ id: projects.id, deletedAt: projects.deletedAt })
    .from(projects)
    .where(isNotNull(projects.deletedAt))
    .orderBy(asc(projects.deletedAt), asc(projects.id))
    .limit(limit);
  return rows.flatMap((row) => (row.deletedAt ? [{ id: row.id, deletedAt: row.deletedAt }] : []));
}

/** The tables a deletion empties, in the order it empties them. */
export type ProjectTable = "link_requests" | "connected_accounts" | "auth_configs" | "mcp_credentials" | "sessions" | "api_keys" | "project_toolkits" | "execution_logs";

/**
 * Deletes up to `limit` of the project's rows of one table; returns how many went. Each table's
 * rows are found through an index that starts with `project_id`, so a statement reads what it
 * deletes and little else. Sessions still live are left to `liveSessionIds` and `deleteSessions`:
 * their objects must be told first.
 */
export async function deleteSomeRows(db: Database, table: ProjectTable, projectId: string, limit: number): Promise<number> {
  if (table === "sessions") return deleteSome(db, sessions, and(eq(sessions.projectId, projectId), isNotNull(sessions.deletedAt)), limit);
  const owned = OWNED_TABLES[table];
  return deleteSome(db, owned, eq(owned.projectId, projectId), limit);
}

/** Every table but `sessions` (whose live rows wait for their objects) is emptied by its `project_id` alone. */
const OWNED_TABLES = {
  link_requests: linkRequests,
  connected_accounts: connectedAccounts,
  auth_configs: authConfigs,
  mcp_credentials: mcpCredentials,
  api_keys: apiKeys,
  project_toolkits: projectToolkits,
  execution_logs: executionLogs,
} as const;

type OwnedTable = (typeof OWNED_TABLES)[keyof typeof OWNED_TABLES] | typeof sessions;

/** One statement: up to `limit` rows of `table` matching `where`, found by id; how many went. */
async function deleteSome(db: Database, table: OwnedTable, where: SQL | undefined, limit: number): Promise<number> {
  const some = db.select({ id: table.id }).from(table).where(where).limit(limit);
  return (await db.delete(table).where(inArray(table.id, some)).returning({ id: table.id })).length;
}

/** Up to `limit` of the project's sessions not yet ended: each has an object to tell. */
export async function liveSessionIds(db: Database, projectId: string, limit: number): Promise<string[]> {
  const rows = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(eq(sessions.projectId, projectId), isNull(sessions.deletedAt)))
    .limit(limit);
  return rows.map((row) => row.id);
}

/** Deletes these sessions' index rows (at most 99 ids: D1 binds at most 100 values a statement). */
export async function deleteSessions(db: Database, projectId: string, ids: string[]): Promise<number> {
  if (ids.length === 0) return 0;
  const deleted = await db
    .delete(sessions)
    .where(and(eq(sessions.projectId, projectId), inArray(sessions.id, ids)))
    .returning({ id: sessions.id });
  return deleted.length;
}

/**
 * The last statement: the project's row, if its deletion began at or before `markedBefore`.
 * The foreign keys' ON DELETE CASCADE takes with it whatever a straggler wrote after the
 * tables were emptied (a log row, a session made with a key an isolate still had cached), at
 * most a few rows, since nothing can reach the project once that cache has run out.
 */
export async function removeDeletedProject(db: Database, projectId: string, markedBefore: Date): Promise<boolean> {
  const deleted = await db
    .delete(projects)
    .where(and(eq(projects.id, projectId), isNotNull(projects.deletedAt), lte(projects.deletedAt, markedBefore)))
    .returning({ id: projects.id });
  return deleted.length === 1;
}

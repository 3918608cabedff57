import { and, asc, desc, eq, exists, gte, inArray, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Database } from "../../core/db/client.ts";
import { afterCursor, beforeCursor } from "../../core/db/keyset.ts";
import { executionLogs, projects, type CredentialType, type ExecutionLogRow } from "../../core/db/schema.ts";
import { ApiError } from "../../core/http/errors.ts";
import type { Cursor } from "../../core/http/pagination.ts";

/**
 * A log row written off a request's path (`waitUntil`): tried twice, and a row D1 already
 * has is not an error. A row lost after that is reported by id, never with its content.
 */
export async function storeExecutionLog(db: Database, row: ExecutionLogRow): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.insert(executionLogs).values(row).onConflictDoNothing();
      return;
    } catch (err) {
      if (attempt >= 2) {
        console.error(JSON.stringify({ level: "error", message: "could not store an execution log", log_id: row.id, error: String(err) }));
        return;
      }
    }
  }
}

export async function getExecutionLog(db: Database, projectId: string, id: string): Promise<ExecutionLogRow> {
  const row = await db.query.executionLogs.findFirst({ where: and(eq(executionLogs.projectId, projectId), eq(executionLogs.id, id)) });
  if (!row) throw new ApiError(404, "log_not_found", `This project has no execution log ${id}.`);
  return row;
}

export interface LogFilters {
  userId?: string;
  toolkitSlug?: string;
  toolSlug?: string;
  status?: "success" | "error";
  connectedAccountId?: string;
  sessionId?: string;
  credentialType?: CredentialType;
  credentialId?: string;
  from?: Date;
  to?: Date;
}

/**
 * Up to `limit + 1` rows, so the caller can tell whether another page exists. Returns the query
 * (await it for the rows), so a test can read the plan SQLite chooses for it.
 */
export function searchExecutionLogs(
  db: Database,
  projectId: string,
  filters: LogFilters,
  page: { limit: number; after?: Cursor; newestFirst?: boolean },
) {
  const conditions: (SQL | undefined)[] = [
    eq(executionLogs.projectId, projectId),
    filters.userId !== undefined ? eq(executionLogs.userId, filters.userId) : undefined,
    filters.toolkitSlug !== undefined ? eq(executionLogs.toolkitSlug, filters.toolkitSlug) : undefined,
    filters.toolSlug !== undefined ? eq(executionLogs.toolSlug, filters.toolSlug) : undefined,
    filters.status !== undefined ? eq(executionLogs.status, filters.status) : undefined,
    filters.connectedAccountId !== undefined ? eq(executionLogs.connectedAccountId, filters.connectedAccountId) : undefined,
    filters.sessionId !== undefined ? eq(executionLogs.sessionId, filters.sessionId) : undefined,
    filters.credentialType !== undefined ? eq(executionLogs.credentialType, filters.credentialType) : undefined,
    filters.credentialId !== undefined ? eq(executionLogs.credentialId, filters.credentialId) : undefined,
    filters.from ? gte(executionLogs.createdAt, filters.from) : undefined,
    filters.to ? lte(executionLogs.createdAt, filters.to) : undefined,
    page.newestFirst ? beforeCursor(executionLogs.createdAt, executionLogs.id, page.after) : afterCursor(executionLogs.createdAt, executionLogs.id, page.after),
  ];
  const order = page.newestFirst ? [desc(executionLogs.createdAt), desc(executionLogs.id)] : [asc(executionLogs.createdAt), asc(executionLogs.id)];
  return db
    .select()
    .from(executionLogs)
    .where(and(...conditions))
    .orderBy(...order)
    .limit(page.limit + 1);
}

const DAY_MS = 86_400_000;

/**
 * Up to `limit` projects holding logs older than their own `log_retention_days` at `now`, with
 * the instant before which their logs go. One index probe per project
 * (execution_logs_project_created), so projects with nothing to delete cost almost nothing.
 */
export async function projectsWithLogsPastRetention(db: Database, now: Date, limit: number): Promise<{ projectId: string; cutoff: Date }[]> {
  const cutoff = sql<number>`${now.getTime()} - ${projects.logRetentionDays} * ${DAY_MS}`;
  const rows = await db
    .select({ projectId: projects.id, cutoff })
    .from(projects)
    .where(exists(db.select({ id: executionLogs.id }).from(executionLogs).where(and(eq(executionLogs.projectId, projects.id), lt(executionLogs.createdAt, cutoff)))))
    .orderBy(asc(projects.id))
    .limit(limit);
  return rows.map((row) => ({ projectId: row.projectId, cutoff: new Date(row.cutoff) }));
}

/** Deletes up to `limit` of the project's logs written before `cutoff`, oldest first; returns how many went. */
export async function deleteLogsBefore(db: Database, projectId: string, cutoff: Date, limit: number): Promise<number> {
  const oldest = db
    .select({ id: executionLogs.id })
    .from(executionLogs)
    .where(and(eq(executionLogs.projectId, projectId), lt(executionLogs.createdAt, cutoff)))
    .orderBy(asc(executionLogs.createdAt), asc(executionLogs.id))
    .limit(limit);
  const deleted = await db.delete(executionLogs).where(inArray(executionLogs.id, oldest)).returning({ id: executionLogs.id });
  return deleted.length;
}

import type { Database } from "../core/db/client.ts";
import { executionLogs, type ExecutionLogRow } from "../core/db/schema.ts";
import { liveProjectIds } from "../core/repositories/projects.ts";

export const LOG_OUTBOX_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS log_outbox (id TEXT PRIMARY KEY, row TEXT NOT NULL, queued_at INTEGER NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS log_outbox_queued ON log_outbox (queued_at, id)`,
];

/**
 * Rows sent in one D1 batch: one round trip, each row its own statement. A row binds 16 values,
 * so one multi-row INSERT would pass D1's limit of 100 bound parameters at the seventh row.
 */
export const LOG_FLUSH_BATCH = 50;

type StoredRow = Omit<ExecutionLogRow, "createdAt"> & { createdAt: number };

/**
 * Execution-log rows on their way to D1. A call writes its row here, in the object's own
 * SQLite (local, synchronous, durable), and returns; the object's alarm sends the rows to D1
 * in batches and deletes what D1 accepted. A row is deleted only after D1 has it, and D1
 * ignores a row it already has, so an object evicted or restarted mid-flush loses nothing
 * and duplicates nothing.
 */
export class LogOutbox {
  readonly #sql: SqlStorage;

  constructor(storage: DurableObjectStorage) {
    this.#sql = storage.sql;
  }

  add(row: ExecutionLogRow): void {
    const stored: StoredRow = { ...row, createdAt: row.createdAt.getTime() };
    this.#sql.exec("INSERT OR REPLACE INTO log_outbox (id, row, queued_at) VALUES (?, ?, ?)", row.id, JSON.stringify(stored), Date.now());
  }

  get size(): number {
    return this.#sql.exec<{ n: number }>("SELECT count(*) AS n FROM log_outbox").one().n;
  }

  /** Sends every waiting row, a batch per round trip; a refusal stops it with the rest still waiting. */
  async flushAll(db: Database): Promise<void> {
    while ((await this.flushBatch(db)) > 0);
  }

  /** Sends the oldest rows to D1 in one round trip; returns how many went (0: nothing was waiting). */
  async flushBatch(db: Database): Promise<number> {
    const pending = this.#sql
      .exec<{ id: string; row: string }>("SELECT id, row FROM log_outbox ORDER BY queued_at, id LIMIT ?", LOG_FLUSH_BATCH)
      .toArray();
    const rows = pending.map(({ row }) => JSON.parse(row) as StoredRow);
    const [first, ...rest] = rows.map((stored) => db.insert(executionLogs).values({ ...stored, createdAt: new Date(stored.createdAt) }).onConflictDoNothing());
    if (!first) return 0;
    try {
      await db.batch([first, ...rest]);
    } catch (err) {
      const dropped = await this.#dropRowsOfDeletedProjects(db, rows);
      if (dropped === 0) throw err;
      // The rest, if any, go in the next round.
      return dropped;
    }
    this.#delete(pending.map(({ id }) => id));
    return pending.length;
  }

  /**
   * A batch D1 refused may hold rows of a project that was deleted since (their foreign key
   * has nothing to point at): those could never be stored, and retrying them would keep the
   * alarm firing for good. They are dropped with a line saying how many, never what they held.
   * If D1 cannot even answer which projects exist, nothing is dropped and the flush is retried.
   */
  async #dropRowsOfDeletedProjects(db: Database, rows: StoredRow[]): Promise<number> {
    const projectIds = [...new Set(rows.map((row) => row.projectId))];
    const live = await liveProjectIds(db, projectIds);
    const orphans = rows.filter((row) => !live.has(row.projectId));
    if (orphans.length === 0) return 0;
    this.#delete(orphans.map((row) => row.id));
    for (const projectId of projectIds.filter((id) => !live.has(id))) {
      const count = orphans.filter((row) => row.projectId === projectId).length;
      console.warn(JSON.stringify({ level: "warn", message: "dropped execution-log rows of a deleted project", project_id: projectId, rows: count }));
    }
    return orphans.length;
  }

  #delete(ids: string[]): void {
    this.#sql.exec(`DELETE FROM log_outbox WHERE id IN (${ids.map(() => "?").join(", ")})`, ...ids);
  }
}

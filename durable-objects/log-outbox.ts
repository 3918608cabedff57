import type { Database } from "../worker/db/client.ts";
import { executionLogs, type ExecutionLogRow } from "../worker/db/schema.ts";

export const LOG_OUTBOX_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS log_outbox (id TEXT PRIMARY KEY, row TEXT NOT NULL, queued_at INTEGER NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS log_outbox_queued ON log_outbox (queued_at, id)`,
];

/** Rows sent in one D1 batch: one round trip, each row one statement (a row binds 14 values). */
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
    const [first, ...rest] = pending.map(({ row }) => {
      const stored = JSON.parse(row) as StoredRow;
      return db.insert(executionLogs).values({ ...stored, createdAt: new Date(stored.createdAt) }).onConflictDoNothing();
    });
    if (!first) return 0;
    await db.batch([first, ...rest]);
    const ids = pending.map(({ id }) => id);
    this.#sql.exec(`DELETE FROM log_outbox WHERE id IN (${ids.map(() => "?").join(", ")})`, ...ids);
    return pending.length;
  }
}

import { decodeCursor, encodeCursor } from "../core/http/pagination.ts";
import type { SessionLogEntry } from "../core/sessions/context.ts";

export interface SessionLogView {
  id: string;
  tool_slug: string;
  toolkit_slug: string;
  kind: string;
  via: string;
  parent_id: string | null;
  status: string;
  error: string | null;
  connected_account_id: string | null;
  duration_ms: number;
  created_at: string;
}

export const SESSION_LOG_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS execution_log (
     id TEXT PRIMARY KEY, tool_slug TEXT NOT NULL, toolkit_slug TEXT NOT NULL, kind TEXT NOT NULL, via TEXT NOT NULL,
     parent_id TEXT, status TEXT NOT NULL, error TEXT, connected_account_id TEXT, duration_ms INTEGER NOT NULL, created_at INTEGER NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS execution_log_created ON execution_log (created_at, id)`,
];

/** The session's own log keeps the newest rows; D1 keeps every call. */
const MAX_LOG_ROWS = 10_000;
const TRIM_EVERY_WRITES = 500;
const LOGGED_ERROR_CHARS = 2000;

/** A row of the session's log as stored: the public view, with the time as epoch ms. */
type LogRow = Omit<SessionLogView, "created_at"> & { created_at: number };

const logView = (row: LogRow): SessionLogView => ({ ...row, created_at: new Date(row.created_at).toISOString() });

/** Every call made through one session (REST, MCP, meta, multi-execute, workbench), in its object's SQLite. */
export class SessionLog {
  readonly #sql: SqlStorage;
  #writesSinceTrim = 0;

  constructor(storage: DurableObjectStorage) {
    this.#sql = storage.sql;
  }

  /** Stores the call and returns it as the log shows it (its error cut to length). */
  write(entry: SessionLogEntry): SessionLogView {
    const row: LogRow = {
      id: entry.id,
      tool_slug: entry.toolSlug,
      toolkit_slug: entry.toolkitSlug,
      kind: entry.kind,
      via: entry.via,
      parent_id: entry.parentId,
      status: entry.status,
      error: entry.error?.slice(0, LOGGED_ERROR_CHARS) ?? null,
      connected_account_id: entry.connectedAccountId,
      duration_ms: entry.durationMs,
      created_at: entry.createdAt,
    };
    this.#sql.exec(
      `INSERT OR REPLACE INTO execution_log (id, tool_slug, toolkit_slug, kind, via, parent_id, status, error, connected_account_id, duration_ms, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      row.id,
      row.tool_slug,
      row.toolkit_slug,
      row.kind,
      row.via,
      row.parent_id,
      row.status,
      row.error,
      row.connected_account_id,
      row.duration_ms,
      row.created_at,
    );
    this.#writesSinceTrim += 1;
    if (this.#writesSinceTrim >= TRIM_EVERY_WRITES) {
      this.#writesSinceTrim = 0;
      this.#sql.exec("DELETE FROM execution_log WHERE id IN (SELECT id FROM execution_log ORDER BY created_at DESC, id DESC LIMIT -1 OFFSET ?)", MAX_LOG_ROWS);
    }
    return logView(row);
  }

  /** Newest first, with a (created_at, id) cursor. */
  page(page: { limit: number; cursor?: string | undefined }): { items: SessionLogView[]; next_cursor: string | null } {
    const after = decodeCursor(page.cursor);
    const rows = (
      after
        ? this.#sql.exec<LogRow>(
            "SELECT * FROM execution_log WHERE created_at < ? OR (created_at = ? AND id < ?) ORDER BY created_at DESC, id DESC LIMIT ?",
            after.createdAt,
            after.createdAt,
            after.id,
            page.limit + 1,
          )
        : this.#sql.exec<LogRow>("SELECT * FROM execution_log ORDER BY created_at DESC, id DESC LIMIT ?", page.limit + 1)
    ).toArray();
    const items = rows.slice(0, page.limit);
    const last = items.at(-1);
    return {
      items: items.map(logView),
      next_cursor: rows.length > page.limit && last ? encodeCursor({ createdAt: last.created_at, id: last.id }) : null,
    };
  }
}

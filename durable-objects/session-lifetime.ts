/**
 * How long a session lives: it expires once it has gone unused for its time-to-live (the
 * project's `session_ttl_seconds`, sent with every call so a changed setting applies at the next
 * use). Every use extends it. The SessionObject's alarm ends an expired session.
 *
 * Uses are counted in memory and written to storage at most once a minute (a busy session would
 * otherwise write on every call), so after an eviction the expiry is known to the minute, and a
 * session may end up to that much earlier than its last use plus the TTL.
 */

export const SESSION_LIFETIME_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS lifetime (
     id INTEGER PRIMARY KEY CHECK (id = 1), ttl_ms INTEGER NOT NULL, last_used_at INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS expired (id INTEGER PRIMARY KEY CHECK (id = 1), session_id TEXT NOT NULL, at INTEGER NOT NULL)`,
];

const WRITE_EVERY_MS = 60_000;
/**
 * How long an expired session's object keeps a note that it expired (one row): an isolate that
 * still remembers the session's owner sends calls straight to the object, which can then say
 * "expired" rather than "not found". After this the object deletes the note too.
 */
export const EXPIRY_NOTE_MS = 30 * 86_400_000;

interface Stored {
  ttlMs: number;
  lastUsedAt: number;
}

export class SessionLifetime {
  readonly #sql: SqlStorage;
  /** What storage holds; `null` when it holds nothing; undefined until read. */
  #stored: Stored | null | undefined;
  #lastUsedAt = 0;

  constructor(storage: DurableObjectStorage) {
    this.#sql = storage.sql;
  }

  /** A new session: its clock starts now. */
  start(ttlMs: number, now: number): void {
    this.#write({ ttlMs, lastUsedAt: now });
  }

  /** A use of the session: extends its life, and takes the project's current TTL. */
  touch(ttlMs: number, now: number): void {
    const stored = this.#read();
    if (!stored) return;
    this.#lastUsedAt = Math.max(this.#lastUsedAt, now);
    if (stored.ttlMs !== ttlMs || now - stored.lastUsedAt >= WRITE_EVERY_MS) this.#write({ ttlMs, lastUsedAt: this.#lastUsedAt });
  }

  /** When the session expires if unused from now on; undefined for an object holding no session. */
  expiresAt(): number | undefined {
    const stored = this.#read();
    return stored ? Math.max(stored.lastUsedAt, this.#lastUsedAt) + stored.ttlMs : undefined;
  }

  expired(now: number): boolean {
    const at = this.expiresAt();
    return at !== undefined && at <= now;
  }

  /** Storage was wiped: nothing is known any more. */
  forget(): void {
    this.#stored = undefined;
    this.#lastUsedAt = 0;
  }

  /** Written after the wipe of an expired session. */
  noteExpired(sessionId: string, at: number): void {
    this.#sql.exec("INSERT OR REPLACE INTO expired (id, session_id, at) VALUES (1, ?, ?)", sessionId, at);
  }

  expiredNote(): { sessionId: string; at: number } | undefined {
    const row = this.#sql.exec<{ session_id: string; at: number }>("SELECT session_id, at FROM expired WHERE id = 1").toArray()[0];
    return row && { sessionId: row.session_id, at: row.at };
  }

  #read(): Stored | null {
    if (this.#stored === undefined) {
      const row = this.#sql.exec<{ ttl_ms: number; last_used_at: number }>("SELECT ttl_ms, last_used_at FROM lifetime WHERE id = 1").toArray()[0];
      this.#stored = row ? { ttlMs: row.ttl_ms, lastUsedAt: row.last_used_at } : null;
    }
    return this.#stored;
  }

  #write(stored: Stored): void {
    this.#sql.exec(
      "INSERT INTO lifetime (id, ttl_ms, last_used_at) VALUES (1, ?, ?) ON CONFLICT (id) DO UPDATE SET ttl_ms = excluded.ttl_ms, last_used_at = excluded.last_used_at",
      stored.ttlMs,
      stored.lastUsedAt,
    );
    this.#stored = stored;
    this.#lastUsedAt = Math.max(this.#lastUsedAt, stored.lastUsedAt);
  }
}

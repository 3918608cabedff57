import { DurableObject } from "cloudflare:workers";
import { ACCOUNT_CACHE_TTL_MS } from "./sessions/account-cache.ts";
import { applySchemaVersions, type SchemaVersion } from "./schema-versions.ts";

/** A watcher is kept a little past the cache's own lifetime, so clock skew never drops a live one. */
const WATCH_TTL_MS = ACCOUNT_CACHE_TTL_MS + 60_000;
/** Sessions told at once; the rest wait their turn, so one change never opens thousands of calls together. */
const NOTIFY_CONCURRENCY = 32;
/** Pruning is done now and then, not on every watch. */
const PRUNE_EVERY_WATCHES = 200;

/** The object's storage, version by version (schema-versions.ts): add a version, never edit one. */
const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  {
    version: 1,
    adds: "which sessions watch which users",
    statements: [
      "CREATE TABLE IF NOT EXISTS watchers (session_id TEXT PRIMARY KEY, user_id TEXT NOT NULL, since INTEGER NOT NULL)",
      "CREATE INDEX IF NOT EXISTS watchers_user ON watchers (user_id, since)",
    ],
  },
];

/**
 * One object per project (`env.ACCOUNT_WATCHERS.getByName(projectId)`): which sessions hold
 * the project's accounts and auth configs in memory (AccountCache), and telling them when
 * those change. A session registers before it reads D1, and stays registered as long as its
 * copy may live, so every change committed after a session's read reaches it: the write
 * paths (account connected, refreshed, revoked, disabled, deleted, renamed; auth config
 * created, updated, enabled, disabled, deleted) call `accountsChanged` / `authConfigsChanged`
 * after their D1 write and wait for every watching session to drop its copy.
 *
 * Only sessions that read in the last cache lifetime are told, so a change costs as many
 * calls as there are sessions in use, not as many as were ever created. When the project is
 * deleted, `projectDeleted` deletes everything the object stores.
 */
export class AccountWatchersObject extends DurableObject<Env> {
  #watchesSincePrune = 0;
  /** Set once `projectDeleted` dropped the tables: reads find no one to tell, and only a watch creates them again. */
  #emptied = false;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    applySchemaVersions(ctx.storage, SCHEMA_VERSIONS);
  }

  async watch(sessionId: string, userId: string): Promise<void> {
    if (this.#emptied) {
      applySchemaVersions(this.ctx.storage, SCHEMA_VERSIONS);
      this.#emptied = false;
    }
    const now = Date.now();
    this.ctx.storage.sql.exec(
      "INSERT INTO watchers (session_id, user_id, since) VALUES (?, ?, ?) ON CONFLICT (session_id) DO UPDATE SET user_id = excluded.user_id, since = excluded.since",
      sessionId,
      userId,
      now,
    );
    if (++this.#watchesSincePrune >= PRUNE_EVERY_WATCHES) {
      this.#watchesSincePrune = 0;
      this.ctx.storage.sql.exec("DELETE FROM watchers WHERE since < ?", now - WATCH_TTL_MS);
    }
  }

  /** A user's accounts changed: their watching sessions drop their copies. Returns how many were told. */
  async accountsChanged(userId: string): Promise<number> {
    if (this.#emptied) return 0;
    const sessions = this.ctx.storage.sql
      .exec<{ session_id: string }>("SELECT session_id FROM watchers WHERE user_id = ? AND since >= ?", userId, Date.now() - WATCH_TTL_MS)
      .toArray();
    return this.#tell(sessions.map((row) => row.session_id));
  }

  /** An auth config changed: any session may hold it, so every watching session drops its copy. */
  async authConfigsChanged(): Promise<number> {
    if (this.#emptied) return 0;
    const sessions = this.ctx.storage.sql
      .exec<{ session_id: string }>("SELECT session_id FROM watchers WHERE since >= ?", Date.now() - WATCH_TTL_MS)
      .toArray();
    return this.#tell(sessions.map((row) => row.session_id));
  }

  /** A session that ended no longer needs telling. */
  async unwatch(sessionId: string): Promise<void> {
    if (this.#emptied) return;
    this.ctx.storage.sql.exec("DELETE FROM watchers WHERE session_id = ?", sessionId);
  }

  /**
   * The project was deleted (worker/lifecycle/deleted-projects.ts, after its live sessions were
   * ended): the object deletes all its storage, tables included, so nothing of the project stays
   * in it. Returns how many watchers it held; the purge calls it on every run until the project's
   * row goes, so a session that watched again in between is dropped too.
   */
  async projectDeleted(): Promise<number> {
    const held = this.#emptied ? 0 : this.ctx.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM watchers").one().n;
    // The object sets no alarm today; deleteAll() leaves alarms in place, so one added later must not outlive the project.
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.#emptied = true;
    this.#watchesSincePrune = 0;
    return held;
  }

  async #tell(sessionIds: string[]): Promise<number> {
    const projectId = this.ctx.id.name ?? "";
    let next = 0;
    const worker = async () => {
      while (next < sessionIds.length) {
        const sessionId = sessionIds[next++] as string;
        await this.#tellOne(projectId, sessionId);
      }
    };
    await Promise.all(Array.from({ length: Math.min(NOTIFY_CONCURRENCY, sessionIds.length) }, worker));
    return sessionIds.length;
  }

  /** Tried twice; a session that cannot be reached keeps its copy until its lifetime ends, so it is logged. */
  async #tellOne(projectId: string, sessionId: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.env.SESSIONS.getByName(sessionId).accountsChanged(projectId);
        return;
      } catch (err) {
        if (attempt >= 2) {
          console.error(JSON.stringify({ level: "error", message: "could not tell a session that accounts changed", session_id: sessionId, error: String(err) }));
          return;
        }
      }
    }
  }
}

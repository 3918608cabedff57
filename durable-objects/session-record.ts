import { SessionConfigSchema, type SessionConfig } from "../core/sessions/config.ts";

/**
 * The session's own record in its object's storage: the config and its versions, the accounts
 * the session chose (pinned by its config, or connected through it), and the Connect Links it
 * started. Only this object writes these tables, so what it reads is kept in memory and
 * forgotten exactly when it writes: a call reads no SQL for them once warm.
 */

/** Version 1 of these tables (the object's schema list, schema-versions.ts, includes them). */
export const SESSION_RECORD_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS session (
     id TEXT PRIMARY KEY, project_id TEXT NOT NULL, config TEXT NOT NULL, config_version INTEGER NOT NULL,
     created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS config_history (version INTEGER PRIMARY KEY, config TEXT NOT NULL, archived_at INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS account_choices (
     toolkit_slug TEXT PRIMARY KEY, connected_account_id TEXT NOT NULL, source TEXT NOT NULL, updated_at INTEGER NOT NULL)`,
  `CREATE TABLE IF NOT EXISTS pending_links (
     connected_account_id TEXT PRIMARY KEY, toolkit_slug TEXT NOT NULL, link_token TEXT NOT NULL, status TEXT NOT NULL,
     created_at INTEGER NOT NULL, updated_at INTEGER NOT NULL)`,
];

export type SessionRow = { id: string; project_id: string; config: string; config_version: number; created_at: number; updated_at: number };
export type AccountChoice = { toolkit_slug: string; connected_account_id: string; source: string; updated_at: number };
export type ArchivedConfig = { version: number; config: SessionConfig; archivedAt: number };

const UPSERT_CHOICE = `INSERT INTO account_choices (toolkit_slug, connected_account_id, source, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (toolkit_slug) DO UPDATE SET connected_account_id = excluded.connected_account_id, source = excluded.source, updated_at = excluded.updated_at`;

export class SessionRecord {
  readonly #storage: DurableObjectStorage;
  #row: SessionRow | undefined;
  #parsed: { text: string; config: SessionConfig } | undefined;
  #choices: AccountChoice[] | undefined;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
  }

  /** The session's row; undefined in an object that holds no session. */
  row(): SessionRow | undefined {
    this.#row ??= this.#storage.sql.exec<SessionRow>("SELECT * FROM session LIMIT 1").toArray()[0];
    return this.#row;
  }

  /** The config of a row, parsed again only when its text changed. */
  config(row: SessionRow): SessionConfig {
    if (this.#parsed?.text !== row.config) this.#parsed = { text: row.config, config: SessionConfigSchema.parse(JSON.parse(row.config)) };
    return this.#parsed.config;
  }

  create(session: { id: string; projectId: string; config: SessionConfig; createdAt: number }): void {
    this.#storage.transactionSync(() => {
      this.#storage.sql.exec(
        "INSERT INTO session (id, project_id, config, config_version, created_at, updated_at) VALUES (?, ?, ?, 1, ?, ?)",
        session.id,
        session.projectId,
        JSON.stringify(session.config),
        session.createdAt,
        session.createdAt,
      );
      this.#recordPins(session.config, session.createdAt);
    });
    this.#forgetReads();
  }

  /** Replaces the config, archiving the one it replaces as `version`. */
  commit(replaced: { version: number; config: SessionConfig }, next: SessionConfig, at: number): void {
    this.#storage.transactionSync(() => {
      this.#storage.sql.exec("INSERT INTO config_history (version, config, archived_at) VALUES (?, ?, ?)", replaced.version, JSON.stringify(replaced.config), at);
      this.#storage.sql.exec("UPDATE session SET config = ?, config_version = config_version + 1, updated_at = ?", JSON.stringify(next), at);
      this.#recordPins(next, at);
    });
    this.#forgetReads();
  }

  /** Earlier configs, newest first. */
  history(): ArchivedConfig[] {
    return this.#storage.sql
      .exec<{ version: number; config: string; archived_at: number }>("SELECT version, config, archived_at FROM config_history ORDER BY version DESC")
      .toArray()
      .map((row) => ({ version: row.version, config: SessionConfigSchema.parse(JSON.parse(row.config)), archivedAt: row.archived_at }));
  }

  /** Every choice, by toolkit: pinned by the config or connected through this session. */
  choices(): AccountChoice[] {
    this.#choices ??= this.#storage.sql.exec<AccountChoice>("SELECT * FROM account_choices ORDER BY toolkit_slug, connected_account_id").toArray();
    return this.#choices;
  }

  /** The account connected through this session for a toolkit, if any. */
  linkedAccount(toolkitSlug: string): string | undefined {
    return this.choices().find((choice) => choice.toolkit_slug === toolkitSlug && choice.source === "linked")?.connected_account_id;
  }

  /** A Connect Link this session started, until its callback reports back. */
  rememberLink(toolkitSlug: string, link: { connected_account_id: string; link_token: string }, at: number): void {
    this.#storage.sql.exec(
      "INSERT OR REPLACE INTO pending_links (connected_account_id, toolkit_slug, link_token, status, created_at, updated_at) VALUES (?, ?, ?, 'INITIATED', ?, ?)",
      link.connected_account_id,
      toolkitSlug,
      link.link_token,
      at,
      at,
    );
  }

  /** A link's callback finished: an account that became ACTIVE is the session's choice for its toolkit. */
  linkFinished(event: { toolkitSlug: string; connectedAccountId: string; status: "ACTIVE" | "FAILED" }, at: number): void {
    this.#storage.sql.exec("UPDATE pending_links SET status = ?, updated_at = ? WHERE connected_account_id = ?", event.status, at, event.connectedAccountId);
    if (event.status === "ACTIVE") {
      this.#storage.sql.exec(UPSERT_CHOICE, event.toolkitSlug, event.connectedAccountId, "linked", at);
      this.#choices = undefined;
    }
  }

  /** Storage was wiped (end, expiry): nothing read before holds. */
  forget(): void {
    this.#forgetReads();
    this.#parsed = undefined;
  }

  #forgetReads(): void {
    this.#row = undefined;
    this.#choices = undefined;
  }

  /** Pins from `connected_accounts` are choices too; replacing the config replaces them. */
  #recordPins(config: SessionConfig, at: number): void {
    this.#storage.sql.exec("DELETE FROM account_choices WHERE source = 'pinned'");
    for (const [toolkit, ids] of Object.entries(config.connected_accounts ?? {})) {
      const [first] = ids;
      if (first !== undefined) this.#storage.sql.exec(UPSERT_CHOICE, toolkit, first, "pinned", at);
    }
  }
}

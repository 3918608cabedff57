import type { AccountPool } from "../../core/sessions/accounts.ts";

/**
 * How long a session trusts its copy without hearing of a change. Changes are pushed
 * (AccountWatchersObject tells every watching session at once); this only bounds the damage
 * of a notice lost on the way, and is how long a watcher stays registered.
 */
export const ACCOUNT_CACHE_TTL_MS = 10 * 60_000;

export interface AccountSource {
  /** Registers the session to hear of changes to the user's accounts and the project's auth configs. */
  watch(): Promise<void>;
  /** Reads the pool from D1. */
  load(): Promise<AccountPool>;
}

/**
 * A session's copy of its user's account pool, so a warm session picks and uses accounts
 * without a D1 round trip. It watches before it reads: a change committed after the read
 * began is announced to it, and a change announced while a read is in flight (`invalidate`)
 * discards that read's result, so a stale pool is never kept.
 */
export class AccountCache {
  readonly #source: AccountSource;
  #pool: AccountPool | undefined;
  #expiresAt = 0;
  #generation = 0;
  #loading: Promise<AccountPool> | undefined;

  constructor(source: AccountSource) {
    this.#source = source;
  }

  /** The pool: the kept copy while it is current, else a fresh read shared by concurrent callers. */
  pool(now = Date.now()): Promise<AccountPool> {
    if (this.#pool && now < this.#expiresAt) return Promise.resolve(this.#pool);
    if (!this.#loading) {
      const loading = this.#refresh().finally(() => {
        if (this.#loading === loading) this.#loading = undefined;
      });
      this.#loading = loading;
    }
    return this.#loading;
  }

  /** Something the pool holds changed: the next call reads it afresh. */
  invalidate(): void {
    this.#generation += 1;
    this.#pool = undefined;
    this.#loading = undefined;
  }

  /** Whether a current copy is held (for tests and the session's description of itself). */
  get warm(): boolean {
    return this.#pool !== undefined && Date.now() < this.#expiresAt;
  }

  async #refresh(): Promise<AccountPool> {
    const generation = this.#generation;
    const since = Date.now();
    let watching = true;
    try {
      await this.#source.watch();
    } catch (err) {
      // Unwatched, a copy could outlive a revocation: this read serves this call only.
      watching = false;
      console.error(JSON.stringify({ level: "warn", message: "could not watch for account changes; not keeping the accounts", error: String(err) }));
    }
    const pool = await this.#source.load();
    if (watching && generation === this.#generation) {
      this.#pool = pool;
      this.#expiresAt = since + ACCOUNT_CACHE_TTL_MS;
    }
    return pool;
  }
}

import { setBounded } from "../../core/bounded-map.ts";

/**
 * What this isolate remembers about a key it has seen, so an authenticated request
 * costs no D1 round trip. Entries live `ttlMs`; that is the bound on how long a key
 * revoked in another isolate keeps working here.
 */
export interface KnownKey {
  projectId: string;
  keyId: string;
  revoked: boolean;
  /** The project's session time-to-live, so session requests need no project lookup. */
  sessionTtlMs: number;
  /** Last use recorded in D1 (by any isolate, as of the lookup, or by this one since). */
  lastUsedRecordedAt: number | null;
}

/** What every cached credential has: the project it opens, its id, and whether it was revoked. */
export interface CachedCredential {
  projectId: string;
  keyId: string;
  revoked: boolean;
}

interface Entry<K> {
  key: K | null; // null: no such key
  expiresAt: number;
}

// Bounded so a flood of made-up keys cannot grow an isolate's memory without limit.
const MAX_ENTRIES = 10_000;
// Unknown keys are remembered briefly: long enough to blunt a flood, short enough not to matter.
const UNKNOWN_KEY_TTL_MS = 5_000;

/** Project keys here; scoped MCP credentials keep one of their own (worker/auth/require-mcp-caller.ts). */
export class KeyCache<K extends CachedCredential = KnownKey> {
  readonly #entries = new Map<string, Entry<K>>();

  /** `undefined`: not cached; `null`: cached as unknown. */
  get(hash: string, now: number): K | null | undefined {
    const entry = this.#entries.get(hash);
    if (!entry) return undefined;
    if (entry.expiresAt <= now) {
      this.#entries.delete(hash);
      return undefined;
    }
    return entry.key;
  }

  set(hash: string, key: K | null, now: number, ttlMs: number): void {
    setBounded(this.#entries, hash, { key, expiresAt: now + (key ? ttlMs : Math.min(ttlMs, UNKNOWN_KEY_TTL_MS)) }, MAX_ENTRIES);
  }

  /** Called where a project is deleted: every key of it this isolate knows is refused from now on. */
  markProjectRevoked(projectId: string): void {
    for (const entry of this.#entries.values()) {
      if (entry.key?.projectId === projectId) entry.key.revoked = true;
    }
  }

  /** Called where a key is revoked, so this isolate stops accepting it at once. */
  markRevoked(keyId: string): void {
    for (const entry of this.#entries.values()) {
      if (entry.key?.keyId === keyId) entry.key.revoked = true;
    }
  }
}

const DEFAULT_CACHE_TTL_SECONDS = 30;

/** How long an isolate trusts what it read about a key: API_KEY_CACHE_TTL_SECONDS, 30 s unless set. */
export function apiKeyCacheTtlMs(env: Pick<Env, "API_KEY_CACHE_TTL_SECONDS">): number {
  const seconds = Number(env.API_KEY_CACHE_TTL_SECONDS);
  return (Number.isFinite(seconds) && seconds >= 0 ? seconds : DEFAULT_CACHE_TTL_SECONDS) * 1000;
}

/** One per isolate: module scope is shared by every request the isolate serves. */
export const keyCache = new KeyCache();

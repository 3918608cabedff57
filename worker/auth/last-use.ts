import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { database, type Database } from "../../core/db/client.ts";

// "Last used" is kept to the minute: at most one D1 write per credential per isolate per minute.
const LAST_USED_RESOLUTION_MS = 60_000;

/** What a cached credential remembers of its last recorded use (by any isolate as of the lookup, or by this one since). */
export interface UseRecorded {
  projectId: string;
  keyId: string;
  lastUsedRecordedAt: number | null;
}

/**
 * Records that `known` was used at `now`, after the response (`waitUntil`) and at most once a
 * minute per isolate; a failed write is logged as a warning (`what` names the credential kind).
 */
export function recordLastUse(
  c: Context<AppEnv>,
  known: UseRecorded,
  now: number,
  write: (db: Database, projectId: string, id: string, at: Date) => Promise<void>,
  what: string,
): void {
  if (known.lastUsedRecordedAt !== null && now - known.lastUsedRecordedAt < LAST_USED_RESOLUTION_MS) return;
  known.lastUsedRecordedAt = now;
  const written = write(database(c.env), known.projectId, known.keyId, new Date(now)).catch((err: unknown) => {
    console.error(JSON.stringify({ level: "warn", message: `could not record ${what} use`, error: String(err) }));
  });
  c.executionCtx.waitUntil(written);
}

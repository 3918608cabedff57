import type { Database } from "../../core/db/client.ts";
import { removeExpiredLinks } from "../../core/repositories/link-requests.ts";
import { type BatchLimits, drain } from "./batches.ts";
import { tellUsers } from "./tell-users.ts";

// Each link removed may mean a user's sessions to tell (one Durable Object call each): 200 at most per run.
export const EXPIRED_LINK_LIMITS: BatchLimits = { size: 50, maxBatches: 4 };

export interface ExpiredLinksReport {
  removed: number;
  accounts_expired: number;
  users_told: number;
  batches: number;
  capped: boolean;
}

/**
 * Connect Links past their expiry are deleted; the INITIATED account of a link nobody used
 * becomes EXPIRED first (the same change the Connect page makes when someone opens an
 * expired link, `expireUnfinished`), and the sessions waiting on it are told.
 */
export async function cleanExpiredLinks(env: Env, db: Database, now: Date, limits = EXPIRED_LINK_LIMITS): Promise<ExpiredLinksReport> {
  const changed: { projectId: string; userId: string }[] = [];
  const drained = await drain(limits, async () => {
    const batch = await removeExpiredLinks(db, now, limits.size);
    changed.push(...batch.expired);
    return batch.removed;
  });
  const usersTold = await tellUsers(env, changed);
  return { removed: drained.count, accounts_expired: changed.length, users_told: usersTold, batches: drained.batches, capped: drained.capped };
}

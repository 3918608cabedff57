import type { Database } from "../../core/db/client.ts";
import { expireAbandonedAccounts } from "../../core/repositories/connected-accounts.ts";
import { type BatchLimits, drain } from "./batches.ts";
import { tellUsers } from "./tell-users.ts";

export const ABANDONED_ACCOUNT_LIMITS: BatchLimits = { size: 50, maxBatches: 4 };

/**
 * How old an INITIATED account must be before the cleanup may give up on it. A link lives ten
 * minutes (LINK_TTL_SECONDS), and a callback exchanges its code within seconds of using the
 * link, so an hour leaves a wide margin; an account whose link is still valid (a longer
 * LINK_TTL_SECONDS) is kept however old.
 */
export const ABANDONED_AFTER_MS = 60 * 60 * 1000;

export interface AbandonedAccountsReport {
  expired: number;
  users_told: number;
  batches: number;
  capped: boolean;
}

/**
 * INITIATED accounts nothing can complete any more become EXPIRED: those whose link is gone
 * or was used without the callback finishing (a crash between the two), which the expired
 * links job does not see.
 */
export async function expireAbandoned(env: Env, db: Database, now: Date, limits = ABANDONED_ACCOUNT_LIMITS): Promise<AbandonedAccountsReport> {
  const startedBefore = new Date(now.getTime() - ABANDONED_AFTER_MS);
  const changed: { projectId: string; userId: string }[] = [];
  const drained = await drain(limits, async () => {
    const batch = await expireAbandonedAccounts(db, { now, startedBefore, limit: limits.size });
    changed.push(...batch);
    return batch.length;
  });
  const usersTold = await tellUsers(env, changed);
  return { expired: drained.count, users_told: usersTold, batches: drained.batches, capped: drained.capped };
}

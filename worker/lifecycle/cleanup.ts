import { database } from "../../core/db/client.ts";
import { type AbandonedAccountsReport, expireAbandoned } from "./abandoned-accounts.ts";
import type { BatchLimits } from "./batches.ts";
import { type DeletedProjectsReport, finishDeletedProjects } from "./deleted-projects.ts";
import { type EndedMcpCredentialsReport, removeEndedMcpCredentials } from "./ended-mcp-credentials.ts";
import { type ExpiredConnectCodesReport, removeExpiredConnectCodes } from "./expired-connect-codes.ts";
import { cleanExpiredLinks, type ExpiredLinksReport } from "./expired-links.ts";
import { deleteOldLogs, type OldLogsReport } from "./old-logs.ts";

/**
 * The scheduled cleanup (DESIGN.md §8, "Everything ends"): what no Durable Object owns and
 * nothing else ever deletes. Sessions end through their own objects' alarms, not here, but for
 * those of a deleted project, whose deletion this finishes when a request could not.
 */

export interface CleanupOptions {
  /** The instant everything is judged against: the cron's scheduled time, or a test's. */
  now: Date;
  /** Overrides every job's batch size and budget (tests use tiny ones). */
  limits?: BatchLimits;
}

/** A job that threw reports `failed` instead of its counts; the others still ran. */
type Outcome<T> = T | { failed: true };

export interface CleanupReport {
  expired_links: Outcome<ExpiredLinksReport>;
  abandoned_accounts: Outcome<AbandonedAccountsReport>;
  old_logs: Outcome<OldLogsReport>;
  deleted_projects: Outcome<DeletedProjectsReport>;
  expired_connect_codes: Outcome<ExpiredConnectCodesReport>;
  ended_mcp_credentials: Outcome<EndedMcpCredentialsReport>;
}

/** Runs one job and writes its one log line: counts only, never an id, a user or a secret. */
async function job<T extends object>(name: string, run: () => Promise<T>): Promise<Outcome<T>> {
  const started = Date.now();
  try {
    const report = await run();
    console.log(JSON.stringify({ level: "info", message: "cleanup", job: name, ...report, ms: Date.now() - started }));
    return report;
  } catch (err) {
    console.error(JSON.stringify({ level: "error", message: "cleanup failed", job: name, error: String(err), ms: Date.now() - started }));
    return { failed: true };
  }
}

/**
 * Runs every job once, in order: expired links first, so an account whose link ran out is
 * EXPIRED with that reason before the abandoned-accounts job looks at what is left.
 */
export async function runCleanup(env: Env, options: CleanupOptions): Promise<CleanupReport> {
  const db = database(env);
  const { now, limits } = options;
  return {
    expired_links: await job("expired_links", () => cleanExpiredLinks(env, db, now, limits)),
    abandoned_accounts: await job("abandoned_accounts", () => expireAbandoned(env, db, now, limits)),
    old_logs: await job("old_logs", () => deleteOldLogs(db, now, limits)),
    deleted_projects: await job("deleted_projects", () => finishDeletedProjects(env, db, now, limits)),
    expired_connect_codes: await job("expired_connect_codes", () => removeExpiredConnectCodes(db, now, limits)),
    ended_mcp_credentials: await job("ended_mcp_credentials", () => removeEndedMcpCredentials(db, now, limits)),
  };
}

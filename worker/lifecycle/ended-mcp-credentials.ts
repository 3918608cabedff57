import type { Database } from "../../core/db/client.ts";
import { deleteEndedMcpCredentials } from "../repositories/mcp-credentials.ts";
import { type BatchLimits, type RemovedReport, removeInBatches } from "./batches.ts";

/**
 * How long an expired or revoked MCP credential stays listed (status `expired` or `revoked`) before
 * it is deleted: long enough for an operator to see why a client stopped working, short enough that
 * the table holds what is live plus a month.
 */
export const ENDED_CREDENTIAL_KEPT_MS = 30 * 86_400_000;

export const ENDED_CREDENTIAL_LIMITS: BatchLimits = { size: 500, maxBatches: 4 };

export type EndedMcpCredentialsReport = RemovedReport;

/** Scoped MCP credentials (worker/auth/require-mcp-caller.ts) that ended over 30 days ago: they open nothing. */
export function removeEndedMcpCredentials(db: Database, now: Date, limits = ENDED_CREDENTIAL_LIMITS): Promise<EndedMcpCredentialsReport> {
  const cutoff = new Date(now.getTime() - ENDED_CREDENTIAL_KEPT_MS);
  return removeInBatches(limits, () => deleteEndedMcpCredentials(db, cutoff, limits.size));
}

import type { Database } from "../../core/db/client.ts";
import { deleteExpiredMcpConnectCodes } from "../repositories/mcp-connect-codes.ts";
import { type BatchLimits, type RemovedReport, removeInBatches } from "./batches.ts";

// A code lives ten minutes and is deleted when spent: what is left is the few nobody typed.
export const EXPIRED_CONNECT_CODE_LIMITS: BatchLimits = { size: 500, maxBatches: 4 };

export type ExpiredConnectCodesReport = RemovedReport;

/** MCP connect codes past their expiry (worker/mcp-oauth/connect-codes.ts): useless already, deleted so the table stays small. */
export function removeExpiredConnectCodes(db: Database, now: Date, limits = EXPIRED_CONNECT_CODE_LIMITS): Promise<ExpiredConnectCodesReport> {
  return removeInBatches(limits, () => deleteExpiredMcpConnectCodes(db, now, limits.size));
}

import { and, eq, gt, inArray, lte } from "drizzle-orm";
import type { Database } from "../../core/db/client.ts";
import { mcpConnectCodes, type McpConnectCodeRow } from "../../core/db/schema.ts";

/** SQL for the one-time MCP connect codes (worker/mcp-oauth/connect-codes.ts owns their format and hashing). */

export async function insertMcpConnectCode(db: Database, row: McpConnectCodeRow): Promise<void> {
  await db.insert(mcpConnectCodes).values(row);
}

/**
 * Spends a code: the row is deleted by the statement that finds it, so two redemptions racing
 * cannot both succeed. Only a live code matches, and of this session when one is named; a code of
 * another session is left as it is (the person may have opened the wrong client's page).
 */
export async function redeemMcpConnectCode(db: Database, sessionId: string | undefined, codeHash: string, now: Date): Promise<McpConnectCodeRow | undefined> {
  const [row] = await db
    .delete(mcpConnectCodes)
    .where(and(eq(mcpConnectCodes.codeHash, codeHash), sessionId === undefined ? undefined : eq(mcpConnectCodes.sessionId, sessionId), gt(mcpConnectCodes.expiresAt, now)))
    .returning();
  return row;
}

/** Removes codes past their expiry, at most `limit` (the scheduled cleanup's bounded step). */
export async function deleteExpiredMcpConnectCodes(db: Database, now: Date, limit: number): Promise<number> {
  const expired = db.select({ id: mcpConnectCodes.id }).from(mcpConnectCodes).where(lte(mcpConnectCodes.expiresAt, now)).limit(limit);
  const deleted = await db.delete(mcpConnectCodes).where(inArray(mcpConnectCodes.id, expired)).returning({ id: mcpConnectCodes.id });
  return deleted.length;
}

import { getTableName } from "drizzle-orm";
import type { SQLiteColumn, SQLiteTable } from "drizzle-orm/sqlite-core";
import { authConfigs, connectedAccounts, linkRequests } from "../../core/db/schema.ts";
import { accountAad, authConfigAad, linkAad } from "../../core/crypto/aad.ts";

export interface EncryptedColumn {
  table: SQLiteTable;
  id: SQLiteColumn;
  projectId: SQLiteColumn;
  column: SQLiteColumn;
  /** The associated data its writer binds each blob to (core/crypto/aad.ts). */
  aad: (row: { id: string; projectId: string }) => string;
}

/**
 * Every column that holds a KeyRing blob. Key rotation re-encrypts exactly these, so a
 * new encrypted column must be added here (with the AAD its writer uses), or its rows
 * stay under the old key and stop decrypting once that key is removed.
 */
export const ENCRYPTED_COLUMNS: readonly EncryptedColumn[] = [
  { table: authConfigs, id: authConfigs.id, projectId: authConfigs.projectId, column: authConfigs.credentialsEnc, aad: authConfigAad },
  { table: connectedAccounts, id: connectedAccounts.id, projectId: connectedAccounts.projectId, column: connectedAccounts.credentialsEnc, aad: accountAad },
  { table: linkRequests, id: linkRequests.id, projectId: linkRequests.projectId, column: linkRequests.pkceVerifierEnc, aad: linkAad },
];

/** `auth_configs.credentials_enc`: how the column is named in reports and errors. */
export function columnLabel(entry: EncryptedColumn): string {
  return `${getTableName(entry.table)}.${entry.column.name}`;
}

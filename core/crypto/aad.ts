/**
 * Associated data for each encrypted column: the row's identity. A ciphertext copied onto
 * another row, or into another project, then fails to decrypt.
 */
export function accountAad(row: { id: string; projectId: string }): string {
  return `connected_accounts:${row.projectId}:${row.id}`;
}

export function authConfigAad(row: { id: string; projectId: string }): string {
  return `auth_configs:${row.projectId}:${row.id}`;
}

export function linkAad(row: { id: string; projectId: string }): string {
  return `link_requests:${row.projectId}:${row.id}`;
}

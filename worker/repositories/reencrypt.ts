import { getTableName } from "drizzle-orm";
import { columnLabel, ENCRYPTED_COLUMNS, type EncryptedColumn } from "../crypto/encrypted-columns.ts";
import { KeyRing, KeyRingError } from "../../core/crypto/keyring.ts";

/*
 * Key rotation for secrets at rest. Operator-wide on purpose: it walks every project's
 * rows, so unlike the other repositories it takes no project id. Plaintext exists only
 * in this isolate's memory between decrypt and encrypt; it is never returned or logged.
 */

export interface EncryptionStatus {
  currentKeyId: string;
  keyIds: string[];
  /** Stored blobs per key id, across every encrypted column. */
  rowsByKey: Record<string, number>;
}

export interface ReencryptFailure {
  column: string;
  id: string;
  keyId: string | undefined;
  reason: string;
}

export interface ReencryptResult {
  reencrypted: number;
  remaining: number;
  failed: ReencryptFailure[];
}

// D1 allows 100 bound parameters per statement; each row takes three (id, old, new).
const ROWS_PER_UPDATE = 33;

/*
 * Plain SQL on the D1 binding: drizzle's batch() cannot carry raw statements with
 * parameters, and these are built per column. Names come from the drizzle schema, never
 * from input.
 */
const quote = (name: string) => `"${name}"`;

function names(entry: EncryptedColumn): { table: string; id: string; projectId: string; column: string } {
  return { table: quote(getTableName(entry.table)), id: quote(entry.id.name), projectId: quote(entry.projectId.name), column: quote(entry.column.name) };
}

/** The key id of a `v1.<kid>.<iv>.<ct>` blob, in SQL: what KeyRing.keyIdOf reads in JS. */
function keyIdOf(column: string): string {
  const rest = `substr(${column}, instr(${column}, '.') + 1)`;
  return `substr(${rest}, 1, instr(${rest}, '.') - 1)`;
}

export async function encryptionStatus(db: D1Database, keyRing: KeyRing): Promise<EncryptionStatus> {
  const perColumn = ENCRYPTED_COLUMNS.map(names).map(
    (n) => `SELECT ${keyIdOf(n.column)} AS kid, COUNT(*) AS n FROM ${n.table} WHERE ${n.column} IS NOT NULL GROUP BY 1`,
  );
  const { results } = await db
    .prepare(`SELECT kid, SUM(n) AS n FROM (${perColumn.join(" UNION ALL ")}) GROUP BY kid ORDER BY kid`)
    .all<{ kid: string; n: number }>();
  return {
    currentKeyId: keyRing.currentKeyId,
    keyIds: keyRing.keyIds,
    rowsByKey: Object.fromEntries(results.map((r) => [r.kid, Number(r.n)])),
  };
}

/** Rows not yet under the current key, including any under keys no longer in the ring. */
export function remainingRows(status: EncryptionStatus): number {
  return Object.entries(status.rowsByKey).reduce((sum, [kid, n]) => (kid === status.currentKeyId ? sum : sum + n), 0);
}

interface Rewrite {
  id: string;
  oldBlob: string;
  newBlob: string;
}

/**
 * Re-encrypts up to `batchSize` blobs written under another key still in the ring, in one
 * D1 batch (atomic). Each write is guarded by the old blob, so a row changed meanwhile
 * (a new token, a concurrent rotation) is left alone and not counted. Rows under a key
 * missing from the ring are never picked: they stay in `remaining` for the operator.
 */
export async function reencryptBatch(db: D1Database, keyRing: KeyRing, batchSize: number): Promise<ReencryptResult> {
  const readable = keyRing.keyIds.filter((kid) => kid !== keyRing.currentKeyId);
  const failed: ReencryptFailure[] = [];
  const writes: D1PreparedStatement[] = [];
  let budget = readable.length > 0 ? batchSize : 0;

  for (const entry of ENCRYPTED_COLUMNS) {
    if (budget <= 0) break;
    const n = names(entry);
    const { results: candidates } = await db
      .prepare(
        `SELECT ${n.id} AS id, ${n.projectId} AS project_id, ${n.column} AS blob FROM ${n.table}
         WHERE ${n.column} IS NOT NULL AND ${keyIdOf(n.column)} IN (${readable.map(() => "?").join(", ")})
         ORDER BY ${n.id} LIMIT ?`,
      )
      .bind(...readable, budget)
      .all<{ id: string; project_id: string; blob: string }>();
    budget -= candidates.length;
    const rewrites: Rewrite[] = [];
    for (const row of candidates) {
      const aad = entry.aad({ id: row.id, projectId: row.project_id });
      try {
        const newBlob = await keyRing.encrypt(await keyRing.decrypt(row.blob, aad), aad);
        rewrites.push({ id: row.id, oldBlob: row.blob, newBlob });
      } catch (err) {
        const reason = err instanceof KeyRingError ? err.message : "Could not re-encrypt this value.";
        failed.push({ column: columnLabel(entry), id: row.id, keyId: KeyRing.keyIdOf(row.blob), reason });
      }
    }
    for (let i = 0; i < rewrites.length; i += ROWS_PER_UPDATE) writes.push(guardedUpdate(db, n, rewrites.slice(i, i + ROWS_PER_UPDATE)));
  }

  const results = writes.length > 0 ? await db.batch(writes) : [];
  const reencrypted = results.reduce((sum, r) => sum + (r.meta.changes ?? 0), 0);
  return { reencrypted, remaining: remainingRows(await encryptionStatus(db, keyRing)), failed };
}

/** One UPDATE for many rows; a row only changes if it still holds the blob that was read. */
function guardedUpdate(db: D1Database, n: ReturnType<typeof names>, rewrites: Rewrite[]): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE ${n.table} SET ${n.column} = v.column3
       FROM (VALUES ${rewrites.map(() => "(?, ?, ?)").join(", ")}) AS v
       WHERE ${n.table}.${n.id} = v.column1 AND ${n.table}.${n.column} = v.column2`,
    )
    .bind(...rewrites.flatMap((r) => [r.id, r.oldBlob, r.newBlob]));
}

/**
 * Versioned schemas for a Durable Object's SQLite storage. Each object records the versions it
 * has applied in `schema_versions`; opening it applies the ones it lacks, in order, each in one
 * transaction with its record, so a step that fails leaves the object at the version before it
 * (and the error surfaces: a half-migrated object must not serve).
 *
 * Version 1 of each class is the schema those objects had before versions existed, written with
 * `IF NOT EXISTS`, so objects from that time adopt it without change. From then on a change is a
 * new version — an `ALTER TABLE`, a backfill — never an edit of an old one.
 *
 * An object already current pays one indexed read when it wakes, not a statement per table.
 */

export interface SchemaVersion {
  version: number;
  /** What the version adds, for the reader of the list (not stored). */
  adds: string;
  statements: readonly string[];
}

const VERSIONS_TABLE = "CREATE TABLE IF NOT EXISTS schema_versions (version INTEGER PRIMARY KEY, applied_at INTEGER NOT NULL)";

/** Applies the versions the object lacks; returns the version it is at. */
export function applySchemaVersions(storage: DurableObjectStorage, versions: readonly SchemaVersion[]): number {
  assertOrdered(versions);
  const current = currentVersion(storage);
  for (const step of versions) {
    if (step.version <= current) continue;
    storage.transactionSync(() => {
      for (const statement of step.statements) storage.sql.exec(statement);
      storage.sql.exec("INSERT INTO schema_versions (version, applied_at) VALUES (?, ?)", step.version, Date.now());
    });
  }
  return versions.at(-1)?.version ?? current;
}

function currentVersion(storage: DurableObjectStorage): number {
  // On every wake after the first the table is there, and this read is the only statement.
  try {
    return storage.sql.exec<{ version: number | null }>("SELECT MAX(version) AS version FROM schema_versions").one().version ?? 0;
  } catch (err) {
    if (!/no such table/i.test(String(err))) throw err;
    storage.sql.exec(VERSIONS_TABLE);
    return 0;
  }
}

/** Versions are 1, 2, 3…: a gap or a repeat is a mistake in the list, caught before anything runs. */
function assertOrdered(versions: readonly SchemaVersion[]): void {
  versions.forEach((step, index) => {
    if (step.version !== index + 1) throw new Error(`Schema versions must be 1, 2, 3…: found ${step.version} at position ${index + 1}.`);
  });
}

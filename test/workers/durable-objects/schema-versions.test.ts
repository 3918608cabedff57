import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { applySchemaVersions, type SchemaVersion } from "../../../durable-objects/schema-versions.ts";

/**
 * Storage of a fresh object of its own. Its class has applied its own versions there; `bare`
 * forgets that record, so the test's list starts from nothing (the class's tables stay, unused).
 */
function withStorage<T>(run: (storage: DurableObjectStorage) => T, { bare = true } = {}): Promise<T> {
  return runInDurableObject(env.ACCOUNT_WATCHERS.getByName(`schema-${crypto.randomUUID()}`), (_instance, state) => {
    if (bare) state.storage.sql.exec("DROP TABLE schema_versions");
    return run(state.storage);
  });
}

const notes: SchemaVersion = { version: 1, adds: "notes", statements: ["CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)"] };
const noteAuthors: SchemaVersion = { version: 2, adds: "who wrote a note", statements: ["ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT 'unknown'"] };

const applied = (storage: DurableObjectStorage) => storage.sql.exec<{ version: number }>("SELECT version FROM schema_versions ORDER BY version").toArray().map((row) => row.version);
const columns = (storage: DurableObjectStorage, table: string) => storage.sql.exec<{ name: string }>(`SELECT name FROM pragma_table_info('${table}')`).toArray().map((row) => row.name);

describe("Durable Object schema versions", () => {
  it("applies the versions an object lacks, in order, once", async () => {
    await withStorage((storage) => {
      expect(applySchemaVersions(storage, [notes])).toBe(1);
      storage.sql.exec("INSERT INTO notes (body) VALUES ('kept')");
      expect(applySchemaVersions(storage, [notes, noteAuthors])).toBe(2);
      expect(applied(storage)).toEqual([1, 2]);
      expect(columns(storage, "notes")).toEqual(["id", "body", "author"]);
      expect(storage.sql.exec("SELECT body, author FROM notes").toArray()).toEqual([{ body: "kept", author: "unknown" }]);
      // Current: nothing runs again (the ALTER would fail if it did).
      expect(applySchemaVersions(storage, [notes, noteAuthors])).toBe(2);
    });
  });

  it("lets an object made before versions existed adopt version 1 with its data", async () => {
    await withStorage((storage) => {
      storage.sql.exec("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
      storage.sql.exec("INSERT INTO notes (body) VALUES ('from before')");
      applySchemaVersions(storage, [notes, noteAuthors]);
      expect(applied(storage)).toEqual([1, 2]);
      expect(storage.sql.exec("SELECT body FROM notes").toArray()).toEqual([{ body: "from before" }]);
    });
  });

  it("leaves an object at the version before a step that fails, and says so", async () => {
    await withStorage((storage) => {
      applySchemaVersions(storage, [notes]);
      const broken: SchemaVersion = { version: 2, adds: "half a change", statements: ["CREATE TABLE tags (name TEXT)", "ALTER TABLE missing ADD COLUMN x TEXT"] };
      expect(() => applySchemaVersions(storage, [notes, broken])).toThrow(/missing/);
      expect(applied(storage)).toEqual([1]);
      // The step's first statement was rolled back with it.
      expect(storage.sql.exec("SELECT name FROM sqlite_master WHERE name = 'tags'").toArray()).toEqual([]);
    });
  });

  it("refuses a list with a gap or a repeat before running anything", async () => {
    await withStorage((storage) => {
      expect(() => applySchemaVersions(storage, [notes, { ...noteAuthors, version: 3 }])).toThrow(/1, 2, 3/);
      expect(() => applySchemaVersions(storage, [notes, { ...noteAuthors, version: 1 }])).toThrow(/1, 2, 3/);
      expect(storage.sql.exec("SELECT name FROM sqlite_master WHERE name = 'notes'").toArray()).toEqual([]);
    });
  });

  it("keeps each class's objects at its latest version", async () => {
    const session = env.SESSIONS.getByName(`trs_schema${crypto.randomUUID()}`);
    await runInDurableObject(session, (_instance, state) => expect(applied(state.storage)).toEqual([1, 2]));
    await withStorage((storage) => expect(applied(storage)).toEqual([1]), { bare: false });
  });
});

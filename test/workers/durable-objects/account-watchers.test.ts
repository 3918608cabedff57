import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";

/**
 * The project's AccountWatchersObject when its project is deleted: all its storage goes, a
 * session that reads afterwards finds no one to tell, and one that watches again is kept.
 */

const watchersOf = (projectId: string) => env.ACCOUNT_WATCHERS.getByName(projectId);

/** The object's own tables (SQLite's and the runtime's internal ones aside). */
const tablesOf = (projectId: string) =>
  runInDurableObject(watchersOf(projectId), (_instance, state: DurableObjectState) =>
    state.storage.sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT GLOB 'sqlite_*' AND name NOT GLOB '_cf_*' ORDER BY name")
      .toArray()
      .map((row) => row.name),
  );

const watcherCount = (projectId: string) =>
  runInDurableObject(watchersOf(projectId), (_instance, state: DurableObjectState) => state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM watchers").one().n);

describe("AccountWatchersObject.projectDeleted", () => {
  it("deletes all its storage, tables included, and says how many watchers it held", async () => {
    const projectId = `proj_watchers_${crypto.randomUUID()}`;
    const stub = watchersOf(projectId);
    await stub.watch("trs_a", "alice");
    await stub.watch("trs_b", "bob");
    expect(await tablesOf(projectId)).toEqual(["schema_versions", "watchers"]);

    expect(await stub.projectDeleted()).toBe(2);
    expect(await tablesOf(projectId)).toEqual([]);
    expect(await runInDurableObject(stub, (_instance, state: DurableObjectState) => state.storage.getAlarm())).toBeNull();
    // Again: nothing left to count, still nothing stored.
    expect(await stub.projectDeleted()).toBe(0);
    expect(await tablesOf(projectId)).toEqual([]);
  });

  it("answers late calls without storing anything, and keeps a session that watches again", async () => {
    const projectId = `proj_watchers_${crypto.randomUUID()}`;
    const stub = watchersOf(projectId);
    await stub.watch("trs_a", "alice");
    await stub.projectDeleted();

    // A write path or an ending session of the deleted project, still on its way.
    expect(await stub.accountsChanged("alice")).toBe(0);
    expect(await stub.authConfigsChanged()).toBe(0);
    await stub.unwatch("trs_a");
    expect(await tablesOf(projectId)).toEqual([]);

    // A session of a key still cached somewhere watches again: the next purge run drops it.
    await stub.watch("trs_late", "alice");
    expect(await watcherCount(projectId)).toBe(1);
    expect(await stub.projectDeleted()).toBe(1);
    expect(await tablesOf(projectId)).toEqual([]);
  });

  it("leaves another project's object alone", async () => {
    const [doomed, neighbour] = [`proj_watchers_${crypto.randomUUID()}`, `proj_watchers_${crypto.randomUUID()}`];
    await watchersOf(doomed).watch("trs_a", "alice");
    await watchersOf(neighbour).watch("trs_b", "alice");
    await watchersOf(doomed).projectDeleted();
    expect(await watcherCount(neighbour)).toBe(1);
  });
});

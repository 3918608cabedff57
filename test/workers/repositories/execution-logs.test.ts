import { describe, expect, it } from "vitest";
import { database } from "../../../core/db/client.ts";
import { searchExecutionLogs, type LogFilters } from "../../../worker/repositories/execution-logs.ts";
import { env } from "../helpers.ts";

/** The plan SQLite picks for a log search: the index it walks, from its EXPLAIN QUERY PLAN. */
async function planOf(filters: LogFilters, newestFirst: boolean, after?: { createdAt: number; id: string }): Promise<string[]> {
  const query = searchExecutionLogs(database(env), "proj_x", filters, { limit: 20, newestFirst, ...(after ? { after } : {}) }).toSQL();
  const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
    .bind(...query.params)
    .all<{ detail: string }>();
  return plan.results.map((row) => row.detail);
}

describe("searchExecutionLogs", () => {
  it("walks an index for one end user's calls, in either order and after a cursor, with no sort of its own", async () => {
    const cursor = { createdAt: 2_000, id: "log_AAAAAAAAAAAAAAAAAAAAAA" };
    for (const newestFirst of [true, false]) {
      for (const after of [undefined, cursor]) {
        const label = `${newestFirst ? "newest" : "oldest"} first${after ? " after a cursor" : ""}`;
        expect(await planOf({ userId: "u" }, newestFirst, after), label).toEqual([expect.stringContaining("USING INDEX execution_logs_project_user (project_id=? AND user_id=?")]);
      }
    }
  });

  it("walks the project's created index when nothing narrows it", async () => {
    expect(await planOf({}, true)).toEqual([expect.stringContaining("USING INDEX execution_logs_project_created (project_id=?")]);
  });
});

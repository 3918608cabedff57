import { describe, expect, it } from "vitest";
import { database } from "../../../../core/db/client.ts";
import { decodeCursor, toPage } from "../../../../core/http/pagination.ts";
import { newId } from "../../../../core/ids.ts";
import { insertSession, listSessions, markSessionDeleted, markSessionExpired, type SessionListFilters } from "../../../../core/repositories/sessions.ts";
import { env, newProject } from "../../helpers.ts";

/** The session index's listing: newest first, keyset pages, and an index behind every variant. */
const db = () => database(env);

async function insertRows(projectId: string, rows: { userId: string; createdAt: number }[]): Promise<string[]> {
  const ids: string[] = [];
  for (const row of rows) {
    const id = newId("trs");
    await insertSession(db(), { id, projectId, userId: row.userId, createdAt: new Date(row.createdAt), deletedAt: null, expiredAt: null });
    ids.push(id);
  }
  return ids;
}

/** Every id the listing gives, page after page. */
async function walk(projectId: string, filters: SessionListFilters, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const page: { items: { id: string }[]; nextCursor: string | null } = toPage(await listSessions(db(), projectId, filters, { limit, before: decodeCursor(cursor ?? undefined) }), limit);
    ids.push(...page.items.map((row) => row.id));
    cursor = page.nextCursor;
  } while (cursor);
  return ids;
}

describe("listSessions", () => {
  it("pages newest first, ties on created_at broken by id, none lost or repeated across pages", async () => {
    const { id: projectId } = await newProject("list-repo");
    const ids = await insertRows(projectId, [
      { userId: "a", createdAt: 1_000 },
      { userId: "b", createdAt: 2_000 },
      { userId: "a", createdAt: 2_000 },
      { userId: "b", createdAt: 2_000 },
      { userId: "a", createdAt: 3_000 },
    ]);
    const tied = ids.slice(1, 4).sort().reverse();
    const expected = [ids[4]!, ...tied, ids[0]!];
    for (const limit of [1, 2, 3, 100]) expect(await walk(projectId, { includeEnded: false }, limit), `limit ${limit}`).toEqual(expected);
    expect(await walk(projectId, { userId: "a", includeEnded: false }, 1)).toEqual(expected.filter((id) => [ids[0], ids[2], ids[4]].includes(id)));
  });

  it("lists live sessions only unless asked for ended ones, and only the project's own", async () => {
    const [{ id: projectId }, { id: otherId }] = await Promise.all([newProject("list-repo-ended"), newProject("list-repo-other")]);
    const [live, deleted, expired] = await insertRows(projectId, [
      { userId: "u", createdAt: 1_000 },
      { userId: "u", createdAt: 2_000 },
      { userId: "u", createdAt: 3_000 },
    ]);
    await insertRows(otherId, [{ userId: "u", createdAt: 4_000 }]);
    await markSessionDeleted(db(), projectId, deleted!);
    await markSessionExpired(db(), projectId, expired!, new Date(5_000));
    expect(await walk(projectId, { includeEnded: false }, 2)).toEqual([live]);
    expect(await walk(projectId, { includeEnded: true }, 2)).toEqual([expired, deleted, live]);
    expect(await walk(projectId, { userId: "u", includeEnded: true }, 2)).toEqual([expired, deleted, live]);
  });

  it("is one index range scan with no sort, whatever the filters, first page or later", async () => {
    const cursor = { createdAt: 2_000, id: "trs_AAAAAAAAAAAAAAAAAAAAAA" };
    const cases: [SessionListFilters, string][] = [
      [{ includeEnded: false }, "sessions_project_live"],
      [{ includeEnded: true }, "sessions_project_created"],
      [{ userId: "u", includeEnded: false }, "sessions_project_user"],
      [{ userId: "u", includeEnded: true }, "sessions_project_user"],
    ];
    for (const [filters, index] of cases) {
      for (const before of [undefined, cursor]) {
        const query = listSessions(db(), "proj_x", filters, { limit: 20, before }).toSQL();
        const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${query.sql}`)
          .bind(...query.params)
          .all<{ detail: string }>();
        const details = plan.results.map((row) => row.detail);
        const label = `${JSON.stringify(filters)}${before ? " after a cursor" : ""}`;
        expect(details, label).toEqual([expect.stringContaining(`USING INDEX ${index} (project_id=?`)]);
        if (before) expect(details[0], label).toContain("created_at<");
      }
    }
  });
});

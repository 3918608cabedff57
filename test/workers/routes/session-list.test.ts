import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../../core/db/client.ts";
import { markSessionExpired } from "../../../core/repositories/sessions.ts";
import { expectKeyRefusals, newTenant, type Tenant } from "../fixtures.ts";
import { call, env, expectError, json } from "../helpers.ts";
import { createSession, SESSIONS } from "../core/sessions/session-fixtures.ts";

/** GET /api/v3.1/tool_router/session: the project's sessions from the D1 index, through the real Worker. */
interface Summary {
  session_id: string;
  user_id: string;
  status: "active" | "expired" | "deleted";
  created_at: string;
  expired_at?: string;
  deleted_at?: string;
  mcp: { type: string; url: string };
}
interface SessionList {
  items: Summary[];
  next_cursor: string | null;
}

let tenant: Tenant;
let other: Tenant;
/** Created in this order, one user each but the last two (both cy): ids oldest first. */
let ids: string[];

const list = async (query = "", key = tenant.key): Promise<SessionList> => {
  const response = await call("GET", `${SESSIONS}${query}`, { key });
  expect(response.status, await response.clone().text()).toBe(200);
  return json<SessionList>(response);
};

beforeAll(async () => {
  [tenant, other] = await Promise.all([newTenant("session-list"), newTenant("session-list-other")]);
  ids = [];
  for (const user of ["ana", "ben", "cy", "cy"]) {
    ids.push((await createSession(tenant.key, { user_id: user })).session_id);
    // Distinct creation times, so "newest first" is the order they were made in.
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  await createSession(other.key, { user_id: "ana" });
});

describe("GET /session", () => {
  it("lists the project's live sessions newest first, with their status and MCP endpoint", async () => {
    const page = await list();
    expect(page.next_cursor).toBeNull();
    expect(page.items.map((item) => item.session_id)).toEqual([...ids].reverse());
    const created = await json<{ mcp: { url: string } }>(await call("GET", `${SESSIONS}/${ids[0]}`, { key: tenant.key }));
    expect(page.items.at(-1)).toEqual({
      session_id: ids[0],
      user_id: "ana",
      status: "active",
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      mcp: { type: "http", url: created.mcp.url },
    });
    const times = page.items.map((item) => Date.parse(item.created_at));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it("filters by user, and pages with limit and next_cursor", async () => {
    expect((await list("?user_id=cy")).items.map((item) => item.session_id)).toEqual([ids[3], ids[2]]);
    expect((await list("?user_id=nobody")).items).toEqual([]);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: SessionList = await list(`?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      seen.push(...page.items.map((item) => item.session_id));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor);
    expect(seen).toEqual([...ids].reverse());
    expect(pages).toBe(2);
  });

  it("leaves deleted and expired sessions out unless include_ended=true, which shows why each ended", async () => {
    const deleted = (await createSession(tenant.key, { user_id: "dee" })).session_id;
    await new Promise((resolve) => setTimeout(resolve, 2));
    const expired = (await createSession(tenant.key, { user_id: "dee" })).session_id;
    await (await call("DELETE", `${SESSIONS}/${deleted}`, { key: tenant.key })).body?.cancel();
    const expiredAt = new Date();
    await markSessionExpired(database(env), tenant.projectId, expired, expiredAt);

    expect((await list("?user_id=dee")).items).toEqual([]);
    expect((await list("?user_id=dee&include_ended=false")).items).toEqual([]);
    const ended = await list("?user_id=dee&include_ended=true");
    expect(ended.items).toEqual([
      expect.objectContaining({ session_id: expired, status: "expired", expired_at: expiredAt.toISOString() }),
      expect.objectContaining({ session_id: deleted, status: "deleted", deleted_at: expect.any(String) }),
    ]);
    expect(ended.items[0]).not.toHaveProperty("deleted_at");
    expect(ended.items[1]).not.toHaveProperty("expired_at");
    expect((await list("?include_ended=true")).items.map((item) => item.session_id)).toEqual([expired, deleted, ...[...ids].reverse()]);
  });

  it("refuses a bad limit, cursor, user_id or include_ended with 400 and what to fix", async () => {
    for (const query of ["limit=0", "limit=101", "limit=ten", "limit=1.5", "include_ended=yes", "user_id=", `user_id=${"u".repeat(257)}`]) {
      const error = await expectError(await call("GET", `${SESSIONS}?${query}`, { key: tenant.key }), 400, "validation_failed");
      expect(error.errors?.[0]?.path, query).toMatch(/^query\./);
    }
    for (const cursor of ["garbage", btoa("[1,2,3]"), btoa('["x","trs_1"]'), "o:3"]) {
      const error = await expectError(await call("GET", `${SESSIONS}?cursor=${encodeURIComponent(cursor)}`, { key: tenant.key }), 400, "invalid_cursor");
      expect(error.suggested_fix).toContain("next_cursor");
    }
  });

  it("needs a live key", async () => {
    await expectKeyRefusals("GET", SESSIONS);
    await expectKeyRefusals("GET", `${SESSIONS}?include_ended=true`);
  });

  it("shows another project's key only that project's sessions, whatever it asks for", async () => {
    const theirs = await list("?include_ended=true", other.key);
    expect(theirs.items).toHaveLength(1);
    expect(theirs.items.map((item) => item.session_id)).not.toContain(ids[0]);
    expect((await list("?user_id=cy&include_ended=true", other.key)).items).toEqual([]);
    // A cursor issued to this project only says where to start in the other's own list.
    const first = await list("?limit=1");
    const after = await list(`?limit=100&include_ended=true&cursor=${encodeURIComponent(first.next_cursor ?? "")}`, other.key);
    expect(after.items.every((item) => !ids.includes(item.session_id))).toBe(true);
  });
});

import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { deleteSomeProjectGrants, recordGrantedSession } from "../../../worker/mcp-oauth/project-grants.ts";
import { newTenant } from "../fixtures.ts";
import { createSession } from "../core/sessions/session-fixtures.ts";
import { connectClient } from "./oauth-client.ts";

/**
 * A project's MCP OAuth records in real KV: the authorize page indexes the granted session, and
 * a project's deletion finds its grants and tokens through that index, in rounds bounded in KV
 * operations, leaving other projects' records alone.
 */

const kv = env.OAUTH_KV;

async function keysUnder(prefix: string): Promise<string[]> {
  const names: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await kv.list({ prefix, ...(cursor ? { cursor } : {}) });
    names.push(...page.keys.map((key) => key.name));
    cursor = page.list_complete ? undefined : page.cursor;
  } while (cursor);
  return names;
}

/** Everything KV holds for these sessions and this project, in the library's key format and the index's. */
const recordsOf = async (projectId: string, sessionIds: string[]) =>
  (await Promise.all([`mcp_grant_session:${projectId}:`, ...sessionIds.flatMap((id) => [`grant:${id}:`, `token:${id}:`])].map(keysUnder))).flat();

/** A granted session's records as the library writes them: one grant, `tokens` access tokens. */
async function seedGrant(projectId: string, sessionId: string, tokens: number): Promise<void> {
  await recordGrantedSession(kv, projectId, sessionId);
  const grantId = crypto.randomUUID().replaceAll("-", "");
  await kv.put(`grant:${sessionId}:${grantId}`, JSON.stringify({ id: grantId, userId: sessionId, metadata: { projectId } }));
  for (let i = 0; i < tokens; i++) await kv.put(`token:${sessionId}:${grantId}:${crypto.randomUUID()}`, "{}");
}

const sessionIdOf = () => `trs_${crypto.randomUUID().replaceAll("-", "").slice(0, 22)}`;

describe("a project's MCP OAuth records", () => {
  it("are indexed by the authorize page before the grant is made", async () => {
    const tenant = await newTenant("grant-index");
    const { session_id: sessionId } = await createSession(tenant.key, { user_id: "alice", toolkits: ["hackernews"] });
    await connectClient(sessionId, tenant.key);
    expect(await keysUnder(`mcp_grant_session:${tenant.projectId}:`)).toEqual([`mcp_grant_session:${tenant.projectId}:${sessionId}`]);
    expect(await keysUnder(`grant:${sessionId}:`)).toHaveLength(1);
    expect((await keysUnder(`token:${sessionId}:`)).length).toBeGreaterThan(0);
  });

  it("go in rounds that never spend more KV operations than given, until none is left; another project's stay", async () => {
    const projectId = `proj_${crypto.randomUUID()}`;
    const neighbourId = `proj_${crypto.randomUUID()}`;
    const sessions = [sessionIdOf(), sessionIdOf(), sessionIdOf()];
    await seedGrant(projectId, sessions[0] ?? "", 1);
    // More tokens than a round can delete: the session keeps its index entry until they are all gone.
    await seedGrant(projectId, sessions[1] ?? "", 25);
    await seedGrant(projectId, sessions[2] ?? "", 0);
    const neighbourSession = sessionIdOf();
    await seedGrant(neighbourId, neighbourSession, 2);
    const neighbourBefore = await recordsOf(neighbourId, [neighbourSession]);

    let grants = 0;
    let rounds = 0;
    for (;;) {
      const round = await deleteSomeProjectGrants(kv, projectId, 8);
      expect(round.ops).toBeLessThanOrEqual(8);
      grants += round.grants;
      rounds += 1;
      if (round.finished) break;
      expect(rounds).toBeLessThan(20);
    }
    expect(rounds).toBeGreaterThan(3);
    expect(grants).toBe(3);
    expect(await recordsOf(projectId, sessions)).toEqual([]);
    expect(await recordsOf(neighbourId, [neighbourSession])).toEqual(neighbourBefore);

    // Nothing left: one listing, and done.
    expect(await deleteSomeProjectGrants(kv, projectId, 8)).toEqual({ sessions: 0, grants: 0, ops: 1, finished: true });
  });

  it("make progress with the smallest budget", async () => {
    const projectId = `proj_${crypto.randomUUID()}`;
    const sessionId = sessionIdOf();
    await seedGrant(projectId, sessionId, 3);
    for (let round = 0; !(await deleteSomeProjectGrants(kv, projectId, 1)).finished; round++) expect(round).toBeLessThan(10);
    expect(await recordsOf(projectId, [sessionId])).toEqual([]);
  });
});

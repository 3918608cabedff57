/**
 * Which of a project's sessions hold MCP OAuth records in `OAUTH_KV`, and deleting them with
 * the project (worker/lifecycle/deleted-projects.ts).
 *
 * The library keys everything by the grant's user, which here is the session (server.ts):
 * `grant:<session_id>:<grant_id>` (the grant: its refresh token and authorization code as
 * hashes, its props encrypted) and `token:<session_id>:<grant_id>:<token_id>` (each access
 * token's hash). No key names the project; only the grant's metadata does, and reading every
 * grant to find a project's would cost a KV operation per grant of every project (a Worker
 * invocation may make 1,000). Probing each of the project's sessions (their D1 rows stay until
 * the project goes) would cost as much again, for sessions that were mostly never granted. So
 * the authorize page writes `mcp_grant_session:<project_id>:<session_id>` before it completes
 * a grant, and deletion lists that one prefix: a grant never exists without its entry. KV lists
 * may lag a write made elsewhere by up to a minute; the deletion lists again on every scheduled
 * run until the project's row goes, at least a minute and a half later.
 *
 * Clients (`client:<client_id>`) are not a project's: a client registers before it names any
 * session, and one registration may be granted sessions of several projects. They are left to
 * expire on their own (server.ts, CLIENT_TTL_SECONDS).
 */

const SESSIONS_PREFIX = "mcp_grant_session:";
const sessionsOf = (projectId: string) => `${SESSIONS_PREFIX}${projectId}:`;

/** Written before the grant, never after: a crash in between leaves an entry with nothing to delete, never a grant without one. */
export async function recordGrantedSession(kv: KVNamespace, projectId: string, sessionId: string): Promise<void> {
  // No expiry: a grant refreshed now and then lives as long as its session's project.
  await kv.put(`${sessionsOf(projectId)}${sessionId}`, "");
}

export interface GrantsRound {
  /** Sessions whose grants and tokens are all gone, and their entries with them. */
  sessions: number;
  /** Grant records deleted (their tokens are not counted). */
  grants: number;
  /** KV operations spent, at most the round's `ops`. */
  ops: number;
  /** No session of the project is left to clear (as far as this round's listing saw). */
  finished: boolean;
}

/** The fewest operations a round needs to make progress: list the entries, list one session's records, delete one. */
const MIN_OPS = 4;

/**
 * One round of deleting the project's OAuth records, spending at most `ops` KV operations (each
 * list and each delete is one). Per session the access tokens go first (they open the MCP
 * endpoint by themselves), then the grants (refresh tokens), then the session's entry; a
 * session not cleared within the round keeps its entry, so the next round takes it up again.
 */
export async function deleteSomeProjectGrants(kv: KVNamespace, projectId: string, ops: number): Promise<GrantsRound> {
  const budget = Math.max(ops, MIN_OPS);
  const round: GrantsRound = { sessions: 0, grants: 0, ops: 1, finished: false };
  const entries = await kv.list({ prefix: sessionsOf(projectId), limit: budget - 1 });
  for (const entry of entries.keys) {
    const sessionId = entry.name.slice(sessionsOf(projectId).length);
    const tokens = await deleteByPrefix(kv, `token:${sessionId}:`, budget - round.ops);
    round.ops += tokens.ops;
    if (!tokens.complete) return round;
    const grants = await deleteByPrefix(kv, `grant:${sessionId}:`, budget - round.ops);
    round.ops += grants.ops;
    round.grants += grants.keys;
    if (!grants.complete || round.ops >= budget) return round;
    await kv.delete(entry.name);
    round.ops += 1;
    round.sessions += 1;
  }
  round.finished = entries.list_complete;
  return round;
}

/** Deletes keys under `prefix`, page by page (the cursor carries on where a page ended), within `ops`. */
async function deleteByPrefix(kv: KVNamespace, prefix: string, ops: number): Promise<{ keys: number; ops: number; complete: boolean }> {
  let spent = 0;
  let keys = 0;
  let cursor: string | undefined;
  for (;;) {
    // A page is listed only when at least one of its keys can be deleted too.
    if (ops - spent < 2) return { keys, ops: spent, complete: false };
    const page = await kv.list({ prefix, limit: Math.min(1000, ops - spent - 1), ...(cursor ? { cursor } : {}) });
    await Promise.all(page.keys.map((key) => kv.delete(key.name)));
    spent += 1 + page.keys.length;
    keys += page.keys.length;
    if (page.list_complete) return { keys, ops: spent, complete: true };
    cursor = page.cursor;
  }
}

import { setBounded } from "../../core/bounded-map.ts";
import { database } from "../../core/db/client.ts";
import type { SessionRow } from "../../core/db/schema.ts";
import { idPattern } from "../../core/ids.ts";
import { findSessionRecord } from "../../core/repositories/sessions.ts";
import { sessionExpired, sessionNotFound } from "../../core/sessions/rpc.ts";

const SESSION_ID = idPattern("trs");
/** Owners never change, so a confirmed (session → project) pair can be trusted for the isolate's life. */
const owners = new Map<string, string>();
const MAX_OWNERS = 10_000;

/**
 * The session's object, once the caller's project is known to own the session: a
 * project-scoped D1 lookup, remembered per isolate. An expired session is "expired" (410);
 * another project's session, a deleted one or a malformed id is "not found". (An isolate that
 * served the session before still sends the call on; the object, which keeps a note of its
 * expiry, answers the same.)
 */
export async function ownedSession(env: Env, projectId: string, sessionId: string) {
  // Only well-formed ids are ever remembered, so a remembered owner needs no second look.
  if (owners.get(sessionId) !== projectId) {
    await projectSession(env, projectId, sessionId, { live: true });
    rememberOwner(sessionId, projectId);
  }
  return env.SESSIONS.getByName(sessionId);
}

/**
 * The project's index row for the session, checked from D1 the way every session route checks
 * it: a malformed id or another project's session is "not found"; with `live`, an expired session
 * is "expired" (410) and a deleted one "not found". Without `live` an ended session's row is
 * returned too (what it left behind, such as its MCP credentials and grants, can still be listed).
 */
export async function projectSession(env: Env, projectId: string, sessionId: string, { live }: { live: boolean }): Promise<SessionRow> {
  if (!SESSION_ID.test(sessionId)) throw sessionNotFound(sessionId);
  const row = await findSessionRecord(database(env), projectId, sessionId);
  if (live && row?.expiredAt) throw sessionExpired(sessionId, row.expiredAt.getTime());
  if (!row || (live && row.deletedAt)) throw sessionNotFound(sessionId);
  return row;
}

/** Called by session creation: the isolate that created a session need not ask D1 who owns it. */
export function rememberOwner(sessionId: string, projectId: string): void {
  setBounded(owners, sessionId, projectId, MAX_OWNERS);
}

export function forgetSession(sessionId: string): void {
  owners.delete(sessionId);
}

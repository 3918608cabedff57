import { database } from "../db/client.ts";
import { idPattern } from "../ids.ts";
import { findSessionRecord } from "../repositories/sessions.ts";
import { sessionExpired, sessionNotFound } from "./rpc.ts";

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
  if (!SESSION_ID.test(sessionId)) throw sessionNotFound(sessionId);
  if (owners.get(sessionId) !== projectId) {
    const row = await findSessionRecord(database(env), projectId, sessionId);
    if (row?.expiredAt) throw sessionExpired(sessionId, row.expiredAt.getTime());
    if (!row || row.deletedAt) throw sessionNotFound(sessionId);
    rememberOwner(sessionId, projectId);
  }
  return env.SESSIONS.getByName(sessionId);
}

/** Called by session creation: the isolate that created a session need not ask D1 who owns it. */
export function rememberOwner(sessionId: string, projectId: string): void {
  if (owners.size >= MAX_OWNERS) owners.delete(owners.keys().next().value as string);
  owners.set(sessionId, projectId);
}

export function forgetSession(sessionId: string): void {
  owners.delete(sessionId);
}

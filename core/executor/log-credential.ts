import type { CredentialType, ExecutionLogRow } from "../db/schema.ts";

/**
 * Execution logs say which of the project's credentials made each call ("who ran
 * GITHUB_DELETE_A_REPOSITORY?"). The executor builds a row without knowing who called; the
 * credential is stamped on where the call came in: the REST route from the request's caller,
 * a session's object from the caller its RPC was sent with.
 */

/** The credential that made a call, as a log keeps it: its kind and id, never its secret or hash. */
export interface CallerCredential {
  type: CredentialType;
  id: string;
}

/** A log row before the credential is stamped on it. */
export type ExecutionLogDraft = Omit<ExecutionLogRow, "credentialType" | "credentialId">;

/** The credential of a caller as API-key or MCP auth resolved it (the Worker's `Caller`). */
export const callerCredential = (caller: { credentialType: CredentialType; keyId: string }): CallerCredential => ({
  type: caller.credentialType,
  id: caller.keyId,
});

/** The row with its credential; none known (an RPC from a Worker of the previous deploy) leaves both null, as on old rows. */
export function withCredential(row: ExecutionLogDraft, credential: CallerCredential | undefined): ExecutionLogRow {
  return { ...row, credentialType: credential?.type ?? null, credentialId: credential?.id ?? null };
}

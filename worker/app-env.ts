import type { CredentialType } from "../core/db/schema.ts";

/** What API-key auth resolved for this request: the tenant and the key that proved it. */
export interface Caller {
  projectId: string;
  /** The id of the credential that proved the caller (`key_…`, `mcc_…`, an OAuth grant's id): never its secret. */
  keyId: string;
  /** Which kind of credential `keyId` names; execution logs record both. */
  credentialType: CredentialType;
  /** The project's session time-to-live (`session_ttl_seconds`), as of the key's lookup (cached 30 s). */
  sessionTtlMs: number;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    caller: Caller;
  };
}

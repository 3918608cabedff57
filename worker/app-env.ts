/** What API-key auth resolved for this request: the tenant and the key that proved it. */
export interface Caller {
  projectId: string;
  keyId: string;
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

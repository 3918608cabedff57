/** What API-key auth resolved for this request: the tenant and the key that proved it. */
export interface Caller {
  projectId: string;
  keyId: string;
}

export interface AppEnv {
  Bindings: Env;
  Variables: {
    requestId: string;
    caller: Caller;
  };
}

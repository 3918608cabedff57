/**
 * The write paths' half of the sessions' account cache (durable-objects/account-watchers.ts):
 * called after a D1 write to connected accounts or auth configs, and awaited, so a revoked
 * account or a disabled auth config stops working in every session before the write's
 * response is sent. A failure to tell is logged, never the caller's error: the write itself
 * succeeded, and the sessions' copies expire on their own (ACCOUNT_CACHE_TTL_MS).
 */

function watchers(env: Env, projectId: string) {
  return env.ACCOUNT_WATCHERS.getByName(projectId);
}

async function tell(what: string, send: () => Promise<unknown>): Promise<void> {
  try {
    await send();
  } catch (err) {
    console.error(JSON.stringify({ level: "error", message: `could not tell sessions that ${what} changed`, error: String(err) }));
  }
}

/** A user's connected accounts changed (created, connected, refreshed, renamed, disabled, revoked, deleted). */
export function accountsChanged(env: Env, projectId: string, userId: string): Promise<void> {
  return tell("accounts", () => watchers(env, projectId).accountsChanged(userId));
}

/** One of the project's auth configs changed (created, updated, enabled, disabled, deleted). */
export function authConfigsChanged(env: Env, projectId: string): Promise<void> {
  return tell("auth configs", () => watchers(env, projectId).authConfigsChanged());
}

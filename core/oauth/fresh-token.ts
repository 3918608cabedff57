import type { ConnectedAccountRow } from "../db/schema.ts";

/** What the account's token object answers (AccountTokenObject, durable-objects/account-token.ts). */
export type FreshToken = { ok: true; accessToken: string } | { ok: false; code: string; message: string };

/** Tokens this close to expiry are refreshed before use rather than sent and rejected. */
export const REFRESH_MARGIN_MS = 60_000;

/** Whether a stored token should be refreshed before it is sent. */
export function isExpiring(account: ConnectedAccountRow, now = Date.now()): boolean {
  return account.expiresAt !== null && account.expiresAt.getTime() - now < REFRESH_MARGIN_MS;
}

/** Asks the account's token object for a usable token: the single place refreshes happen. */
export function freshAccessToken(env: Env, account: ConnectedAccountRow, rejectedToken?: string): Promise<FreshToken> {
  return env.ACCOUNT_TOKENS.getByName(account.id).freshAccessToken(account.projectId, account.id, rejectedToken);
}

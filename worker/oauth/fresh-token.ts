import { REFRESH_MARGIN_MS, type FreshToken } from "../../durable-objects/account-token.ts";
import type { ConnectedAccountRow } from "../db/schema.ts";

/** Whether a stored token should be refreshed before it is sent. */
export function isExpiring(account: ConnectedAccountRow, now = Date.now()): boolean {
  return account.expiresAt !== null && account.expiresAt.getTime() - now < REFRESH_MARGIN_MS;
}

/** Asks the account's token object for a usable token: the single place refreshes happen. */
export function freshAccessToken(env: Env, account: ConnectedAccountRow, rejectedToken?: string): Promise<FreshToken> {
  return env.ACCOUNT_TOKENS.getByName(account.id).freshAccessToken(account.projectId, account.id, rejectedToken);
}

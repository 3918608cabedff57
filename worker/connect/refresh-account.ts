import { accountAad } from "../../core/crypto/aad.ts";
import { KeyRing } from "../../core/crypto/keyring.ts";
import type { AuthConfigRow, ConnectedAccountRow } from "../../core/db/schema.ts";
import { StoredCredentials } from "../../core/executor/credentials.ts";
import { ApiError } from "../../core/http/errors.ts";
import { freshAccessToken } from "../../core/oauth/fresh-token.ts";

const RECONNECT = "Send the user a new Connect Link (POST /api/v3.1/connected_accounts/link).";

/**
 * Forces an OAuth account's token refresh through its token object, the one place refreshes
 * happen, by presenting the current access token as rejected. The account stays ACTIVE on
 * success: unlike Composio (#1914), a refresh never sends it back to INITIATED.
 */
export async function refreshAccount(env: Env, account: ConnectedAccountRow, authConfig: AuthConfigRow): Promise<void> {
  if (authConfig.authScheme !== "OAUTH2") {
    throw new ApiError(400, "not_refreshable", `Connected account ${account.id} uses ${authConfig.authScheme}, which has no tokens to refresh.`, {
      suggestedFix: "Update its credentials instead, or connect a new account.",
    });
  }
  if (account.status !== "ACTIVE" || !account.credentialsEnc) {
    throw new ApiError(400, "connected_account_not_active", `Connected account ${account.id} is ${account.status}; only an ACTIVE account can be refreshed.`, {
      suggestedFix: account.status === "INACTIVE" ? "Enable it first (PATCH …/status with { enabled: true })." : RECONNECT,
    });
  }
  const credentials = StoredCredentials.parse(JSON.parse(await KeyRing.fromEnv(env).decrypt(account.credentialsEnc, accountAad(account))));
  if (credentials.type !== "OAUTH2") throw new ApiError(400, "not_refreshable", `Connected account ${account.id} holds no OAuth tokens.`);
  if (!credentials.refresh_token) {
    // Forcing a refresh here would mark the account EXPIRED though its token may work for years (GitHub).
    throw new ApiError(400, "not_refreshable", `The provider issued no refresh token for ${account.id}; its access token is used until it stops working.`, {
      suggestedFix: RECONNECT,
    });
  }
  let fresh: Awaited<ReturnType<typeof freshAccessToken>>;
  try {
    fresh = await freshAccessToken(env, account, credentials.access_token);
  } catch {
    throw new ApiError(502, "token_refresh_failed", `The token of ${account.id} could not be refreshed just now.`, { suggestedFix: "Try again shortly." });
  }
  if (fresh.ok) return;
  if (fresh.code === "token_refresh_failed") throw new ApiError(502, fresh.code, fresh.message, { suggestedFix: "Try again shortly." });
  throw new ApiError(400, fresh.code, fresh.message, { suggestedFix: RECONNECT });
}

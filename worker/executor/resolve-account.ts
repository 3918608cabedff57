import type { ToolkitInfo } from "../catalog/registry.ts";
import { KeyRingError, type KeyRing } from "../crypto/keyring.ts";
import type { Database } from "../db/client.ts";
import type { AuthConfigRow, ConnectedAccountRow } from "../db/schema.ts";
import { ApiError } from "../http/errors.ts";
import { findAuthConfigForToolkit, getAuthConfig } from "../repositories/auth-configs.ts";
import { findActiveAccount, getConnectedAccount } from "../repositories/connected-accounts.ts";
import { accountAad } from "../crypto/aad.ts";
import { StoredCredentials } from "./credentials.ts";

/** The account a call runs as, decrypted, with the auth config that says where it goes. */
export interface ResolvedAccount {
  account: ConnectedAccountRow | undefined;
  authConfig: AuthConfigRow | undefined;
  credentials: StoredCredentials;
}

export { accountAad } from "../crypto/aad.ts";

/**
 * Picks the account: the explicit id, else the user's most recent ACTIVE account for the
 * toolkit whose auth config is enabled; no-auth toolkits need none. Any mismatch is the
 * caller's mistake, so a 4xx. A disabled auth config runs nothing, even by explicit id.
 */
export async function resolveAccount(
  db: Database,
  keyRing: KeyRing,
  projectId: string,
  toolkit: ToolkitInfo,
  request: { userId?: string; connectedAccountId?: string },
): Promise<ResolvedAccount> {
  let account: ConnectedAccountRow | undefined;
  if (request.connectedAccountId) {
    account = await getConnectedAccount(db, projectId, request.connectedAccountId);
    if (account.toolkitSlug !== toolkit.slug) {
      throw new ApiError(400, "connected_account_toolkit_mismatch", `Connected account ${account.id} is for ${account.toolkitSlug}, not ${toolkit.slug}.`);
    }
    if (request.userId !== undefined && account.userId !== request.userId) {
      throw new ApiError(400, "connected_account_user_mismatch", `Connected account ${account.id} belongs to another user.`);
    }
  } else if (request.userId !== undefined) {
    account = await findActiveAccount(db, projectId, request.userId, toolkit.slug);
  }

  if (!account) {
    if (toolkit.authSchemes.some((scheme) => scheme.type === "NO_AUTH")) {
      return { account: undefined, authConfig: await findAuthConfigForToolkit(db, projectId, toolkit.slug), credentials: { type: "NO_AUTH" } };
    }
    throw new ApiError(400, "no_connected_account", `User ${JSON.stringify(request.userId ?? "")} has no active ${toolkit.name} account in this project.`, {
      suggestedFix: `Connect one first (POST /api/v3.1/connected_accounts), or pass connected_account_id.`,
    });
  }
  if (account.status !== "ACTIVE") {
    throw new ApiError(400, "connected_account_not_active", `Connected account ${account.id} is ${account.status}, not ACTIVE.`, {
      suggestedFix: "Ask the user to reconnect the account.",
    });
  }
  const authConfig = await getAuthConfig(db, projectId, account.authConfigId);
  if (authConfig.status !== "ENABLED") {
    throw new ApiError(400, "auth_config_disabled", `Connected account ${account.id} belongs to auth config ${authConfig.id}, which is disabled.`, {
      suggestedFix: `Enable it (PATCH /api/v3.1/auth_configs/${authConfig.id}/ENABLED), or use an account of an enabled auth config.`,
    });
  }
  let plaintext = '{"type":"NO_AUTH"}';
  if (account.credentialsEnc) {
    try {
      plaintext = await keyRing.decrypt(account.credentialsEnc, accountAad(account));
    } catch (err) {
      if (!(err instanceof KeyRingError)) throw err;
      throw new ApiError(409, "credentials_unreadable", `The stored credentials of ${account.id} cannot be decrypted: ${err.message}`, {
        suggestedFix: "Reconnect the account; if keys were rotated, keep the old key in ENCRYPTION_KEYS until rotation finishes.",
      });
    }
  }
  return { account, authConfig, credentials: StoredCredentials.parse(JSON.parse(plaintext)) };
}

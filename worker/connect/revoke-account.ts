import { accountAad } from "../../core/crypto/aad.ts";
import { KeyRing } from "../../core/crypto/keyring.ts";
import type { Database } from "../../core/db/client.ts";
import type { AuthConfigRow, ConnectedAccountRow } from "../../core/db/schema.ts";
import { StoredCredentials } from "../../core/executor/credentials.ts";
import { updateConnectedAccount } from "../../core/repositories/connected-accounts.ts";
import { accountsChanged } from "../../core/sessions/account-events.ts";
import { revokeAtProvider, type ProviderRevocation } from "./revoke-at-provider.ts";

/** Revokes the account's tokens at the provider where it can, whatever the outcome there. */
export async function revokeStoredTokens(env: Env, account: ConnectedAccountRow, authConfig: AuthConfigRow): Promise<ProviderRevocation> {
  if (!account.credentialsEnc) return { supported: false, revoked: [], failed: [] };
  let credentials: StoredCredentials;
  try {
    credentials = StoredCredentials.parse(JSON.parse(await KeyRing.fromEnv(env).decrypt(account.credentialsEnc, accountAad(account))));
  } catch {
    return { supported: false, revoked: [], failed: [{ token_type: "access_token", error: "the stored credentials could not be read" }] };
  }
  return revokeAtProvider(env, authConfig, credentials);
}

/**
 * Revokes a connected account: at the provider first (best effort), then here for certain —
 * REVOKED, with its stored credentials dropped, so nothing can use or refresh it again.
 */
export async function revokeAccount(env: Env, db: Database, account: ConnectedAccountRow, authConfig: AuthConfigRow): Promise<ProviderRevocation> {
  const revocation = await revokeStoredTokens(env, account, authConfig);
  await updateConnectedAccount(db, account.projectId, account.id, { status: "REVOKED", statusReason: "revoked through the API", credentialsEnc: null, expiresAt: null });
  // Sessions drop their copy before the caller hears "revoked": the account stops working at once.
  await accountsChanged(env, account.projectId, account.userId);
  return revocation;
}

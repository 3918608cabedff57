import { DurableObject } from "cloudflare:workers";
import { inProjectCatalog } from "../core/catalog/project-catalog.ts";
import { findToolkit, loadCatalog } from "../core/catalog/registry.ts";
import { accountAad } from "../core/crypto/aad.ts";
import { KeyRing } from "../core/crypto/keyring.ts";
import { database } from "../core/db/client.ts";
import { StoredCredentials } from "../core/executor/credentials.ts";
import { oauthCredentials } from "../core/connect/finish-connection.ts";
import { oauthAppFor } from "../core/oauth/oauth-app.ts";
import { refreshAccessToken, TokenEndpointError } from "../core/oauth/token-endpoint.ts";
import { getAuthConfig } from "../core/repositories/auth-configs.ts";
import { accountsChanged } from "../core/sessions/account-events.ts";
import { getConnectedAccount, updateConnectedAccount } from "../core/repositories/connected-accounts.ts";
import { REFRESH_MARGIN_MS, type FreshToken } from "../core/oauth/fresh-token.ts";

/**
 * One object per connected account, addressed by its id, so that however many requests
 * and isolates find a token expired at once, the provider sees one refresh: every caller
 * is routed here, and concurrent callers share the one refresh in flight.
 */
export class AccountTokenObject extends DurableObject<Env> {
  #inflight: Promise<FreshToken> | undefined;

  /**
   * An access token that is not about to expire. `rejectedToken` is the token an upstream
   * just refused with 401: refresh, unless another caller already replaced it.
   */
  async freshAccessToken(projectId: string, accountId: string, rejectedToken?: string): Promise<FreshToken> {
    const current = await this.#current(projectId, accountId);
    if (!current.ok) return current;
    const expiring = current.expiresAt !== null && current.expiresAt - Date.now() < REFRESH_MARGIN_MS;
    const rejected = rejectedToken !== undefined && rejectedToken === current.credentials.access_token;
    if (!expiring && !rejected) return { ok: true, accessToken: current.credentials.access_token };
    this.#inflight ??= this.#refresh(projectId, accountId).finally(() => {
      this.#inflight = undefined;
    });
    return this.#inflight;
  }

  async #current(projectId: string, accountId: string) {
    const account = await getConnectedAccount(database(this.env), projectId, accountId);
    if (account.status !== "ACTIVE" || !account.credentialsEnc) {
      return { ok: false as const, code: "connected_account_not_active", message: `Connected account ${accountId} is ${account.status}. Ask the user to reconnect.` };
    }
    const credentials = StoredCredentials.parse(JSON.parse(await KeyRing.fromEnv(this.env).decrypt(account.credentialsEnc, accountAad(account))));
    if (credentials.type !== "OAUTH2") return { ok: false as const, code: "not_oauth", message: "This account does not use OAuth tokens." };
    return { ok: true as const, account, credentials, expiresAt: account.expiresAt?.getTime() ?? null };
  }

  /**
   * Saves refreshed tokens only over the row they were refreshed from. Key rotation may
   * re-encrypt that row meanwhile without changing it: then the save is retried on the
   * new blob, because the provider has already spent the old refresh token.
   */
  async #store(projectId: string, accountId: string, userId: string, readBlob: string | null, encrypted: string, expiresAt: Date | null, spentRefreshToken: string) {
    const db = database(this.env);
    let expected = readBlob;
    for (let attempt = 0; attempt < 3; attempt += 1) {
      if (await updateConnectedAccount(db, projectId, accountId, { credentialsEnc: encrypted, expiresAt, statusReason: null }, { credentialsEnc: expected })) {
        // Sessions holding the old token would find it expiring and ask again: they read the new one instead.
        await accountsChanged(this.env, projectId, userId);
        return;
      }
      const again = await this.#current(projectId, accountId);
      if (!again.ok || again.credentials.refresh_token !== spentRefreshToken) return; // Replaced by a reconnect: keep it.
      expected = again.account.credentialsEnc;
    }
  }

  async #refresh(projectId: string, accountId: string): Promise<FreshToken> {
    const db = database(this.env);
    const current = await this.#current(projectId, accountId);
    if (!current.ok) return current;
    const { account, credentials } = current;
    const reconnect = (reason: string): FreshToken => ({
      ok: false,
      code: "connected_account_expired",
      message: `The ${account.toolkitSlug} connection has expired (${reason}). Ask the user to reconnect the account.`,
    });
    if (!credentials.refresh_token) {
      await updateConnectedAccount(db, projectId, accountId, { status: "EXPIRED", statusReason: "access token expired and no refresh token was issued" });
      await accountsChanged(this.env, projectId, account.userId);
      return reconnect("no refresh token");
    }
    await loadCatalog(this.env);
    // The account's toolkit may be one its project imported: look it up in that project's scope.
    const { toolkit } = await inProjectCatalog(db, projectId, async () => ({ toolkit: findToolkit(account.toolkitSlug) }));
    if (!toolkit) return { ok: false, code: "toolkit_not_found", message: `Toolkit ${account.toolkitSlug} is not in the catalog.` };
    try {
      const app = await oauthAppFor(this.env, toolkit, await getAuthConfig(db, projectId, account.authConfigId));
      const tokens = await refreshAccessToken(app, credentials.refresh_token);
      const next = oauthCredentials(tokens, credentials);
      const encrypted = await KeyRing.fromEnv(this.env).encrypt(JSON.stringify(next.credentials), accountAad(account));
      await this.#store(projectId, accountId, account.userId, account.credentialsEnc, encrypted, next.expiresAt, credentials.refresh_token);
      return { ok: true, accessToken: tokens.access_token };
    } catch (err) {
      if (err instanceof TokenEndpointError && err.code === "invalid_grant") {
        await updateConnectedAccount(db, projectId, accountId, { status: "EXPIRED", statusReason: `refresh refused: ${err.message}`.slice(0, 500) });
        await accountsChanged(this.env, projectId, account.userId);
        return reconnect("the provider refused the refresh token");
      }
      return { ok: false, code: "token_refresh_failed", message: `Could not refresh the ${toolkit.name} token: ${err instanceof Error ? err.message : String(err)}` };
    }
  }
}

import { findToolkit } from "../catalog/registry.ts";
import { accountAad, linkAad } from "../crypto/aad.ts";
import { KeyRing } from "../crypto/keyring.ts";
import type { Database } from "../db/client.ts";
import type { LinkRequestRow } from "../db/schema.ts";
import type { StoredCredentials } from "../executor/credentials.ts";
import { ApiError } from "../http/errors.ts";
import { oauthAppFor } from "../oauth/oauth-app.ts";
import { exchangeCode, TokenEndpointError, type TokenResponse } from "../oauth/token-endpoint.ts";
import { getAuthConfig } from "../repositories/auth-configs.ts";
import { LINK_EXPIRED, updateConnectedAccount } from "../repositories/connected-accounts.ts";
import { consumeLink } from "../repositories/link-requests.ts";
import { accountsChanged } from "../sessions/account-events.ts";
import { notifySessionOfConnection } from "../sessions/notify.ts";
import { credentialsFromState, toolkitScheme } from "./key-credentials.ts";

/** What OAuth tokens become at rest, and when the access token stops working. */
export function oauthCredentials(tokens: TokenResponse, previous?: StoredCredentials): { credentials: StoredCredentials; expiresAt: Date | null } {
  const previousRefresh = previous?.type === "OAUTH2" ? previous.refresh_token : undefined;
  const refreshToken = tokens.refresh_token ?? previousRefresh;
  return {
    credentials: {
      type: "OAUTH2",
      access_token: tokens.access_token,
      ...(refreshToken ? { refresh_token: refreshToken } : {}),
      ...(tokens.token_type ? { token_type: tokens.token_type } : {}),
      ...(tokens.scope ? { scope: tokens.scope } : {}),
    },
    expiresAt: tokens.expires_in ? new Date(Date.now() + tokens.expires_in * 1000) : null,
  };
}

async function activate(env: Env, db: Database, link: LinkRequestRow, credentials: StoredCredentials, expiresAt: Date | null): Promise<void> {
  const encrypted = await KeyRing.fromEnv(env).encrypt(JSON.stringify(credentials), accountAad({ id: link.connectedAccountId, projectId: link.projectId }));
  // Only an account still waiting is completed: one revoked or deleted meanwhile stays so.
  await updateConnectedAccount(db, link.projectId, link.connectedAccountId, { status: "ACTIVE", statusReason: null, credentialsEnc: encrypted, expiresAt }, { status: "INITIATED" });
  await accountsChanged(env, link.projectId, link.userId);
  await notifySessionOfConnection(env, link);
}

/** An expired link's account, still INITIATED, becomes EXPIRED; any other state is left alone. */
export async function expireUnfinished(env: Env, db: Database, link: LinkRequestRow): Promise<void> {
  await updateConnectedAccount(db, link.projectId, link.connectedAccountId, LINK_EXPIRED, { status: "INITIATED" });
  await accountsChanged(env, link.projectId, link.userId);
}

export async function failConnection(env: Env, db: Database, link: LinkRequestRow, reason: string): Promise<void> {
  await updateConnectedAccount(db, link.projectId, link.connectedAccountId, { status: "FAILED", statusReason: reason.slice(0, 500) }, { status: "INITIATED" });
  await accountsChanged(env, link.projectId, link.userId);
  await notifySessionOfConnection(env, link, "FAILED");
}

/**
 * Completes a key-based link from the Connect page's form. Returns false when the link
 * was consumed meanwhile (a second submit), so nothing is written twice.
 */
export async function finishKeyConnection(env: Env, db: Database, link: LinkRequestRow, scheme: string, values: Record<string, string>): Promise<boolean> {
  const credentials = credentialsFromState(scheme, { authScheme: scheme as StoredCredentials["type"], val: values }, toolkitScheme(findToolkit(link.toolkitSlug), scheme));
  const consumed = await consumeLink(db, link.id);
  if (!consumed) return false;
  await activate(env, db, consumed, credentials, null);
  return true;
}

/** Exchanges the provider's code for tokens; a refusal marks the account FAILED with the reason. */
export async function finishOAuthConnection(
  env: Env,
  db: Database,
  link: LinkRequestRow,
  code: string,
  redirectUri: string,
): Promise<{ status: "success" | "failed"; error?: string }> {
  try {
    const toolkit = findToolkit(link.toolkitSlug);
    if (!toolkit) throw new ApiError(400, "toolkit_not_found", `Toolkit ${link.toolkitSlug} is not in the catalog.`);
    const app = await oauthAppFor(env, toolkit, await getAuthConfig(db, link.projectId, link.authConfigId));
    const verifier = link.pkceVerifierEnc ? await KeyRing.fromEnv(env).decrypt(link.pkceVerifierEnc, linkAad(link)) : undefined;
    const tokens = await exchangeCode(app, code, redirectUri, verifier);
    const { credentials, expiresAt } = oauthCredentials(tokens);
    await activate(env, db, link, credentials, expiresAt);
    return { status: "success" };
  } catch (err) {
    const code = err instanceof TokenEndpointError ? err.code : err instanceof ApiError ? err.code : "token_exchange_failed";
    await failConnection(env, db, link, err instanceof Error ? err.message : code);
    return { status: "failed", error: code };
  }
}

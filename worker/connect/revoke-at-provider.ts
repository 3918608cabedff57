import { findToolkit } from "../../core/catalog/registry.ts";
import type { AuthConfigRow } from "../../core/db/schema.ts";
import type { StoredCredentials } from "../../core/executor/credentials.ts";
import { ApiError } from "../../core/http/errors.ts";
import { authenticateClient } from "../../core/oauth/client-auth.ts";
import { oauthAppFor, type OAuthApp } from "../../core/oauth/oauth-app.ts";

export type TokenKind = "refresh_token" | "access_token";

export interface ProviderRevocation {
  /** Whether the provider offers RFC 7009 revocation for this account at all. */
  supported: boolean;
  revoked: TokenKind[];
  /** What the provider refused or could not be asked; never the tokens themselves. */
  failed: { token_type: TokenKind; error: string }[];
}

const REVOKE_TIMEOUT_MS = 10_000;

async function revokeOne(app: OAuthApp & { revokeUrl: string }, token: string, kind: TokenKind): Promise<string | undefined> {
  const body = new URLSearchParams({ token, token_type_hint: kind });
  const headers = new Headers({ accept: "application/json", "content-type": "application/x-www-form-urlencoded" });
  authenticateClient(app, body, headers);
  let response: Response;
  try {
    response = await fetch(app.revokeUrl, { method: "POST", headers, body, signal: AbortSignal.timeout(REVOKE_TIMEOUT_MS) });
  } catch (err) {
    return `the revocation endpoint did not answer (${err instanceof Error ? err.name : "error"})`;
  }
  if (response.ok) {
    await response.body?.cancel();
    return undefined;
  }
  // Only the RFC 6749 error code is reported: a provider's free text might echo the token.
  const text = await response.text().catch(() => "");
  let code: string | undefined;
  try {
    const parsed = JSON.parse(text) as { error?: unknown };
    code = typeof parsed.error === "string" && /^[a-z_]{1,64}$/.test(parsed.error) ? parsed.error : undefined;
  } catch {
    code = undefined;
  }
  // RFC 7009 §2.2: a token the server no longer knows counts as revoked (Google answers 400
  // invalid_token for the second of a pair already revoked together).
  if (code === "invalid_token") return undefined;
  return `HTTP ${response.status}${code ? ` ${code}` : ""}`;
}

/**
 * Revokes an OAuth account's tokens at the provider (RFC 7009), refresh token first, which
 * also ends the access tokens issued from it at most providers. Never throws: what failed
 * is reported, and the caller revokes locally whatever happened here.
 */
export async function revokeAtProvider(env: Env, authConfig: AuthConfigRow, credentials: StoredCredentials): Promise<ProviderRevocation> {
  const result: ProviderRevocation = { supported: false, revoked: [], failed: [] };
  if (credentials.type !== "OAUTH2") return result;
  const tokens: [TokenKind, string][] = [
    ...(credentials.refresh_token ? [["refresh_token", credentials.refresh_token] as [TokenKind, string]] : []),
    ["access_token", credentials.access_token],
  ];
  const toolkit = findToolkit(authConfig.toolkitSlug);
  let app: OAuthApp;
  try {
    if (!toolkit) throw new ApiError(400, "toolkit_not_found", `Toolkit ${authConfig.toolkitSlug} is not in the catalog.`);
    app = await oauthAppFor(env, toolkit, authConfig);
  } catch (err) {
    const reason = err instanceof ApiError ? err.message : "the OAuth app could not be loaded";
    result.supported = toolkit?.authSchemes.some((s) => s.type === "OAUTH2" && s.revokeUrl) ?? false;
    result.failed = tokens.map(([kind]) => ({ token_type: kind, error: reason }));
    return result;
  }
  const revokeUrl = app.revokeUrl;
  if (!revokeUrl) return result;
  result.supported = true;
  for (const [kind, token] of tokens) {
    const error = await revokeOne({ ...app, revokeUrl }, token, kind);
    if (error) result.failed.push({ token_type: kind, error });
    else result.revoked.push(kind);
  }
  return result;
}

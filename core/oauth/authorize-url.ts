import { sha256Base64Url, toBase64Url } from "../encoding.ts";
import type { OAuthApp } from "./oauth-app.ts";

export function randomToken(bytes = 32): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(bytes)));
}

/** The provider's authorization URL for one attempt: `state`, and PKCE S256 when supported. */
export async function authorizeUrl(app: OAuthApp, redirectUri: string, state: string, codeVerifier: string | undefined): Promise<string> {
  const url = new URL(app.authorizeUrl);
  for (const [name, value] of Object.entries(app.authorizeParams)) url.searchParams.set(name, value);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", app.clientId);
  url.searchParams.set("redirect_uri", redirectUri);
  if (app.scopes.length > 0) url.searchParams.set("scope", app.scopes.join(app.scopeSeparator));
  url.searchParams.set("state", state);
  if (codeVerifier) {
    url.searchParams.set("code_challenge", await sha256Base64Url(codeVerifier));
    url.searchParams.set("code_challenge_method", "S256");
  }
  return url.toString();
}

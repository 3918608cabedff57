import type { OAuthApp } from "./oauth-app.ts";

/**
 * Authenticates the client to the provider the way its token endpoint expects (RFC 6749
 * §2.3.1): HTTP Basic with both halves form-urlencoded first, or the pair in the body.
 * The revocation endpoint (RFC 7009 §2.1) takes the same client authentication.
 */
export function authenticateClient(app: Pick<OAuthApp, "clientId" | "clientSecret" | "tokenEndpointAuthMethod">, body: URLSearchParams, headers: Headers): void {
  if (app.tokenEndpointAuthMethod === "client_secret_basic") {
    headers.set("authorization", `Basic ${btoa(`${encodeURIComponent(app.clientId)}:${encodeURIComponent(app.clientSecret)}`)}`);
  } else {
    body.set("client_id", app.clientId);
    if (app.clientSecret) body.set("client_secret", app.clientSecret);
  }
}

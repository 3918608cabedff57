/**
 * The Connect Link flow driven with plain fetch (no browser), for the tests that need
 * many connections or want to tamper with one step: open the page, submit its form,
 * follow the provider's redirect back to the gateway's /oauth/callback.
 */

/** A JSON call to the gateway's project API with `x-api-key`. */
export async function api<T = Record<string, unknown>>(
  baseUrl: string,
  apiKey: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { "x-api-key": apiKey, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as T };
}

export interface OAuthAuthConfigInput {
  authorizeUrl: string;
  tokenUrl: string;
  baseUrl: string;
  clientId?: string;
  clientSecret?: string;
}

/** POST /api/v3.1/auth_configs: a GitHub OAUTH2 config against the mock authorization server. */
export async function createGitHubOAuthConfig(baseUrl: string, apiKey: string, input: OAuthAuthConfigInput): Promise<string> {
  const created = await api<{ auth_config: { id: string } }>(baseUrl, apiKey, "POST", "/api/v3.1/auth_configs", {
    toolkit: { slug: "github" },
    auth_config: {
      type: "use_custom_auth",
      authScheme: "OAUTH2",
      credentials: {
        client_id: input.clientId ?? "switchboard-e2e-client",
        client_secret: input.clientSecret ?? "switchboard-e2e-secret",
        authorization_url: input.authorizeUrl,
        token_url: input.tokenUrl,
        base_url: input.baseUrl,
      },
    },
  });
  if (created.status !== 201) throw new Error(`auth config: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.auth_config.id;
}

export interface ConnectLink {
  link_token: string;
  redirect_url: string;
  connected_account_id: string;
  expires_at: string;
}

/** POST /api/v3.1/connected_accounts/link, expecting 201. */
export async function createLink(baseUrl: string, apiKey: string, body: { auth_config_id: string; user_id: string; callback_url?: string }): Promise<ConnectLink> {
  const created = await api<ConnectLink>(baseUrl, apiKey, "POST", "/api/v3.1/connected_accounts/link", body);
  if (created.status !== 201) throw new Error(`link: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body;
}

export interface LinkPage {
  status: number;
  html: string;
  /** `name=value` of the CSRF cookie the page set, to send back. */
  cookie: string | undefined;
  csrfToken: string | undefined;
}

export async function openLink(linkUrl: string): Promise<LinkPage> {
  const response = await fetch(linkUrl, { redirect: "manual" });
  const html = await response.text();
  const cookie = response.headers
    .getSetCookie()
    .map((c) => c.split(";")[0] ?? "")
    .find((c) => c.startsWith("sb_link_csrf="));
  const csrfToken = /name="csrf_token" value="([^"]+)"/.exec(html)?.[1];
  return { status: response.status, html, cookie, csrfToken };
}

/** Submits the Connect page's form as a browser would (form-encoded, redirects not followed). */
export function submitLink(linkUrl: string, fields: Record<string, string>, cookie: string | undefined): Promise<Response> {
  return fetch(linkUrl, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie } : {}) },
    body: new URLSearchParams(fields),
  });
}

export interface OAuthRoundTrip {
  /** Where the Connect page sent the browser: the provider's authorize URL. */
  authorizeUrl: URL;
  /** Where the provider sent it back: the gateway's /oauth/callback with code and state. */
  callbackUrl: URL;
}

/** Opens the link, presses "Continue", and lets the provider approve; stops before the callback. */
export async function authorizeViaLink(linkUrl: string): Promise<OAuthRoundTrip> {
  const page = await openLink(linkUrl);
  if (page.status !== 200 || !page.csrfToken) throw new Error(`Connect page answered ${page.status}`);
  const submitted = await submitLink(linkUrl, { csrf_token: page.csrfToken }, page.cookie);
  const authorize = submitted.headers.get("location");
  if (submitted.status !== 303 || !authorize) throw new Error(`Connect form answered ${submitted.status}: ${await submitted.text()}`);
  const approved = await fetch(authorize, { redirect: "manual" });
  const callback = approved.headers.get("location");
  if (approved.status !== 302 || !callback) throw new Error(`authorize answered ${approved.status}`);
  return { authorizeUrl: new URL(authorize), callbackUrl: new URL(callback) };
}

/** The gateway's answer to its /oauth/callback (a 303 to the app's callback, or a page). */
export function followCallback(callbackUrl: URL | string): Promise<Response> {
  return fetch(callbackUrl, { redirect: "manual" });
}

/** The whole OAuth connection; returns the app callback URL the gateway redirected to. */
export async function connectViaOAuth(linkUrl: string): Promise<URL> {
  const { callbackUrl } = await authorizeViaLink(linkUrl);
  const finished = await followCallback(callbackUrl);
  const location = finished.headers.get("location");
  if (finished.status !== 303 || !location) throw new Error(`callback answered ${finished.status}: ${await finished.text()}`);
  return new URL(location);
}

/** POST /_sim/tokens on the upstream simulator: the simulated GitHub accepts `token` as `login`. */
export async function registerGitHubToken(upstreamUrl: string, token: string, login = "octocat"): Promise<void> {
  const response = await fetch(`${upstreamUrl}/_sim/tokens`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ provider: "github", token, login }),
  });
  if (response.status !== 201) throw new Error(`/_sim/tokens answered ${response.status}`);
}

export async function revokeGitHubToken(upstreamUrl: string, token: string): Promise<void> {
  const response = await fetch(`${upstreamUrl}/_sim/tokens/${encodeURIComponent(token)}`, { method: "DELETE" });
  if (response.status !== 204) throw new Error(`DELETE /_sim/tokens answered ${response.status}`);
}

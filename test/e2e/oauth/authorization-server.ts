/**
 * A real OAuth 2.0 authorization server for end-to-end tests: oauth2-mock-server on
 * 127.0.0.1, with what the Connect Link and refresh tests need on top:
 *
 * - every token-endpoint request is recorded (grant type, client, PKCE verifier, refresh
 *   token presented) so a test can count, say, refresh_token grants;
 * - `failNext(n, "invalid_grant")` makes the next n token requests fail with an RFC 6749
 *   §5.2 error; `denyNextAuthorization("access_denied")` makes the next authorization
 *   answer with an error instead of a code;
 * - access tokens are predictable (`<prefix>-at-1`, `-at-2`, …, see `nextAccessToken`) so a
 *   test can register them with the upstream simulator before the gateway uses them;
 * - `expiresIn` sets the lifetime reported for the next tokens (short-lived ones included);
 * - refresh tokens are checked and rotated like a strict provider: a refresh token works
 *   once; presenting an unknown or already-used one is `invalid_grant`.
 *
 * The authorize endpoint approves at once (no login page) and redirects back with a code.
 */
import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { Events, OAuth2Server, type MutableRedirectUri, type MutableResponse, type TokenRequestIncomingMessage } from "oauth2-mock-server";

export interface TokenRequest {
  grantType: string;
  clientId: string | undefined;
  /** Whether a client secret came with the request (body or Basic). */
  clientAuthenticated: boolean;
  codeVerifier: string | undefined;
  redirectUri: string | undefined;
  /** The refresh token presented (refresh_token grant). */
  refreshToken: string | undefined;
  /** What the server answered: the tokens issued, or the error. */
  outcome: { accessToken: string; refreshToken: string; expiresIn: number } | { error: string };
}

export interface AuthorizeRequest {
  clientId: string | null;
  redirectUri: string | null;
  scope: string | null;
  state: string | null;
  codeChallenge: string | null;
  codeChallengeMethod: string | null;
  responseType: string | null;
}

export interface AuthorizationServer {
  /** The issuer, `http://127.0.0.1:<port>`. */
  url: string;
  authorizeUrl: string;
  tokenUrl: string;
  /** Lifetime in seconds reported for tokens issued from now on (default 3600). */
  expiresIn: number;
  /** Every token request so far, oldest first. */
  tokenRequests(): TokenRequest[];
  /** Token requests so far, optionally of one grant type. */
  tokenRequestCount(grantType?: string): number;
  authorizeRequests(): AuthorizeRequest[];
  /** The access token the (offset+1)-th next successful token response will carry. */
  nextAccessToken(offset?: number): string;
  /** The next `times` token requests fail with this OAuth error (HTTP 400). */
  failNext(times: number, error: string, description?: string): void;
  /** The next authorization redirects back with `error` (and no code). */
  denyNextAuthorization(error: string, description?: string): void;
  close(): Promise<void>;
}

const text = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

export async function startAuthorizationServer(): Promise<AuthorizationServer> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate("RS256");
  await server.start(0, "127.0.0.1");
  const url = (server.issuer.url ?? "").replace(/\/+$/, "");
  const prefix = `mock-${randomBytes(4).toString("hex")}`;

  const requests: TokenRequest[] = [];
  const authorizations: AuthorizeRequest[] = [];
  const liveRefreshTokens = new Set<string>();
  let issued = 0;
  const failures: { error: string; description: string | undefined }[] = [];
  const denials: { error: string; description: string | undefined }[] = [];
  const state = { expiresIn: 3600 };

  server.service.on(Events.BeforeResponse, (response: MutableResponse, req: TokenRequestIncomingMessage) => {
    const body: Record<string, unknown> = { ...req.body };
    const basic = /^Basic\s+(.+)$/i.exec(req.headers.authorization ?? "");
    const basicId = basic?.[1] ? decodeURIComponent(Buffer.from(basic[1], "base64").toString().split(":")[0] ?? "") : undefined;
    const record: Omit<TokenRequest, "outcome"> = {
      grantType: text(body.grant_type) ?? "",
      clientId: basicId ?? text(body.client_id),
      clientAuthenticated: basic !== null || (text(body.client_secret) ?? "") !== "",
      codeVerifier: text(body.code_verifier),
      redirectUri: text(body.redirect_uri),
      refreshToken: text(body.refresh_token),
    };
    const refuse = (error: string, description?: string) => {
      response.statusCode = 400;
      response.body = { error, ...(description ? { error_description: description } : {}) };
      requests.push({ ...record, outcome: { error } });
    };

    const failure = failures.shift();
    if (failure) return refuse(failure.error, failure.description);
    if (record.grantType === "refresh_token") {
      // A strict provider: each refresh token works once (rotation).
      if (!record.refreshToken || !liveRefreshTokens.delete(record.refreshToken)) {
        return refuse("invalid_grant", "The refresh token is invalid, expired or already used.");
      }
    }
    issued += 1;
    const accessToken = `${prefix}-at-${issued}`;
    const refreshToken = `${prefix}-rt-${issued}`;
    liveRefreshTokens.add(refreshToken);
    const expiresIn = state.expiresIn;
    if (typeof response.body === "object") {
      response.body.access_token = accessToken;
      response.body.refresh_token = refreshToken;
      response.body.expires_in = expiresIn;
      delete response.body.id_token;
    }
    requests.push({ ...record, outcome: { accessToken, refreshToken, expiresIn } });
  });

  server.service.on(Events.BeforeAuthorizeRedirect, (redirect: MutableRedirectUri, req: IncomingMessage) => {
    const query = new URL(req.url ?? "/", url).searchParams;
    authorizations.push({
      clientId: query.get("client_id"),
      redirectUri: query.get("redirect_uri"),
      scope: query.get("scope"),
      state: query.get("state"),
      codeChallenge: query.get("code_challenge"),
      codeChallengeMethod: query.get("code_challenge_method"),
      responseType: query.get("response_type"),
    });
    const denial = denials.shift();
    if (denial) {
      redirect.url.searchParams.delete("code");
      redirect.url.searchParams.set("error", denial.error);
      if (denial.description) redirect.url.searchParams.set("error_description", denial.description);
    }
  });

  return {
    url,
    authorizeUrl: `${url}/authorize`,
    tokenUrl: `${url}/token`,
    get expiresIn() {
      return state.expiresIn;
    },
    set expiresIn(seconds: number) {
      state.expiresIn = seconds;
    },
    tokenRequests: () => requests.map((r) => structuredClone(r)),
    tokenRequestCount: (grantType) => requests.filter((r) => grantType === undefined || r.grantType === grantType).length,
    authorizeRequests: () => authorizations.map((a) => ({ ...a })),
    nextAccessToken: (offset = 0) => `${prefix}-at-${issued + 1 + offset}`,
    failNext(times, error, description) {
      for (let i = 0; i < times; i++) failures.push({ error, description });
    },
    denyNextAuthorization(error, description) {
      denials.push({ error, description });
    },
    close: () => server.stop(),
  };
}

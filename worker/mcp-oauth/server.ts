import { OAuthAuthorizationServer } from "@cloudflare/workers-oauth-provider";
import { ApiError } from "../../core/http/errors.ts";
import { issuerOf, resourceUrl } from "./resource.ts";

/**
 * The OAuth 2.1 authorization server MCP clients use (MCP authorization spec), built on
 * `@cloudflare/workers-oauth-provider`'s authorization-server role: RFC 8414 metadata, RFC 7591
 * registration, authorization code with PKCE (S256 only), short-lived access tokens and
 * rotating refresh tokens, every token and code stored in `OAUTH_KV` only as a hash.
 *
 * Why an instance per request: the library fixes its issuer and its resource registry at
 * construction, and here both vary. The issuer is the origin the gateway is reached on
 * (`PUBLIC_URL`, else the request's), and every session is its own resource
 * (`<origin>/tool_router/<id>/mcp`), so a token opens one session and nothing else. Each
 * request names its one resource (the `resource` parameter, or the session id that prefixes the
 * library's `userId:grantId:secret` tokens, since the grant's user is the session), and gets a
 * server whose registry is exactly that resource. Construction only checks options: no I/O.
 */

/** The one scope: use this session's tools. Nothing finer exists to ask for. */
export const MCP_SCOPE = "mcp";

export const MCP_OAUTH_PATHS = {
  authorize: "/oauth/mcp/authorize",
  token: "/oauth/mcp/token",
  register: "/oauth/mcp/register",
} as const;

/** Access tokens live 15 minutes: a revoked grant's tokens die at once anyway (KV delete), this bounds a leaked one. */
export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
/** A grant lives while it is used: each refresh moves its end to 30 days ahead. */
const REFRESH_IDLE_TTL_SECONDS = 30 * 24 * 3600;
/** Dynamically registered clients are forgotten after 90 days without renewal (the library's default). */
const CLIENT_TTL_SECONDS = 90 * 24 * 3600;

/** The registry entry used where no session is named (metadata, registration): never a valid audience. */
const NO_SESSION = "registry";

export function authorizationServer(env: Env, requestUrl: string, sessionId: string = NO_SESSION): OAuthAuthorizationServer<Env> {
  const issuer = issuerOf(env, requestUrl);
  try {
    return new OAuthAuthorizationServer<Env>({
      issuer,
      resources: [sessionId === NO_SESSION ? `${issuer}/tool_router` : resourceUrl(issuer, sessionId)],
      authorizeEndpoint: MCP_OAUTH_PATHS.authorize,
      tokenEndpoint: MCP_OAUTH_PATHS.token,
      clientRegistrationEndpoint: MCP_OAUTH_PATHS.register,
      scopesSupported: [MCP_SCOPE],
      accessTokenTTL: ACCESS_TOKEN_TTL_SECONDS,
      refreshTokenTTL: REFRESH_IDLE_TTL_SECONDS,
      refreshTokenIdleTTL: REFRESH_IDLE_TTL_SECONDS,
      clientRegistrationTTL: CLIENT_TTL_SECONDS,
    });
  } catch (err) {
    // The library refuses an issuer that is neither https nor loopback: OAuth 2.1 needs TLS.
    console.error(JSON.stringify({ level: "error", message: "MCP OAuth server unavailable", error: String(err) }));
    throw new ApiError(503, "mcp_oauth_unavailable", "OAuth for MCP clients needs the gateway served over https (or on localhost).", {
      suggestedFix: "Set PUBLIC_URL to the gateway's https origin, or send the project API key instead.",
    });
  }
}

/** Hono types `executionCtx` with its own, narrower interface; it is the runtime's ExecutionContext. */
export const runtimeContext = (ctx: { waitUntil(promise: Promise<unknown>): void }): ExecutionContext => ctx as ExecutionContext;

/** A part of a token of this server, which the library writes `userId:grantId:secret`. */
function tokenPart(token: string, part: 0 | 1): string | undefined {
  const parts = token.split(":");
  return parts.length === 3 && parts[part] ? parts[part] : undefined;
}

/** The session a token of this server belongs to: its grant's user, the first part. */
export const sessionOfToken = (token: string): string | undefined => tokenPart(token, 0);

/** The grant a token of this server belongs to: the second part, not secret. */
export const grantOfToken = (token: string): string | undefined => tokenPart(token, 1);

/** RFC 8414 metadata, without the registry's placeholder resource (each session's metadata names its own). */
export async function authorizationServerMetadata(env: Env, requestUrl: string, ctx: ExecutionContext): Promise<Response> {
  const url = new URL("/.well-known/oauth-authorization-server", requestUrl);
  const response = await authorizationServer(env, requestUrl).fetch(new Request(url), env, ctx);
  const metadata = (await response.json()) as Record<string, unknown>;
  delete metadata.protected_resources;
  return Response.json(metadata, { headers: { "cache-control": "public, max-age=300", "access-control-allow-origin": "*" } });
}

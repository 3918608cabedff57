import { publicUrl } from "../../core/connect/create-link.ts";
import { idPattern } from "../../core/ids.ts";

/**
 * Each session's MCP endpoint is its own protected resource (RFC 8707 / RFC 9728): a token
 * is issued for exactly one `<origin>/tool_router/<session_id>/mcp` and is useless at any
 * other. The gateway's origin is the authorization server's issuer.
 */

const SESSION_ID = idPattern("trs");

/** The issuer and origin of every URL below: `PUBLIC_URL`, or the origin the request came to. */
export const issuerOf = (env: Env, requestUrl: string): string => publicUrl(env, requestUrl);

export const isSessionId = (value: string): boolean => SESSION_ID.test(value);

export const resourceUrl = (issuer: string, sessionId: string): string => `${issuer}/tool_router/${sessionId}/mcp`;

/** Where a session's RFC 9728 document lives: the well-known prefix, then the resource's path (RFC 9728 §3.1). */
export const resourceMetadataUrl = (issuer: string, sessionId: string): string =>
  `${issuer}/.well-known/oauth-protected-resource/tool_router/${sessionId}/mcp`;

/**
 * The session a `resource` parameter names, when it is one of this gateway's session
 * endpoints. Scheme and host compare case-insensitively (RFC 3986 §6.2.2.1); the path exactly.
 */
export function sessionOfResource(issuer: string, resource: string | null | undefined): string | undefined {
  if (!resource) return undefined;
  const url = URL.parse(resource);
  if (!url || url.origin !== new URL(issuer).origin || url.search !== "" || url.hash !== "") return undefined;
  const match = /^\/tool_router\/([^/]+)\/mcp$/.exec(url.pathname);
  return match?.[1] && isSessionId(match[1]) ? match[1] : undefined;
}

import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import { issuerOf, resourceMetadataUrl } from "../mcp-oauth/resource.ts";

/** Codes that mean no credential came at all: the challenge then carries no `error` (RFC 6750 §3.1). */
const NO_CREDENTIAL = new Set(["api_key_missing"]);

/** An RFC 7230 quoted-string's content: backslash and quote escaped, control characters dropped. */
const quoted = (text: string) => text.replace(/[\\"]/g, "\\$&").replace(/[\u0000-\u001f\u007f]/g, " ");

/**
 * Every 401 from a session's MCP endpoint speaks MCP's auth language (MCP authorization,
 * RFC 9728 §5.1, RFC 6750 §3): `WWW-Authenticate: Bearer resource_metadata="…"` so an
 * OAuth-only client can find the authorization server, and, when a credential was sent and
 * refused, `error="invalid_token"` with the gateway's own message, so a client such as
 * `mcp-remote` can say "the API key is not recognised" instead of starting OAuth blind.
 * The body keeps the gateway's error envelope.
 */
export const mcpAuthChallenge = createMiddleware<AppEnv>(async (c, next) => {
  await next();
  if (c.res.status !== 401) return;
  const sessionId = c.req.param("id") ?? "";
  const params = [`resource_metadata="${quoted(resourceMetadataUrl(issuerOf(c.env, c.req.url), sessionId))}"`];
  const body = (await c.res
    .clone()
    .json()
    .catch(() => undefined)) as { error?: { code?: unknown; message?: unknown } } | undefined;
  const code = typeof body?.error?.code === "string" ? body.error.code : undefined;
  if (code !== undefined && !NO_CREDENTIAL.has(code)) {
    params.push('error="invalid_token"');
    if (typeof body?.error?.message === "string") params.push(`error_description="${quoted(body.error.message)}"`);
  }
  c.res.headers.set("WWW-Authenticate", `Bearer ${params.join(", ")}`);
});

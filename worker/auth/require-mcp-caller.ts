import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import { setBounded } from "../../core/bounded-map.ts";
import { inProjectCatalog } from "../../core/catalog/project-catalog.ts";
import { database } from "../../core/db/client.ts";
import { sha256Hex } from "../../core/encoding.ts";
import { ApiError } from "../../core/http/errors.ts";
import { findMcpCredentialBySecret, recordMcpCredentialUse } from "../repositories/mcp-credentials.ts";
import { idPattern } from "../../core/ids.ts";
import { findSessionRecord } from "../../core/repositories/sessions.ts";
import { rememberOwner } from "../sessions/ownership.ts";
import { apiKeyCacheTtlMs } from "./key-cache.ts";
import { recordLastUse } from "./last-use.ts";
import { mcpCredentialCache, type KnownMcpCredential } from "./mcp-credential-cache.ts";
import { isWellFormedMcpCredential, presentedMcpCredential } from "./mcp-credential-format.ts";
import { requireApiKey } from "./require-api-key.ts";

/**
 * Who may open a session's MCP endpoint (`/tool_router/:id/mcp`): the project's API key, as on
 * every tenant route, or a scoped MCP credential (`smc_…`) whose scope holds this session. The
 * credential's scope is checked here, before the route runs; the route's own ownership check
 * (sessions/ownership.ts) then answers for sessions that ended, so an expired or deleted session
 * makes its credentials useless (410 `session_expired`, 404 `session_not_found`).
 *
 * A session out of scope is 403 `mcp_credential_scope_mismatch`, whether it is another session of
 * the project, another project's or no session at all: the answer is decided without revealing
 * whether the id exists (as another project's key gets 404 for a session that exists), while
 * telling the person who pasted a URL and a credential that do not belong together what happened.
 *
 * Everywhere else `refuseMcpCredentials` turns the credential away with 403
 * `mcp_credential_not_allowed`: it opens tools, never the project's management API.
 */

// Sessions never change user or project: a confirmed (session → project, user) pair holds for the isolate's life.
const sessionUsers = new Map<string, { projectId: string; userId: string }>();
const MAX_SESSION_USERS = 10_000;

const SESSION_ID = idPattern("trs");
const MCP_PATH = /^\/tool_router\/[^/]+\/mcp(\/|$)/;

const CREATE_HELP = "Create one with POST /api/v3.1/tool_router/session/{session_id}/mcp_credentials (project API key), and send it as `Authorization: Bearer smc_…`.";

/** Refuses an MCP credential on every route but the MCP endpoints (and public OAuth discovery). */
export const refuseMcpCredentials = createMiddleware<AppEnv>(async (c, next) => {
  if (MCP_PATH.test(c.req.path) || c.req.path.startsWith("/.well-known/")) return next();
  if (presentedMcpCredential(c.req) !== undefined) {
    throw new ApiError(403, "mcp_credential_not_allowed", "An MCP credential (smc_…) opens only a session's MCP endpoint, /tool_router/{session_id}/mcp; it cannot call this route.", {
      suggestedFix: c.req.path.startsWith("/api/admin/")
        ? "Send the operator's ADMIN_API_KEY to the operator API."
        : "Send the project API key (`x-api-key: sk_…`) from your server; hand MCP credentials only to MCP clients.",
    });
  }
  await next();
});

async function resolveCredential(c: Context<AppEnv>, secret: string, now: number): Promise<KnownMcpCredential | null> {
  const hash = await sha256Hex(secret);
  const cached = mcpCredentialCache.get(hash, now);
  if (cached !== undefined) return cached;
  const row = await findMcpCredentialBySecret(database(c.env), secret);
  const known: KnownMcpCredential | null = row
    ? {
        projectId: row.projectId,
        keyId: row.id,
        revoked: row.revokedAt !== null,
        expiresAt: row.expiresAt.getTime(),
        scope: row.scope,
        sessionId: row.sessionId,
        userId: row.userId,
        sessionTtlMs: row.sessionTtlSeconds * 1000,
        lastUsedRecordedAt: row.lastUsedAt?.getTime() ?? null,
      }
    : null;
  mcpCredentialCache.set(hash, known, now, apiKeyCacheTtlMs(c.env));
  return known;
}

/** Whether the session belongs to the credential's user: one project-scoped lookup per session and isolate. */
async function sessionOfUser(c: Context<AppEnv>, known: KnownMcpCredential, sessionId: string): Promise<boolean> {
  if (!SESSION_ID.test(sessionId)) return false;
  let owner = sessionUsers.get(sessionId);
  if (!owner) {
    const row = await findSessionRecord(database(c.env), known.projectId, sessionId);
    if (!row) return false;
    owner = { projectId: row.projectId, userId: row.userId };
    setBounded(sessionUsers, sessionId, owner, MAX_SESSION_USERS);
    // The route's ownership check need not ask D1 again.
    if (!row.deletedAt) rememberOwner(sessionId, row.projectId);
  }
  return owner.projectId === known.projectId && owner.userId === known.userId;
}

async function inScope(c: Context<AppEnv>, known: KnownMcpCredential, sessionId: string): Promise<boolean> {
  return known.scope === "session" ? known.sessionId === sessionId : sessionOfUser(c, known, sessionId);
}

/** The MCP endpoint's auth: a project key (requireApiKey) or an MCP credential scoped to this session. */
export const requireMcpCaller = createMiddleware<AppEnv>(async (c, next) => {
  const secret = presentedMcpCredential(c.req);
  if (secret === undefined) return requireApiKey(c, next);
  if (!isWellFormedMcpCredential(secret)) {
    throw new ApiError(401, "mcp_credential_malformed", "The MCP credential is not in the form this gateway issues (`smc_` and 43 characters).", {
      suggestedFix: "Copy the whole `secret` from the create response; " + CREATE_HELP,
    });
  }
  const now = Date.now();
  const known = await resolveCredential(c, secret, now);
  if (!known) throw new ApiError(401, "mcp_credential_invalid", "The MCP credential is not recognised.", { suggestedFix: CREATE_HELP });
  if (known.revoked) throw new ApiError(401, "mcp_credential_revoked", "The MCP credential has been revoked.", { suggestedFix: `Ask the app for a new one. ${CREATE_HELP}` });
  if (known.expiresAt <= now) {
    throw new ApiError(401, "mcp_credential_expired", `The MCP credential expired at ${new Date(known.expiresAt).toISOString()}.`, {
      suggestedFix: `Ask the app for a new one (expires_in_seconds sets a longer life, up to a year). ${CREATE_HELP}`,
    });
  }
  const sessionId = c.req.param("id") ?? "";
  if (!(await inScope(c, known, sessionId))) {
    const opens = known.scope === "session" ? `only session ${known.sessionId}` : "only the sessions of the user it was created for";
    throw new ApiError(403, "mcp_credential_scope_mismatch", `This MCP credential opens ${opens}, not ${sessionId.slice(0, 100)}.`, {
      suggestedFix: "Use the MCP URL the credential was created with (its `mcp.url`), or create a credential for this session.",
    });
  }
  recordLastUse(c, known, now, recordMcpCredentialUse, "MCP credential");
  c.set("caller", { projectId: known.projectId, keyId: known.keyId, credentialType: "mcp_credential", sessionTtlMs: known.sessionTtlMs });
  await inProjectCatalog(database(c.env), known.projectId, () => next());
});

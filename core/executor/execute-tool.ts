import type { AuthScheme } from "../../catalog/definition.ts";
import type { CatalogTool } from "../catalog/catalog-tool.ts";
import { loadTool } from "../catalog/registry.ts";
import { KeyRing } from "../crypto/keyring.ts";
import type { Database } from "../db/client.ts";
import { ApiError } from "../http/errors.ts";
import { newId } from "../ids.ts";
import { freshAccessToken, isExpiring } from "../oauth/fresh-token.ts";
import { validateArguments, withDefaults } from "./arguments.ts";
import { applyCredentials, secretValues, type StoredCredentials } from "./credentials.ts";
import { buildRequest, RequestBuildError } from "./request-builder.ts";
import { resolveAccount, type ResolvedAccount } from "./resolve-account.ts";
import { readUpstreamBody } from "./response-reader.ts";
import type { ExecutionLogDraft } from "./log-credential.ts";
import { fetchUpstream, UpstreamTimeoutError } from "./upstream-fetch.ts";
import { redactArguments, reportsFailure, scrub, scrubValue, upstreamMessage } from "./upstream-error.ts";

export interface ExecuteRequest {
  toolSlug: string;
  userId?: string;
  connectedAccountId?: string;
  arguments: Record<string, unknown>;
  sessionId?: string;
}

/** The shape every execution returns, direct or from a session (Composio's `ToolExecuteResponse`). */
export interface ExecuteResult {
  data: Record<string, unknown>;
  error: string | null;
  successful: boolean;
  log_id: string;
}

/** A failure explained to the caller as it is, e.g. "ask the user to reconnect". */
class ToolFailure extends Error {
  override readonly name = "ToolFailure";
}

// The log keeps enough of a response to debug with, not the whole body.
const LOGGED_RESPONSE_CHARS = 16 * 1024;

/** Tool data is always an object: lists and scalars are wrapped so providers can rely on it. */
function asData(body: unknown): Record<string, unknown> {
  if (body && typeof body === "object" && !Array.isArray(body)) return body as Record<string, unknown>;
  return Array.isArray(body) ? { items: body } : { value: body };
}

function schemeFor(schemes: AuthScheme[], type: string): AuthScheme {
  return schemes.find((scheme) => scheme.type === type) ?? { type: "NO_AUTH" };
}

/** A finished call: what the caller gets, and the row its log keeps (written by the caller, off its path, with its credential). */
export interface ToolRun {
  result: ExecuteResult;
  log: ExecutionLogDraft;
}

/** The tool, or the 404 a caller naming an unknown slug gets. */
export async function toolOrNotFound(env: Env, slug: string): Promise<CatalogTool> {
  const entry = await loadTool(env, slug);
  if (!entry) {
    throw new ApiError(404, "tool_not_found", `No tool has the slug ${slug}.`, {
      suggestedFix: "List tools with GET /api/v3.1/tools?search=… to find the right slug.",
    });
  }
  return entry;
}

/**
 * A direct call (`POST /tools/execute/{slug}`): one D1 round trip resolves the account,
 * and the log row is handed to `keepLog` (the Worker's `waitUntil`), so the response does
 * not wait for D1 to store it.
 */
export async function executeTool(env: Env, db: Database, projectId: string, request: ExecuteRequest, keepLog: (row: ExecutionLogDraft) => void): Promise<ExecuteResult> {
  const entry = await toolOrNotFound(env, request.toolSlug);
  const resolved = await resolveAccount(db, KeyRing.fromEnv(env), projectId, entry.toolkit, request);
  const run = await runResolvedTool(env, projectId, entry, resolved, request);
  keepLog(run.log);
  return run.result;
}

/**
 * Runs one tool call as an account already resolved: validate, build, authenticate, send
 * (timeout, retries), read. No D1 on the way: an expiring or refused OAuth token is
 * refreshed by the account's own object. Faults in the request are ApiErrors (4xx);
 * everything after that, upstream faults included, is a `{ successful: false }` result.
 */
export async function runResolvedTool(
  env: Env,
  projectId: string,
  entry: CatalogTool,
  resolved: ResolvedAccount,
  request: Pick<ExecuteRequest, "arguments" | "userId" | "sessionId">,
): Promise<ToolRun> {
  const { toolkit, tool } = entry;
  const secrets = secretValues(resolved.credentials);
  const started = Date.now();
  const logId = newId("log");

  let upstreamStatus: number | null = null;
  let outcome: { data: Record<string, unknown>; error: string | null; successful: boolean };
  try {
    const args = withDefaults(tool.inputSchema, request.arguments);
    const invalid = validateArguments(`${tool.slug}@${tool.version}`, tool.inputSchema, args);
    if (invalid.length > 0) {
      const list = invalid.map((e) => `${e.path} ${e.message}`).join("; ");
      outcome = { data: { invalid_arguments: invalid }, error: `Invalid arguments for ${tool.slug}: ${list}.`, successful: false };
    } else {
      const baseUrl = resolved.authConfig?.baseUrlOverride ?? toolkit.baseUrl;
      const scheme = schemeFor(toolkit.authSchemes, resolved.credentials.type);
      const send = (credentials: StoredCredentials) => {
        const upstream = buildRequest(tool.http, baseUrl, args);
        applyCredentials(upstream, scheme, credentials);
        return fetchUpstream(upstream);
      };
      let credentials = resolved.credentials;
      const account = resolved.account;
      if (credentials.type === "OAUTH2" && account && isExpiring(account)) {
        const fresh = await freshAccessToken(env, account);
        if (!fresh.ok) throw new ToolFailure(fresh.message);
        credentials = { ...credentials, access_token: fresh.accessToken };
        secrets.push(fresh.accessToken);
      }
      let { response } = await send(credentials);
      // A token can be revoked or expire early: refresh once (single-flight) and retry once.
      if (response.status === 401 && credentials.type === "OAUTH2" && credentials.refresh_token && account) {
        const fresh = await freshAccessToken(env, account, credentials.access_token);
        if (!fresh.ok) throw new ToolFailure(fresh.message);
        await response.body?.cancel();
        credentials = { ...credentials, access_token: fresh.accessToken };
        secrets.push(fresh.accessToken);
        ({ response } = await send(credentials));
      }
      upstreamStatus = response.status;
      const body = await readUpstreamBody(response);
      if (!response.ok) {
        outcome = {
          data: { status_code: response.status, body: body.data },
          error: `${toolkit.name} answered ${response.status}${upstreamMessage(body.data) ? `: ${upstreamMessage(body.data)}` : "."}`,
          successful: false,
        };
      } else if (reportsFailure(body.data)) {
        outcome = { data: asData(body.data), error: `${toolkit.name} reported an error: ${upstreamMessage(body.data) ?? "ok: false"}`, successful: false };
      } else {
        outcome = { data: asData(body.data), error: null, successful: true };
      }
    }
  } catch (err) {
    const reason =
      err instanceof UpstreamTimeoutError || err instanceof RequestBuildError || err instanceof ToolFailure
        ? err.message
        : `Could not reach ${toolkit.name}: ${err instanceof Error ? err.message : String(err)}`;
    outcome = { data: {}, error: reason, successful: false };
  }
  // Upstreams may echo what they were sent (an Authorization header in an error body).
  outcome.data = scrubValue(outcome.data, secrets) as Record<string, unknown>;
  if (outcome.error) outcome.error = scrub(outcome.error, secrets);

  const log: ExecutionLogDraft = {
    id: logId,
    projectId,
    userId: resolved.account?.userId ?? request.userId ?? null,
    toolSlug: tool.slug,
    toolkitSlug: toolkit.slug,
    connectedAccountId: resolved.account?.id ?? null,
    sessionId: request.sessionId ?? null,
    status: outcome.successful ? "success" : "error",
    durationMs: Date.now() - started,
    upstreamStatus,
    arguments: JSON.stringify(redactArguments(request.arguments)),
    response: scrub(JSON.stringify(outcome.data), secrets).slice(0, LOGGED_RESPONSE_CHARS),
    error: outcome.error,
    createdAt: new Date(started),
  };
  return { result: { ...outcome, log_id: logId }, log };
}

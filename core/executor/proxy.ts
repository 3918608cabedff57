import { findToolkit, type ToolkitInfo } from "../catalog/registry.ts";
import type { KeyRing } from "../crypto/keyring.ts";
import type { Database } from "../db/client.ts";
import { ApiError } from "../http/errors.ts";
import { applyCredentials, secretValues } from "./credentials.ts";
import { joinUrl, type UpstreamRequest } from "./request-builder.ts";
import { findAccountWithAuthConfig, openAccount, type ResolvedAccount } from "./resolve-account.ts";
import { readUpstreamBody } from "./response-reader.ts";
import { fetchUpstream, UpstreamTimeoutError } from "./upstream-fetch.ts";
import { scrub, scrubValue } from "./upstream-error.ts";

export interface ProxyRequest {
  connectedAccountId: string;
  endpoint: string;
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD";
  body?: unknown;
  parameters: { in: "query" | "header"; name: string; value: string }[];
}

export interface ProxyResult {
  status: number;
  data: unknown;
  headers: Record<string, string>;
}

// Headers the caller may not set: they carry the account's credentials or break framing.
const RESERVED_HEADERS = /^(authorization|cookie|host|content-length|transfer-encoding|proxy-.*)$/i;

/** The account a proxied request runs as, and its toolkit (whose API the endpoint must stay on). */
export interface ProxyTarget {
  toolkit: ToolkitInfo;
  resolved: ResolvedAccount;
}

export function toolkitOfAccount(toolkitSlug: string): ToolkitInfo {
  const toolkit = findToolkit(toolkitSlug);
  if (!toolkit) throw new ApiError(400, "toolkit_not_found", `Toolkit ${toolkitSlug} is no longer in the catalog.`);
  return toolkit;
}

/** The target of a direct proxy call, by account id: one D1 round trip. */
export async function proxyTargetById(db: Database, keyRing: KeyRing, projectId: string, connectedAccountId: string): Promise<ProxyTarget> {
  const { account, authConfig } = await findAccountWithAuthConfig(db, projectId, connectedAccountId);
  const toolkit = toolkitOfAccount(account.toolkitSlug);
  return { toolkit, resolved: await openAccount(keyRing, account, authConfig) };
}

/**
 * Sends a raw request to the account's API with its credentials. The endpoint must stay
 * on the API's own origin: credentials never go to a host the caller picks.
 */
export async function proxyExecute(target: ProxyTarget, request: Omit<ProxyRequest, "connectedAccountId">): Promise<ProxyResult> {
  const { toolkit, resolved } = target;
  const baseUrl = resolved.authConfig?.baseUrlOverride ?? toolkit.baseUrl;

  const url = /^https?:\/\//i.test(request.endpoint) ? new URL(request.endpoint) : joinUrl(baseUrl, request.endpoint.startsWith("/") ? request.endpoint : `/${request.endpoint}`);
  const allowedOrigins = new Set([new URL(baseUrl).origin, ...toolkit.toolOrigins]);
  if (!allowedOrigins.has(url.origin)) {
    throw new ApiError(400, "endpoint_not_allowed", `The endpoint must be on ${[...allowedOrigins].join(" or ")}.`, {
      suggestedFix: "Pass a path relative to the toolkit's API, e.g. `/user`.",
    });
  }
  const upstream: UpstreamRequest = { method: request.method, url, headers: new Headers({ accept: "application/json" }) };
  for (const parameter of request.parameters) {
    if (parameter.in === "query") url.searchParams.append(parameter.name, parameter.value);
    else if (RESERVED_HEADERS.test(parameter.name)) throw new ApiError(400, "header_not_allowed", `The header ${parameter.name} cannot be set through the proxy.`);
    else upstream.headers.set(parameter.name, parameter.value);
  }
  if (request.body !== undefined && request.method !== "GET" && request.method !== "HEAD") {
    upstream.body = typeof request.body === "string" ? request.body : JSON.stringify(request.body);
    if (!upstream.headers.has("content-type")) upstream.headers.set("content-type", "application/json");
  }
  const scheme = toolkit.authSchemes.find((s) => s.type === resolved.credentials.type) ?? { type: "NO_AUTH" as const };
  applyCredentials(upstream, scheme, resolved.credentials);

  try {
    const { response } = await fetchUpstream(upstream);
    const body = await readUpstreamBody(response);
    // What upstream echoes back (an Authorization header in an error body) goes back scrubbed.
    const secrets = secretValues(resolved.credentials);
    const headers: Record<string, string> = {};
    response.headers.forEach((value, name) => {
      if (!/^(set-cookie|authorization)$/i.test(name)) headers[name] = scrub(value, secrets);
    });
    return { status: response.status, data: scrubValue(body.data, secrets), headers };
  } catch (err) {
    const message = err instanceof UpstreamTimeoutError ? err.message : `Could not reach ${url.host}.`;
    throw new ApiError(502, "upstream_unreachable", scrub(message, secretValues(resolved.credentials)));
  }
}

import { exports } from "cloudflare:workers";
import { expect } from "vitest";
import { toBase64Url } from "../../../core/encoding.ts";

/**
 * An MCP client going through the gateway's OAuth flow inside workerd, as a real one does:
 * registration, the authorize page with an app-issued connect code, PKCE code exchange. Shared
 * by the flow's own tests and by those that need a granted session (project deletion).
 */
export const GATEWAY = "https://gateway.test";
export const REDIRECT = "https://client.example/callback";
const ACCEPT = "application/json, text/event-stream";

export const gateway = (path: string, init: RequestInit = {}) => exports.default.fetch(new Request(path.startsWith("http") ? path : `${GATEWAY}${path}`, { redirect: "manual", ...init }));
export const form = (fields: Record<string, string>) => ({ method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body: new URLSearchParams(fields).toString() });
export const mcpUrl = (id: string) => `${GATEWAY}/tool_router/${id}/mcp`;

export async function issueCode(key: string, id: string): Promise<Response> {
  return gateway(`/api/v3.1/tool_router/session/${id}/mcp_connect_codes`, { method: "POST", headers: { "x-api-key": key } });
}

export async function register(): Promise<string> {
  const response = await gateway("/oauth/mcp/register", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ client_name: "Test Client", redirect_uris: [REDIRECT], token_endpoint_auth_method: "none", grant_types: ["authorization_code", "refresh_token"], response_types: ["code"] }),
  });
  expect(response.status).toBe(201);
  return ((await response.json()) as { client_id: string }).client_id;
}

export async function pkce() {
  const verifier = toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
  const challenge = toBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier))));
  return { verifier, challenge };
}

export function authorizeUrl(clientId: string, challenge: string, resource: string): string {
  const params = new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: REDIRECT, code_challenge: challenge, code_challenge_method: "S256", state: "st4te", resource, scope: "mcp" });
  return `/oauth/mcp/authorize?${params}`;
}

export interface Tokens {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  token_type: string;
}

/** A client connected to session `id` through the whole flow, with a code `key`'s project issued. */
export async function connectClient(id: string, key: string): Promise<{ clientId: string; tokens: Tokens }> {
  const clientId = await register();
  const { verifier, challenge } = await pkce();
  const url = authorizeUrl(clientId, challenge, mcpUrl(id));
  const code = ((await (await issueCode(key, id)).json()) as { code: string }).code;
  const granted = await gateway(url, form({ code: code.toLowerCase().replaceAll("-", " ") }));
  expect(granted.status).toBe(302);
  const redirect = new URL(granted.headers.get("location") ?? "");
  expect(`${redirect.origin}${redirect.pathname}`).toBe(REDIRECT);
  expect(redirect.searchParams.get("state")).toBe("st4te");
  expect(redirect.searchParams.get("iss")).toBe(GATEWAY);
  const exchanged = await gateway("/oauth/mcp/token", form({ grant_type: "authorization_code", code: redirect.searchParams.get("code") ?? "", redirect_uri: REDIRECT, client_id: clientId, code_verifier: verifier, resource: mcpUrl(id) }));
  expect(exchanged.status).toBe(200);
  return { clientId, tokens: (await exchanged.json()) as Tokens };
}

export const toolsList = (id: string, token: string) =>
  gateway(`/tool_router/${id}/mcp`, {
    method: "POST",
    headers: { accept: ACCEPT, "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
  });

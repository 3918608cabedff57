import { beforeAll, describe, expect, it } from "vitest";
import { newTenant, type Tenant } from "../fixtures.ts";
import { authorizeUrl, form, gateway, issueCode, mcpUrl, pkce, REDIRECT } from "../mcp-oauth/oauth-client.ts";
import { createSession } from "../core/sessions/session-fixtures.ts";

/**
 * The MCP authorization server is described by hand (worker/docs/mcp-oauth-paths.ts): each
 * answer of a real flow (metadata, registration, authorize, token, refresh) may carry only
 * fields the document describes, so the description cannot fall behind the library.
 */

interface Schema {
  properties?: Record<string, { description?: string }>;
}
interface Operation {
  summary?: string;
  tags?: string[];
  security?: unknown;
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
  requestBody?: { content: Record<string, { schema?: Schema }> };
}
type Paths = Record<string, Record<string, Operation>>;

let paths: Paths;
let tenant: Tenant;
let sessionId: string;

beforeAll(async () => {
  paths = ((await (await gateway("/api/v3.1/openapi.json")).json()) as { paths: Paths }).paths;
  tenant = await newTenant("mcp-oauth-document");
  sessionId = (await createSession(tenant.key, { user_id: "alice", toolkits: ["hackernews"] })).session_id;
});

/** The fields of `body` the document's schema for `path`/`method`/`status` does not describe. */
function undescribed(path: string, method: string, status: string, body: object, type = "application/json"): string[] {
  const properties = paths[path]?.[method]?.responses[status]?.content?.[type]?.schema?.properties ?? {};
  return Object.keys(body).filter((field) => !properties[field]?.description);
}

describe("the MCP authorization server in the OpenAPI document", () => {
  it("lists every endpoint, public, under one tag", () => {
    const operations = [
      ["/.well-known/oauth-authorization-server", "get"],
      ["/.well-known/oauth-protected-resource/tool_router/{id}/mcp", "get"],
      ["/oauth/mcp/register", "post"],
      ["/oauth/mcp/authorize", "get"],
      ["/oauth/mcp/authorize", "post"],
      ["/oauth/mcp/token", "post"],
    ] as const;
    for (const [path, method] of operations) {
      const operation = paths[path]?.[method];
      expect(operation?.summary, `${method} ${path}`).toBeTruthy();
      expect(operation?.tags).toEqual(["MCP authorization"]);
      expect(operation?.security).toBeUndefined();
    }
  });

  it("describes every field a whole flow answers with", async () => {
    const metadata = (await (await gateway("/.well-known/oauth-authorization-server")).json()) as object;
    expect(undescribed("/.well-known/oauth-authorization-server", "get", "200", metadata)).toEqual([]);
    const resource = (await (await gateway(`/.well-known/oauth-protected-resource/tool_router/${sessionId}/mcp`)).json()) as object;
    expect(undescribed("/.well-known/oauth-protected-resource/tool_router/{id}/mcp", "get", "200", resource)).toEqual([]);

    const registration = { client_name: "Doc Client", redirect_uris: [REDIRECT], token_endpoint_auth_method: "none", grant_types: ["authorization_code", "refresh_token"], response_types: ["code"] };
    const registered = await gateway("/oauth/mcp/register", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(registration) });
    expect(registered.status).toBe(201);
    const client = (await registered.json()) as { client_id: string };
    expect(undescribed("/oauth/mcp/register", "post", "201", client)).toEqual([]);
    const requestFields = paths["/oauth/mcp/register"]?.post?.requestBody?.content["application/json"]?.schema?.properties ?? {};
    expect(Object.keys(registration).filter((field) => !requestFields[field])).toEqual([]);

    const { verifier, challenge } = await pkce();
    const authorize = authorizeUrl(client.client_id, challenge, mcpUrl(sessionId));
    const documentedQuery = (paths["/oauth/mcp/authorize"]?.get as unknown as { parameters: { name: string }[] }).parameters.map((p) => p.name);
    expect([...new URL(authorize, "https://gateway.test").searchParams.keys()].filter((name) => !documentedQuery.includes(name))).toEqual([]);
    const issued = (await (await issueCode(tenant.key, sessionId)).json()) as { code: string };
    const granted = await gateway(authorize, form({ code: issued.code }));
    expect(granted.status).toBe(302);
    const code = new URL(granted.headers.get("location") ?? "").searchParams.get("code") ?? "";

    const exchange = { grant_type: "authorization_code", code, redirect_uri: REDIRECT, client_id: client.client_id, code_verifier: verifier, resource: mcpUrl(sessionId) };
    const tokenFields = paths["/oauth/mcp/token"]?.post?.requestBody?.content["application/x-www-form-urlencoded"]?.schema?.properties ?? {};
    expect(Object.keys(exchange).filter((field) => !tokenFields[field])).toEqual([]);
    const exchanged = await gateway("/oauth/mcp/token", form(exchange));
    expect(exchanged.status).toBe(200);
    const tokens = (await exchanged.json()) as { refresh_token: string };
    expect(undescribed("/oauth/mcp/token", "post", "200", tokens)).toEqual([]);
    const refreshed = await gateway("/oauth/mcp/token", form({ grant_type: "refresh_token", refresh_token: tokens.refresh_token, client_id: client.client_id }));
    expect(refreshed.status).toBe(200);
    expect(undescribed("/oauth/mcp/token", "post", "200", (await refreshed.json()) as object)).toEqual([]);

    const refused = await gateway("/oauth/mcp/token", form({ grant_type: "authorization_code", code, redirect_uri: REDIRECT, client_id: client.client_id, code_verifier: verifier }));
    expect(refused.status).toBe(400);
    expect(undescribed("/oauth/mcp/token", "post", "400", (await refused.json()) as object)).toEqual([]);
  });
});

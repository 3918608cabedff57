import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { newTenant, type Tenant } from "../fixtures.ts";
import { ADMIN_KEY } from "../helpers.ts";
import { createSession, SESSIONS } from "../core/sessions/session-fixtures.ts";
import { authorizeUrl, connectClient, form, GATEWAY, gateway, issueCode, mcpUrl, pkce, REDIRECT, register, toolsList, type Tokens } from "./oauth-client.ts";

/**
 * The MCP authorization server end to end inside workerd: registration, the authorize page
 * with an app-issued connect code, PKCE code exchange, the token at the MCP endpoint and
 * refused everywhere else, refresh rotation, revocation, and what is kept at rest.
 */
let tenant: Tenant;
let other: Tenant;
let sessionId: string;
let otherSessionId: string;
let foreignSessionId: string;

beforeAll(async () => {
  [tenant, other] = await Promise.all([newTenant("mcp-oauth"), newTenant("mcp-oauth-other")]);
  sessionId = (await createSession(tenant.key, { user_id: "alice", toolkits: ["hackernews"], preload: { tools: ["HACKERNEWS_GET_ITEM"] } })).session_id;
  otherSessionId = (await createSession(tenant.key, { user_id: "bob", toolkits: ["hackernews"] })).session_id;
  foreignSessionId = (await createSession(other.key, { user_id: "alice", toolkits: ["hackernews"] })).session_id;
});

/** A client connected to `id` through the whole flow, with the code `key`'s project issued. */
const connect = (id = sessionId, key = tenant.key) => connectClient(id, key);

describe("connect codes", () => {
  it("are issued with the project key for a live session of the project, and shown once", async () => {
    const response = await issueCode(tenant.key, sessionId);
    expect(response.status).toBe(201);
    const body = (await response.json()) as Record<string, string>;
    expect(body.code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    expect(body.mcp_url).toBe(mcpUrl(sessionId));
    expect(Date.parse(body.expires_at ?? "") - Date.now()).toBeGreaterThan(9 * 60_000);
    const rows = await env.DB.prepare("SELECT * FROM mcp_connect_codes WHERE session_id = ?").bind(sessionId).all();
    expect(JSON.stringify(rows.results)).not.toContain(body.code);
  });

  it("are refused for another project's session, without a key, and with a bad session id", async () => {
    expect((await issueCode(other.key, sessionId)).status).toBe(404);
    expect((await issueCode("", sessionId)).status).toBe(401);
    expect((await issueCode(tenant.key, "trs_nope")).status).toBe(404);
  });
});

describe("the authorize page", () => {
  it("asks for the code, works on a phone, and loads nothing from elsewhere", async () => {
    const clientId = await register();
    const response = await gateway(authorizeUrl(clientId, (await pkce()).challenge, mcpUrl(sessionId)));
    expect(response.status).toBe(200);
    expect(response.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    const page = await response.text();
    expect(page).toContain("Test Client");
    expect(page).toContain('name="viewport"');
    expect(page).toContain('autocomplete="one-time-code"');
    expect(page).not.toMatch(/<script|https?:\/\/(?!gateway\.test|client\.example)/);
  });

  it("refuses a wrong code, a code of another session, and a request naming no session", async () => {
    const clientId = await register();
    const url = authorizeUrl(clientId, (await pkce()).challenge, mcpUrl(sessionId));
    const wrong = await gateway(url, form({ code: "0000-0000-0000" }));
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("not valid for this session");
    const otherCode = ((await (await issueCode(tenant.key, otherSessionId)).json()) as { code: string }).code;
    expect((await gateway(url, form({ code: otherCode }))).status).toBe(400);
    // The other session's code was not spent by the attempt.
    const otherUrl = authorizeUrl(clientId, (await pkce()).challenge, mcpUrl(otherSessionId));
    expect((await gateway(otherUrl, form({ code: otherCode }))).status).toBe(302);
    const noResource = await gateway(authorizeUrl(clientId, (await pkce()).challenge, `${GATEWAY}/api`));
    expect(noResource.status).toBe(400);
    expect(await noResource.text()).toContain("resource");
  });

  it("binds a client that sends no resource to the session of the code typed", async () => {
    const clientId = await register();
    const { verifier, challenge } = await pkce();
    const params = new URLSearchParams({ response_type: "code", client_id: clientId, redirect_uri: REDIRECT, code_challenge: challenge, code_challenge_method: "S256", state: "s" });
    const url = `/oauth/mcp/authorize?${params}`;
    const shown = await gateway(url);
    expect(shown.status).toBe(200);
    expect(await shown.text()).toContain("the session your code is for");
    const code = ((await (await issueCode(tenant.key, otherSessionId)).json()) as { code: string }).code;
    const granted = await gateway(url, form({ code }));
    expect(granted.status).toBe(302);
    const authorizationCode = new URL(granted.headers.get("location") ?? "").searchParams.get("code") ?? "";
    const exchanged = await gateway("/oauth/mcp/token", form({ grant_type: "authorization_code", code: authorizationCode, redirect_uri: REDIRECT, client_id: clientId, code_verifier: verifier }));
    expect(exchanged.status).toBe(200);
    const tokens = (await exchanged.json()) as Tokens;
    expect((await toolsList(otherSessionId, tokens.access_token)).status).toBe(200);
    expect((await toolsList(sessionId, tokens.access_token)).status).toBe(403);
  });

  it("spends a code once", async () => {
    const clientId = await register();
    const code = ((await (await issueCode(tenant.key, sessionId)).json()) as { code: string }).code;
    expect((await gateway(authorizeUrl(clientId, (await pkce()).challenge, mcpUrl(sessionId)), form({ code }))).status).toBe(302);
    expect((await gateway(authorizeUrl(clientId, (await pkce()).challenge, mcpUrl(sessionId)), form({ code }))).status).toBe(400);
  });
});

describe("an access token", () => {
  it("opens its session's MCP endpoint, hashed at rest", async () => {
    const { tokens } = await connect();
    expect(tokens.token_type.toLowerCase()).toBe("bearer");
    expect(tokens.expires_in).toBeLessThanOrEqual(900);
    const response = await toolsList(sessionId, tokens.access_token);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { result: { tools: { name: string }[] } };
    expect(body.result.tools.length).toBeGreaterThan(0);
    // Nothing in KV holds a token or its secret part in the clear.
    const keys = await env.OAUTH_KV.list();
    const dump = JSON.stringify(await Promise.all(keys.keys.map(async (k) => [k.name, await env.OAUTH_KV.get(k.name), k.metadata])));
    for (const secret of [tokens.access_token, tokens.refresh_token]) {
      expect(dump).not.toContain(secret);
      expect(dump).not.toContain(secret.split(":")[2]);
    }
  });

  it("is refused at other sessions, on REST and admin routes, and when malformed", async () => {
    const { tokens } = await connect();
    const otherSession = await toolsList(otherSessionId, tokens.access_token);
    expect(otherSession.status).toBe(403);
    expect(((await otherSession.json()) as { error: { code: string } }).error.code).toBe("mcp_token_wrong_session");
    expect((await toolsList(foreignSessionId, tokens.access_token)).status).toBe(403);
    for (const path of [SESSIONS, `${SESSIONS}/${sessionId}`, `/api/v3.1/tool_router/session/${sessionId}/mcp_grants`, "/api/v3.1/tools", "/api/v3.1/connected_accounts", "/api/admin/projects"]) {
      const response = await gateway(path, { headers: { authorization: `Bearer ${tokens.access_token}` } });
      expect(response.status, path).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code, path).toBe("mcp_token_not_allowed");
    }
    const [, grant, secret] = tokens.access_token.split(":");
    const forged = await toolsList(sessionId, `${sessionId}:${grant}:${secret}x`);
    expect(forged.status).toBe(401);
    expect(forged.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe("mcp_token_invalid");
  });

  it("comes back from a refresh, which rotates the refresh token", async () => {
    const { clientId, tokens } = await connect();
    const refresh = (token: string) => gateway("/oauth/mcp/token", form({ grant_type: "refresh_token", refresh_token: token, client_id: clientId, resource: mcpUrl(sessionId) }));
    const first = await refresh(tokens.refresh_token);
    expect(first.status).toBe(200);
    const rotated = (await first.json()) as Tokens;
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    expect((await toolsList(sessionId, rotated.access_token)).status).toBe(200);
    // Without `resource`, the session comes from the token itself.
    const second = await gateway("/oauth/mcp/token", form({ grant_type: "refresh_token", refresh_token: rotated.refresh_token, client_id: clientId }));
    expect(second.status).toBe(200);
    const third = (await second.json()) as Tokens;
    // The refresh token before last is refused now (the library keeps the previous one for one retry).
    const stale = await refresh(tokens.refresh_token);
    expect(stale.status).toBe(400);
    expect(((await stale.json()) as { error: string }).error).toBe("invalid_grant");
    expect((await toolsList(sessionId, third.access_token)).status).toBe(200);
  });

  it("stops working at once when the project revokes the grant", async () => {
    const { clientId, tokens } = await connect();
    const listed = await gateway(`/api/v3.1/tool_router/session/${sessionId}/mcp_grants`, { headers: { "x-api-key": tenant.key } });
    expect(listed.status).toBe(200);
    const grants = ((await listed.json()) as { items: { id: string; client_id: string; client_name: string }[] }).items;
    const grant = grants.find((g) => g.client_id === clientId);
    expect(grant?.client_name).toBe("Test Client");
    // Another project sees nothing of it.
    expect((await gateway(`/api/v3.1/tool_router/session/${sessionId}/mcp_grants`, { headers: { "x-api-key": other.key } })).status).toBe(404);
    const revoked = await gateway(`/api/v3.1/tool_router/session/${sessionId}/mcp_grants/${grant?.id}`, { method: "DELETE", headers: { "x-api-key": tenant.key } });
    expect(revoked.status).toBe(200);
    expect((await toolsList(sessionId, tokens.access_token)).status).toBe(401);
    const refreshed = await gateway("/oauth/mcp/token", form({ grant_type: "refresh_token", refresh_token: tokens.refresh_token, client_id: clientId }));
    expect(refreshed.status).toBe(400);
    expect((await gateway(`/api/v3.1/tool_router/session/${sessionId}/mcp_grants/${grant?.id}`, { method: "DELETE", headers: { "x-api-key": tenant.key } })).status).toBe(404);
  });

  it("is useless once its session is deleted", async () => {
    const id = (await createSession(tenant.key, { user_id: "carol", toolkits: ["hackernews"] })).session_id;
    const { tokens } = await connect(id);
    expect((await toolsList(id, tokens.access_token)).status).toBe(200);
    expect((await gateway(`${SESSIONS}/${id}`, { method: "DELETE", headers: { "x-api-key": tenant.key } })).status).toBeLessThan(300);
    const after = await toolsList(id, tokens.access_token);
    expect(after.status).toBe(404);
    expect(((await after.json()) as { error: { code: string } }).error.code).toBe("session_not_found");
    void ADMIN_KEY;
  });
});

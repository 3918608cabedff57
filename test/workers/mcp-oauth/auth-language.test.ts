import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { newTenant, type Tenant } from "../fixtures.ts";
import { UNKNOWN_KEY } from "../helpers.ts";
import { createSession } from "../core/sessions/session-fixtures.ts";

/**
 * MCP's auth language at the session endpoint (MCP authorization spec, RFC 9728, RFC 6750):
 * challenges on every 401, discovery documents with no key, 404 (never 401) for what is not
 * published, and JSON-RPC errors that echo the request id.
 */
const GATEWAY = "https://gateway.test";
const ACCEPT = "application/json, text/event-stream";

let tenant: Tenant;
let sessionId: string;

beforeAll(async () => {
  tenant = await newTenant("mcp-auth-language");
  sessionId = (await createSession(tenant.key, { user_id: "u1", toolkits: ["hackernews"] })).session_id;
});

const fetchGateway = (path: string, init: RequestInit = {}) => exports.default.fetch(new Request(`${GATEWAY}${path}`, init));

const mcpPost = (headers: Record<string, string>, body: unknown = { jsonrpc: "2.0", id: 7, method: "tools/list" }) =>
  fetchGateway(`/tool_router/${sessionId}/mcp`, {
    method: "POST",
    headers: { accept: ACCEPT, "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

const resourceMetadata = () => `${GATEWAY}/.well-known/oauth-protected-resource/tool_router/${sessionId}/mcp`;

describe("WWW-Authenticate on every MCP 401", () => {
  it("names the resource metadata, and no error, when no credential came", async () => {
    for (const method of ["POST", "GET", "DELETE"]) {
      const response = await fetchGateway(`/tool_router/${sessionId}/mcp`, { method, headers: { accept: ACCEPT } });
      expect(response.status, method).toBe(401);
      expect(response.headers.get("www-authenticate")).toBe(`Bearer resource_metadata="${resourceMetadata()}"`);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("api_key_missing");
    }
  });

  it("says which key problem it was when a credential was refused", async () => {
    const cases: [Record<string, string>, string, RegExp][] = [
      [{ "x-api-key": UNKNOWN_KEY }, "api_key_invalid", /not recognised/],
      [{ "x-api-key": "sk_short" }, "api_key_malformed", /not in the form/],
      [{ authorization: "Basic abc" }, "api_key_malformed", /Bearer/],
    ];
    for (const [headers, code, description] of cases) {
      const response = await mcpPost(headers);
      expect(response.status).toBe(401);
      const challenge = response.headers.get("www-authenticate") ?? "";
      expect(challenge.startsWith(`Bearer resource_metadata="${resourceMetadata()}", error="invalid_token", error_description="`)).toBe(true);
      expect(challenge).toMatch(description);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });

  it("is not added to other routes' 401s", async () => {
    const response = await fetchGateway("/api/v3.1/tool_router/session", { method: "POST" });
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toBeNull();
  });
});

describe("discovery documents", () => {
  it("publish each session's protected resource metadata, without a key, at both places clients look", async () => {
    for (const path of [`/.well-known/oauth-protected-resource/tool_router/${sessionId}/mcp`, `/tool_router/${sessionId}/mcp/.well-known/oauth-protected-resource`]) {
      const response = await fetchGateway(path);
      expect(response.status, path).toBe(200);
      expect(await response.json()).toMatchObject({
        resource: `${GATEWAY}/tool_router/${sessionId}/mcp`,
        authorization_servers: [GATEWAY],
        bearer_methods_supported: ["header"],
        scopes_supported: ["mcp"],
      });
    }
  });

  it("publish the authorization server's RFC 8414 metadata at the issuer", async () => {
    const response = await fetchGateway("/.well-known/oauth-authorization-server");
    expect(response.status).toBe(200);
    const metadata = (await response.json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({
      issuer: GATEWAY,
      authorization_endpoint: `${GATEWAY}/oauth/mcp/authorize`,
      token_endpoint: `${GATEWAY}/oauth/mcp/token`,
      registration_endpoint: `${GATEWAY}/oauth/mcp/register`,
      code_challenge_methods_supported: ["S256"],
      response_types_supported: ["code"],
    });
    expect(metadata.grant_types_supported).toEqual(expect.arrayContaining(["authorization_code", "refresh_token"]));
    expect(metadata).not.toHaveProperty("protected_resources");
  });

  it("answer 404, never 401, for what is not published", async () => {
    for (const path of [
      `/tool_router/${sessionId}/mcp/.well-known/openid-configuration`,
      `/tool_router/${sessionId}/mcp/.well-known/oauth-authorization-server`,
      "/.well-known/openid-configuration",
      `/.well-known/openid-configuration/tool_router/${sessionId}/mcp`,
      `/.well-known/oauth-authorization-server/tool_router/${sessionId}/mcp`,
      "/.well-known/oauth-protected-resource",
      "/.well-known/oauth-protected-resource/tool_router/not-a-session/mcp",
    ]) {
      const response = await fetchGateway(path);
      expect(response.status, path).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code, path).toMatch(/^(not_found|session_not_found)$/);
    }
  });
});

describe("JSON-RPC errors echo the request id", () => {
  it("answers server/discover (MCP 2026-07-28) with what the server speaks, and a malformed probe with an error carrying the id", async () => {
    const meta = {
      "io.modelcontextprotocol/protocolVersion": "2026-07-28",
      "io.modelcontextprotocol/clientInfo": { name: "probe", version: "1.0.0" },
      "io.modelcontextprotocol/clientCapabilities": {},
    };
    for (const id of [0, "probe-1"]) {
      const response = await mcpPost(
        { "x-api-key": tenant.key, "mcp-protocol-version": "2026-07-28", "mcp-method": "server/discover" },
        { jsonrpc: "2.0", id, method: "server/discover", params: { _meta: meta } },
      );
      expect(response.status).toBe(200);
      const answer = (await response.json()) as { id: unknown; result: { supportedVersions: string[] } };
      expect(answer).toMatchObject({
        jsonrpc: "2.0",
        id,
        result: { capabilities: { tools: { listChanged: true } }, _meta: { "io.modelcontextprotocol/serverInfo": { name: "switchboard-session" } } },
      });
      expect(answer.result.supportedVersions).toContain("2026-07-28");
    }
    // The newer header without the envelope it requires: refused, with the id.
    const bare = await mcpPost({ "x-api-key": tenant.key, "mcp-protocol-version": "2026-07-28" }, { jsonrpc: "2.0", id: 7, method: "server/discover", params: {} });
    expect(bare.status).toBe(400);
    expect(await bare.json()).toMatchObject({ jsonrpc: "2.0", id: 7, error: { code: -32602 } });
  });

  it("puts the id back on the transport's own refusals", async () => {
    const unsupported = await mcpPost({ "x-api-key": tenant.key, "mcp-protocol-version": "1999-01-01" }, { jsonrpc: "2.0", id: 0, method: "tools/list" });
    expect(unsupported.status).toBe(400);
    expect(await unsupported.json()).toMatchObject({ id: 0, error: { code: -32000 } });
    const unknown = await mcpPost({ "x-api-key": tenant.key }, { jsonrpc: "2.0", id: 3, method: "no/such_method" });
    expect(await unknown.json()).toMatchObject({ id: 3, error: { code: -32601 } });
    // No id could be read: null stays.
    const malformed = await fetchGateway(`/tool_router/${sessionId}/mcp`, {
      method: "POST",
      headers: { accept: ACCEPT, "content-type": "application/json", "x-api-key": tenant.key },
      body: "{not json",
    });
    expect(await malformed.json()).toMatchObject({ id: null });
  });
});

describe("registration for a client that sends a key", () => {
  const registerWith = (headers: Record<string, string>) =>
    fetchGateway("/oauth/mcp/register", {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ client_name: "mcp-remote", redirect_uris: ["http://localhost:3334/oauth/callback"], token_endpoint_auth_method: "none" }),
    });

  it("is refused with the reason the key was refused, so the client ends with it instead of a consent page", async () => {
    const unknown = await registerWith({ "x-api-key": UNKNOWN_KEY });
    expect(unknown.status).toBe(400);
    const body = (await unknown.json()) as { error: string; error_description: string };
    expect(body.error).toBe("invalid_client_metadata");
    expect(body.error_description).toContain("api_key_invalid");
    expect(body.error_description).toContain("not recognised");
    expect(body.error_description).not.toContain(UNKNOWN_KEY);
    const valid = await registerWith({ authorization: `Bearer ${tenant.key}` });
    expect(valid.status).toBe(400);
    expect(((await valid.json()) as { error_description: string }).error_description).toContain("needs no OAuth");
  });

  it("goes ahead without one", async () => {
    expect((await registerWith({})).status).toBe(201);
  });
});

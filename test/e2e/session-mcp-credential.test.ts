import type { Composio } from "@composio/core";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import type { Upstream } from "../upstream/server.ts";
import { connectSimulatedGitHub, newSdkTenant, startGatewayAndSimulator } from "./sdk-tenant.ts";

/**
 * What an app does to put a session into an MCP client without handing over its project key:
 * mint a scoped MCP credential for the session and give the client exactly the `mcp` block the
 * create response returns (URL and `Authorization: Bearer smc_…`). Driven with the official MCP
 * SDK client against the real gateway and the GitHub simulator.
 */
let gateway: LocalGateway;
let upstream: Upstream;
let composio: Composio;
let apiKey: string;

interface CreatedCredential {
  id: string;
  secret: string;
  mcp: { type: string; url: string; headers: Record<string, string> };
}

beforeAll(async () => {
  ({ gateway, upstream } = await startGatewayAndSimulator());
  ({ apiKey, composio } = await newSdkTenant(gateway, "mcp-credential"));
  await connectSimulatedGitHub(composio, upstream, "cred_user");
});

afterAll(async () => {
  await Promise.all([gateway?.destroy(), upstream?.close()]);
});

async function api(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> {
  return fetch(`${gateway.url}${path}`, { method, headers: { ...headers, ...(body === undefined ? {} : { "content-type": "application/json" }) }, body: body === undefined ? undefined : JSON.stringify(body) });
}

async function mint(sessionId: string): Promise<CreatedCredential> {
  const response = await api("POST", `/api/v3.1/tool_router/session/${sessionId}/mcp_credentials`, { "x-api-key": apiKey }, { name: "e2e client" });
  expect(response.status).toBe(201);
  return (await response.json()) as CreatedCredential;
}

async function connect(url: string, headers: Record<string, string>): Promise<Client> {
  const client = new Client({ name: "switchboard-e2e-credential", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url), { requestInit: { headers } }));
  return client;
}

describe("a scoped MCP credential with the MCP SDK client", () => {
  it("lists and calls the session's tools with the create response's mcp block, and opens nothing else", async () => {
    const session = await composio.create("cred_user", { mcp: true, toolkits: ["github"], preload: { tools: ["GITHUB_GET_THE_AUTHENTICATED_USER"] } });
    const credential = await mint(session.sessionId);
    expect(credential.mcp.url).toBe(session.mcp.url);
    expect(credential.mcp.headers).toEqual({ Authorization: `Bearer ${credential.secret}` });

    const client = await connect(credential.mcp.url, credential.mcp.headers);
    try {
      const { tools } = await client.listTools();
      expect(tools.map((t) => t.name)).toContain("GITHUB_GET_THE_AUTHENTICATED_USER");
      const result = await client.callTool({ name: "GITHUB_GET_THE_AUTHENTICATED_USER", arguments: {} });
      const payload = JSON.parse((result as { content: { text: string }[] }).content[0]!.text) as { successful: boolean; data: Record<string, unknown> };
      expect(payload.successful).toBe(true);
      expect(payload.data).toMatchObject({ login: "octocat" });
    } finally {
      await client.close();
    }

    // Another session of the same project: refused before the protocol starts.
    const sibling = await composio.create("cred_user", { mcp: true, toolkits: ["github"] });
    await expect(connect(sibling.mcp.url, credential.mcp.headers)).rejects.toThrow(/403|mcp_credential_scope_mismatch/);
    // The project's API: refused whatever the route.
    for (const [method, path] of [
      ["GET", `/api/v3.1/tool_router/session/${session.sessionId}`],
      ["GET", "/api/v3.1/connected_accounts"],
      ["GET", "/api/admin/projects"],
    ] as const) {
      const response = await api(method, path, credential.mcp.headers);
      expect(response.status, path).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("mcp_credential_not_allowed");
    }
  });

  it("stops working at once when the app revokes it", async () => {
    const session = await composio.create("cred_user", { toolkits: ["github"] });
    const credential = await mint(session.sessionId);
    const client = await connect(credential.mcp.url, credential.mcp.headers);
    await client.close();
    const revoked = await api("DELETE", `/api/v3.1/tool_router/session/${session.sessionId}/mcp_credentials/${credential.id}`, { "x-api-key": apiKey });
    expect(revoked.status).toBe(200);
    // wrangler dev runs one isolate: the revoke's own isolate refuses it at once.
    const refused = await fetch(credential.mcp.url, {
      method: "POST",
      headers: { ...credential.mcp.headers, accept: "application/json, text/event-stream", "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(refused.status).toBe(401);
    expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("mcp_credential_revoked");
    expect(refused.headers.get("www-authenticate")).toMatch(/error="invalid_token"/);
  });
});

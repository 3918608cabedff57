import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { UnauthorizedError } from "@modelcontextprotocol/sdk/client/auth.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { closeBrowser, launchBrowser, newContext, screenshot } from "./oauth/browser.ts";
import { MemoryOAuthProvider, startLoopbackCallback, type LoopbackCallback } from "./mcp-oauth/oauth-client.ts";
import { newSdkTenant } from "./sdk-tenant.ts";
import { sharedGateway } from "./shared-gateway.ts";

/**
 * An MCP client that only speaks OAuth (the MCP SDK client with an `authProvider`, no key)
 * connects to a session URL: it is refused with a challenge, discovers the gateway's
 * authorization server, registers, and sends the user to the authorize page; the user, in
 * Chromium, types the connect code the app issued; the client exchanges the code and lists and
 * calls tools. Then: tokens are hashed at rest, refresh rotates, revocation bites at once.
 */
let gateway: LocalGateway;
let browser: Browser;
let callback: LoopbackCallback;
let apiKey: string;
let sessionId: string;
let mcpUrl: string;

beforeAll(async () => {
  [gateway, browser, callback] = await Promise.all([sharedGateway(), launchBrowser(), startLoopbackCallback()]);
  ({ apiKey } = await newSdkTenant(gateway, "mcp-oauth"));
  const created = await api("POST", "/api/v3.1/tool_router/session", { user_id: "oauth-user", toolkits: ["hackernews"] });
  sessionId = (created as { session_id: string }).session_id;
  mcpUrl = `${gateway.url}/tool_router/${sessionId}/mcp`;
});

afterAll(async () => {
  await Promise.all([closeBrowser(browser), callback?.close()]);
});

async function api(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { "x-api-key": apiKey, ...(body ? { "content-type": "application/json" } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  expect(response.ok, `${method} ${path}: ${text}`).toBe(true);
  return JSON.parse(text) as unknown;
}

/** Every file under `dir` whose bytes contain `needle`. */
function filesContaining(dir: string, needle: string): string[] {
  const found: string[] = [];
  const walk = (at: string) => {
    for (const name of readdirSync(at)) {
      const file = path.join(at, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (readFileSync(file).includes(needle)) found.push(file);
    }
  };
  walk(dir);
  return found;
}

/** The user's part: open the client's authorization URL in Chromium, type the app's code, allow. */
async function authorizeInBrowser(url: URL, code: string, shot?: string): Promise<void> {
  const context = await newContext(browser, { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
  try {
    const page = await context.newPage();
    const violations: string[] = [];
    page.on("console", (message) => {
      if (/Content.Security.Policy/i.test(message.text())) violations.push(message.text());
    });
    await page.goto(url.toString());
    await page.getByRole("heading", { level: 1 }).waitFor();
    expect(await page.getByRole("heading", { level: 1 }).textContent()).toContain("Switchboard e2e MCP client");
    const input = page.getByLabel("Connect code");
    // A wrong code first: the page says so and keeps the request.
    await input.fill("0000-0000-0000");
    await page.getByRole("button", { name: "Allow access" }).click();
    await page.getByRole("alert").waitFor();
    expect(await page.getByRole("alert").textContent()).toContain("not valid for this session");
    await page.getByLabel("Connect code").fill(code.toLowerCase());
    if (shot) await screenshot(page, shot, "mcp-oauth");
    await page.getByRole("button", { name: "Allow access" }).click();
    await page.getByText("You can close this window").waitFor();
    expect(violations).toEqual([]);
  } finally {
    await context.close();
  }
}

describe("an OAuth-only MCP client", () => {
  it("connects with the code the app issued, lists and calls tools; tokens are hashed at rest, refresh rotates, revocation bites at once", async () => {
    const provider = new MemoryOAuthProvider(callback.url);
    // 1. No credential: the client is refused, discovers, registers, and wants the user at the authorize page.
    const first = new Client({ name: "oauth-e2e", version: "1.0.0" });
    const transport = new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider });
    await expect(first.connect(transport)).rejects.toBeInstanceOf(UnauthorizedError);
    const authorizeUrl = provider.opened.at(-1);
    expect(authorizeUrl?.origin).toBe(gateway.url);
    expect(authorizeUrl?.pathname).toBe("/oauth/mcp/authorize");
    expect(authorizeUrl?.searchParams.get("resource")).toBe(mcpUrl);
    expect(authorizeUrl?.searchParams.get("code_challenge_method")).toBe("S256");

    // 2. The app issues a code for its user's session; the user types it in the browser.
    const { code } = (await api("POST", `/api/v3.1/tool_router/session/${sessionId}/mcp_connect_codes`)) as { code: string };
    const authorizationCode = callback.nextCode();
    await authorizeInBrowser(authorizeUrl!, code, "authorize-390");
    await transport.finishAuth(await authorizationCode);
    const tokens = provider.saved!;
    expect(tokens.access_token.startsWith(`${sessionId}:`)).toBe(true);

    // 3. Connected: tools listed and called with the access token alone.
    const client = new Client({ name: "oauth-e2e", version: "1.0.0" });
    await client.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider }));
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name)).toContain("COMPOSIO_SEARCH_TOOLS");
    const result = await client.callTool({ name: "COMPOSIO_SEARCH_TOOLS", arguments: { queries: [{ use_case: "get a hacker news story" }] } });
    expect(result.isError).toBeFalsy();
    expect(JSON.parse((result.content as { text: string }[])[0]!.text)).toMatchObject({ successful: true });
    await client.close();

    // 4. At rest: no file of the gateway's storage (D1, KV) holds a token or the connect code.
    for (const secret of [tokens.access_token, tokens.refresh_token!, tokens.access_token.split(":")[2]!, tokens.refresh_token!.split(":")[2]!, code]) {
      expect(filesContaining(gateway.persistDir, secret)).toEqual([]);
    }

    // 5. Refresh rotates: the new pair works, and the refresh token before last is refused.
    const refresh = (refreshToken: string) =>
      fetch(`${gateway.url}/oauth/mcp/token`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "refresh_token", refresh_token: refreshToken, client_id: provider.client!.client_id, resource: mcpUrl }),
      });
    const rotated = (await (await refresh(tokens.refresh_token!)).json()) as { access_token: string; refresh_token: string };
    expect(rotated.refresh_token).not.toBe(tokens.refresh_token);
    const again = (await (await refresh(rotated.refresh_token)).json()) as { access_token: string; refresh_token: string };
    const stale = await refresh(tokens.refresh_token!);
    expect(stale.status).toBe(400);
    expect(((await stale.json()) as { error: string }).error).toBe("invalid_grant");
    provider.saveTokens({ ...tokens, access_token: again.access_token, refresh_token: again.refresh_token });
    const afterRefresh = new Client({ name: "oauth-e2e", version: "1.0.0" });
    await afterRefresh.connect(new StreamableHTTPClientTransport(new URL(mcpUrl), { authProvider: provider }));
    expect((await afterRefresh.listTools()).tools.length).toBeGreaterThan(0);

    // 6. The app revokes the session's grants: the very next request is refused, and refreshing too.
    const { items } = (await api("GET", `/api/v3.1/tool_router/session/${sessionId}/mcp_grants`)) as { items: { client_name: string }[] };
    expect(items.map((g) => g.client_name)).toEqual(["Switchboard e2e MCP client"]);
    expect(await api("DELETE", `/api/v3.1/tool_router/session/${sessionId}/mcp_grants`)).toEqual({ revoked: 1 });
    const refused = await fetch(mcpUrl, {
      method: "POST",
      headers: { authorization: `Bearer ${again.access_token}`, accept: "application/json, text/event-stream", "content-type": "application/json" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list" }),
    });
    expect(refused.status).toBe(401);
    expect(refused.headers.get("www-authenticate")).toContain('error="invalid_token"');
    expect((await refresh(again.refresh_token)).status).toBe(400);
    await expect(afterRefresh.listTools()).rejects.toThrow();
    await afterRefresh.close().catch(() => undefined);
  });
});

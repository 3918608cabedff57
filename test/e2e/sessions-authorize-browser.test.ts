import type { Composio } from "@composio/core";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { sharedGateway } from "./shared-gateway.ts";
import { startUpstream, type Upstream } from "../upstream/server.ts";
import { startAuthorizationServer, type AuthorizationServer } from "./oauth/authorization-server.ts";
import { closeBrowser, launchBrowser, newContext, screenshot } from "./oauth/browser.ts";
import { startCallbackApp, type CallbackApp } from "./oauth/callback-app.ts";
import { createGitHubOAuthConfig, registerGitHubToken } from "./oauth/connect-flow.ts";
import { newSdkTenant } from "./sdk-tenant.ts";

/**
 * The `session.authorize()` sample of seed/sessions.md, run unchanged through the official
 * SDK with real parts: the session's Connect Link opens in a real browser, a real OAuth 2.0
 * server (oauth2-mock-server) approves, the gateway exchanges the code, the browser lands on
 * the app's callback URL, `waitForConnection()` resolves, and the session then calls GitHub
 * (the upstream simulator) with the token the authorization server issued.
 * The other samples are in sessions-sdk.test.ts.
 */
let gateway: LocalGateway;
let upstream: Upstream;
let auth: AuthorizationServer;
let app: CallbackApp;
let browser: Browser;
let composio: Composio;
let apiKey: string;

beforeAll(async () => {
  [gateway, upstream, auth, app, browser] = await Promise.all([sharedGateway(), startUpstream(), startAuthorizationServer(), startCallbackApp(), launchBrowser()]);
  ({ apiKey, composio } = await newSdkTenant(gateway, "sessions-authorize-browser"));
  // The project's only GitHub auth config, so the one a session's authorize() goes through.
  await createGitHubOAuthConfig(gateway.url, apiKey, { authorizeUrl: auth.authorizeUrl, tokenUrl: auth.tokenUrl, baseUrl: upstream.url });
});

afterAll(async () => {
  await Promise.all([closeBrowser(browser), gateway?.destroy(), upstream?.close(), auth?.close(), app?.close()]);
});

describe("session.authorize() in a browser", () => {
  it("connects GitHub over OAuth 2.0, waits for the connection, and calls GitHub with the issued token", async () => {
    const issuedToken = auth.nextAccessToken();
    await registerGitHubToken(upstream.url, issuedToken, "octocat");

    const session = await composio.create("user_123");
    const before = await session.toolkits({ toolkits: ["github"] });
    expect(before.items[0]?.connection?.isActive).toBe(false);

    // sessions.md, as written (with the example app's own callback URL).
    const connectionRequest = await session.authorize("github", {
      callbackUrl: `${app.url}/callback`,
    });
    expect(connectionRequest.redirectUrl).toMatch(new RegExp(`^${gateway.url}/link/lk_`));

    // "Send this URL to the user": the user opens it, and approves at the provider.
    const context = await newContext(browser);
    const page = await context.newPage();
    const opened = await page.goto(connectionRequest.redirectUrl ?? "");
    expect(opened?.status()).toBe(200);
    await expect(page.locator("h1").innerText()).resolves.toBe("Connect GitHub");
    await page.getByRole("button", { name: "Continue to GitHub" }).click();
    await page.waitForURL(`${app.url}/callback**`);
    await screenshot(page, "session-authorize-back-in-app");
    await context.close();
    expect(app.hits().find((h) => h.path === "/callback")?.query).toEqual({ status: "success", connected_account_id: connectionRequest.id });

    const connectedAccount = await connectionRequest.waitForConnection(15_000);
    expect(connectedAccount.status).toBe("ACTIVE");
    expect(connectedAccount.id).toBe(connectionRequest.id);
    expect(connectedAccount.toolkit.slug).toBe("github");

    // The provider saw the gateway's callback as redirect URI, and issued the token we registered.
    expect(auth.authorizeRequests()).toEqual([expect.objectContaining({ redirectUri: `${gateway.url}/oauth/callback`, codeChallengeMethod: "S256" })]);
    expect(auth.tokenRequests()).toEqual([expect.objectContaining({ grantType: "authorization_code", outcome: expect.objectContaining({ accessToken: issuedToken }) })]);

    const after = await session.toolkits({ toolkits: ["github"] });
    expect(after.items[0]?.connection).toMatchObject({ isActive: true, connectedAccount: { id: connectionRequest.id, status: "ACTIVE" } });

    upstream.clearRequests();
    const result = await session.execute("GITHUB_GET_THE_AUTHENTICATED_USER", {});
    expect(result.error).toBeNull();
    expect(result.data).toMatchObject({ login: "octocat" });
    const sent = upstream.requests().filter((r) => r.path === "/user");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.authorization).toBe(`Bearer ${issuedToken}`);

    // A session resumed later (composio.use) sees the same connection.
    const resumed = await composio.use(session.sessionId);
    expect((await resumed.toolkits({ toolkits: ["github"] })).items[0]?.connection?.isActive).toBe(true);
  });
});

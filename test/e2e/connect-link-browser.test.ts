import type { Composio } from "@composio/core";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { sharedGateway } from "./shared-gateway.ts";
import { startUpstream, type Upstream } from "../upstream/server.ts";
import { startAuthorizationServer, type AuthorizationServer } from "./oauth/authorization-server.ts";
import { closeBrowser, launchBrowser, newContext, screenshot } from "./oauth/browser.ts";
import { startCallbackApp, type CallbackApp } from "./oauth/callback-app.ts";
import { registerGitHubToken } from "./oauth/connect-flow.ts";
import { newSdkTenant } from "./sdk-tenant.ts";

/**
 * The Connect Link acceptance path with real parts: the official SDK asks the gateway for
 * a link, a real browser opens it, a real OAuth 2.0 server (oauth2-mock-server) approves,
 * the gateway exchanges the code (PKCE), the browser lands back on the app, and the tool
 * call reaches the simulated GitHub with the token the authorization server issued.
 */
let gateway: LocalGateway;
let upstream: Upstream;
let auth: AuthorizationServer;
let app: CallbackApp;
let browser: Browser;
let composio: Composio;

beforeAll(async () => {
  [gateway, upstream, auth, app, browser] = await Promise.all([sharedGateway(), startUpstream(), startAuthorizationServer(), startCallbackApp(), launchBrowser()]);
  ({ composio } = await newSdkTenant(gateway, "connect-link-browser"));
});

afterAll(async () => {
  await Promise.all([closeBrowser(browser), gateway?.destroy(), upstream?.close(), auth?.close(), app?.close()]);
});

/** The page's basic accessibility: a language, one h1, every visible field labelled. */
async function expectAccessible(page: Page, { form = true } = {}): Promise<void> {
  expect(await page.getAttribute("html", "lang")).toBe("en");
  await expect(page.locator("h1").count()).resolves.toBe(1);
  expect((await page.title()).length).toBeGreaterThan(0);
  const fields = page.locator("input:not([type=hidden])");
  for (let i = 0; i < (await fields.count()); i++) {
    const id = await fields.nth(i).getAttribute("id");
    expect(id, "every field has an id for its label").toBeTruthy();
    await expect(page.locator(`label[for="${id}"]`).count()).resolves.toBe(1);
  }
  if (!form) return;
  // The form's own button and Cancel: each says what it does.
  const buttons = page.getByRole("button");
  await expect(buttons.count()).resolves.toBe(2);
  for (const text of await buttons.allInnerTexts()) expect(text.trim().length).toBeGreaterThan(0);
}

describe("Connect Link in a browser", () => {
  it("connects GitHub over OAuth 2.0 (code + PKCE + state) and runs a tool with the issued token", async () => {
    const userId = "browser-oauth-user";
    const authConfig = await composio.authConfigs.create("github", {
      type: "use_custom_auth",
      authScheme: "OAUTH2",
      name: "GitHub via the mock authorization server",
      credentials: {
        client_id: "switchboard-e2e-client",
        client_secret: "switchboard-e2e-secret",
        authorization_url: auth.authorizeUrl,
        token_url: auth.tokenUrl,
        base_url: upstream.url,
      },
    });
    // The simulated GitHub knows only the tokens it is told about: the one about to be issued.
    const issuedToken = auth.nextAccessToken();
    await registerGitHubToken(upstream.url, issuedToken, "octocat");

    const connectionRequest = await composio.connectedAccounts.link(userId, authConfig.id, { callbackUrl: `${app.url}/connected?from=switchboard` });
    expect(connectionRequest.redirectUrl).toMatch(new RegExp(`^${gateway.url}/link/lk_`));

    const context = await newContext(browser);
    const page = await context.newPage();
    const opened = await page.goto(connectionRequest.redirectUrl ?? "");
    expect(opened?.status()).toBe(200);
    expect(opened?.headers()["cache-control"]).toBe("no-store");
    await expect(page.locator("h1").innerText()).resolves.toBe("Connect GitHub");
    await expect(page.getByText("repo", { exact: true }).count()).resolves.toBe(1);
    await expectAccessible(page);
    await screenshot(page, "oauth-connect-page");

    await page.getByRole("button", { name: "Continue to GitHub" }).click();
    await page.waitForURL(`${app.url}/connected**`);
    await screenshot(page, "oauth-back-in-app");
    await context.close();

    const hit = app.hits().find((h) => h.path === "/connected");
    expect(hit?.query).toEqual({ from: "switchboard", status: "success", connected_account_id: connectionRequest.id });

    const account = await connectionRequest.waitForConnection(15_000);
    expect(account.status).toBe("ACTIVE");
    expect(account.id).toBe(connectionRequest.id);

    // What the authorization server saw: one authorization with state and an S256 challenge,
    // then one code exchange with the matching verifier, redirect URI and client secret.
    const [authorize] = auth.authorizeRequests();
    expect(authorize).toMatchObject({
      clientId: "switchboard-e2e-client",
      redirectUri: `${gateway.url}/oauth/callback`,
      scope: "repo user",
      codeChallengeMethod: "S256",
      responseType: "code",
    });
    expect(authorize?.state).toMatch(/^[\w-]{40,}$/);
    expect(auth.tokenRequests()).toEqual([
      expect.objectContaining({
        grantType: "authorization_code",
        clientId: "switchboard-e2e-client",
        clientAuthenticated: true,
        redirectUri: `${gateway.url}/oauth/callback`,
        codeVerifier: expect.stringMatching(/^[\w-]{43,128}$/),
        outcome: expect.objectContaining({ accessToken: issuedToken }),
      }),
    ]);

    upstream.clearRequests();
    const result = await composio.tools.execute("GITHUB_GET_THE_AUTHENTICATED_USER", { userId, arguments: {}, dangerouslySkipVersionCheck: true });
    expect(result.successful).toBe(true);
    expect(result.data).toMatchObject({ login: "octocat" });
    const sent = upstream.requests().filter((r) => r.path === "/user");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.authorization).toBe(`Bearer ${issuedToken}`);
  });

  it("connects a key-based account through the form, with JavaScript disabled", async () => {
    const userId = "browser-key-user";
    const authConfig = await composio.authConfigs.create("github", {
      type: "use_custom_auth",
      authScheme: "BEARER_TOKEN",
      name: "GitHub token",
      credentials: { base_url: upstream.url },
    });
    const connectionRequest = await composio.connectedAccounts.link(userId, authConfig.id, { callbackUrl: `${app.url}/keyed` });

    const context = await newContext(browser, { javaScriptEnabled: false });
    const page = await context.newPage();
    await page.goto(connectionRequest.redirectUrl ?? "");
    await expect(page.locator("h1").innerText()).resolves.toBe("Connect GitHub");
    await expectAccessible(page);
    const field = page.getByLabel("Access token");
    await expect(field.getAttribute("type")).resolves.toBe("password");
    await screenshot(page, "key-connect-page");

    await field.fill("gho_hubot_token");
    await page.getByRole("button", { name: "Connect" }).click();
    await page.waitForURL(`${app.url}/keyed**`);
    await screenshot(page, "key-back-in-app");
    await context.close();

    expect(app.hits().find((h) => h.path === "/keyed")?.query).toEqual({ status: "success", connected_account_id: connectionRequest.id });
    const account = await connectionRequest.waitForConnection(15_000);
    expect(account.status).toBe("ACTIVE");
    expect(JSON.stringify(account)).not.toContain("gho_hubot_token");

    upstream.clearRequests();
    const result = await composio.tools.execute("GITHUB_GET_THE_AUTHENTICATED_USER", { userId, arguments: {}, dangerouslySkipVersionCheck: true });
    expect(result.successful).toBe(true);
    expect(result.data).toMatchObject({ login: "hubot" });
    expect(upstream.requests().find((r) => r.path === "/user")?.headers.authorization).toBe("Bearer gho_hubot_token");
  });

  it("shows a page of its own, not an error, when a link is opened twice", async () => {
    const authConfig = await composio.authConfigs.create("github", {
      type: "use_custom_auth",
      authScheme: "BEARER_TOKEN",
      credentials: { base_url: upstream.url },
    });
    const connectionRequest = await composio.connectedAccounts.link("browser-twice-user", authConfig.id);
    const context = await newContext(browser);
    const page = await context.newPage();
    await page.goto(connectionRequest.redirectUrl ?? "");
    await page.getByLabel("Access token").fill("gho_octocat_token");
    await page.getByRole("button", { name: "Connect" }).click();
    // No callback URL: the gateway says so itself.
    await expect(page.locator("h1").innerText()).resolves.toBe("Connected");
    const again = await page.goto(connectionRequest.redirectUrl ?? "");
    expect(again?.status()).toBe(410);
    await expect(page.locator("h1").innerText()).resolves.toBe("Link already used");
    await expectAccessible(page, { form: false });
    await screenshot(page, "link-already-used");
    await context.close();
  });
});

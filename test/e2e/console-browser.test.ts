import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { startUpstream, TOKENS, type Upstream } from "../upstream/server.ts";
import { closeBrowser, launchBrowser, newContext, screenshot } from "./oauth/browser.ts";
import { api } from "./oauth/connect-flow.ts";
import { sharedGateway } from "./shared-gateway.ts";

/**
 * The operator console in Chromium, as an operator uses it: sign in with the admin key, create
 * a project and a key, open the project with it, create a GitHub auth config pointed at the
 * upstream simulator, connect a user through a Connect Link, watch a session's log update live
 * while a tool runs in it, find that call in the logs, and look up a tool in the catalog. Then
 * every view again at phone width, signed in with the project key. Screenshots of each view at
 * 1280 and 390 px land in test-results/console/; nothing may scroll sideways, the page may
 * break no Content-Security-Policy rule, and it may fetch nothing but the gateway.
 */

const WIDE = { viewport: { width: 1280, height: 900 } };
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };

let gateway: LocalGateway;
let upstream: Upstream;
let browser: Browser;
const projectName = `console-e2e-${Date.now()}`;
let projectKey = "";
let sessionId = "";

interface Watch {
  context: BrowserContext;
  page: Page;
  problems: string[];
}

/** A page that records CSP violations, script errors and any request leaving the gateway. */
async function watchedPage(options: typeof WIDE | typeof PHONE): Promise<Watch> {
  const context = await newContext(browser, options);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !/Failed to load resource/.test(message.text())) problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page error: ${error.message}`));
  page.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin !== new URL(gateway.url).origin && url.protocol !== "data:") problems.push(`request to ${url.origin}`);
  });
  return { context, page, problems };
}

async function expectFits(page: Page, width: number, name: string): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `${name} is ${scrollWidth}px wide at ${width}px`).toBeLessThanOrEqual(width);
}

async function shoot(page: Page, width: number, name: string): Promise<void> {
  await expectFits(page, width, name);
  await screenshot(page, `${name}-${width}`, "console");
}

/**
 * Follows a link in the console's navigation and waits for the view it opens. Views share field
 * labels ("User id" is on Accounts and on Sessions): filling before the new view has rendered
 * would type into the old one.
 */
async function openView(page: Page, link: string, heading: string): Promise<void> {
  await page.getByRole("link", { name: link, exact: true }).click();
  await page.getByRole("heading", { level: 1, name: heading, exact: true }).waitFor();
}

const row = (page: Page, testId: string, text: string | RegExp) => page.getByTestId(testId).locator("tbody tr").filter({ hasText: text });

beforeAll(async () => {
  [gateway, upstream, browser] = await Promise.all([sharedGateway(), startUpstream(), launchBrowser()]);
});

afterAll(async () => {
  await Promise.all([closeBrowser(browser), upstream?.close()]);
});

describe("operator console in a browser", () => {
  it("is served at / and /console with a self-only policy, holding no data", async () => {
    const root = await fetch(`${gateway.url}/`, { redirect: "manual" });
    expect(root.status).toBe(302);
    expect(root.headers.get("location")).toBe("/console");
    const page = await fetch(`${gateway.url}/console`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("content-security-policy")).toContain("connect-src 'self'");
    const html = await page.text();
    expect(html).not.toContain("sk_");
    const script = await fetch(`${gateway.url}/console/app.js`);
    expect(script.headers.get("content-type")).toContain("text/javascript");
    expect((await script.text()).length).toBeGreaterThan(1000);
  });

  it("refuses a wrong key on the sign-in form with the API's own words", async () => {
    const { context, page } = await watchedPage(WIDE);
    await page.goto(`${gateway.url}/console`);
    await page.getByLabel("Admin key or project API key").fill(`sk_${"x".repeat(43)}`);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByRole("alert").innerText()).resolves.toContain("api_key_invalid");
    await page.getByLabel("Admin key or project API key").fill("not-the-admin-key");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("alert").filter({ hasText: "admin_key_invalid" }).waitFor();
    await shoot(page, 1280, "sign-in-refused");
    await context.close();
  });

  it("takes an operator from the admin key to a live session log and the call in the logs (1280 px)", async () => {
    const { context, page, problems } = await watchedPage(WIDE);
    await page.goto(`${gateway.url}/`);
    await shoot(page, 1280, "sign-in");
    await page.getByLabel("Admin key or project API key").fill(gateway.adminKey);
    await page.getByRole("button", { name: "Sign in" }).click();

    // A project, then a key for it, shown once, then the project opened with that key.
    await page.getByRole("heading", { name: "Projects" }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill(projectName);
    await page.getByLabel("Display name").fill("Console Test App");
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("heading", { name: projectName }).waitFor();
    await page.getByLabel("Key name").fill("console");
    await page.getByRole("button", { name: "Create key" }).click();
    projectKey = (await page.getByTestId("new-key").locator(".secret-value").innerText()).trim();
    expect(projectKey).toMatch(/^sk_/);
    await row(page, "api-keys", "console").waitFor();
    await shoot(page, 1280, "project");
    await page.getByRole("button", { name: "Open this project with it" }).click();
    await expect(page.getByTestId("current-project").innerText()).resolves.toBe("Console Test App");

    // An auth config for GitHub whose calls go to the simulator: the form comes from the toolkit's fields.
    await openView(page, "Auth configs", "Auth configs");
    await page.getByLabel("Toolkit").selectOption("github");
    await page.getByLabel("Authentication").selectOption("BEARER_TOKEN");
    await page.getByLabel("Name", { exact: true }).fill("GitHub (simulator)");
    await page.getByLabel(/API base URL|Base URL/i).fill(upstream.url);
    await page.getByRole("button", { name: "Create auth config" }).click();
    await row(page, "auth-configs", "GitHub (simulator)").waitFor();
    await shoot(page, 1280, "auth-configs");

    // A user connects through the Connect page, opened from the console's link.
    await openView(page, "Accounts", "Connected accounts");
    await page.getByLabel("User id", { exact: true }).fill("console_user");
    await page.getByRole("button", { name: "Create Connect Link" }).click();
    await page.getByTestId("connect-link").waitFor();
    const [connectPage] = await Promise.all([context.waitForEvent("page"), page.getByTestId("connect-link").getByRole("link").click()]);
    await connectPage.getByLabel("Access token").fill(TOKENS.octocat);
    await connectPage.getByRole("button", { name: "Connect" }).click();
    await expect(connectPage.locator("h1").innerText()).resolves.toBe("Connected");
    await connectPage.close();
    await page.getByRole("button", { name: "Apply" }).click();
    await row(page, "accounts", "ACTIVE").waitFor();
    await shoot(page, 1280, "accounts");

    // A session for that user; its log follows a tool call made while the page is open.
    await openView(page, "Sessions", "Sessions");
    await page.getByLabel("User id", { exact: true }).first().fill("console_user");
    await page.getByLabel("Toolkits").fill("github");
    await page.getByRole("button", { name: "Create session" }).click();
    await page.getByTestId("mcp-url").waitFor();
    sessionId = decodeURIComponent(new URL(page.url()).hash.split("/").at(-1) ?? "");
    expect(sessionId).toMatch(/^trs_/);
    await page.getByTestId("live-state").filter({ hasText: "Live" }).waitFor();
    const executed = await api<{ successful: boolean }>(gateway.url, projectKey, "POST", `/api/v3.1/tool_router/session/${sessionId}/execute`, {
      tool_slug: "GITHUB_GET_A_REPOSITORY",
      arguments: { owner: "octocat", repo: "hello-world" },
    });
    expect(executed.status).toBe(200);
    expect(executed.body.successful).toBe(true);
    await row(page, "session-log", "GITHUB_GET_A_REPOSITORY").waitFor({ timeout: 10_000 });

    // MCP access for a desktop client: a credential for this session only, shown once with the client configs.
    await page.getByLabel("Credential name").fill("Claude Desktop");
    await page.getByRole("button", { name: "Create MCP credential" }).click();
    const secret = (await page.getByTestId("new-mcp-credential").locator(".secret-value").innerText()).trim();
    expect(secret).toMatch(/^smc_/);
    await row(page, "mcp-credentials", "Claude Desktop").filter({ hasText: "active" }).waitFor();
    const listed = await fetch(`${gateway.url}/tool_router/${sessionId}/mcp`, {
      method: "POST",
      headers: { authorization: `Bearer ${secret}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
    });
    expect(listed.status).toBe(200);
    await page.getByRole("button", { name: "Issue a connect code" }).click();
    await page.getByTestId("mcp-connect-code").waitFor();
    await shoot(page, 1280, "session");

    // A credential for every session of the user, for an agent runtime that opens one per conversation.
    await openView(page, "Sessions", "Sessions");
    await page.getByLabel("User id for the credential").fill("console_user");
    await page.getByRole("button", { name: "Create user credential" }).click();
    const userSecret = (await page.getByTestId("new-mcp-credential").locator(".secret-value").innerText()).trim();
    expect(userSecret).toMatch(/^smc_/);
    await page.getByTestId("mcp-credentials").locator("tbody tr").filter({ hasText: "active" }).first().waitFor();
    const listedForUser = await fetch(`${gateway.url}/tool_router/${sessionId}/mcp`, {
      method: "POST",
      headers: { authorization: `Bearer ${userSecret}`, "content-type": "application/json", accept: "application/json, text/event-stream" },
      body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "tools/list", params: {} }),
    });
    expect(listedForUser.status).toBe(200);
    await shoot(page, 1280, "sessions");

    // The same call in the project's logs, newest first, and opened.
    await openView(page, "Logs", "Execution logs");
    const logged = row(page, "logs", "GITHUB_GET_A_REPOSITORY");
    for (let attempt = 0; attempt < 20 && !(await logged.count()); attempt++) {
      await page.waitForTimeout(500); // the session flushes its log to D1 just after the call
      await page.getByRole("button", { name: "Refresh" }).click();
    }
    await logged.first().getByRole("link").click();
    await expect(page.getByTestId("log-facts").innerText()).resolves.toContain("console_user");
    // The call was made with the project key created above: the log names it by id.
    await expect(page.getByTestId("log-facts").innerText()).resolves.toMatch(/API key\s+key_/);
    await expect(page.locator(".json").first().innerText()).resolves.toContain("hello-world");
    await shoot(page, 1280, "log");

    // The catalog: a search, and a tool's schema.
    await openView(page, "Catalog", "Catalog");
    await page.getByLabel("What should the agent do?").fill("star a repository");
    await page.getByRole("button", { name: "Search" }).click();
    await row(page, "search-results", "GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER").first().getByRole("link").click();
    await page.getByRole("heading", { name: "Input schema" }).waitFor();
    await expect(page.locator(".json").first().innerText()).resolves.toContain("owner");
    await shoot(page, 1280, "tool");

    expect(problems).toEqual([]);
    await context.close();
  });

  it("fits a phone, signed in with the project key, on every view (390 px)", async () => {
    expect(sessionId, "the 1280 px walk-through runs first").not.toBe("");
    const { context, page, problems } = await watchedPage(PHONE);
    await page.goto(`${gateway.url}/console`);
    await page.getByLabel("Admin key or project API key").fill(projectKey);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.getByTestId("current-project").innerText()).resolves.toBe("Console Test App");
    // A project key sees its own project only: there is no way to the operator's project list.
    expect(await page.getByRole("link", { name: "Projects" }).count()).toBe(0);
    const views: [string, string, () => Promise<void>][] = [
      ["sessions", "#/sessions", () => row(page, "sessions", sessionId).waitFor()],
      ["session", `#/sessions/${sessionId}`, () => row(page, "session-log", "GITHUB_GET_A_REPOSITORY").waitFor()],
      ["auth-configs", "#/auth-configs", () => row(page, "auth-configs", "GitHub (simulator)").waitFor()],
      ["accounts", "#/accounts", () => row(page, "accounts", "console_user").waitFor()],
      ["logs", "#/logs", () => row(page, "logs", "GITHUB_GET_A_REPOSITORY").first().waitFor()],
      ["catalog", "#/catalog", () => row(page, "toolkits", "GitHub").first().waitFor()],
      ["tool", "#/catalog/github/GITHUB_GET_A_REPOSITORY", () => page.getByRole("heading", { name: "Input schema" }).waitFor()],
    ];
    for (const [name, hash, ready] of views) {
      await page.goto(`${gateway.url}/console${hash}`);
      await ready();
      await shoot(page, 390, name);
    }
    // The operator's side too: the project list and a project's settings and keys.
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.getByLabel("Admin key or project API key").fill(gateway.adminKey);
    await page.getByRole("button", { name: "Sign in" }).click();
    await row(page, "projects", projectName).waitFor();
    await shoot(page, 390, "projects");
    await row(page, "projects", projectName).getByRole("link").click();
    await row(page, "api-keys", "console").waitFor();
    await shoot(page, 390, "project");
    expect(problems).toEqual([]);
    await context.close();
  });

  it("renames a project and deletes it after the operator types its name", async () => {
    const { context, page, problems } = await watchedPage(WIDE);
    await page.goto(`${gateway.url}/console`);
    await page.getByLabel("Admin key or project API key").fill(gateway.adminKey);
    await page.getByRole("button", { name: "Sign in" }).click();
    const doomed = `${projectName}-doomed`;
    await page.getByLabel("Name", { exact: true }).fill(doomed);
    await page.getByRole("button", { name: "Create project" }).click();
    await page.getByRole("heading", { name: doomed }).waitFor();
    await page.getByLabel("Name", { exact: true }).fill(`${doomed}-renamed`);
    await page.getByRole("button", { name: "Save settings" }).click();
    await page.getByRole("heading", { name: `${doomed}-renamed` }).waitFor();

    await page.getByLabel(/to confirm/).fill("not its name");
    await page.getByRole("button", { name: "Delete project" }).click();
    await page.getByRole("alert").filter({ hasText: "confirmation_mismatch" }).waitFor();
    await page.getByLabel(/to confirm/).fill(`${doomed}-renamed`);
    await page.getByRole("button", { name: "Delete project" }).click();
    await page.getByRole("heading", { name: "Projects" }).waitFor();
    await row(page, "projects", projectName).first().waitFor();
    expect(await row(page, "projects", `${doomed}-renamed`).count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  });
});

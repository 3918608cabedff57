import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient } from "../../scripts/lib/admin-client.ts";
import { startLocalGateway, type LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { runAdminCli } from "./admin-cli.ts";
import { closeBrowser, launchBrowser, newContext, screenshot } from "./oauth/browser.ts";
import { startCallbackApp, type CallbackApp } from "./oauth/callback-app.ts";
import { api, createLink } from "./oauth/connect-flow.ts";
import { sharedGateway } from "./shared-gateway.ts";

/**
 * The Connect page as an app's end user sees it, in Chromium at desktop and phone widths: the
 * app's name and logo (set with the admin CLI), the permissions in words, Cancel taking them
 * back to the app with status=cancelled, and an expired link still offering the way back.
 *
 * The logo: the gateway accepts https logos only and its CSP lets in that one https origin,
 * so the test gives the project an https logo URL and the browser context answers that URL
 * itself (playwright's route): Chromium applies the real CSP to a real https origin, and
 * nothing leaves the machine. Allowing http://127.0.0.1 logos in the gateway for the test's
 * sake would have put a test-only rule into production code.
 */
const LOGO_URL = "https://logo.acme-notes.test/brand/logo.svg";
const LOGO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="96" height="96" viewBox="0 0 96 96"><rect width="96" height="96" rx="20" fill="#0f766e"/><path d="M26 70 48 22l22 48H58l-10-23-10 23z" fill="#fff"/></svg>`;
const PRIVACY_URL = "https://acme-notes.test/privacy";
const LINK_TTL_SECONDS = 3;

let gateway: LocalGateway;
/** The same gateway code with links that expire after LINK_TTL_SECONDS. */
let shortLived: LocalGateway;
let app: CallbackApp;
let browser: Browser;
let apiKey: string;
let internalName: string;
let oauthConfigId: string;
let shortKey: string;
let shortConfigId: string;
const logoRequests: { url: string; referer: string | undefined }[] = [];

async function oauthConfig(baseUrl: string, key: string): Promise<string> {
  const created = await api<{ auth_config: { id: string } }>(baseUrl, key, "POST", "/api/v3.1/auth_configs", {
    toolkit: { slug: "github" },
    auth_config: {
      type: "use_custom_auth",
      authScheme: "OAUTH2",
      credentials: { client_id: "trust-client", client_secret: "trust-secret", scopes: "repo, read:user, admin:enterprise" },
    },
  });
  if (created.status !== 201) throw new Error(`auth config: ${created.status} ${JSON.stringify(created.body)}`);
  return created.body.auth_config.id;
}

beforeAll(async () => {
  [gateway, shortLived, app, browser] = await Promise.all([
    sharedGateway(),
    startLocalGateway({ vars: { LINK_TTL_SECONDS: String(LINK_TTL_SECONDS) } }),
    startCallbackApp(),
    launchBrowser(),
  ]);
  // The operator brands the project from the CLI, as docs/projects-and-keys.md shows.
  internalName = `acme-internal-${Date.now()}`;
  const cli = { url: gateway.url, adminKey: gateway.adminKey };
  const created = await runAdminCli(["projects", "create", internalName, "--display-name", "Acme Notes", "--logo-url", LOGO_URL, "--json"], cli);
  expect(created.code, created.stderr).toBe(0);
  const project = JSON.parse(created.stdout) as { id: string; display_name: string; logo_url: string; privacy_url: string | null };
  expect(project).toMatchObject({ display_name: "Acme Notes", logo_url: LOGO_URL, privacy_url: null });
  const updated = await runAdminCli(["projects", "update", internalName, "--privacy-url", PRIVACY_URL], cli);
  expect(updated.code, updated.stderr).toBe(0);
  expect(updated.stdout).toContain(`Connect page shows "Acme Notes"; logo ${LOGO_URL}; privacy policy ${PRIVACY_URL}`);

  apiKey = (await new AdminClient(gateway.url, gateway.adminKey).createApiKey(project.id, "trust")).key;
  oauthConfigId = await oauthConfig(gateway.url, apiKey);

  const shortAdmin = new AdminClient(shortLived.url, shortLived.adminKey);
  const shortProject = await shortAdmin.createProject("trust-short-links", false, { display_name: "Acme Notes", logo_url: LOGO_URL });
  shortKey = (await shortAdmin.createApiKey(shortProject.id, "short")).key;
  shortConfigId = await oauthConfig(shortLived.url, shortKey);
});

afterAll(async () => {
  await Promise.all([closeBrowser(browser), gateway?.destroy(), shortLived?.destroy(), app?.close()]);
});

const WIDTHS = [
  { name: "desktop", options: { viewport: { width: 1280, height: 900 } } },
  { name: "phone", options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 } },
] as const;

/** A context that only reaches loopback, plus the app's logo origin, answered here. */
async function contextAt(options: (typeof WIDTHS)[number]["options"]): Promise<BrowserContext> {
  const context = await newContext(browser, options);
  await context.route(`${new URL(LOGO_URL).origin}/**`, (route) => {
    logoRequests.push({ url: route.request().url(), referer: route.request().headers().referer });
    return route.fulfill({ status: 200, contentType: "image/svg+xml", body: LOGO_SVG });
  });
  return context;
}

/** Fits the width it is shown at: nothing to scroll sideways (checked at 390 px, a phone). */
async function expectNoHorizontalOverflow(page: Page, width: number): Promise<void> {
  const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(scrollWidth, `page is ${scrollWidth}px wide at ${width}px`).toBeLessThanOrEqual(width);
}

describe("Connect page in a browser: who is asking and the way back", () => {
  for (const { name, options } of WIDTHS) {
    const width = options.viewport.width;

    it(`shows the app's name, logo and the permissions in words; Cancel returns to the app (${name}, ${width}px)`, async () => {
      const link = await createLink(gateway.url, apiKey, { auth_config_id: oauthConfigId, user_id: `trust-${name}`, callback_url: `${app.url}/connected?from=acme` });
      const context = await contextAt(options);
      const page = await context.newPage();
      const violations: string[] = [];
      page.on("console", (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      const opened = await page.goto(link.redirect_url);
      expect(opened?.status()).toBe(200);

      await expect(page.locator("main p").first().innerText()).resolves.toBe("Acme Notes wants to use your GitHub account.");
      expect(await page.content()).not.toContain(internalName);
      const logo = page.locator(`img[src="${LOGO_URL}"]`);
      await expect(logo.getAttribute("referrerpolicy")).resolves.toBe("no-referrer");
      await logo.evaluate((img: HTMLImageElement) => img.decode());
      expect(await logo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      expect(violations).toEqual([]);

      const scopes = await page.locator(".scopes li").allInnerTexts();
      expect(scopes.map((s) => s.replace(/\s+/g, " ").trim())).toEqual([
        "read and write your private repositories repo",
        "read your profile read:user",
        "admin:enterprise",
      ]);
      await expect(page.getByRole("link", { name: "Acme Notes's privacy policy" }).getAttribute("href")).resolves.toBe(PRIVACY_URL);
      await expectNoHorizontalOverflow(page, width);
      await screenshot(page, `trust-connect-page-${width}`);

      await page.getByRole("button", { name: "Cancel and return to Acme Notes" }).click();
      await page.waitForURL(`${app.url}/connected**`);
      const hit = app.hits().findLast((h) => h.path === "/connected");
      expect(hit?.query).toEqual({ from: "acme", status: "cancelled", connected_account_id: link.connected_account_id });
      const account = await api<{ status: string }>(gateway.url, apiKey, "GET", `/api/v3.1/connected_accounts/${link.connected_account_id}`);
      expect(account.body.status).toBe("FAILED");

      // Back to the spent link: it says so and still leads back to the app.
      const again = await page.goto(link.redirect_url);
      expect(again?.status()).toBe(410);
      await expect(page.locator("h1").innerText()).resolves.toBe("Link already used");
      await expectNoHorizontalOverflow(page, width);
      await screenshot(page, `trust-link-used-${width}`);
      await context.close();
    });

    it(`offers the way back from an expired link (${name}, ${width}px)`, async () => {
      const link = await createLink(shortLived.url, shortKey, { auth_config_id: shortConfigId, user_id: `expired-${name}`, callback_url: `${app.url}/expired` });
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, Date.parse(link.expires_at) - Date.now()) + 300));
      const context = await contextAt(options);
      const page = await context.newPage();
      const opened = await page.goto(link.redirect_url);
      expect(opened?.status()).toBe(410);
      await expect(page.locator("h1").innerText()).resolves.toBe("Link expired");
      await expect(page.locator("img").getAttribute("src")).resolves.toBe(LOGO_URL);
      await expectNoHorizontalOverflow(page, width);
      await screenshot(page, `trust-link-expired-${width}`);

      await page.getByRole("link", { name: "Return to Acme Notes" }).click();
      await page.waitForURL(`${app.url}/expired**`);
      expect(app.hits().findLast((h) => h.path === "/expired")?.query).toEqual({
        status: "failed",
        error: "link_expired",
        connected_account_id: link.connected_account_id,
      });
      await context.close();
    });
  }

  it("an unknown link says the window can be closed (phone width)", async () => {
    const context = await contextAt(WIDTHS[1].options);
    const page = await context.newPage();
    const opened = await page.goto(`${gateway.url}/link/lk_AAAAAAAAAAAAAAAAAAAAAA`);
    expect(opened?.status()).toBe(404);
    await expect(page.getByText("You can close this window.").count()).resolves.toBe(1);
    await expectNoHorizontalOverflow(page, 390);
    await screenshot(page, "trust-link-unknown-390");
    await context.close();
  });

  it("fetched the logo from its own origin only, with no Referer", () => {
    expect(logoRequests.length).toBeGreaterThan(0);
    expect(new Set(logoRequests.map((r) => r.url))).toEqual(new Set([LOGO_URL]));
    // The link token is in the page's URL: the logo's host must not learn it.
    expect(logoRequests.map((r) => r.referer)).toEqual(logoRequests.map(() => undefined));
  });
});

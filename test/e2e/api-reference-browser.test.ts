import { mkdirSync } from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient } from "../../scripts/lib/admin-client.ts";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { projectRoot } from "../../scripts/lib/paths.ts";
import { closeBrowser, launchBrowser, newContext } from "./oauth/browser.ts";
import { sharedGateway } from "./shared-gateway.ts";

/**
 * `/docs` in a real browser (Debian's Chromium): Scalar renders the gateway's OpenAPI document
 * from the gateway's own copy of its script, search finds operations, and try-it sends a
 * request with the key the user types. Every request the page makes is recorded: none may
 * leave for another host (the context also refuses them, so a regression fails here rather
 * than waiting on the network), and no Content-Security-Policy violation may be reported.
 */
const SCREENSHOT_DIR = path.join(projectRoot, "test-results", "api-reference");

let gateway: LocalGateway;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let projectId: string;
let apiKey: string;
const requested: URL[] = [];
const consoleErrors: string[] = [];

async function screenshot(name: string): Promise<void> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`) });
}

/** Types into Scalar's search (the sidebar's button, then its dialog) and returns the operation found. */
async function search(words: string) {
  await page.getByRole("button", { name: /Open Search/ }).click();
  await page.keyboard.type(words);
  const operation = page.getByRole("dialog").getByRole("option").filter({ hasText: "Operation:" }).filter({ hasText: words }).first();
  await operation.waitFor();
  return operation;
}

beforeAll(async () => {
  [gateway, browser] = await Promise.all([sharedGateway(), launchBrowser()]);
  const admin = new AdminClient(gateway.url, gateway.adminKey);
  const project = await admin.createProject(`api-reference-browser-${crypto.randomUUID().slice(0, 8)}`);
  projectId = project.id;
  apiKey = (await admin.createApiKey(project.id, "api-reference-browser")).key;
  context = await newContext(browser, { viewport: { width: 1400, height: 900 } });
  page = await context.newPage();
  page.on("request", (request) => requested.push(new URL(request.url())));
  page.on("console", (message) => {
    if (message.type() === "error") consoleErrors.push(message.text());
  });
  page.on("pageerror", (error) => consoleErrors.push(error.message));
});

afterAll(async () => {
  await context?.close();
  await closeBrowser(browser);
});

describe("the API reference in a browser", () => {
  it("renders every operation from the gateway's own script and document", async () => {
    const opened = await page.goto(`${gateway.url}/docs`);
    expect(opened?.status()).toBe(200);
    // Scalar renders after its script and the document arrive: wait for it, then look.
    await page.getByRole("heading", { name: "Switchboard API", level: 1 }).waitFor();
    // The first operation is drawn at once; later ones as they scroll into view.
    await page.getByRole("heading", { name: "Version and storage readiness (no key needed)" }).waitFor();
    // The sidebar lists them all, the hand-described endpoints among them.
    for (const title of ["Create a session", "Send MCP messages to a session", "Open a Connect Link", "Finish an OAuth 2.0 connection"]) {
      await expect(page.getByText(title, { exact: true }).count(), title).resolves.toBeGreaterThan(0);
    }
    const paths = requested.map((url) => `${url.pathname}${url.search}`);
    expect(paths).toEqual(expect.arrayContaining(["/docs", "/docs/scalar.js?v=1.76.0", "/api/v3.1/openapi.json"]));
    await screenshot("reference");
  });

  it("search finds an operation and goes to it", async () => {
    const found = await search("Create a session");
    await expect(found.innerText()).resolves.toContain("/api/v3.1/tool_router/session");
    await screenshot("search");
    await found.click();
    await expect.poll(() => decodeURIComponent(new URL(page.url()).hash)).toMatch(/POST\/api\/v3\.1\/tool_router\/session$/);
    await page.getByRole("heading", { name: "Create a session" }).waitFor();
  });

  it("try-it sends the key the user types, to the gateway, and shows the answer", async () => {
    await (await search("Which project does this key belong to?")).click();
    await page.getByRole("button", { name: "Test Request (get /api/v3.1/auth/session/info)" }).click();
    const client = page.getByRole("dialog");
    // Nothing is prefilled: the value field is empty until the user types their key.
    const value = client.locator("input:not([type=checkbox])").first();
    await expect(value.inputValue()).resolves.toBe("");
    await value.fill(apiKey);
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === "/api/v3.1/auth/session/info");
    await client.getByRole("button", { name: /^Send/ }).first().click();
    const response = await answered;
    expect(response.status()).toBe(200);
    expect(await response.request().headerValue("x-api-key")).toBe(apiKey);
    await client.getByText(projectId).first().waitFor();
    await screenshot("try-it");
    // persistAuth is off: the key is not left in the browser's storage.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain(apiKey);
  });

  it("made no request to any host but the gateway, and broke no Content-Security-Policy rule", () => {
    const gatewayOrigin = new URL(gateway.url).origin;
    const elsewhere = requested.filter((url) => url.origin !== gatewayOrigin && url.protocol !== "data:");
    expect(elsewhere.map(String)).toEqual([]);
    expect(consoleErrors.join("\n")).toBe("");
  });
});

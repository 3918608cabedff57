/**
 * Headless Chromium for the Connect Link tests, driven by playwright-core with the
 * system's Debian chromium (no browser download). Screenshots go to
 * test-results/<folder>/ (git-ignored) and are kept as artifacts.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { type Browser, type BrowserContext, type BrowserContextOptions, type Page, chromium } from "playwright-core";
import { projectRoot } from "../../../scripts/lib/paths.ts";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/**
 * A fresh context (own cookies) that only talks to loopback: anything else, like a
 * toolkit's logo on a CDN, is refused, so the tests are hermetic and never wait on it.
 */
export async function newContext(browser: Browser, options: BrowserContextOptions = {}): Promise<BrowserContext> {
  const context = await browser.newContext(options);
  await context.route(
    (url) => url.hostname !== "127.0.0.1" && url.hostname !== "localhost",
    (route) => route.abort("blockedbyclient"),
  );
  return context;
}

export async function closeBrowser(browser: Browser | undefined): Promise<void> {
  await browser?.close();
}

/** Saves a full-page PNG as test-results/<folder>/<name>.png (connect-link/ unless told) and returns its path. */
export async function screenshot(page: Page, name: string, folder = "connect-link"): Promise<string> {
  const dir = path.join(projectRoot, "test-results", folder);
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

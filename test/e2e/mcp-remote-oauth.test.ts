import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../scripts/lib/paths.ts";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { closeBrowser, launchBrowser, newContext } from "./oauth/browser.ts";
import { newSdkTenant } from "./sdk-tenant.ts";
import { sharedGateway } from "./shared-gateway.ts";

/**
 * `mcp-remote` (what Claude Desktop runs for remote servers), as its `mcp-remote-client`
 * command: with a wrong key it ends with the key's problem, not a consent page; with no key it
 * goes through OAuth, printing the authorize URL, which Chromium opens to type the app's code.
 */
const CLIENT = path.join(projectRoot, "node_modules/mcp-remote/dist/client.js");
const UNKNOWN_KEY = `sk_${"A".repeat(43)}`;

let gateway: LocalGateway;
let browser: Browser;
let apiKey: string;
let mcpUrl: string;
let sessionId: string;
const configDirs: string[] = [];

beforeAll(async () => {
  [gateway, browser] = await Promise.all([sharedGateway(), launchBrowser()]);
  ({ apiKey } = await newSdkTenant(gateway, "mcp-remote"));
  const response = await fetch(`${gateway.url}/api/v3.1/tool_router/session`, {
    method: "POST",
    headers: { "x-api-key": apiKey, "content-type": "application/json" },
    body: JSON.stringify({ user_id: "remote-user", toolkits: ["hackernews"] }),
  });
  sessionId = ((await response.json()) as { session_id: string }).session_id;
  mcpUrl = `${gateway.url}/tool_router/${sessionId}/mcp`;
});

afterAll(async () => {
  await closeBrowser(browser);
  for (const dir of configDirs) rmSync(dir, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

interface Run {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** mcp-remote-client against the session, with its own config dir (no tokens from another run) and no real browser. */
async function mcpRemote(extra: string[]): Promise<Run> {
  const configDir = mkdtempSync(path.join(tmpdir(), "mcp-remote-"));
  configDirs.push(configDir);
  const child = spawn(process.execPath, [CLIENT, mcpUrl, String(await freePort()), "--host", "127.0.0.1", "--transport", "http-only", "--allow-http", ...extra], {
    // BROWSER=true: the `open` it calls for the authorize URL runs `true` instead of a browser.
    env: { ...process.env, MCP_REMOTE_CONFIG_DIR: configDir, BROWSER: "true", DISPLAY: "" },
    // stdin stays open: mcp-remote shuts down when it closes, as when its host (Claude Desktop) goes away.
    stdio: ["pipe", "pipe", "pipe"],
  });
  let text = "";
  child.stdout?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (text += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on("exit", resolve));
  return { child, output: () => text, exited };
}

async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 30_000, output = () => ""): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; mcp-remote printed:\n${output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("mcp-remote", () => {
  it("with a wrong key ends with an error naming the key problem", async () => {
    const run = await mcpRemote(["--header", `x-api-key:${UNKNOWN_KEY}`]);
    const timer = setTimeout(() => run.child.kill(), 45_000);
    const code = await run.exited;
    clearTimeout(timer);
    const output = run.output();
    expect(code, output).not.toBe(0);
    expect(output).toContain("The API key is not recognised");
    expect(output).not.toContain("Please authorize this client");
    expect(output).not.toContain(UNKNOWN_KEY.slice(3));
  });

  it("with no key connects through OAuth: the user opens the printed URL and types the app's code", async () => {
    const run = await mcpRemote([]);
    try {
      const authorizeUrl = await waitFor("the authorize URL", () => /Please authorize this client by visiting:\s+(\S+)/.exec(run.output())?.[1]);
      expect(new URL(authorizeUrl).searchParams.get("resource")).toBe(mcpUrl);
      const codeResponse = await fetch(`${gateway.url}/api/v3.1/tool_router/session/${sessionId}/mcp_connect_codes`, { method: "POST", headers: { "x-api-key": apiKey } });
      const { code } = (await codeResponse.json()) as { code: string };
      const context = await newContext(browser);
      try {
        const page = await context.newPage();
        await page.goto(authorizeUrl);
        await page.getByLabel("Connect code").fill(code);
        await page.getByRole("button", { name: "Allow access" }).click();
        await page.waitForURL((url) => url.pathname === "/oauth/callback");
      } finally {
        await context.close();
      }
      // mcp-remote-client prints every message it receives (its own request then waits on, so it never says "Exiting OK").
      await waitFor("the tool list", () => (/Requesting tools list[\s\S]*Received message[\s\S]*"tools"[\s\S]*COMPOSIO_SEARCH_TOOLS/.test(run.output()) ? true : undefined), 45_000, run.output);
      expect(run.output()).toContain("Connected successfully!");
    } finally {
      run.child.kill();
    }
  });
});

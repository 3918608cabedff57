import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient } from "../../scripts/lib/admin-client.ts";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { projectRoot } from "../../scripts/lib/paths.ts";
import { startUpstream, type Upstream } from "../upstream/server.ts";
import { sharedGateway } from "./shared-gateway.ts";

/**
 * The README's quickstart, run verbatim: its code blocks are read out of README.md, so the text
 * a newcomer copies is the text tested. Only the addresses differ (the blocks read them from the
 * environment, or name 127.0.0.1:8787, which this run's gateway is not on).
 */

const run = promisify(execFile);
const workDir = path.join(projectRoot, "test-results", "quickstart");

/** The fenced block right after `<!-- quickstart:<name> -->`. */
function readmeBlock(name: string): string {
  const readme = readFileSync(path.join(projectRoot, "README.md"), "utf8");
  const match = new RegExp(`<!-- quickstart:${name} -->\\n\`\`\`\\w*\\n([\\s\\S]*?)\`\`\``).exec(readme);
  if (!match?.[1]) throw new Error(`README.md has no quickstart:${name} block`);
  return match[1];
}

let gateway: LocalGateway;
let upstream: Upstream;
let apiKey: string;

beforeAll(async () => {
  [gateway, upstream] = await Promise.all([sharedGateway(), startUpstream()]);
  const admin = new AdminClient(gateway.url, gateway.adminKey);
  const project = await admin.createProject(`quickstart-${crypto.randomUUID().slice(0, 8)}`);
  apiKey = (await admin.createApiKey(project.id, "quickstart")).key;
  // Inside the project, so `@composio/core` resolves from its node_modules as it would in an app.
  mkdirSync(workDir, { recursive: true });
});

afterAll(async () => {
  await upstream?.close();
});

describe("the README's quickstart", () => {
  it("connects a user, runs a tool and opens a session, as printed", async () => {
    const file = path.join(workDir, "quickstart.mjs");
    writeFileSync(file, readmeBlock("ts"));
    const { stdout } = await run(process.execPath, [file], {
      env: { ...process.env, SWITCHBOARD_URL: gateway.url, SIMULATOR_URL: upstream.url, SWITCHBOARD_API_KEY: apiKey },
      timeout: 60_000,
    });
    expect(stdout).toMatch(/connected account: ca_\S+ ACTIVE/);
    expect(stdout).toContain("tool call: ok octocat/hello-world");
    expect(stdout).toMatch(new RegExp(`MCP endpoint: ${gateway.url}/tool_router/trs_\\S+/mcp`));
  });

  it("creates a session for an MCP client with curl", async () => {
    const script = readmeBlock("sh").replaceAll("http://127.0.0.1:8787", gateway.url);
    const { stdout } = await run("bash", ["-c", script], { env: { ...process.env, SWITCHBOARD_API_KEY: apiKey }, timeout: 30_000 });
    const session = JSON.parse(stdout) as { session_id: string; mcp: { url: string } };
    expect(session.mcp.url).toBe(`${gateway.url}/tool_router/${session.session_id}/mcp`);
  });
});

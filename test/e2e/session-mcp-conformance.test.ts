import { execFile } from "node:child_process";
import { globSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { sharedGateway } from "./shared-gateway.ts";
import { startKeyProxy, type KeyProxy } from "./mcp-key-proxy.ts";
import { newSdkTenant } from "./sdk-tenant.ts";

/**
 * The server scenarios of the official MCP conformance suite (`conformance server`) that
 * apply to a tool server, run against a session's MCP endpoint on the real gateway.
 *
 * The suite's client cannot send a header, and the endpoint needs a key, so it talks to a
 * loopback proxy that adds `x-api-key` and forwards everything else as it came (Origin
 * included, so the DNS-rebinding scenario still tests the gateway's own Origin check).
 *
 * Not run, because they need the reference "everything" server's own tools or features
 * that a session does not offer: logging-set-level and completion-complete (no logging or
 * completions capability), tools-call-{simple-text,image,audio,embedded-resource,
 * mixed-content,with-logging,with-progress,sampling,elicitation}, json-schema-2020-12 and
 * the elicitation-* scenarios (each calls or lists a tool by a fixed name), resources-*
 * and prompts-* (a session has none), server-sse-polling (needs its `test_reconnection`
 * tool, `Mcp-Session-Id` and resumable streams) and server-sse-multiple-streams (stops at
 * "no session id": the endpoint is stateless by design).
 */
const SCENARIOS = [
  "server-initialize",
  "ping",
  "tools-list",
  // Calls `test_error_handling`, a tool no session has: the gateway answers a call to a tool
  // outside the session with an `isError` result that says why, which is what this checks.
  "tools-call-error",
  "dns-rebinding-protection",
];

const run = promisify(execFile);
const conformanceBin = path.join(path.dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/conformance/package.json")), "dist", "index.js");

type Check = { id: string; status: "SUCCESS" | "FAILURE" | "WARNING" | "INFO" | "SKIPPED"; errorMessage?: string };

let gateway: LocalGateway;
let proxy: KeyProxy;
let sessionUrl: string;

beforeAll(async () => {
  gateway = await sharedGateway();
  const { apiKey, composio } = await newSdkTenant(gateway, "session-mcp-conformance");
  const session = await composio.create("conformance_user", { mcp: true, toolkits: ["github"] });
  proxy = await startKeyProxy(gateway.url, { "x-api-key": apiKey });
  sessionUrl = `${proxy.url}${new URL(session.mcp.url).pathname}`;
});

afterAll(async () => {
  await proxy?.close();
  await gateway?.destroy();
});

/** Runs one scenario with the suite's own CLI and returns the checks it saved. */
async function scenario(name: string): Promise<Check[]> {
  const out = mkdtempSync(path.join(tmpdir(), "conformance-"));
  try {
    // Exit code 1 means a failed check; the saved checks say which, so read them either way.
    await run(process.execPath, [conformanceBin, "server", "--url", sessionUrl, "--scenario", name, "-o", out], { timeout: 60_000 }).catch((err: { code?: number }) => {
      if (err.code !== 1) throw err;
    });
    const [file] = globSync("**/checks.json", { cwd: out });
    if (!file) throw new Error(`${name} saved no checks`);
    return JSON.parse(readFileSync(path.join(out, file), "utf8")) as Check[];
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

describe("the MCP conformance suite against a session's endpoint", () => {
  it.each(SCENARIOS)("%s passes", async (name) => {
    const checks = await scenario(name);
    expect(checks.filter((check) => check.status === "FAILURE" || check.status === "WARNING")).toEqual([]);
    expect(checks.filter((check) => check.status === "SUCCESS").length).toBeGreaterThan(0);
  });
});

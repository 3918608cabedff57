import { spawn } from "node:child_process";
import path from "node:path";
import type { Composio } from "@composio/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { projectRoot } from "../../scripts/lib/paths.ts";
import type { Upstream } from "../upstream/server.ts";
import { runAdminCli } from "./admin-cli.ts";
import { connectSimulatedGitHub, newSdkTenant, startGatewayAndSimulator } from "./sdk-tenant.ts";

/** The CLI's project commands against the real gateway: what an operator does with a project's key. */

let gateway: LocalGateway;
let upstream: Upstream;
let composio: Composio;
let apiKey: string;
let accountId: string;

const cli = (...args: string[]) => runAdminCli([...args, "--key", apiKey], gateway);

async function runTool(): Promise<string> {
  const result = await composio.tools.execute("GITHUB_GET_A_REPOSITORY", {
    userId: "cli_user",
    arguments: { owner: "octocat", repo: "hello-world" },
    dangerouslySkipVersionCheck: true,
  });
  expect(result.successful).toBe(true);
  return (result as unknown as { logId: string }).logId;
}

/** Logs reach D1 just after the call: ask until the line is there. */
async function cliUntil(args: string[], contains: string): Promise<string> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const result = await cli(...args);
    if (result.stdout.includes(contains)) return result.stdout;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`"${args.join(" ")}" never printed ${contains}`);
}

beforeAll(async () => {
  ({ gateway, upstream } = await startGatewayAndSimulator());
  ({ composio, apiKey } = await newSdkTenant(gateway, "cli"));
  accountId = (await connectSimulatedGitHub(composio, upstream, "cli_user")).id;
});

afterAll(async () => {
  await upstream?.close();
});

describe("npm run admin with a project key", () => {
  it("creates a session and lists the user's sessions", async () => {
    const created = await cli("sessions", "create", "cli_user", "--toolkit", "github");
    expect(created.code, created.stderr).toBe(0);
    const sessionId = /^(trs_\S+) {2}MCP (\S+)/.exec(created.stdout)?.[1];
    expect(sessionId).toBeDefined();
    expect(created.stdout).toContain("mcp_credentials");
    const listed = await cli("sessions", "list", "--user", "cli_user");
    expect(listed.stdout).toContain(`${sessionId}  user cli_user  active`);
    expect((await cli("sessions", "list", "--user", "nobody")).stdout).toContain("No sessions match.");
    const missing = await cli("sessions", "create");
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Usage: sessions create <user_id>");
  });

  it("lists auth configs and accounts, filtered", async () => {
    const configs = await cli("auth-configs", "list");
    expect(configs.code).toBe(0);
    expect(configs.stdout).toMatch(/ac_\S+ {2}github {2}BEARER_TOKEN {2}ENABLED/);
    const accounts = await cli("accounts", "list", "--user", "cli_user", "--toolkit", "github");
    expect(accounts.stdout).toContain(`${accountId}  github  user cli_user  ACTIVE`);
    expect((await cli("accounts", "list", "--user", "someone_else")).stdout).toContain("No connected accounts match.");
  });

  it("disables, enables and deletes an account", async () => {
    const other = (await connectSimulatedGitHub(composio, upstream, "cli_user_2")).id;
    expect((await cli("accounts", "disable", other)).stdout).toContain(`${other}: disabled`);
    expect((await cli("accounts", "list", "--status", "INACTIVE")).stdout).toContain(other);
    expect((await cli("accounts", "enable", other)).stdout).toContain(`${other}: enabled`);
    expect((await cli("accounts", "delete", other)).stdout).toContain(`${other}: deleted`);
    const gone = await cli("accounts", "delete", other);
    expect(gone.code).toBe(1);
    expect(gone.stderr).toContain("connected_account_not_found");
  });

  it("prints execution logs, and follows new ones as they arrive", async () => {
    const first = await runTool();
    expect(await cliUntil(["logs", "list", "--toolkit", "github"], first)).toMatch(new RegExp(`${first}  GITHUB_GET_A_REPOSITORY  user cli_user  success`));

    const follower = spawn(process.execPath, [path.join(projectRoot, "scripts/admin.ts"), "logs", "list", "--follow", "--tool", "GITHUB_GET_A_REPOSITORY", "--key", apiKey], {
      cwd: projectRoot,
      env: { ...process.env, SWITCHBOARD_URL: gateway.url },
    });
    let output = "";
    follower.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    try {
      await waitFor(() => output.includes(first));
      const second = await runTool();
      await waitFor(() => output.includes(second));
      expect(output.indexOf(first)).toBeLessThan(output.indexOf(second));
    } finally {
      follower.kill();
    }
  });

  it("refuses without a key, or with another project's, saying what is wrong", async () => {
    const noKey = await runAdminCli(["accounts", "list"], gateway);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain("needs a project key");
    const otherProject = await newSdkTenant(gateway, "cli-other");
    const foreign = await runAdminCli(["accounts", "delete", accountId, "--key", otherProject.apiKey], gateway);
    expect(foreign.code).toBe(1);
    expect(foreign.stderr).toContain("connected_account_not_found");
    expect((await cli("accounts", "list", "--user", "cli_user")).stdout).toContain(accountId);
  });
});

async function waitFor(done: () => boolean, timeoutMs = 15_000): Promise<void> {
  const started = Date.now();
  while (!done()) {
    if (Date.now() - started > timeoutMs) throw new Error("timed out waiting for the follower's output");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

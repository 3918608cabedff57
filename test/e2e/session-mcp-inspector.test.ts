import { execFile } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { promisify } from "node:util";
import type { Composio } from "@composio/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import type { Upstream } from "../upstream/server.ts";
import { connectSimulatedGitHub, newSdkTenant, startGatewayAndSimulator } from "./sdk-tenant.ts";

/**
 * The session's MCP endpoint driven by the MCP Inspector's CLI (`mcp-inspector-cli --cli`),
 * run as a child process exactly as a developer would from a shell, against the real
 * gateway and the GitHub simulator.
 */
const run = promisify(execFile);
const cliPackage = path.dirname(createRequire(import.meta.url).resolve("@modelcontextprotocol/inspector-cli/package.json"));

let gateway: LocalGateway;
let upstream: Upstream;
let composio: Composio;
let apiKey: string;

beforeAll(async () => {
  ({ gateway, upstream } = await startGatewayAndSimulator());
  ({ apiKey, composio } = await newSdkTenant(gateway, "session-mcp-inspector"));
  await connectSimulatedGitHub(composio, upstream, "inspector_user");
});

afterAll(async () => {
  await Promise.all([gateway?.destroy(), upstream?.close()]);
});

/** Runs the CLI and parses the JSON it prints on stdout (its deprecation banner goes to stderr). */
async function inspector(url: string, headers: Record<string, string>, ...args: string[]): Promise<Record<string, unknown>> {
  const headerArgs = Object.entries(headers).flatMap(([name, value]) => ["--header", `${name}: ${value}`]);
  const { stdout } = await run(process.execPath, [path.join(cliPackage, "build", "cli.js"), "--cli", url, "--transport", "http", ...headerArgs, ...args], {
    // The CLI looks for its own package.json at `../package.json` relative to the working directory.
    cwd: path.join(cliPackage, "build"),
    env: { ...process.env, PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH ?? ""}` },
    timeout: 30_000,
  });
  return JSON.parse(stdout) as Record<string, unknown>;
}

type ToolText = { content: { type: string; text: string }[]; isError?: boolean };
const payload = (result: Record<string, unknown>) => JSON.parse((result as ToolText).content[0]!.text) as { data: Record<string, unknown>; successful: boolean; error: string | null };

describe("session MCP endpoint with the MCP Inspector CLI", () => {
  it("lists the session's tools", async () => {
    const session = await composio.create("inspector_user", { mcp: true, toolkits: ["github"], preload: { tools: ["GITHUB_GET_A_REPOSITORY"] } });
    const result = await inspector(session.mcp.url, session.mcp.headers ?? {}, "--method", "tools/list");
    const tools = result.tools as { name: string; inputSchema: { type: string } }[];
    expect(tools.map((tool) => tool.name)).toContain("COMPOSIO_SEARCH_TOOLS");
    expect(tools.at(-1)).toMatchObject({ name: "GITHUB_GET_A_REPOSITORY", inputSchema: { type: "object" } });
  });

  it("calls a meta tool with a JSON argument and an app tool with string arguments", async () => {
    const session = await composio.create("inspector_user", { mcp: true, toolkits: ["github"] });
    const headers = { authorization: `Bearer ${apiKey}` };
    const schemas = await inspector(session.mcp.url, headers, "--method", "tools/call", "--tool-name", "COMPOSIO_GET_TOOL_SCHEMAS", "--tool-arg", 'tool_slugs=["GITHUB_GET_A_REPOSITORY"]');
    expect(schemas.isError).toBeFalsy();
    expect(JSON.stringify(payload(schemas).data)).toContain("GITHUB_GET_A_REPOSITORY");

    const repo = await inspector(session.mcp.url, headers, "--method", "tools/call", "--tool-name", "GITHUB_GET_A_REPOSITORY", "--tool-arg", "owner=octocat", "repo=hello-world");
    expect(repo.isError).toBeFalsy();
    expect(payload(repo)).toMatchObject({ successful: true, error: null, data: { full_name: "octocat/hello-world" } });
  });

  it("exits non-zero with the gateway's 401 for a key it never issued", async () => {
    const session = await composio.create("inspector_user", { mcp: true });
    await expect(inspector(session.mcp.url, { "x-api-key": `sk_${"A".repeat(43)}` }, "--method", "tools/list")).rejects.toMatchObject({ code: 1, stderr: expect.stringMatching(/401/) });
  });
});

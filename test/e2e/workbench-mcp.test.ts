import type { Composio } from "@composio/core";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalGateway, type LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { startUpstream, type Upstream } from "../upstream/server.ts";
import { connectSimulatedGitHub, newSdkTenant } from "./sdk-tenant.ts";

/**
 * Issue 6's acceptance, over MCP with the official SDK client against the real gateway
 * (wrangler's dev server) and the GitHub simulator: files and variables shared across
 * calls and across a restart of the gateway (which evicts every Durable Object), tools
 * called from code, runaway code stopped, and progress reported to a client that asks.
 */
let gateway: LocalGateway;
let upstream: Upstream;
let composio: Composio;
let apiKey: string;

type ToolPayload = { data: Record<string, unknown>; error: string | null; successful: boolean };
const payload = (result: unknown) => JSON.parse((result as { content: { text: string }[] }).content[0]!.text) as ToolPayload;

beforeAll(async () => {
  // A gateway of its own: one test restarts it.
  [gateway, upstream] = await Promise.all([startLocalGateway(), startUpstream()]);
  ({ apiKey, composio } = await newSdkTenant(gateway, "workbench-mcp"));
  await connectSimulatedGitHub(composio, upstream, "wb_user");
});

afterAll(async () => {
  await Promise.all([gateway?.destroy(), upstream?.close()]);
});

/** An MCP client on the session's URL, on whichever port the gateway currently listens. */
async function mcpClient(sessionId: string): Promise<Client> {
  const client = new Client({ name: "workbench-e2e", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${gateway.url}/tool_router/${sessionId}/mcp`), { requestInit: { headers: { "x-api-key": apiKey } } }));
  return client;
}

const runCode = async (client: Client, code: string) => payload(await client.callTool({ name: "COMPOSIO_REMOTE_WORKBENCH", arguments: { code_to_execute: code } }, CallToolResultSchema));
const runBash = async (client: Client, command: string) => payload(await client.callTool({ name: "COMPOSIO_REMOTE_BASH_TOOL", arguments: { command } }, CallToolResultSchema));

describe("the workbench over MCP", () => {
  it("calls tools from code against the simulator and filters the result, with progress", async () => {
    const session = await composio.create("wb_user", { toolkits: ["github"] });
    const client = await mcpClient(session.sessionId);
    try {
      const progress: string[] = [];
      const result = await client.callTool(
        {
          name: "COMPOSIO_REMOTE_WORKBENCH",
          arguments: {
            code_to_execute: `
              type Issue = { number: number; title: string; labels: { name: string }[] };
              const { data } = await run_composio_tool("GITHUB_LIST_REPOSITORY_ISSUES", { owner: "octocat", repo: "hello-world", state: "all" });
              const bugs = (data.items as Issue[]).filter((issue) => issue.labels.some((label) => label.name === "bug"));
              console.log(\`\${bugs.length} bug(s)\`);
              bugs.map((issue) => issue.title)`,
          },
        },
        CallToolResultSchema,
        { onprogress: (update) => progress.push(update.message ?? "") },
      );
      expect(payload(result)).toMatchObject({ successful: true, data: { results: ["Found a bug"], stdout: "1 bug(s)\n" } });
      expect(progress).toContain("Running GITHUB_LIST_REPOSITORY_ISSUES");
    } finally {
      await client.close();
    }
  });

  it("stops runaway code with a clear error, keeps the network closed, and the next call works", async () => {
    const session = await composio.create("wb_user", { toolkits: ["github"] });
    const client = await mcpClient(session.sessionId);
    try {
      const loop = await runCode(client, "while (true) {}");
      expect(loop.successful).toBe(false);
      expect((loop.data.error as { kind: string }).kind).toMatch(/cpu|timeout/);
      const bomb = await runCode(client, "const hoard = []; while (true) hoard.push(new Array(1e6).fill(7));");
      expect(bomb.successful).toBe(false);
      expect((bomb.data.error as { kind: string }).kind).toBe("memory");
      const network = await runCode(client, `await fetch(${JSON.stringify(upstream.url)})`);
      expect(network.successful).toBe(false);
      expect(network.error).toMatch(/network access is not available/i);
      expect((await runCode(client, "6 * 7")).data.results).toBe(42);
    } finally {
      await client.close();
    }
  });

  it("never shows one session's files to another", async () => {
    const [mine, theirs] = await Promise.all([composio.create("wb_user"), composio.create("wb_user")]);
    const a = await mcpClient(mine.sessionId);
    const b = await mcpClient(theirs.sessionId);
    try {
      await runCode(a, `files.write("/home/user/secret.txt", "only mine")`);
      const read = await runCode(b, `files.read("/home/user/secret.txt")`);
      expect(read.successful).toBe(false);
      expect(read.error).toMatch(/no such file/i);
      expect((await runBash(b, "cat ../../home/user/secret.txt")).data.stderr).toMatch(/No such file/);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("lets the app list, download and delete the files through session.experimental.files", async () => {
    const session = await composio.create("wb_user");
    const client = await mcpClient(session.sessionId);
    try {
      await runCode(client, `files.write("out/summary.csv", "repo,bugs\\noctocat/hello-world,1\\n")`);
    } finally {
      await client.close();
    }
    const listed = await session.experimental.files.list({ path: "/out" });
    expect(listed.items).toEqual([expect.objectContaining({ mountRelativePath: "out/summary.csv", sandboxMountPrefix: "/home/user", size: 32 })]);
    const remote = await session.experimental.files.download("out/summary.csv");
    // The SDK's own fetch of the URL refuses loopback addresses (its SSRF guard), so the test fetches it.
    const body = await fetch(remote.downloadUrl);
    expect(await body.text()).toBe("repo,bugs\noctocat/hello-world,1\n");
    expect(await session.experimental.files.delete("out/summary.csv")).toEqual({ mountRelativePath: "out/summary.csv", sandboxMountPrefix: "/home/user" });
    expect((await session.experimental.files.list()).items).toEqual([]);
  });

  it("keeps files and variables across calls and across a restart of the gateway", async () => {
    const session = await composio.create("wb_user", { toolkits: ["github"] });
    let client = await mcpClient(session.sessionId);
    const wrote = await runCode(client, `files.write("report.md", "# Open issues\\n- Found a bug\\n"); const repo = "octocat/hello-world"; repo`);
    expect(wrote).toMatchObject({ successful: true, data: { results: "octocat/hello-world", saved_variables: ["repo"] } });
    expect((await runBash(client, "cat report.md | grep -c Found")).data.stdout).toBe("1\n");
    await client.close();

    // Stopping workerd drops every object from memory; only their storage remains.
    await gateway.stop();
    gateway = await startLocalGateway({ persistDir: gateway.persistDir, secrets: gateway.secrets });
    client = await mcpClient(session.sessionId);
    try {
      expect((await runBash(client, "head -1 /home/user/report.md")).data.stdout).toBe("# Open issues\n");
      expect((await runCode(client, `repo.split("/")[1]`)).data.results).toBe("hello-world");
    } finally {
      await client.close();
    }
  });
});

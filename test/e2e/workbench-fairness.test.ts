import type { Composio } from "@composio/core";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { CallToolResultSchema } from "@modelcontextprotocol/sdk/types.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import type { Upstream } from "../upstream/server.ts";
import { connectSimulatedGitHub, newSdkTenant, startGatewayAndSimulator } from "./sdk-tenant.ts";

/**
 * "One session can stall everyone": under `wrangler dev` every session's Durable Object and
 * the gateway itself share one isolate, so a run that never yields delays every other
 * request. While each attack runs in one session (with the workbench's real default limits),
 * the test samples `GET /health/live` and an MCP `tools/list` in another session.
 */
let gateway: LocalGateway;
let upstream: Upstream;
let composio: Composio;
let apiKey: string;

/**
 * The target is 200 ms. Measured on this 2-core machine (shared with other test runs), p99
 * lands between 50 and 240 ms per attack and run (p50 25-150 ms), and once 433 ms on a CI
 * machine; before the sandbox yielded, the same attacks stalled the gateway 12-96 s. The
 * assertion is there to catch a return of those stalls, not to time this machine: it allows
 * 2 s, five times the worst sample seen and a sixth of the shortest stall. Speed itself is
 * read from the printed table, not asserted.
 */
const P99_BUDGET_MS = 2_000;

beforeAll(async () => {
  ({ gateway, upstream } = await startGatewayAndSimulator());
  ({ apiKey, composio } = await newSdkTenant(gateway, "workbench-fairness"));
  await connectSimulatedGitHub(composio, upstream, "fair_user");
});

afterAll(async () => {
  await upstream?.close();
});

async function mcpClient(sessionId: string): Promise<Client> {
  const client = new Client({ name: "workbench-fairness-e2e", version: "1.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(`${gateway.url}/tool_router/${sessionId}/mcp`), { requestInit: { headers: { "x-api-key": apiKey } } }));
  return client;
}

type ToolPayload = { data: { error?: { kind: string; message: string } | null; stderr?: string }; error: string | null; successful: boolean };
const payload = (result: unknown) => JSON.parse((result as { content: { text: string }[] }).content[0]!.text) as ToolPayload;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))] ?? 0;

/** Samples both probes, one after the other every ~40 ms, until `attack` settles. */
async function sampleDuring<T>(attack: Promise<T>, other: Client) {
  let done = false;
  const started = Date.now();
  const settled = attack.finally(() => (done = true));
  const health: number[] = [];
  const toolsList: number[] = [];
  while (!done) {
    let t = performance.now();
    const response = await fetch(`${gateway.url}/health/live`);
    await response.arrayBuffer();
    health.push(performance.now() - t);
    t = performance.now();
    await other.listTools();
    toolsList.push(performance.now() - t);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
  const value = await settled;
  const stats = (samples: number[]) => {
    const sorted = [...samples].sort((a, b) => a - b);
    return { n: sorted.length, p50: Math.round(percentile(sorted, 0.5)), p99: Math.round(percentile(sorted, 0.99)) };
  };
  return { value, elapsedMs: Date.now() - started, health: stats(health), toolsList: stats(toolsList) };
}

const ATTACKS: { name: string; tool: "COMPOSIO_REMOTE_WORKBENCH" | "COMPOSIO_REMOTE_BASH_TOOL"; setup?: string; input: string; kinds: RegExp }[] = [
  { name: "a loop of files.exists", tool: "COMPOSIO_REMOTE_WORKBENCH", input: `for (;;) files.exists("a")`, kinds: /cpu/ },
  { name: "a loop of files.read of 4 MiB", tool: "COMPOSIO_REMOTE_WORKBENCH", setup: `files.write("big.txt", "x".repeat(4 * 1024 * 1024))`, input: `let n = 0;\nfor (;;) n += files.read("big.txt").length`, kinds: /cpu/ },
  { name: "a million console.log lines", tool: "COMPOSIO_REMOTE_WORKBENCH", input: `for (let i = 0; i < 1e6; i++) console.log("line", i)`, kinds: /cpu/ },
  { name: "2,000 parallel tool calls", tool: "COMPOSIO_REMOTE_WORKBENCH", input: `(await Promise.all(Array.from({ length: 2000 }, () => run_composio_tool("GITHUB_GET_THE_AUTHENTICATED_USER", {})))).length`, kinds: /^ok$|cpu|timeout/ },
  { name: "20,000 parallel sleep(1)", tool: "COMPOSIO_REMOTE_WORKBENCH", input: `await Promise.all(Array.from({ length: 20000 }, () => sleep(1)))`, kinds: /limit/ },
  { name: "2,000 greps over a 4 MiB file", tool: "COMPOSIO_REMOTE_BASH_TOOL", setup: `files.write("big.log", "a line of log text without the word\\n".repeat(116508))`, input: "for i in $(seq 1 2000); do grep -c needle big.log; done", kinds: /limit/ },
];

describe("one session's workbench cannot stall the gateway", () => {
  const report: string[] = [];
  afterAll(() => console.log(["attack | ended after | outcome | /health/live p50/p99 | tools/list p50/p99 | samples", ...report].join("\n")));

  for (const attack of ATTACKS) {
    it(`keeps answering others while ${attack.name} runs`, async () => {
      const [attacker, bystander] = await Promise.all([composio.create("fair_user", { toolkits: ["github"] }), composio.create("fair_user")]);
      const [a, b] = await Promise.all([mcpClient(attacker.sessionId), mcpClient(bystander.sessionId)]);
      try {
        if (attack.setup) expect(payload(await a.callTool({ name: "COMPOSIO_REMOTE_WORKBENCH", arguments: { code_to_execute: attack.setup } }, CallToolResultSchema)).successful).toBe(true);
        const argumentsFor = attack.tool === "COMPOSIO_REMOTE_WORKBENCH" ? { code_to_execute: attack.input } : { command: attack.input };
        const running = a.callTool({ name: attack.tool, arguments: argumentsFor }, CallToolResultSchema, { timeout: 120_000 }).then(payload);
        const measured = await sampleDuring(running, b);
        const outcome = measured.value.data.error?.kind ?? (measured.value.successful ? "ok" : "failed");
        report.push(`${attack.name} | ${measured.elapsedMs} ms | ${outcome} | ${measured.health.p50}/${measured.health.p99} ms | ${measured.toolsList.p50}/${measured.toolsList.p99} ms | ${measured.health.n}`);
        expect(outcome).toMatch(attack.kinds);
        expect(measured.value.data.error?.message ?? "").not.toMatch(/detached|TypeError/);
        // The same session works at once afterwards.
        expect(payload(await a.callTool({ name: "COMPOSIO_REMOTE_WORKBENCH", arguments: { code_to_execute: "6 * 7" } }, CallToolResultSchema)).data).toMatchObject({ results: 42 });
        expect(measured.health.p99).toBeLessThan(P99_BUDGET_MS);
        expect(measured.toolsList.p99).toBeLessThan(P99_BUDGET_MS);
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    }, 150_000);
  }
});

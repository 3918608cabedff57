import { percentile } from "../lib/load.ts";
import { startLocalGateway } from "../lib/local-gateway.ts";
import { compareLoad } from "./compare-load.ts";
import { fmt, latencyTable, ratioLine } from "./report.ts";
import { benchTenant, connectBenchUser, type BenchTenant } from "./tenant.ts";

const STATEFUL_SESSIONS = 20;

/**
 * The workbench on a gateway of its own (so it can be restarted):
 * 1. over MCP at concurrency 1, a plain tool call (GITHUB_GET_A_REPOSITORY against the
 *    simulator) as the baseline, then a trivial workbench snippet, a bash command, and a
 *    snippet that calls the same tool through run_composio_tool;
 * 2. the cost of restoring state: sessions holding variables and files, the gateway
 *    restarted on the same storage (every object evicted), first call vs second call.
 */
export async function benchWorkbench(upstreamUrl: string, requests: number, rounds: number): Promise<string> {
  let gateway = await startLocalGateway();
  try {
    const tenant = await benchTenant(gateway.url, gateway.adminKey);
    await connectBenchUser(tenant, upstreamUrl);
    const mcp = await mcpClient(gateway.url, tenant);
    const rows = await compareLoad(
      {
        "MCP tools/call GITHUB_GET_A_REPOSITORY (plain tool call)": mcp("GITHUB_GET_A_REPOSITORY", { owner: "octocat", repo: "hello-world" }),
        "MCP COMPOSIO_REMOTE_WORKBENCH `1 + 1`": mcp("COMPOSIO_REMOTE_WORKBENCH", { code_to_execute: "1 + 1" }),
        "MCP COMPOSIO_REMOTE_BASH_TOOL `echo hi | wc -c`": mcp("COMPOSIO_REMOTE_BASH_TOOL", { command: "echo hi | wc -c" }),
        "MCP workbench: run_composio_tool + filter": mcp("COMPOSIO_REMOTE_WORKBENCH", {
          code_to_execute: `(await run_composio_tool("GITHUB_GET_A_REPOSITORY", { owner: "octocat", repo: "hello-world" })).data.full_name`,
        }),
      },
      { requests, concurrency: 1, rounds },
    );
    const [plain, ...rest] = rows;
    const out = [`\nWorkbench over MCP at concurrency 1 (same session, ${requests} calls per case):\n${latencyTable(rows)}`];
    if (plain) for (const [name, summary] of rest) out.push(ratioLine(`${name} / plain tool call`, plain[1], summary));

    const sessions = await Promise.all(Array.from({ length: STATEFUL_SESSIONS }, () => statefulSession(gateway.url, tenant)));
    await gateway.stop();
    gateway = await startLocalGateway({ persistDir: gateway.persistDir, secrets: gateway.secrets });
    const cold: number[] = [];
    const warm: number[] = [];
    const restarted = { ...tenant, post: (path: string, body: unknown) => fetch(`${gateway.url}${path}`, { method: "POST", headers: tenant.headers, body: JSON.stringify(body) }) };
    for (const id of sessions) {
      for (const sink of [cold, warm]) {
        const started = performance.now();
        const result = await useState(restarted, id);
        sink.push(performance.now() - started);
        if (result !== 20) throw new Error(`state was not restored in ${id}: ${JSON.stringify(result)}`);
      }
    }
    cold.sort((a, b) => a - b);
    warm.sort((a, b) => a - b);
    out.push(
      `\nRestoring workbench state after a restart (${STATEFUL_SESSIONS} sessions, each 20 variables and 20 files of 10 KB):`,
      `first call (object restarted, state loaded): p50 ${fmt(percentile(cold, 50))} ms, p99 ${fmt(percentile(cold, 99))} ms`,
      `second call (warm): p50 ${fmt(percentile(warm, 50))} ms, p99 ${fmt(percentile(warm, 99))} ms — restore cost at p50: +${fmt(percentile(cold, 50) - percentile(warm, 50))} ms`,
    );
    return out.join("\n");
  } finally {
    await gateway.destroy();
  }
}

/** A tools/call sender on one fresh session, as a stateless MCP client would send it. */
async function mcpClient(gatewayUrl: string, tenant: BenchTenant) {
  const session = (await (await tenant.post("/api/v3.1/tool_router/session", { user_id: "bench-user", toolkits: { enable: ["github"] } })).json()) as { session_id: string };
  const url = `${gatewayUrl}/tool_router/${session.session_id}/mcp`;
  const headers = { ...tenant.headers, accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18" };
  let id = 0;
  return (name: string, args: Record<string, unknown>) => () =>
    fetch(url, { method: "POST", headers, body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method: "tools/call", params: { name, arguments: args } }) });
}

async function statefulSession(gatewayUrl: string, tenant: BenchTenant): Promise<string> {
  const { session_id } = (await (await tenant.post("/api/v3.1/tool_router/session", { user_id: "bench-user" })).json()) as { session_id: string };
  const code = `for (let i = 0; i < 20; i++) { globalThis["v" + i] = { i, text: "x".repeat(2000) }; files.write("data/f" + i + ".txt", "y".repeat(10240)); }`;
  const response = await fetch(`${gatewayUrl}/api/v3.1/tool_router/session/${session_id}/execute_meta`, {
    method: "POST",
    headers: tenant.headers,
    body: JSON.stringify({ slug: "COMPOSIO_REMOTE_WORKBENCH", arguments: { code_to_execute: code } }),
  });
  const body = (await response.json()) as { successful: boolean; error: string | null };
  if (!body.successful) throw new Error(`setting up workbench state failed: ${body.error}`);
  return session_id;
}

/** A snippet that needs every variable and a file back. */
async function useState(tenant: BenchTenant, sessionId: string): Promise<unknown> {
  const response = await tenant.post(`/api/v3.1/tool_router/session/${sessionId}/execute_meta`, {
    slug: "COMPOSIO_REMOTE_WORKBENCH",
    arguments: { code_to_execute: `Object.keys(globalThis).filter((k) => /^v\\d+$/.test(k)).length + files.read("data/f7.txt").length / 10240 - 1` },
  });
  return ((await response.json()) as { data: { results: unknown } }).data.results;
}

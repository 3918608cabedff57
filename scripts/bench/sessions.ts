import { compareLoad } from "./compare-load.ts";
import { latencyTable, ratioLine } from "./report.ts";

/**
 * The session surfaces at concurrency 1 and 32, each against the bare Worker route
 * (`/health/live`, no storage) measured in the same rounds: MCP `tools/list` and
 * `tools/call` (a GitHub tool against the upstream simulator), and session creation.
 */
export async function benchSessions(gatewayUrl: string, apiKey: string, requests: number, rounds: number): Promise<string> {
  const headers = { "x-api-key": apiKey, "content-type": "application/json" };
  const created = (await (
    await fetch(`${gatewayUrl}/api/v3.1/tool_router/session`, {
      method: "POST",
      headers,
      body: JSON.stringify({ user_id: "bench-user", toolkits: { enable: ["github"] }, preload: { tools: ["GITHUB_GET_A_REPOSITORY"] } }),
    })
  ).json()) as { session_id: string };
  const mcpUrl = `${gatewayUrl}/tool_router/${created.session_id}/mcp`;
  const mcpHeaders = { ...headers, accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18" };
  let id = 0;
  const rpc = (method: string, params: unknown) => () =>
    fetch(mcpUrl, { method: "POST", headers: mcpHeaders, body: JSON.stringify({ jsonrpc: "2.0", id: ++id, method, params }) });

  const cases = {
    "GET /health/live (bare Worker)": () => fetch(`${gatewayUrl}/health/live`),
    "MCP tools/list": rpc("tools/list", {}),
    "MCP tools/call GITHUB_GET_A_REPOSITORY": rpc("tools/call", { name: "GITHUB_GET_A_REPOSITORY", arguments: { owner: "octocat", repo: "hello-world" } }),
    "POST /api/v3.1/tool_router/session": () =>
      fetch(`${gatewayUrl}/api/v3.1/tool_router/session`, { method: "POST", headers, body: JSON.stringify({ user_id: "bench-user" }) }),
  };

  const out: string[] = [];
  for (const concurrency of [1, 32]) {
    const rows = await compareLoad(cases, { requests: concurrency === 1 ? Math.min(requests, 400) : requests, concurrency, rounds });
    const [bare, ...rest] = rows;
    out.push(`\nSessions and MCP at concurrency ${concurrency}:\n${latencyTable(rows)}`);
    if (bare) for (const [name, summary] of rest) out.push(ratioLine(`${name} / bare Worker`, bare[1], summary));
  }
  return out.join("\n");
}

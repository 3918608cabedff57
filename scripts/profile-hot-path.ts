/**
 * `npm run profile -- <case> [--requests N]`: a CPU profile of the gateway's isolate (the
 * Worker and, under `wrangler dev`, its Durable Objects) while it serves one hot-path case,
 * so time spent can be found rather than guessed. Cases: `call` (MCP tools/call of a GitHub
 * tool against the upstream simulator), `list` (MCP tools/list), `create` (session creation),
 * `execute` (direct POST /tools/execute), `search` (GET /tools?search= over the eval queries in
 * turn, as the benchmark sends them), `bare` (GET /health/live).
 *
 * Builds without minifying (readable names), samples through the DevTools protocol of
 * wrangler's inspector, prints self time per function and per request, and writes the whole
 * profile to `test-results/<case>.cpuprofile` (open it in Chrome DevTools → Performance).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { unstable_startWorker } from "wrangler";
import { startUpstream } from "../test/upstream/server.ts";
import { loadEvalSet } from "./bench/search.ts";
import { benchTenant, connectBenchUser } from "./bench/tenant.ts";
import { generateSecrets } from "./lib/local-secrets.ts";
import { projectRoot } from "./lib/paths.ts";
import { applyLocalMigrations } from "./lib/wrangler.ts";

const CASES = ["call", "list", "create", "execute", "search", "bare"] as const;
type Case = (typeof CASES)[number];
const INSPECTOR_PORT = 9329;
const WARMUP = 100;

const { values, positionals } = parseArgs({ allowPositionals: true, options: { requests: { type: "string", default: "400" } } });
const which = (positionals[0] ?? "call") as Case;
if (!CASES.includes(which)) throw new Error(`Unknown case ${which}: one of ${CASES.join(", ")}.`);
const requests = Number(values.requests);

interface CpuProfile {
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

/** A minimal DevTools protocol client: one request at a time is all this needs. */
async function devtools(url: string) {
  // wrangler's inspector proxy accepts the DevTools front end's origin only.
  // (Node's WebSocket is undici's, which takes headers as an extension of the standard options.)
  const socket = new WebSocket(url, { headers: { Origin: "https://devtools.devprod.cloudflare.dev" } } as unknown as string[]);
  await new Promise((resolve, reject) => {
    socket.addEventListener("open", resolve, { once: true });
    socket.addEventListener("error", () => reject(new Error(`could not open ${url}`)), { once: true });
  });
  let nextId = 0;
  const waiting = new Map<number, (result: unknown) => void>();
  socket.addEventListener("message", (event) => {
    const message = JSON.parse(String(event.data)) as { id?: number; result?: unknown };
    if (message.id !== undefined) waiting.get(message.id)?.(message.result);
  });
  return {
    send<T>(method: string, params: object = {}): Promise<T> {
      const id = ++nextId;
      return new Promise((resolve) => {
        waiting.set(id, resolve as (result: unknown) => void);
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    close: () => socket.close(),
  };
}

/** Self time per function, heaviest first. */
function selfTimes(profile: CpuProfile): [string, number][] {
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const totals = new Map<string, number>();
  profile.samples.forEach((nodeId, i) => {
    const frame = nodes.get(nodeId)?.callFrame;
    if (!frame) return;
    const name = `${frame.functionName || "(anonymous)"} ${frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : ""}`.trim();
    totals.set(name, (totals.get(name) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
  });
  return [...totals].sort((a, b) => b[1] - a[1]);
}

const persistDir = mkdtempSync(path.join(tmpdir(), "switchboard-profile-"));
await applyLocalMigrations(persistDir, { stdio: "ignore" });
const secrets = generateSecrets();
const worker = await unstable_startWorker({
  config: path.join(projectRoot, "wrangler.toml"),
  bindings: Object.fromEntries(Object.entries(secrets).map(([name, value]) => [name, { type: "secret_text" as const, value }])),
  build: { minify: false },
  dev: { server: { hostname: "127.0.0.1", port: 0 }, inspector: { port: INSPECTOR_PORT }, persist: persistDir, logLevel: "error" },
});
const upstream = await startUpstream();
try {
  await worker.ready;
  const gateway = (await worker.url).origin;
  const tenant = await benchTenant(gateway, secrets.ADMIN_API_KEY ?? "");
  await connectBenchUser(tenant, upstream.url);
  const session = (await (
    await tenant.post("/api/v3.1/tool_router/session", { user_id: "bench-user", toolkits: { enable: ["github"] }, preload: { tools: ["GITHUB_GET_A_REPOSITORY"] } })
  ).json()) as { session_id: string };
  const mcpHeaders = { ...tenant.headers, accept: "application/json, text/event-stream", "mcp-protocol-version": "2025-06-18" };
  const repo = { owner: "octocat", repo: "hello-world" };
  let rpcId = 0;
  const searchQueries = [...loadEvalSet("tune"), ...loadEvalSet("holdout")].map((c) => encodeURIComponent(c.query));
  let nextQuery = 0;
  const mcp = (method: string, params: object) =>
    fetch(`${gateway}/tool_router/${session.session_id}/mcp`, { method: "POST", headers: mcpHeaders, body: JSON.stringify({ jsonrpc: "2.0", id: ++rpcId, method, params }) });
  const send: Record<Case, () => Promise<Response>> = {
    call: () => mcp("tools/call", { name: "GITHUB_GET_A_REPOSITORY", arguments: repo }),
    list: () => mcp("tools/list", {}),
    create: () => tenant.post("/api/v3.1/tool_router/session", { user_id: "bench-user" }),
    execute: () => tenant.post("/api/v3.1/tools/execute/GITHUB_GET_A_REPOSITORY", { user_id: "bench-user", arguments: repo }),
    search: () => fetch(`${gateway}/api/v3.1/tools?search=${searchQueries[nextQuery++ % searchQueries.length] ?? ""}&limit=5`, { headers: tenant.headers }),
    bare: () => fetch(`${gateway}/health/live`),
  };
  const run = async (n: number) => {
    for (let i = 0; i < n; i++) await (await send[which]()).arrayBuffer();
  };
  await run(WARMUP);

  const [target] = (await (await fetch(`http://127.0.0.1:${INSPECTOR_PORT}/json`)).json()) as { webSocketDebuggerUrl: string }[];
  if (!target) throw new Error("wrangler's inspector lists no target");
  const client = await devtools(target.webSocketDebuggerUrl);
  await client.send("Profiler.enable");
  await client.send("Profiler.setSamplingInterval", { interval: 100 });
  await client.send("Profiler.start");
  const started = performance.now();
  await run(requests);
  const wallMs = performance.now() - started;
  const { profile } = await client.send<{ profile: CpuProfile }>("Profiler.stop");
  client.close();

  mkdirSync(path.join(projectRoot, "test-results"), { recursive: true });
  const file = path.join(projectRoot, "test-results", `${which}.cpuprofile`);
  writeFileSync(file, JSON.stringify(profile));
  const times = selfTimes(profile);
  const idle = times.find(([name]) => name === "(idle)")?.[1] ?? 0;
  const total = times.reduce((sum, [, ms]) => sum + ms, 0);
  console.log(`${which}: ${requests} requests, one at a time, in ${wallMs.toFixed(0)} ms; the isolate was busy ${((total - idle) / requests).toFixed(2)} ms per request`);
  console.log("self time per request (ms), heaviest functions:");
  for (const [name, ms] of times.filter(([name]) => name !== "(idle)").slice(0, 30)) console.log(`${(ms / requests).toFixed(3).padStart(8)}  ${name}`);
  console.log(`Whole profile: ${path.relative(projectRoot, file)}`);
} finally {
  await upstream.close();
  await worker.dispose();
  rmSync(persistDir, { recursive: true, force: true });
}

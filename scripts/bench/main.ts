/**
 * `npm run bench`: every figure is measured against a baseline in the same run, so the
 * ratios are what matter, not the machine. Starts its own gateway and upstream simulator.
 *
 *   gateway   authenticated API request vs unauthenticated /health
 *   catalog   cold start with the catalog, catalog listing and search over HTTP vs /health
 *   executor  a tool call through the gateway vs the same request straight to the upstream
 *   sessions  MCP tools/list and tools/call, REST execute, session creation, at concurrency 1 and 32 vs /health/live,
 *             then again with a delay before every D1 round trip (`--d1-delay-ms`, 40 by default; 0 skips it)
 *   workbench a trivial workbench run and a bash command vs a plain tool call over MCP; state restore after a restart
 *   search    recall@1/5/10 and MRR on the eval sets (tune and holdout, direct and session) over the whole catalog, in-process latency
 *   bundle    the production bundle's size
 *   cpu       CPU per request by process (wrangler's proxy, the Worker's workerd, this Node) for the
 *             bare route, five named tools and a search, with and without compression (Linux)
 *
 * `--only sessions` (or a comma list of the sections above; gateway, catalog and executor are
 * one section, `gateway`) runs just those: everything by default.
 */
import { parseArgs } from "node:util";
import { startUpstream } from "../../test/upstream/server.ts";
import { startLocalGateway } from "../lib/local-gateway.ts";
import { benchBundle } from "./bundle.ts";
import { compareLoad, type LoadOptions } from "./compare-load.ts";
import { warnIfDevGatewayRuns } from "./dev-gateway-check.ts";
import { benchProcessCpu } from "./process-cpu.ts";
import { fmt, latencyTable, ratioLine } from "./report.ts";
import { benchSearch, loadEvalSet } from "./search.ts";
import { benchSessions } from "./sessions.ts";
import { benchTenant, connectBenchUser, type BenchTenant } from "./tenant.ts";
import { benchWorkbench } from "./workbench.ts";

/** Distinct requests in the repeated-search case: well within what an isolate keeps ranked. */
const REPEATED_WORKING_SET = 100;
/** Tools a page names outright (`tool_slugs`), five like a search's page. */
const FIVE_NAMED_TOOLS = "GITHUB_GET_A_REPOSITORY,GMAIL_SEND_EMAIL,SLACK_SEND_MESSAGE,JIRA_CREATE_ISSUE,LINEAR_CREATE_LINEAR_ISSUE";

const SECTIONS = ["gateway", "sessions", "workbench", "search", "bundle", "cpu"] as const;
type Section = (typeof SECTIONS)[number];

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "16" },
    rounds: { type: "string", default: "4" },
    only: { type: "string", default: SECTIONS.join(",") },
    "d1-delay-ms": { type: "string", default: "40" },
  },
});
const load = { requests: Number(values.requests), concurrency: Number(values.concurrency), rounds: Number(values.rounds) };
const only = selectedSections(values.only);
const d1DelayMs = Number(values["d1-delay-ms"]);
if (!Number.isFinite(d1DelayMs) || d1DelayMs < 0) throw new Error(`--d1-delay-ms must be a number of milliseconds, 0 to skip: ${values["d1-delay-ms"]}`);

// search and bundle need neither; the workbench starts a gateway of its own but calls the simulator.
const needsGateway = only.has("gateway") || only.has("sessions") || only.has("cpu");
if (needsGateway || only.has("workbench")) await warnIfDevGatewayRuns();
const started = performance.now();
const [gateway, upstream] = await Promise.all([
  needsGateway ? startLocalGateway() : undefined,
  needsGateway || only.has("workbench") ? startUpstream() : undefined,
]);
const startupMs = performance.now() - started;

try {
  if (gateway && upstream) {
    const tenant = await benchTenant(gateway.url, gateway.adminKey);
    if (only.has("gateway")) await benchGateway(gateway.url, upstream.url, tenant, load, startupMs);
    else await connectBenchUser(tenant, upstream.url);
    if (only.has("sessions")) console.log(await benchSessions(gateway.url, tenant, upstream.url, { requests: load.requests, rounds: load.rounds, d1DelayMs }));
    if (only.has("cpu")) console.log(await benchProcessCpu(gateway.url, tenant, Math.min(load.requests, 500), load.rounds));
  }
  if (upstream && only.has("workbench")) console.log(await benchWorkbench(upstream.url, Math.min(load.requests, 300), load.rounds));
  if (only.has("search")) console.log(await benchSearch());
  if (only.has("bundle")) console.log(await benchBundle());
} finally {
  await Promise.all([gateway?.destroy(), upstream?.close()]);
}

function selectedSections(list: string): Set<Section> {
  const names = list.split(",").map((name) => name.trim()).filter(Boolean);
  const unknown = names.filter((name) => !(SECTIONS as readonly string[]).includes(name));
  if (unknown.length > 0) throw new Error(`--only: unknown section ${unknown.join(", ")} (sections: ${SECTIONS.join(", ")})`);
  return new Set(names as Section[]);
}

/** The gateway, catalog and executor figures: HTTP cases against /health and /health/live. */
async function benchGateway(gatewayUrl: string, upstreamUrl: string, tenant: BenchTenant, load: LoadOptions, startupMs: number): Promise<void> {
  const { headers, post } = tenant;
  // The first catalog request in a fresh isolate pays for loading the catalog.
  const coldStart = performance.now();
  await (await fetch(`${gatewayUrl}/api/v3.1/tools?toolkit_slug=github&limit=1`, { headers })).arrayBuffer();
  const coldCatalogMs = performance.now() - coldStart;
  await connectBenchUser(tenant, upstreamUrl);

  // Search over HTTP cycles through the eval queries, so it pays for real requests, not one cached parse.
  const searchQueries = [...loadEvalSet("tune"), ...loadEvalSet("holdout")].map((c) => encodeURIComponent(c.query));
  let nextQuery = 0;
  const rows = await compareLoad(
    {
      "GET /health/live (bare Worker)": () => fetch(`${gatewayUrl}/health/live`),
      "GET /health (no key)": () => fetch(`${gatewayUrl}/health`),
      "GET /api/v3.1/auth/session/info (key)": () => fetch(`${gatewayUrl}/api/v3.1/auth/session/info`, { headers }),
      "GET /api/v3.1/tools?search=… (key)": () =>
        fetch(`${gatewayUrl}/api/v3.1/tools?search=${searchQueries[nextQuery++ % searchQueries.length] ?? "star%20a%20repo"}&limit=5`, { headers }),
      "GET upstream /repos/… (direct)": () =>
        fetch(`${upstreamUrl}/repos/octocat/hello-world`, { headers: { authorization: "Bearer gho_octocat_token" } }),
      "POST …/tools/execute/GITHUB_GET_A_REPOSITORY": () =>
        post("/api/v3.1/tools/execute/GITHUB_GET_A_REPOSITORY", { user_id: "bench-user", arguments: { owner: "octocat", repo: "hello-world" } }),
    },
    load,
  );
  const byName = new Map(rows);
  const pick = (prefix: string) => [...byName].find(([name]) => name.startsWith(prefix))?.[1];
  const live = pick("GET /health/live");
  const health = pick("GET /health (");
  const authed = pick("GET /api/v3.1/auth");
  const search = pick("GET /api/v3.1/tools");
  const direct = pick("GET upstream");
  const execute = pick("POST");

  console.log(`\n${load.requests} requests per case, concurrency ${load.concurrency}, ${load.rounds} alternating rounds\n`);
  console.log(latencyTable(rows));
  console.log("");
  if (health && authed) console.log(ratioLine("authenticated API / health", health, authed));
  if (live && search) console.log(ratioLine("tool search over HTTP (eval queries, key) / bare /health/live", live, search));
  // The same pair one request at a time, where latency is the request's own and not the queue's;
  // beside them, the same requests again, as an app's agents send their few use cases over and
  // over: a working set small enough for the isolate's recent rankings (core/catalog/ranking-cache.ts);
  // and a page of five named tools, the same key and page without a ranking: the floor a search sits on.
  const workingSet = searchQueries.slice(0, REPEATED_WORKING_SET);
  let nextRepeated = 0;
  const single = new Map(
    await compareLoad(
      {
        live: () => fetch(`${gatewayUrl}/health/live`),
        search: () => fetch(`${gatewayUrl}/api/v3.1/tools?search=${searchQueries[nextQuery++ % searchQueries.length] ?? ""}&limit=5`, { headers }),
        repeated: () => fetch(`${gatewayUrl}/api/v3.1/tools?search=${workingSet[nextRepeated++ % workingSet.length] ?? ""}&limit=5`, { headers }),
        named: () => fetch(`${gatewayUrl}/api/v3.1/tools?tool_slugs=${FIVE_NAMED_TOOLS}&limit=5`, { headers }),
      },
      { ...load, concurrency: 1, requests: Math.min(load.requests, 1000) },
    ),
  );
  const singleLive = single.get("live");
  const singleSearch = single.get("search");
  if (singleLive && singleSearch) {
    console.log(ratioLine("tool search over HTTP / bare /health/live at concurrency 1", singleLive, singleSearch));
    console.log(`  (p50 ${fmt(singleSearch.p50)} ms against ${fmt(singleLive.p50)} ms)`);
  }
  const singleRepeated = single.get("repeated");
  if (singleLive && singleRepeated) {
    console.log(ratioLine(`the same, a working set of ${workingSet.length} requests sent again and again`, singleLive, singleRepeated));
    console.log(`  (p50 ${fmt(singleRepeated.p50)} ms)`);
  }
  const singleNamed = single.get("named");
  if (singleLive && singleNamed) {
    console.log(ratioLine("five named tools, no search (the same key and page) / bare /health/live at concurrency 1", singleLive, singleNamed));
    console.log(`  (p50 ${fmt(singleNamed.p50)} ms: what a search adds beyond it is its ranking)`);
  }
  if (live && authed) console.log(ratioLine("authenticated API / bare /health/live", live, authed));
  if (direct && execute) console.log(ratioLine("tool call through the gateway / same request direct to upstream", direct, execute));
  if (direct && execute) console.log(`executor overhead per call at p50: +${fmt(execute.p50 - direct.p50)} ms`);
  console.log(`\ngateway start (wrangler dev, migrations applied): ${fmt(startupMs / 1000, 1)} s; first catalog request in a fresh isolate: ${fmt(coldCatalogMs, 0)} ms`);
}

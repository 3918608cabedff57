/**
 * `npm run bench`: latency and throughput of an authenticated API request against the
 * unauthenticated /health in the same run, so the ratio is what matters, not the machine.
 * Starts its own local gateway unless given `--url` and `--key` of a running one.
 */
import { parseArgs } from "node:util";
import { AdminClient } from "./lib/admin-client.ts";
import { runLoad, summarise, type LoadResult, type Summary } from "./lib/load.ts";
import { startLocalGateway, type LocalGateway } from "./lib/local-gateway.ts";

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    key: { type: "string" },
    requests: { type: "string", default: "2000" },
    concurrency: { type: "string", default: "16" },
    rounds: { type: "string", default: "4" },
  },
});

const requests = Number(values.requests);
const concurrency = Number(values.concurrency);
const rounds = Number(values.rounds);

async function target(): Promise<{ url: string; key: string; gateway?: LocalGateway }> {
  if (values.url && values.key) return { url: values.url, key: values.key };
  const gateway = await startLocalGateway();
  const admin = new AdminClient(gateway.url, gateway.adminKey);
  const project = await admin.createProject("bench");
  const key = await admin.createApiKey(project.id, "bench");
  return { url: gateway.url, key: key.key, gateway };
}

const { url, key, gateway } = await target();
const cases = {
  "GET /health (no key)": () => fetch(`${url}/health`),
  "GET /api/v3.1/auth/session/info (key)": () => fetch(`${url}/api/v3.1/auth/session/info`, { headers: { "x-api-key": key } }),
};
type CaseName = keyof typeof cases;

try {
  // Warm the isolate, the key cache and the connection pool before measuring.
  for (const send of Object.values(cases)) await runLoad(send, 200, concurrency);

  // Alternate the cases round by round so drift on the machine hits both alike.
  const results = new Map<CaseName, LoadResult[]>();
  const perRound = Math.ceil(requests / rounds);
  for (let round = 0; round < rounds; round += 1) {
    for (const [name, send] of Object.entries(cases) as [CaseName, () => Promise<Response>][]) {
      results.set(name, [...(results.get(name) ?? []), await runLoad(send, perRound, concurrency)]);
    }
  }

  const summaries = [...results].map(([name, r]) => [name, summarise(r)] as [string, Summary]);
  const fmt = (n: number) => n.toFixed(2);
  console.log(`\n${requests} requests per case, concurrency ${concurrency}, ${rounds} alternating rounds, ${url}\n`);
  console.log("| case | p50 ms | p99 ms | req/s | failures |");
  console.log("|---|---:|---:|---:|---:|");
  for (const [name, s] of summaries) console.log(`| ${name} | ${fmt(s.p50)} | ${fmt(s.p99)} | ${s.rps.toFixed(0)} | ${s.failures} |`);
  const [base, authed] = summaries.map(([, s]) => s);
  if (base && authed) {
    console.log(
      `\nauthenticated / health: p50 ×${fmt(authed.p50 / base.p50)}, p99 ×${fmt(authed.p99 / base.p99)}, throughput ×${fmt(authed.rps / base.rps)}`,
    );
  }
} finally {
  await gateway?.destroy();
}

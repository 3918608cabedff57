/**
 * `npm run search:eval -- --url https://gateway.example.com`: the search eval run against a
 * running gateway over HTTP, through the direct search and COMPOSIO_SEARCH_TOOLS, as its users
 * meet it. `npm run bench:search` measures the lexical
 * ranker in process; this measures a deploy whatever its configuration, the production
 * semantic path (`SEARCH_MODE = "hybrid"`, Workers AI and Vectorize) included — run it before
 * switching that path on for users, and with it on, to compare.
 */
import { parseArgs } from "node:util";
import { fail, printUsageIfAsked } from "./lib/cli.ts";
import { loadEvalSet } from "./bench/search.ts";
import { fmt } from "./bench/report.ts";
import { DEFAULT_GATEWAY_URL } from "./lib/paths.ts";
import { rankInSession, rankRemotely, roundTrips, type RemoteRankings } from "./lib/remote-search.ts";
import { evaluateRanker, type SearchEvalScores } from "./lib/search-eval.ts";

const USAGE = `Usage: npm run search:eval -- [--url <gateway url>] [--set holdout|tune] [--cases <n>] [--concurrency <n>]

Sends each request of the search eval to GET /api/v3.1/tools?search= and to a session's
COMPOSIO_SEARCH_TOOLS, and prints recall@1/5/10 and MRR, overall and by kind of request.

Options
  --url <url>          Gateway URL (default: $SWITCHBOARD_URL or ${DEFAULT_GATEWAY_URL})
  --set <name>         holdout (default) or tune
  --cases <n>          Only the first n cases of the set
  --concurrency <n>    Requests in flight at once (default 4)
  The project key comes from $SWITCHBOARD_API_KEY.`;

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    set: { type: "string", default: "holdout" },
    cases: { type: "string" },
    concurrency: { type: "string", default: "4" },
    help: { type: "boolean", short: "h", default: false },
  },
});

printUsageIfAsked(values.help, USAGE);

const positive = (raw: string | undefined, name: string): number | undefined => {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) fail(`--${name} must be a whole number, 1 or more.`);
  return n;
};
if (values.set !== "holdout" && values.set !== "tune") fail("--set must be holdout or tune.");
const caseCount = positive(values.cases, "cases");
const concurrency = positive(values.concurrency, "concurrency") ?? 4;
const apiKey = process.env.SWITCHBOARD_API_KEY;
if (!apiKey) fail("No project key: set SWITCHBOARD_API_KEY to a key of the gateway (npm run dev prints one).");
const url = (values.url ?? process.env.SWITCHBOARD_URL ?? DEFAULT_GATEWAY_URL).replace(/\/+$/, "");

const set = loadEvalSet(values.set);
const cases = caseCount === undefined ? set : set.slice(0, caseCount);
const started = performance.now();
const [direct, session] = await Promise.all([rankRemotely(cases, { url, apiKey, concurrency }), rankInSession(cases, { url, apiKey, concurrency })]);
const score = (remote: RemoteRankings) => evaluateRanker((c) => remote.rankings.get(c.query) ?? [], cases, 5);
const directScores = score(direct);

const row = (label: string, s: SearchEvalScores) => `| ${label} | ${s.cases} | ${fmt(s.recallAt1, 3)} | ${fmt(s.recallAt5, 3)} | ${fmt(s.recallAt10, 3)} | ${fmt(s.mrr, 3)} |`;
console.log(`Search eval (${values.set}, ${cases.length} cases) against ${url}:\n`);
console.log("| search | cases | recall@1 | recall@5 | recall@10 | MRR |\n|---|---:|---:|---:|---:|---:|");
console.log(row("GET /tools?search=", directScores));
console.log(row("COMPOSIO_SEARCH_TOOLS", score(session)));
for (const [kind, scores] of Object.entries(directScores.byKind).sort()) console.log(row(`direct, ${kind}`, scores));
const trips = (label: string, remote: RemoteRankings) => {
  const { p50, p99 } = roundTrips(remote.latencies);
  return `${label}: ${remote.latencies.length} calls, round trip p50 ${fmt(p50)} ms, p99 ${fmt(p99)} ms`;
};
console.log(`\nin ${fmt((performance.now() - started) / 1000, 1)} s; ${trips("direct search", direct)}; ${trips("COMPOSIO_SEARCH_TOOLS (ten use cases a call)", session)}`);
const failures = [...direct.failures, ...session.failures];
if (failures.length > 0) {
  const reasons = new Map<string, number>();
  for (const { reason } of failures) reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
  fail(`${failures.length} requests got no answer (${[...reasons].map(([reason, n]) => `${reason} ×${n}`).join(", ")}): they count as misses above.`);
}

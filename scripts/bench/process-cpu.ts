import { readdirSync, readFileSync } from "node:fs";
import { fmt } from "./report.ts";
import { loadEvalSet } from "./search.ts";
import type { BenchTenant } from "./tenant.ts";

/**
 * Where a request's CPU goes on this machine: the processes `wrangler dev` runs (its proxy's
 * workerd, the Worker's workerd) and this Node process (the client and wrangler itself), read
 * from /proc before and after each case, one request at a time. Latency ratios say how much
 * slower a route is; this says in which process, and whether the compression that miniflare
 * adds (as Cloudflare's edge does in production) is part of it. Linux only.
 */

/** The same five tools whether named or found, so the pages weigh about the same. */
const FIVE_TOOLS = "GITHUB_CREATE_AN_ISSUE,GMAIL_SEND_EMAIL,SLACK_SEND_MESSAGE,GITHUB_LIST_COMMITS,JIRA_CREATE_ISSUE";
const CLOCK_TICKS_PER_SECOND = 100;

interface ProcessCpu {
  name: string;
  ms: number;
}

function statOf(pid: string): { comm: string; ppid: number; ms: number } | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: fields count from after it.
    const close = stat.lastIndexOf(")");
    const fields = stat.slice(close + 2).split(" ");
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { comm: stat.slice(stat.indexOf("(") + 1, close), ppid: Number(fields[1]), ms: (ticks * 1000) / CLOCK_TICKS_PER_SECOND };
  } catch {
    return undefined;
  }
}

/** This process and every process below it, with their CPU time so far. */
function processTree(): Map<number, ProcessCpu> {
  const stats = new Map<number, { comm: string; ppid: number; ms: number }>();
  for (const pid of readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
    const stat = statOf(pid);
    if (stat) stats.set(Number(pid), stat);
  }
  const tree = new Map<number, ProcessCpu>();
  const inTree = (pid: number): boolean => {
    for (let at: number | undefined = pid, hops = 0; at !== undefined && hops < 64; at = stats.get(at)?.ppid, hops++) {
      if (at === process.pid) return true;
    }
    return false;
  };
  for (const [pid, stat] of stats) if (inTree(pid)) tree.set(pid, { name: pid === process.pid ? "node (client, wrangler)" : `${stat.comm} ${pid}`, ms: stat.ms });
  return tree;
}

async function measure(send: () => Promise<Response>, requests: number): Promise<Map<string, number>> {
  const before = processTree();
  for (let i = 0; i < requests; i++) await (await send()).arrayBuffer();
  const perRequest = new Map<string, number>();
  for (const [pid, { name, ms }] of processTree()) {
    const spent = ms - (before.get(pid)?.ms ?? ms);
    if (spent > 0) perRequest.set(name, spent / requests);
  }
  return perRequest;
}

export async function benchProcessCpu(gatewayUrl: string, tenant: BenchTenant, requests: number, rounds: number): Promise<string> {
  if (process.platform !== "linux") return "process CPU: skipped (reads /proc, Linux only)";
  const queries = [...loadEvalSet("tune"), ...loadEvalSet("holdout")].map((c) => encodeURIComponent(c.query));
  let next = 0;
  const cases: Record<string, (encoding: string) => Promise<Response>> = {
    "GET /health/live": (encoding) => fetch(`${gatewayUrl}/health/live`, { headers: { "accept-encoding": encoding } }),
    "five named tools": (encoding) => fetch(`${gatewayUrl}/api/v3.1/tools?tool_slugs=${FIVE_TOOLS}&limit=5`, { headers: { ...tenant.headers, "accept-encoding": encoding } }),
    "a search of five": (encoding) =>
      fetch(`${gatewayUrl}/api/v3.1/tools?search=${queries[next++ % queries.length] ?? ""}&limit=5`, { headers: { ...tenant.headers, "accept-encoding": encoding } }),
  };
  // Warm: every eval query searched once, so its tools' views are in the isolate, as in a long-lived one.
  for (let i = 0; i < queries.length; i++) await (await cases["a search of five"]!("identity")).arrayBuffer();
  for (const send of Object.values(cases)) for (let i = 0; i < 200; i++) await (await send("gzip")).arrayBuffer();
  const lines = [`\nCPU per request by process (ms; ${rounds} alternating rounds of ${requests} one at a time):`];
  for (const encoding of ["identity", "gzip"]) {
    const totals = new Map<string, Map<string, number>>();
    for (let round = 0; round < rounds; round++) {
      for (const [name, send] of Object.entries(cases)) {
        const spent = await measure(() => send(encoding), requests);
        const total = totals.get(name) ?? new Map<string, number>();
        for (const [processName, ms] of spent) total.set(processName, (total.get(processName) ?? 0) + ms / rounds);
        totals.set(name, total);
      }
    }
    lines.push(`  accept-encoding: ${encoding}`);
    for (const [name, byProcess] of totals) {
      const sum = [...byProcess.values()].reduce((a, b) => a + b, 0);
      const parts = [...byProcess].sort(([a], [b]) => (a < b ? -1 : 1)).map(([processName, ms]) => `${processName} ${fmt(ms)}`);
      lines.push(`    ${name.padEnd(18)} ${fmt(sum)} in all: ${parts.join(", ")}`);
    }
  }
  return lines.join("\n");
}

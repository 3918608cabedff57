import { percentile } from "./load.ts";
import type { SearchEvalCase } from "./search-eval.ts";

/**
 * The eval's requests sent to a running gateway, so a deploy is measured as its users meet it:
 * with whatever path its configuration turns on — the production semantic one included, which
 * no local run can reach. Both ways in: the direct search (`GET /api/v3.1/tools?search=`) and
 * COMPOSIO_SEARCH_TOOLS (a session's search).
 */

export interface RemoteRankings {
  /** Each request's ranked slugs, best first. */
  rankings: Map<string, string[]>;
  /** Requests the gateway did not answer, and why (status or error name). */
  failures: { query: string; reason: string }[];
  /** Each answered call's round trip, in ms. */
  latencies: number[];
}

export interface RemoteSearchOptions {
  url: string;
  apiKey: string;
  /** Calls in flight at once: few, to stay under the gateway's rate limits. */
  concurrency?: number;
}

/** Tools a direct search returns (the eval reads the first ten). */
const DIRECT_LIMIT = 10;
/** Use cases COMPOSIO_SEARCH_TOOLS takes in one call. */
const USE_CASES_PER_CALL = 10;

const slugsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((slug): slug is string => typeof slug === "string") : []);

/** Runs `work` on each item, `concurrency` at a time. */
async function eachInPool<T>(items: readonly T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < items.length; i = next++) await work(items[i] as T);
  };
  await Promise.all(Array.from({ length: Math.max(1, concurrency) }, worker));
}

/**
 * One call per batch of requests: `call` answers each request's ranking, in order, or the
 * response it could not read, which fails the whole batch.
 */
async function rankInBatches(
  queries: readonly string[],
  batchSize: number,
  concurrency: number,
  call: (batch: readonly string[]) => Promise<Response>,
  read: (body: unknown, batch: readonly string[]) => string[][],
): Promise<RemoteRankings> {
  const result: RemoteRankings = { rankings: new Map(), failures: [], latencies: [] };
  const batches: string[][] = [];
  for (let i = 0; i < queries.length; i += batchSize) batches.push(queries.slice(i, i + batchSize));
  await eachInPool(batches, concurrency, async (batch) => {
    const started = performance.now();
    let reason: string;
    try {
      const response = await call(batch);
      if (response.ok) {
        const rankings = read(await response.json(), batch);
        result.latencies.push(performance.now() - started);
        batch.forEach((query, n) => result.rankings.set(query, rankings[n] ?? []));
        return;
      }
      await response.body?.cancel();
      reason = `HTTP ${response.status}`;
    } catch (error) {
      reason = error instanceof Error ? error.name : typeof error;
    }
    for (const query of batch) result.failures.push({ query, reason });
  });
  return result;
}

const distinctQueries = (cases: readonly SearchEvalCase[]) => [...new Set(cases.map((c) => c.query))];

/** The direct search's ranking of each request (the same text asked twice is asked once). */
export function rankRemotely(cases: readonly SearchEvalCase[], options: RemoteSearchOptions): Promise<RemoteRankings> {
  const headers = { "x-api-key": options.apiKey };
  return rankInBatches(
    distinctQueries(cases),
    1,
    options.concurrency ?? 4,
    ([query]) => fetch(`${options.url}/api/v3.1/tools?search=${encodeURIComponent(query ?? "")}&limit=${DIRECT_LIMIT}`, { headers }),
    (body) => [slugsOf(((body as { items?: { slug?: unknown }[] }).items ?? []).map((item) => item.slug))],
  );
}

/**
 * The same requests as COMPOSIO_SEARCH_TOOLS answers them, in a session of its own with every
 * toolkit and no connected account, ten use cases a call: each ranking is its primary tools,
 * then its related ones.
 */
export async function rankInSession(cases: readonly SearchEvalCase[], options: RemoteSearchOptions): Promise<RemoteRankings> {
  const headers = { "x-api-key": options.apiKey, "content-type": "application/json" };
  const queries = distinctQueries(cases);
  const created = await fetch(`${options.url}/api/v3.1/tool_router/session`, { method: "POST", headers, body: JSON.stringify({ user_id: "search-eval" }) });
  const session = created.ok ? ((await created.json()) as { session_id?: unknown }).session_id : undefined;
  if (!created.ok) await created.body?.cancel();
  if (typeof session !== "string") return { rankings: new Map(), failures: queries.map((query) => ({ query, reason: `session: HTTP ${created.status}` })), latencies: [] };
  return rankInBatches(
    queries,
    USE_CASES_PER_CALL,
    options.concurrency ?? 4,
    (batch) => fetch(`${options.url}/api/v3.1/tool_router/session/${session}/search`, { method: "POST", headers, body: JSON.stringify({ queries: batch.map((use_case) => ({ use_case })) }) }),
    (body, batch) => {
      const results = (body as { results?: { primary_tool_slugs?: unknown; related_tool_slugs?: unknown }[] }).results ?? [];
      return batch.map((_, n) => [...slugsOf(results[n]?.primary_tool_slugs), ...slugsOf(results[n]?.related_tool_slugs)]);
    },
  );
}

/** p50 and p99 of the answered calls' round trips. */
export function roundTrips(latencies: readonly number[]): { p50: number; p99: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

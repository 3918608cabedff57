import { percentile } from "./load.ts";
import type { SearchEvalCase } from "./search-eval.ts";

/**
 * The eval's requests sent to a running gateway's search (`GET /api/v3.1/tools?search=`), so a
 * deploy is measured as its users meet it: with whatever path its configuration turns on —
 * the production semantic one included, which no local run can reach.
 */

export interface RemoteRankings {
  /** Each request's ranked slugs, best first. */
  rankings: Map<string, string[]>;
  /** Requests the gateway did not answer with a page of tools, and why (status or error name). */
  failures: { query: string; reason: string }[];
  /** Each answered request's round trip, in ms. */
  latencies: number[];
}

export interface RemoteSearchOptions {
  url: string;
  apiKey: string;
  /** Tools per request (the eval reads the first ten). */
  limit?: number;
  /** Requests in flight at once: few, to stay under the gateway's rate limits. */
  concurrency?: number;
}

interface ToolPage {
  items?: { slug?: unknown }[];
}

/** Asks the gateway to rank each request once (the same text asked twice is asked once). */
export async function rankRemotely(cases: readonly SearchEvalCase[], options: RemoteSearchOptions): Promise<RemoteRankings> {
  const queries = [...new Set(cases.map((c) => c.query))];
  const result: RemoteRankings = { rankings: new Map(), failures: [], latencies: [] };
  const limit = options.limit ?? 10;
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < queries.length; i = next++) {
      const query = queries[i] ?? "";
      const started = performance.now();
      try {
        const response = await fetch(`${options.url}/api/v3.1/tools?search=${encodeURIComponent(query)}&limit=${limit}`, { headers: { "x-api-key": options.apiKey } });
        if (!response.ok) {
          await response.body?.cancel();
          result.failures.push({ query, reason: `HTTP ${response.status}` });
          continue;
        }
        const page = (await response.json()) as ToolPage;
        result.latencies.push(performance.now() - started);
        result.rankings.set(query, (page.items ?? []).flatMap((item) => (typeof item.slug === "string" ? [item.slug] : [])));
      } catch (error) {
        result.failures.push({ query, reason: error instanceof Error ? error.name : typeof error });
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 4) }, worker));
  return result;
}

/** p50 and p99 of the answered requests' round trips. */
export function roundTrips(latencies: readonly number[]): { p50: number; p99: number } {
  const sorted = [...latencies].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

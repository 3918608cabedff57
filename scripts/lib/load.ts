/** A bounded closed-loop load generator: `concurrency` workers send `requests` in total. */
export interface LoadResult {
  latenciesMs: number[];
  elapsedMs: number;
  failures: number;
}

export async function runLoad(send: () => Promise<Response>, requests: number, concurrency: number): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let failures = 0;
  let issued = 0;
  const started = performance.now();
  const worker = async () => {
    while (issued < requests) {
      issued += 1;
      const t0 = performance.now();
      const response = await send();
      await response.arrayBuffer();
      latenciesMs.push(performance.now() - t0);
      if (!response.ok) failures += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { latenciesMs, elapsedMs: performance.now() - started, failures };
}

export function percentile(sortedMs: number[], p: number): number {
  if (sortedMs.length === 0) return Number.NaN;
  const index = Math.min(sortedMs.length - 1, Math.ceil((p / 100) * sortedMs.length) - 1);
  return sortedMs[Math.max(0, index)] ?? Number.NaN;
}

export interface Summary {
  requests: number;
  failures: number;
  p50: number;
  p99: number;
  rps: number;
}

/** Merges rounds of the same target and summarises them. */
export function summarise(rounds: LoadResult[]): Summary {
  const sorted = rounds.flatMap((r) => r.latenciesMs).sort((a, b) => a - b);
  const elapsedMs = rounds.reduce((sum, r) => sum + r.elapsedMs, 0);
  return {
    requests: sorted.length,
    failures: rounds.reduce((sum, r) => sum + r.failures, 0),
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    rps: sorted.length / (elapsedMs / 1000),
  };
}

import { runLoad, summarise, type LoadResult, type Summary } from "../lib/load.ts";

export interface LoadOptions {
  requests: number;
  concurrency: number;
  rounds: number;
  /** Requests per case before measuring; min(200, requests) unless told (slow cases can't afford 200). */
  warmup?: number;
}

/**
 * Measures several request makers in one run: warmed up first, then in alternating
 * rounds so that drift on the machine hits every case alike.
 */
export async function compareLoad(cases: Record<string, () => Promise<Response>>, options: LoadOptions): Promise<[string, Summary][]> {
  const warmup = options.warmup ?? Math.min(200, options.requests);
  for (const send of Object.values(cases)) await runLoad(send, warmup, options.concurrency);
  const results = new Map<string, LoadResult[]>();
  const perRound = Math.ceil(options.requests / options.rounds);
  for (let round = 0; round < options.rounds; round += 1) {
    for (const [name, send] of Object.entries(cases)) {
      results.set(name, [...(results.get(name) ?? []), await runLoad(send, perRound, options.concurrency)]);
    }
  }
  return [...results].map(([name, rounds]) => [name, summarise(rounds)]);
}

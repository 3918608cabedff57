/**
 * How long the isolate went without serving anything else while `work` ran: a timer chain
 * (5 ms apart) records the gaps between its turns. workerd's clock moves only when an event
 * is delivered, so a gap is the stall another request would have seen.
 */
export async function withStallProbe<T>(work: () => Promise<T>): Promise<{ value: T; elapsedMs: number; gaps: number[]; p99: number; max: number }> {
  const gaps: number[] = [];
  let done = false;
  const probe = (async () => {
    let last = Date.now();
    while (!done) {
      await new Promise((resolve) => setTimeout(resolve, 5));
      const now = Date.now();
      gaps.push(now - last - 5);
      last = now;
    }
  })();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const started = Date.now();
  const value = await work();
  await new Promise((resolve) => setTimeout(resolve, 0));
  const elapsedMs = Date.now() - started;
  done = true;
  await probe;
  const sorted = [...gaps].sort((a, b) => a - b);
  const p99 = sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * 0.99))] ?? 0;
  return { value, elapsedMs, gaps, p99, max: sorted.at(-1) ?? 0 };
}

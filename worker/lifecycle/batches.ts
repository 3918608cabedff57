/**
 * How much one job may do in one run. D1 has no interactive transactions, so every job works
 * in statements of at most `size` rows, and at most `maxBatches` of them, so a run stays far
 * inside a scheduled Worker's limits (CPU time, D1 queries per invocation) whatever the
 * backlog; what is left goes on the next run.
 */
export interface BatchLimits {
  size: number;
  maxBatches: number;
}

export interface Drained {
  /** Rows the batches reported. */
  count: number;
  batches: number;
  /** The last batch was full when the budget ran out: more is probably waiting for the next run. */
  capped: boolean;
}

/** Runs `batch` (which handles up to `size` rows and says how many it did) until a batch comes back short or the budget is spent. */
export async function drain(limits: BatchLimits, batch: () => Promise<number>): Promise<Drained> {
  let count = 0;
  for (let batches = 1; ; batches++) {
    const done = await batch();
    count += done;
    if (done < limits.size) return { count, batches, capped: false };
    if (batches >= limits.maxBatches) return { count, batches, capped: true };
  }
}

/** What a job that only deletes reports: rows removed, in how many batches, and whether the budget ran out. */
export interface RemovedReport {
  removed: number;
  batches: number;
  capped: boolean;
}

/** `drain` for a job whose batches delete rows, reported as `RemovedReport`. */
export async function removeInBatches(limits: BatchLimits, batch: () => Promise<number>): Promise<RemovedReport> {
  const drained = await drain(limits, batch);
  return { removed: drained.count, batches: drained.batches, capped: drained.capped };
}

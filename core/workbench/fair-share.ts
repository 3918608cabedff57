/**
 * Keeps one workbench run from holding the isolate. Durable Objects of one class share an
 * isolate (always under `wrangler dev`, often in production), and a Worker isolate runs one
 * piece of JavaScript at a time: a run that never gives the event loop a turn stalls every
 * other session's request, and `/health/live`, until it ends.
 *
 * Work is charged in estimated milliseconds (workerd's clock stands still during synchronous
 * code, so it cannot be read off `Date.now()`); once a slice's worth has been charged since the
 * last turn, `pause()` waits for a real macrotask, which is when workerd delivers other requests
 * (and moves its clock).
 */
export class FairShare {
  readonly #sliceMs: number;
  #sinceTurnMs = 0;

  constructor(sliceMs: number = DEFAULT_SLICE_MS) {
    this.#sliceMs = sliceMs;
  }

  charge(ms: number): void {
    this.#sinceTurnMs += ms;
  }

  /** The slice is used up: the run should give the event loop a turn at its next chance. */
  get due(): boolean {
    return this.#sinceTurnMs >= this.#sliceMs;
  }

  /** Gives the event loop a turn now, and starts a new slice. */
  async pause(): Promise<void> {
    this.#sinceTurnMs = 0;
    await nextMacrotask();
  }

  /** A turn only when the slice is used up; otherwise resolves without waiting. */
  async maybePause(): Promise<void> {
    if (this.due) await this.pause();
  }
}

/**
 * Measured under `wrangler dev` on a 2-core machine: with 20 ms slices another session's
 * request waits at most about one slice plus its own work.
 */
export const DEFAULT_SLICE_MS = 20;

/**
 * `scheduler.wait(0)` and `setTimeout(0)` both go through workerd's timer queue, which
 * interleaves with incoming requests; a resolved promise would not (microtasks run first).
 */
function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

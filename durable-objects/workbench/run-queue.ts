import type { WorkbenchRunQueue } from "../../core/sessions/context.ts";

/**
 * Runs one session's workbench and shell calls one at a time. They share the session's
 * variables (a run loads them all and saves them all) and files, and each sandbox may hold
 * up to 64 MiB, so two at once in one object could lose each other's variables or crowd
 * the isolate's memory. A call waits for the one before it, whatever that one's outcome.
 */
export class RunQueue implements WorkbenchRunQueue {
  #tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.#tail.then(task);
    this.#tail = result.catch(() => undefined);
    return result;
  }
}

/**
 * Calls waiting for a connection (`COMPOSIO_WAIT_FOR_CONNECTIONS`) inside a session's object.
 * Events are counted, so a waiter that read the state just before one still sees it: it passes
 * the count it saw, and a count that moved since answers at once. Nothing polls: the OAuth
 * callback, an account change or the session's end wakes every waiter.
 */
export class ConnectionWaiters {
  #listeners = new Set<() => void>();
  #epoch = 0;

  /** How many events there have been; pass it back to `next` to wait for the one after. */
  get epoch(): number {
    return this.#epoch;
  }

  /** Resolves true at the next event after `seen` (at once if there was one), false after `timeoutMs`. */
  next(timeoutMs: number, seen: number): Promise<boolean> {
    if (this.#epoch !== seen) return Promise.resolve(true);
    return new Promise((resolve) => {
      const settle = (changed: boolean) => {
        clearTimeout(timer);
        this.#listeners.delete(listener);
        resolve(changed);
      };
      const listener = () => settle(true);
      const timer = setTimeout(() => settle(false), timeoutMs);
      this.#listeners.add(listener);
    });
  }

  /** Something a waiter may care about happened. */
  wake(): void {
    this.#epoch += 1;
    for (const listener of [...this.#listeners]) listener();
  }
}

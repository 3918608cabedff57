/**
 * At most `limit` async helper calls of one run are in flight at once; the others wait their
 * turn in order. `Promise.all` over two thousand tool calls then costs the gateway no more at
 * any moment than a few calls do, and the answers come back spread out instead of at once.
 */
export class CallGate {
  readonly #limit: number;
  #running = 0;
  readonly #waiting: (() => void)[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.#limit) await new Promise<void>((resolve) => this.#waiting.push(resolve));
    this.#running += 1;
    try {
      return await task();
    } finally {
      this.#running -= 1;
      this.#waiting.shift()?.();
    }
  }
}

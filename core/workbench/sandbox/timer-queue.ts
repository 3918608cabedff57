/**
 * The run's sleeps and timers on one host timer. workerd's timers cost more the more are
 * pending (measured in the vitest pool: 1,000 pending `setTimeout`s took ~0.7 s to create,
 * 250 ~0.2 s), so a cell starting a thousand `sleep(1)`s stalled the isolate for a second
 * before any of them ran. Here each wait is an entry in a list sorted by due time, and only
 * the earliest has a real timer.
 */
export class TimerQueue {
  readonly #entries: { dueAt: number; resolve: () => void }[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;
  #armedFor = Infinity;

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const dueAt = Date.now() + ms;
      const at = this.#insertionPoint(dueAt);
      this.#entries.splice(at, 0, { dueAt, resolve });
      this.#arm();
    });
  }

  /** Drops every wait; their promises never settle (the run is over). */
  clear(): void {
    this.#entries.length = 0;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#armedFor = Infinity;
  }

  #insertionPoint(dueAt: number): number {
    let low = 0;
    let high = this.#entries.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (this.#entries[middle]!.dueAt <= dueAt) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  #arm(): void {
    const first = this.#entries[0];
    if (!first || first.dueAt >= this.#armedFor) return;
    clearTimeout(this.#timer);
    this.#armedFor = first.dueAt;
    this.#timer = setTimeout(() => this.#fire(), Math.max(0, first.dueAt - Date.now()));
  }

  #fire(): void {
    this.#timer = undefined;
    this.#armedFor = Infinity;
    const now = Date.now();
    let due = 0;
    while (due < this.#entries.length && this.#entries[due]!.dueAt <= now) due++;
    for (const entry of this.#entries.splice(0, due)) entry.resolve();
    this.#arm();
  }
}

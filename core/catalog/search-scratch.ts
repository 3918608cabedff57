/**
 * A list of document (or phrasing) numbers that every search of an index reuses, instead of a
 * fresh array per search. A search notes a few thousand numbers in several such lists; as
 * growing arrays they were most of the half megabyte a search allocated, which in the isolate
 * meant garbage to collect and freshly written memory pushing the index's tables out of the
 * CPU's caches between requests. Searches of one index never overlap: the ranking is synchronous.
 */
export class ScratchList {
  #items: Int32Array;
  length = 0;

  /** `capacity`: how many numbers a search usually notes at most (each document once); it grows past it if need be. */
  constructor(capacity: number) {
    this.#items = new Int32Array(Math.max(16, capacity));
  }

  /** Empties the list for a new search. */
  clear(): this {
    this.length = 0;
    return this;
  }

  push(item: number): void {
    // A number noted twice (a term that added nothing leaves its score at zero) can outgrow the capacity.
    if (this.length === this.#items.length) {
      const larger = new Int32Array(this.#items.length * 2);
      larger.set(this.#items);
      this.#items = larger;
    }
    this.#items[this.length++] = item;
  }

  at(position: number): number {
    return this.#items[position] ?? 0;
  }

  /** The list as it stands, without a copy: valid until the list is next written. */
  view(): Int32Array {
    return this.#items.subarray(0, this.length);
  }
}

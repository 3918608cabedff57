import type { VectorStore } from "../../core/catalog/semantic/vector-store.ts";

/**
 * An exact in-memory vector index (cosine) answering like Vectorize, fast enough to query the
 * whole catalog's ~24,000 vectors thousands of times: vectors are normalised once into one
 * Float32Array, and only the dimensions some vector uses are read. Filters: `{ toolkit: { $in } }`
 * and `{ toolkit: value }`, the ones the search sends.
 */
export class FlatVectorStore implements VectorStore {
  private ids: string[] = [];
  private toolkits: string[] = [];
  private rows: Float32Array[] = [];
  private matrix = new Float32Array(0);
  private width = 0;

  async upsert(vectors: VectorizeVector[]): Promise<unknown> {
    for (const vector of vectors) {
      const values = Float32Array.from(vector.values as ArrayLike<number>);
      const norm = Math.hypot(...values);
      if (norm > 0) for (let i = 0; i < values.length; i++) values[i] = (values[i] ?? 0) / norm;
      let used = values.length;
      while (used > 0 && values[used - 1] === 0) used--;
      this.width = Math.max(this.width, used);
      this.ids.push(vector.id);
      this.toolkits.push(String(vector.metadata?.toolkit ?? ""));
      this.rows.push(values);
    }
    this.matrix = new Float32Array(0);
    return { count: vectors.length };
  }

  private packed(): Float32Array {
    if (this.matrix.length === 0 && this.rows.length > 0) {
      this.matrix = new Float32Array(this.rows.length * this.width);
      this.rows.forEach((row, i) => this.matrix.set(row.subarray(0, this.width), i * this.width));
    }
    return this.matrix;
  }

  async query(vector: number[], options: VectorizeQueryOptions = {}): Promise<VectorizeMatches> {
    const matrix = this.packed();
    const width = this.width;
    const norm = Math.hypot(...vector) || 1;
    const query = Float32Array.from(vector.slice(0, width), (x) => x / norm);
    const allowed = toolkitFilter(options.filter);
    const scored: { id: string; score: number }[] = [];
    for (let row = 0; row < this.ids.length; row++) {
      if (allowed && !allowed.has(this.toolkits[row] ?? "")) continue;
      let dot = 0;
      for (let i = 0, at = row * width; i < width; i++, at++) dot += (matrix[at] ?? 0) * (query[i] ?? 0);
      scored.push({ id: this.ids[row] ?? "", score: dot });
    }
    const matches = scored.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1)).slice(0, options.topK ?? 5);
    return { matches, count: matches.length };
  }
}

function toolkitFilter(filter: VectorizeQueryOptions["filter"]): Set<string> | undefined {
  const condition = filter?.toolkit;
  if (condition === undefined) return undefined;
  if (condition !== null && typeof condition === "object" && "$in" in condition && Array.isArray(condition.$in)) return new Set(condition.$in.map(String));
  return new Set([String(condition)]);
}

/**
 * Deterministic stand-ins for the Workers AI and Vectorize bindings, which have no local
 * simulation. The "model" embeds hashed character trigrams of accent-folded words, so texts
 * sharing word stems land close together (a paraphrase reusing "stargazers" finds "List
 * stargazers") while unrelated texts stay near orthogonal. The store enforces the Vectorize
 * limits the code must respect (dimensions, id length, batch size, topK, indexed filters).
 */
import { EMBEDDING_DIMENSIONS, EMBEDDING_MODEL, type EmbeddingModel } from "../../../../../core/catalog/semantic/embedding-model.ts";
import type { VectorStore } from "../../../../../core/catalog/semantic/vector-store.ts";

export function foldAccents(text: string): string {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
}

/** FNV-1a, 32 bits: stable across runs and platforms. */
function hash(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

export function trigramEmbedding(text: string): number[] {
  const vector = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
  for (const word of foldAccents(text).split(/[^\p{L}\p{N}]+/u)) {
    if (!word) continue;
    const padded = ` ${word} `;
    for (let i = 0; i + 3 <= padded.length; i++) {
      const slot = hash(padded.slice(i, i + 3)) % EMBEDDING_DIMENSIONS;
      vector[slot] = (vector[slot] ?? 0) + 1;
    }
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((x) => x / norm);
}

/** Answers like bge-m3 (`{ shape, data }`) and records every batch it was sent. */
export class StandInAi implements EmbeddingModel {
  readonly batches: string[][] = [];

  async run(model: typeof EMBEDDING_MODEL, inputs: { text: string[] }): Promise<unknown> {
    if (model !== EMBEDDING_MODEL) throw new Error(`unexpected model ${model}`);
    this.batches.push([...inputs.text]);
    return { shape: [inputs.text.length, EMBEDDING_DIMENSIONS], data: inputs.text.map(trigramEmbedding), pooling: "cls" };
  }
}

interface Stored {
  values: number[];
  metadata: Record<string, VectorizeVectorMetadata> | undefined;
}

type Filter = NonNullable<VectorizeQueryOptions["filter"]>;

/** An in-memory Vectorize index (cosine), with metadata indexes on the given properties. */
export class InMemoryVectorStore implements VectorStore {
  readonly vectors = new Map<string, Stored>();
  readonly queries: VectorizeQueryOptions[] = [];
  upserts = 0;
  readonly #indexedProperties: ReadonlySet<string>;

  constructor(options: { metadataIndexes?: readonly string[] } = {}) {
    this.#indexedProperties = new Set(options.metadataIndexes ?? ["toolkit"]);
  }

  async upsert(vectors: VectorizeVector[]): Promise<VectorizeVectorMutation> {
    if (vectors.length > 1000) throw new Error("VECTOR_UPSERT_ERROR: more than 1000 vectors in one upsert");
    for (const vector of vectors) {
      if (new TextEncoder().encode(vector.id).length > 64) throw new Error(`VECTOR_UPSERT_ERROR: id ${vector.id} is longer than 64 bytes`);
      if (vector.values.length !== EMBEDDING_DIMENSIONS) throw new Error(`VECTOR_UPSERT_ERROR: ${vector.values.length} dimensions`);
      this.vectors.set(vector.id, { values: Array.from(vector.values), metadata: vector.metadata });
    }
    this.upserts += 1;
    return { ids: vectors.map((v) => v.id), count: vectors.length };
  }

  async query(vector: number[], options: VectorizeQueryOptions = {}): Promise<VectorizeMatches> {
    this.queries.push(options);
    if (vector.length !== EMBEDDING_DIMENSIONS) throw new Error(`VECTOR_QUERY_ERROR: ${vector.length} dimensions`);
    const topK = options.topK ?? 5;
    const heavy = options.returnValues === true || options.returnMetadata === true || options.returnMetadata === "all";
    if (topK < 1 || topK > (heavy ? 20 : 100)) throw new Error(`VECTOR_QUERY_ERROR: topK ${topK} is out of range`);
    const matches = [...this.vectors.entries()]
      .filter(([, stored]) => this.#passes(stored.metadata, options.filter))
      .map(([id, stored]) => ({ id, score: cosine(vector, stored.values), metadata: stored.metadata }))
      .sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1))
      .slice(0, topK)
      .map((match) => ({ id: match.id, score: match.score, ...(options.returnMetadata && options.returnMetadata !== "none" && match.metadata ? { metadata: match.metadata } : {}) }));
    return { matches, count: matches.length };
  }

  #passes(metadata: Record<string, VectorizeVectorMetadata> | undefined, filter: Filter | undefined): boolean {
    if (!filter) return true;
    return Object.entries(filter).every(([property, condition]) => {
      if (!this.#indexedProperties.has(property)) throw new Error(`VECTOR_QUERY_ERROR: no metadata index on "${property}"`);
      const value = metadata?.[property];
      if (condition === null || typeof condition !== "object") return value === condition;
      return Object.entries(condition).every(([op, operand]) => {
        if (op === "$eq") return value === operand;
        if (op === "$in") return Array.isArray(operand) && (operand as unknown[]).includes(value);
        throw new Error(`stand-in store: filter operator ${op} is not simulated`);
      });
    });
  }
}

function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    dot += x * y;
    na += x * x;
    nb += y * y;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * What this code needs of the Vectorize binding: query and upsert. The generated
 * `VectorizeIndex` (and the newer `Vectorize`) satisfy it; see embedding-model.ts for why
 * the interface is narrow.
 *
 * The index holds one vector per tool, id = tool slug (at most 64 bytes, Vectorize's id
 * limit, which the catalog's slug rule guarantees), and one per users' phrasing of it (ids in
 * vector-ids.ts), each with metadata `{ toolkit }`. Filtering on `toolkit` needs a metadata
 * index on it, created before the vectors are inserted.
 */
export interface VectorStore {
  query(vector: number[], options: VectorizeQueryOptions): Promise<VectorizeMatches>;
  upsert(vectors: VectorizeVector[]): Promise<unknown>;
}

/** The metadata each tool vector carries. */
export interface ToolVectorMetadata extends Record<string, VectorizeVectorMetadata> {
  toolkit: string;
}

/** Vectorize returns at most 100 matches when neither values nor metadata are returned. */
export const MAX_TOP_K = 100;
/** Vectorize accepts at most 1000 vectors per upsert from a Worker. */
export const MAX_UPSERT_BATCH = 1000;

/** Vectorize refuses a filter whose compact JSON is 2,048 bytes or more. */
const MAX_FILTER_BYTES = 2048;

/** The metadata filter that keeps a query to some toolkits' tools. */
export function toolkitFilter(toolkits: readonly string[]): VectorizeVectorMetadataFilter {
  return { toolkit: { $in: [...toolkits] } };
}

/** Whether `toolkitFilter(toolkits)` is a filter Vectorize takes. */
export function toolkitFilterFits(toolkits: readonly string[]): boolean {
  return new TextEncoder().encode(JSON.stringify(toolkitFilter(toolkits))).length < MAX_FILTER_BYTES;
}

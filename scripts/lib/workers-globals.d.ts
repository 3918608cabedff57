/**
 * The Workers runtime types that catalog code names, for scripts that run that code in Node
 * (search-semantic.ts loads the catalog and the semantic index). The Worker's own build reads
 * the full definitions from worker-configuration.d.ts (`wrangler types`); these are the parts
 * this code uses, in the same shapes.
 */
interface Fetcher {
  fetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response>;
}

type VectorizeVectorMetadataValue = string | number | boolean | string[];
type VectorizeVectorMetadata = VectorizeVectorMetadataValue | Record<string, VectorizeVectorMetadataValue>;
type VectorizeVectorMetadataFilter = {
  [field: string]: Exclude<VectorizeVectorMetadataValue, string[]> | null | { $eq?: Exclude<VectorizeVectorMetadataValue, string[]> | null } | { $in?: Exclude<VectorizeVectorMetadataValue, string[]>[] };
};

interface VectorizeQueryOptions {
  topK?: number;
  namespace?: string;
  returnValues?: boolean;
  returnMetadata?: boolean | "all" | "indexed" | "none";
  filter?: VectorizeVectorMetadataFilter;
}

interface VectorizeVector {
  id: string;
  values: Float32Array | Float64Array | number[];
  namespace?: string;
  metadata?: Record<string, VectorizeVectorMetadata>;
}

type VectorizeMatch = Pick<Partial<VectorizeVector>, "values"> & Omit<VectorizeVector, "values"> & { score: number };

interface VectorizeMatches {
  matches: VectorizeMatch[];
  count: number;
}

import { embedTexts, type EmbeddingModel } from "./embedding-model.ts";
import { MAX_TOP_K, toolkitFilter, type VectorStore } from "./vector-store.ts";

export interface SemanticHit {
  slug: string;
  score: number;
}

export interface SemanticIndex {
  /**
   * How much its answer counts against the lexical ranking (fuse.ts); DEFAULT_SEMANTIC_WEIGHT
   * when unset. A stronger model deserves more: the deploy measures and sets it.
   */
  readonly weight?: number;
  /** Tools nearest in meaning to `text`, best first; [] when the semantic path cannot answer. */
  query(text: string, options: { topK: number; toolkits?: readonly string[] }): Promise<SemanticHit[]>;
}

export interface VectorSemanticIndexOptions {
  ai: EmbeddingModel;
  vectors: VectorStore;
  /** The tool a vector stands for (vector-ids.ts), undefined for one the catalog no longer has; by default the id itself. */
  slugOf?: (id: string) => string | undefined;
  /** Budget for embedding plus vector query; past it the lexical ranking answers alone. */
  timeoutMs?: number;
  /** The index's weight in the fusion (SemanticIndex.weight). */
  weight?: number;
}

/** A search request waits this long for the semantic half, then goes on without it. */
export const DEFAULT_SEMANTIC_TIMEOUT_MS = 400;
/**
 * Vectors asked for per tool wanted: a tool has a vector for itself and one per users'
 * phrasing, and a request worded near several of one tool's phrasings matches each of them.
 */
const VECTORS_PER_TOOL = 3;
/** bge-m3 reads 8192 tokens; a use case needs far fewer, and a bound keeps each call cheap. */
const MAX_QUERY_CHARS = 2000;

class TimeoutError extends Error {
  override readonly name = "TimeoutError";
}

/**
 * Semantic tool search over Workers AI embeddings and a Vectorize index. It never fails a
 * search: any error or a timeout yields [] and one log line, so the lexical path still
 * answers. The line names the failure only, never the query: use cases may hold user data,
 * and upstream error messages can quote their input, so not even those are logged.
 */
export function vectorSemanticIndex(options: VectorSemanticIndexOptions): SemanticIndex {
  const { ai, vectors } = options;
  const slugOf = options.slugOf ?? ((id: string) => id);
  const timeoutMs = options.timeoutMs ?? DEFAULT_SEMANTIC_TIMEOUT_MS;

  async function search(text: string, topK: number, toolkits: readonly string[] | undefined, signal: AbortSignal): Promise<SemanticHit[]> {
    const [vector] = await embedTexts(ai, [text.slice(0, MAX_QUERY_CHARS)], signal);
    if (!vector) return [];
    const result = await vectors.query(vector, {
      topK: Math.min(MAX_TOP_K, topK * VECTORS_PER_TOOL),
      returnValues: false,
      returnMetadata: "none",
      ...(toolkits ? { filter: toolkitFilter(toolkits) } : {}),
    });
    // Best first: a tool's first match is its nearest vector, and stands for it.
    const hits = new Map<string, SemanticHit>();
    for (const match of result.matches) {
      const slug = slugOf(match.id);
      if (slug !== undefined && !hits.has(slug)) hits.set(slug, { slug, score: match.score });
    }
    return [...hits.values()].slice(0, topK);
  }

  return {
    ...(options.weight === undefined ? {} : { weight: options.weight }),
    async query(text, { topK, toolkits }) {
      const k = Math.min(Math.floor(topK), MAX_TOP_K);
      // An empty toolkit list allows no tool, as it does for the lexical search.
      if (!(k >= 1) || text.trim() === "" || toolkits?.length === 0) return [];
      const started = Date.now();
      const abort = new AbortController();
      let timer: ReturnType<typeof setTimeout> | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new TimeoutError()), timeoutMs);
      });
      const work = search(text, k, toolkits, abort.signal);
      // The search may still settle after the deadline; its outcome is no longer wanted.
      work.catch(() => {});
      try {
        return await Promise.race([work, deadline]);
      } catch (err) {
        abort.abort();
        const reason = err instanceof TimeoutError ? "timeout" : err instanceof Error ? err.name : typeof err;
        console.error(
          JSON.stringify({ level: "warn", message: "semantic tool search failed; answering lexically", reason, elapsed_ms: Date.now() - started }),
        );
        return [];
      } finally {
        clearTimeout(timer);
      }
    },
  };
}

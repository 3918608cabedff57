import { catalogTools } from "../registry.ts";
import type { ToolEntry } from "../catalog-tool.ts";
import type { EmbeddingModel } from "./embedding-model.ts";
import { vectorSemanticIndex, type SemanticIndex } from "./semantic-index.ts";
import { VectorIds } from "./vector-ids.ts";
import type { VectorStore } from "./vector-store.ts";

/**
 * The configuration semantic search reads. The bindings are optional on purpose: they are
 * added to wrangler.toml only for production deploys (Workers AI and Vectorize have no local
 * simulation, so declaring them would make `wrangler dev` and the tests reach the network).
 * `Env` is assignable to this whether or not `wrangler types` saw the bindings.
 */
export interface SemanticSearchEnv {
  /** "hybrid": fuse semantic results into the lexical ranking. Anything else, or unset: lexical only. */
  SEARCH_MODE?: string;
  /**
   * How much the semantic answer counts against the lexical ranking (fuse.ts): a number ≥ 0,
   * DEFAULT_SEMANTIC_WEIGHT when unset. Pick it with `npm run search:eval` on the deploy.
   */
  SEARCH_SEMANTIC_WEIGHT?: string;
  /** Workers AI (`[ai] binding = "AI"`). */
  AI?: EmbeddingModel;
  /** The Vectorize index of tool embeddings (`[[vectorize]] binding = "TOOL_VECTORS"`). */
  TOOL_VECTORS?: VectorStore;
}

export interface SemanticBindings {
  ai: EmbeddingModel;
  vectors: VectorStore;
}

/** Both bindings, or undefined when the deploy has not configured them. */
export function semanticBindings(env: SemanticSearchEnv): SemanticBindings | undefined {
  return env.AI && env.TOOL_VECTORS ? { ai: env.AI, vectors: env.TOOL_VECTORS } : undefined;
}

/**
 * The semantic index search should consult, or undefined for the lexical path alone:
 * only `SEARCH_MODE = "hybrid"` with both bindings present turns it on.
 */
export function semanticIndexFromEnv(env: SemanticSearchEnv): SemanticIndex | undefined {
  if (env.SEARCH_MODE?.trim().toLowerCase() !== "hybrid") return undefined;
  const bindings = semanticBindings(env);
  if (!bindings) return undefined;
  const ids = vectorIdsOf(catalogTools());
  const weight = semanticWeight(env.SEARCH_SEMANTIC_WEIGHT);
  return vectorSemanticIndex({ ...bindings, slugOf: (id) => ids.slugOf(id), ...(weight === undefined ? {} : { weight }) });
}

/**
 * The configured weight, or undefined for the default. A value that is not a number ≥ 0 is a
 * deploy's typo: searches go on at the default rather than fail, and say so in the log.
 */
function semanticWeight(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === "") return undefined;
  const weight = Number(raw);
  if (Number.isFinite(weight) && weight >= 0) return weight;
  console.error(JSON.stringify({ level: "warn", message: "SEARCH_SEMANTIC_WEIGHT is not a number ≥ 0; using the default" }));
  return undefined;
}

/** The catalog's vector ids, worked out once per loaded catalog. */
const vectorIds = new WeakMap<readonly ToolEntry[], VectorIds>();

function vectorIdsOf(tools: readonly ToolEntry[]): VectorIds {
  let ids = vectorIds.get(tools);
  if (!ids) {
    ids = new VectorIds(tools.map((entry) => entry.tool.slug));
    vectorIds.set(tools, ids);
  }
  return ids;
}

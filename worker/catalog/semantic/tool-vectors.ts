import { embedTexts, type EmbeddingModel } from "../../../core/catalog/semantic/embedding-model.ts";
import { toolEmbeddingText, type EmbeddableTool } from "./tool-text.ts";
import type { ToolVectorMetadata } from "../../../core/catalog/semantic/vector-store.ts";

/** Texts per Workers AI call: few enough that one call stays quick and well under its limits. */
export const EMBEDDING_BATCH_SIZE = 50;

export interface ToolVector extends VectorizeVector {
  values: number[];
  metadata: ToolVectorMetadata;
}

/**
 * Embeds tools in batches of EMBEDDING_BATCH_SIZE, one Workers AI call (one subrequest) per
 * batch, made one after another to stay inside the account's rate limits, and returns the
 * upserts for the tool index: id = tool slug, metadata `{ toolkit }` for the toolkit filter.
 */
export async function vectorsForTools(ai: EmbeddingModel, tools: readonly EmbeddableTool[]): Promise<ToolVector[]> {
  const vectors: ToolVector[] = [];
  for (let start = 0; start < tools.length; start += EMBEDDING_BATCH_SIZE) {
    const batch = tools.slice(start, start + EMBEDDING_BATCH_SIZE);
    const embeddings = await embedTexts(ai, batch.map(toolEmbeddingText));
    batch.forEach((entry, i) => {
      vectors.push({ id: entry.tool.slug, values: embeddings[i] ?? [], metadata: { toolkit: entry.toolkit.slug } });
    });
  }
  return vectors;
}

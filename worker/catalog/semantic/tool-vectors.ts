import { embedTexts, type EmbeddingModel } from "../../../core/catalog/semantic/embedding-model.ts";
import { MAX_PHRASINGS_PER_TOOL, phrasingVectorId } from "../../../core/catalog/semantic/vector-ids.ts";
import type { ToolVectorMetadata } from "../../../core/catalog/semantic/vector-store.ts";
import { phrasingEmbeddingText, toolEmbeddingText, type EmbeddableTool } from "./tool-text.ts";

/** Texts per Workers AI call: few enough that one call stays quick and well under its limits. */
export const EMBEDDING_BATCH_SIZE = 50;

export interface ToolVector extends VectorizeVector {
  values: number[];
  metadata: ToolVectorMetadata;
}

/** A tool and how users ask for it (the catalog's phrasings of it; none for most generated tools). */
export interface ToolWithPhrasings extends EmbeddableTool {
  phrasings?: readonly string[];
}

interface VectorText {
  id: string;
  text: string;
  toolkit: string;
}

/** The phrasings of a tool that get vectors of their own: as many as a phrasing's id can number. */
export function embeddedPhrasings(phrasings: readonly string[] | undefined): readonly string[] {
  return (phrasings ?? []).slice(0, MAX_PHRASINGS_PER_TOOL);
}

/** The texts a tool is embedded as: what it is (id: its slug), then each phrasing of it. */
export function vectorTexts({ toolkit, tool, phrasings }: ToolWithPhrasings): VectorText[] {
  const texts = [{ id: tool.slug, text: toolEmbeddingText({ toolkit, tool }), toolkit: toolkit.slug }];
  embeddedPhrasings(phrasings).forEach((phrasing, n) => texts.push({ id: phrasingVectorId(tool.slug, n), text: phrasingEmbeddingText(toolkit, phrasing), toolkit: toolkit.slug }));
  return texts;
}

/**
 * Embeds tools and their phrasings in batches of EMBEDDING_BATCH_SIZE texts, one Workers AI
 * call (one subrequest) per batch, made one after another to stay inside the account's rate
 * limits, and returns the upserts for the tool index, each with metadata `{ toolkit }` for the
 * toolkit filter.
 */
export async function vectorsForTools(ai: EmbeddingModel, tools: readonly ToolWithPhrasings[]): Promise<ToolVector[]> {
  const texts = tools.flatMap(vectorTexts);
  const vectors: ToolVector[] = [];
  for (let start = 0; start < texts.length; start += EMBEDDING_BATCH_SIZE) {
    const batch = texts.slice(start, start + EMBEDDING_BATCH_SIZE);
    const embeddings = await embedTexts(ai, batch.map((entry) => entry.text));
    batch.forEach((entry, i) => vectors.push({ id: entry.id, values: embeddings[i] ?? [], metadata: { toolkit: entry.toolkit } }));
  }
  return vectors;
}

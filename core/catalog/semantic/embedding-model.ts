/**
 * The embedding model behind semantic tool search, and the one call this code makes to it.
 * bge-m3 is multilingual, so a use case written in French or Japanese lands near the
 * English tool descriptions; it embeds a batch of texts per call.
 */
export const EMBEDDING_MODEL = "@cf/baai/bge-m3";
export const EMBEDDING_DIMENSIONS = 1024;

/**
 * What this code needs of the Workers AI binding. The generated `Ai` type satisfies it; a
 * narrow interface keeps the code independent of whether `wrangler types` saw an `[ai]`
 * binding, and lets tests pass a deterministic stand-in without casts.
 */
export interface EmbeddingModel {
  run(model: typeof EMBEDDING_MODEL, inputs: { text: string[] }, options?: { signal?: AbortSignal }): Promise<unknown>;
}

function isVector(value: unknown): value is number[] {
  return Array.isArray(value) && value.length === EMBEDDING_DIMENSIONS && value.every((x) => typeof x === "number" && Number.isFinite(x));
}

/**
 * One vector per text, in order. The model's output is a union (query scores, async ids,
 * embeddings), so it is checked before use: a wrong shape throws rather than indexing garbage.
 */
export async function embedTexts(ai: EmbeddingModel, texts: string[], signal?: AbortSignal): Promise<number[][]> {
  if (texts.length === 0) return [];
  const output = await ai.run(EMBEDDING_MODEL, { text: texts }, signal ? { signal } : undefined);
  const data = (output as { data?: unknown } | null)?.data;
  if (!Array.isArray(data) || data.length !== texts.length || !data.every(isVector)) {
    throw new Error(`${EMBEDDING_MODEL} returned no ${EMBEDDING_DIMENSIONS}-dimension embedding for each of the ${texts.length} texts`);
  }
  return data;
}

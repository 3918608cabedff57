import { getRecent, setBounded } from "../../bounded-map.ts";
import { MAX_CACHED_REQUEST_LENGTH, MAX_CACHED_REQUESTS } from "../ranking-cache.ts";
import type { SemanticHit, SemanticIndex } from "./semantic-index.ts";

/**
 * The isolate's recent semantic answers. In production each answer costs a Workers AI call and
 * a Vectorize query, tens of milliseconds, where the lexical ranking costs well under one; and
 * agents send the same use cases again and again. Like the lexical rankings
 * (ranking-cache.ts), answers are kept per partition — the project whose request asked — since
 * a request's text may hold its users' data and no project may tell from how fast a search
 * answers what another one searched. An empty answer (the semantic path failed or timed out)
 * is never kept, and a kept one is asked again after ANSWER_TTL_MS, so a reindex shows within
 * minutes.
 */

/** How long a kept answer stands: a reindex shows within it. The count and length bounds are the lexical rankings' (ranking-cache.ts). */
export const ANSWER_TTL_MS = 10 * 60_000;

interface KeptAnswer {
  hits: SemanticHit[];
  at: number;
}

const answers = new Map<string, KeptAnswer>();

/** `index`, answering the partition's repeated requests from the isolate (without a partition, it is `index`). */
export function cachedSemanticIndex(index: SemanticIndex, partition: string | undefined, now: () => number = Date.now): SemanticIndex {
  if (partition === undefined) return index;
  return {
    ...(index.weight === undefined ? {} : { weight: index.weight }),
    async query(text, options) {
      if (text.length > MAX_CACHED_REQUEST_LENGTH) return index.query(text, options);
      // The separator cannot occur in a project id, a number or a toolkit slug.
      const key = [partition, options.topK, options.toolkits?.join(",") ?? "*", text].join("\n");
      const kept = getRecent(answers, key);
      if (kept && now() - kept.at < ANSWER_TTL_MS) return kept.hits;
      const hits = await index.query(text, options);
      if (hits.length > 0) setBounded(answers, key, { hits, at: now() }, MAX_CACHED_REQUESTS);
      else answers.delete(key);
      return hits;
    },
  };
}

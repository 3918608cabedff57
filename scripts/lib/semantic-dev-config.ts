import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { SemanticSearchEnv } from "../../core/catalog/semantic/from-env.ts";
import { projectRoot } from "./paths.ts";

/**
 * `npm run dev -- --semantic`: the local gateway on the production semantic search path.
 *
 * Workers AI and Vectorize have no local simulation, so wrangler.toml leaves their bindings
 * commented out and `npm run dev` stays lexical. Wrangler's remote bindings fill the gap: the
 * Worker, D1 and the Durable Objects run and store locally as always, while each Workers AI
 * call and Vectorize query goes to the Cloudflare account `wrangler login` signed in to. That
 * lets a developer fill the index (`npm run search:reindex`) and weigh hybrid against lexical
 * search (`npm run search:eval`) on a laptop, before any deploy.
 *
 * The config is wrangler.toml with the two bindings added, written beside it: wrangler reads a
 * config's paths (the Worker, the catalog's assets, the migrations) and its local state from
 * the config's own folder, so the dev project, its key and its data are the usual ones.
 */

/** Beside wrangler.toml, and git-ignored: it is derived from wrangler.toml on every run. */
export const SEMANTIC_DEV_CONFIG = path.join(projectRoot, ".wrangler.semantic.toml");

/** The index docs/search.md has one create ("Semantic search in production", step 1). */
export const SEMANTIC_INDEX_NAME = "switchboard-tools";

/** An index name as Cloudflare's API takes it (and nothing that could break out of a TOML string). */
const VECTORIZE_INDEX_NAME = /^[a-z]+[a-z0-9_-]*[a-z0-9]+$/;

/** The bindings semantic search reads (core/catalog/semantic/from-env.ts). */
const AI_BINDING: keyof SemanticSearchEnv = "AI";
const VECTORS_BINDING: keyof SemanticSearchEnv = "TOOL_VECTORS";

/** A table header at the start of a line, not in a comment. */
const declares = (config: string, header: string) => new RegExp(`^\\s*${header.replace(/[[\]]/g, "\\$&")}\\s*$`, "m").test(config);

/**
 * `config` (wrangler.toml's text) with remote Workers AI and Vectorize bindings appended.
 * Refuses a config that declares either already: the deploy's own bindings then apply, and
 * adding `remote = true` to them is the way to reach them from `wrangler dev`.
 */
export function withRemoteSemanticBindings(config: string, indexName: string = SEMANTIC_INDEX_NAME): string {
  if (declares(config, "[ai]") || declares(config, "[[vectorize]]")) {
    throw new Error("wrangler.toml declares the [ai] or [[vectorize]] binding already: add `remote = true` to both and run `npm run dev` without --semantic.");
  }
  return `${config.trimEnd()}

# Added by \`npm run dev -- --semantic\` (scripts/lib/semantic-dev-config.ts): remote bindings, so
# each call reaches Workers AI and Vectorize on the signed-in Cloudflare account.
[ai]
binding = "${AI_BINDING}"
remote = true

[[vectorize]]
binding = "${VECTORS_BINDING}"
index_name = "${indexName}"
remote = true
`;
}

/** Writes the semantic dev config from the current wrangler.toml; returns its path. */
export function writeSemanticDevConfig(indexName: string = SEMANTIC_INDEX_NAME): string {
  if (!VECTORIZE_INDEX_NAME.test(indexName)) throw new Error(`"${indexName}" is no Vectorize index name: lower-case letters first, then letters, digits, "-" or "_", ending in a letter or digit.`);
  const config = readFileSync(path.join(projectRoot, "wrangler.toml"), "utf8");
  writeFileSync(SEMANTIC_DEV_CONFIG, withRemoteSemanticBindings(config, indexName));
  return SEMANTIC_DEV_CONFIG;
}

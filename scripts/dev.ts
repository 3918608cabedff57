/**
 * `npm run dev`: one command from a fresh clone to a running gateway with local D1 and
 * Durable Object storage (kept under .wrangler/ across restarts), migrations applied,
 * local secrets generated once, and a dev project and key ready and printed.
 * `--with-simulator` also starts the upstream simulator (GitHub, Gmail, Calendar) on
 * 127.0.0.1:8790, so the README's quickstart needs no real provider account.
 * `--semantic` runs tool search on the production semantic path, with Workers AI and the
 * Vectorize index reached on the signed-in Cloudflare account (scripts/lib/semantic-dev-config.ts);
 * `--semantic=<index>` names another index than the deploy's, to try embedded texts apart from it.
 */
import { startUpstream, TOKENS } from "../test/upstream/server.ts";
import { waitForGateway } from "./lib/admin-client.ts";
import { fail } from "./lib/cli.ts";
import { ensureDevProject } from "./lib/dev-project.ts";
import { ensureDevVars } from "./lib/local-secrets.ts";
import { SEMANTIC_INDEX_NAME, writeSemanticDevConfig } from "./lib/semantic-dev-config.ts";
import { applyLocalMigrations, spawnWrangler } from "./lib/wrangler.ts";

const SIMULATOR_PORT = 8790;
const withSimulator = process.argv.includes("--with-simulator");
const semanticFlag = process.argv.find((arg) => arg === "--semantic" || arg.startsWith("--semantic="));
const semanticIndex = semanticFlag && (semanticFlag.split("=")[1] || SEMANTIC_INDEX_NAME);
const passThrough = process.argv.slice(2).filter((arg) => arg !== "--with-simulator" && arg !== semanticFlag);
const portFlag = passThrough.indexOf("--port");
const port = (portFlag >= 0 ? passThrough[portFlag + 1] : undefined) ?? "8787";
const baseUrl = `http://127.0.0.1:${port}`;

/** The semantic dev config's path; a wrong index name or wrangler.toml's own bindings end the run with why. */
function semanticDevConfig(indexName: string): string {
  try {
    return writeSemanticDevConfig(indexName);
  } catch (error) {
    return fail(`--semantic: ${error instanceof Error ? error.message : String(error)}`);
  }
}

// `--var` overrides wrangler.toml's SEARCH_MODE = "lexical".
const semanticArgs = semanticIndex ? ["--config", semanticDevConfig(semanticIndex), "--var", "SEARCH_MODE:hybrid"] : [];

const { vars, added } = ensureDevVars();
if (added.length > 0) console.log(`Generated local secrets in .dev.vars: ${added.join(", ")}`);

await applyLocalMigrations();
const simulator = withSimulator ? await startUpstream({ port: SIMULATOR_PORT }) : undefined;

const wrangler = spawnWrangler(["dev", "--ip", "127.0.0.1", ...(portFlag >= 0 ? [] : ["--port", port]), ...semanticArgs, ...passThrough]);
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    wrangler.kill(signal);
    void simulator?.close();
  });
}
wrangler.on("exit", (code) => process.exit(code ?? 0));

try {
  await waitForGateway(baseUrl);
  const dev = await ensureDevProject(baseUrl, vars.ADMIN_API_KEY ?? "");
  const simulatorLine = simulator ? `\n    simulator ${simulator.url}  (GitHub as octocat: token ${TOKENS.octocat})` : "";
  const searchLine = semanticIndex
    ? `\n    search   hybrid, with Workers AI and the Vectorize index ${semanticIndex} on your Cloudflare account` +
      `\n             (fill the index once: npm run search:reindex; docs/search.md, "Semantic search in production")`
    : "";
  console.log(`
  Switchboard is running at ${baseUrl}
    project  ${dev.projectId} ("dev")${dev.created ? "  (created now)" : ""}
    API key  ${dev.apiKey}
    console  ${baseUrl}/console  (sign in with the API key above, or the admin key in .dev.vars)
    docs     ${baseUrl}/docs${simulatorLine}${searchLine}

  Try:  curl -H "x-api-key: ${dev.apiKey}" ${baseUrl}/api/v3.1/auth/session/info
`);
} catch (err) {
  console.error(`Could not prepare the dev project: ${err instanceof Error ? err.message : String(err)}`);
}

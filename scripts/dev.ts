/**
 * `npm run dev`: one command from a fresh clone to a running gateway with local D1 and
 * Durable Object storage (kept under .wrangler/ across restarts), migrations applied,
 * local secrets generated once, and a dev project and key ready and printed.
 * `--with-simulator` also starts the upstream simulator (GitHub, Gmail, Calendar) on
 * 127.0.0.1:8790, so the README's quickstart needs no real provider account.
 */
import { startUpstream, TOKENS } from "../test/upstream/server.ts";
import { waitForGateway } from "./lib/admin-client.ts";
import { ensureDevProject } from "./lib/dev-project.ts";
import { ensureDevVars } from "./lib/local-secrets.ts";
import { applyLocalMigrations, spawnWrangler } from "./lib/wrangler.ts";

const SIMULATOR_PORT = 8790;
const withSimulator = process.argv.includes("--with-simulator");
const passThrough = process.argv.slice(2).filter((arg) => arg !== "--with-simulator");
const portFlag = passThrough.indexOf("--port");
const port = (portFlag >= 0 ? passThrough[portFlag + 1] : undefined) ?? "8787";
const baseUrl = `http://127.0.0.1:${port}`;

const { vars, added } = ensureDevVars();
if (added.length > 0) console.log(`Generated local secrets in .dev.vars: ${added.join(", ")}`);

await applyLocalMigrations();
const simulator = withSimulator ? await startUpstream({ port: SIMULATOR_PORT }) : undefined;

const wrangler = spawnWrangler(["dev", "--ip", "127.0.0.1", ...(portFlag >= 0 ? [] : ["--port", port]), ...passThrough]);
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
  console.log(`
  Switchboard is running at ${baseUrl}
    project  ${dev.projectId} ("dev")${dev.created ? "  (created now)" : ""}
    API key  ${dev.apiKey}
    console  ${baseUrl}/console  (sign in with the API key above, or the admin key in .dev.vars)
    docs     ${baseUrl}/docs${simulator ? `\n    simulator ${simulator.url}  (GitHub as octocat: token ${TOKENS.octocat})` : ""}

  Try:  curl -H "x-api-key: ${dev.apiKey}" ${baseUrl}/api/v3.1/auth/session/info
`);
} catch (err) {
  console.error(`Could not prepare the dev project: ${err instanceof Error ? err.message : String(err)}`);
}

/**
 * `npm run search:reindex -- --url https://gateway.example.com`: embeds every catalog tool
 * into the production semantic search index, one page per request (each request stays
 * inside Workers' subrequest limits), following the cursor to the end. Safe to re-run.
 */
import { parseArgs } from "node:util";
import { fail, printUsageIfAsked } from "./lib/cli.ts";
import { AdminClient, GatewayError } from "./lib/admin-client.ts";
import { readDevVars } from "./lib/local-secrets.ts";
import { DEFAULT_GATEWAY_URL } from "./lib/paths.ts";

const USAGE = `Usage: npm run search:reindex -- [--url <gateway url>] [--limit <1-200>]

Embeds every tool of the catalog with Workers AI and writes the vectors to the gateway's
Vectorize index (POST /api/admin/search/reindex, page after page).

Options
  --url <url>      Gateway URL (default: $SWITCHBOARD_URL or ${DEFAULT_GATEWAY_URL})
  --limit <n>      Tools per request, 1-200 (default 100)
  The admin key comes from $ADMIN_API_KEY, else from .dev.vars.`;

const { values } = parseArgs({
  options: {
    url: { type: "string" },
    limit: { type: "string" },
    help: { type: "boolean", short: "h", default: false },
  },
});

printUsageIfAsked(values.help, USAGE);

const limit = values.limit === undefined ? undefined : Number(values.limit);
if (limit !== undefined && !(Number.isInteger(limit) && limit >= 1 && limit <= 200)) fail("--limit must be a whole number from 1 to 200.");

const adminKey = process.env.ADMIN_API_KEY || readDevVars().ADMIN_API_KEY;
if (!adminKey) fail("No admin key: set ADMIN_API_KEY to the gateway's admin key.");
const url = values.url ?? process.env.SWITCHBOARD_URL ?? DEFAULT_GATEWAY_URL;
const client = new AdminClient(url, adminKey);

async function run(): Promise<void> {
  let cursor: string | undefined;
  let tools = 0;
  let vectors = 0;
  let pages = 0;
  for (;;) {
    const page = await client.reindexToolSearch(cursor, limit);
    tools += page.tools;
    vectors += page.upserted;
    pages += 1;
    console.error(`Indexed ${tools}/${page.total} tools (${pages} request${pages === 1 ? "" : "s"})`);
    if (page.next_cursor === null) break;
    cursor = page.next_cursor;
  }
  console.log(`Done: ${vectors} vectors (${tools} tools and their users' phrasings) upserted into ${url}'s search index. Vectorize applies upserts asynchronously; queries see them within seconds.`);
}

try {
  await run();
} catch (err) {
  if (err instanceof GatewayError && err.code === "semantic_search_not_configured") fail(`${err.message}\nSee docs/search.md, "Semantic search in production".`);
  if (err instanceof GatewayError) fail(`${err.message} (${err.code}, HTTP ${err.status})`);
  if (err instanceof TypeError) fail(`Could not reach the gateway at ${url}: ${err.message}`);
  throw err;
}

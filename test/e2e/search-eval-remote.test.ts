import { readFileSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { SearchIndex } from "../../core/catalog/search-index.ts";
import { searchTools } from "../../core/catalog/search.ts";
import { loadEvalSet } from "../../scripts/bench/search.ts";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { projectRoot } from "../../scripts/lib/paths.ts";
import { rankInSession, rankRemotely } from "../../scripts/lib/remote-search.ts";
import { runScript, type CliResult } from "./admin-cli.ts";
import { newSdkTenant } from "./sdk-tenant.ts";
import { sharedGateway } from "./shared-gateway.ts";

/**
 * `npm run search:eval` measures a running gateway's search over HTTP. Against the local gateway
 * (lexical, as `npm run dev` runs it) it must see exactly what the in-process ranker ranks.
 */
let gateway: LocalGateway;
let apiKey: string;

beforeAll(async () => {
  gateway = await sharedGateway();
  ({ apiKey } = await newSdkTenant(gateway, "search-eval"));
});

/** The search index the gateway serves, as the build wrote it. */
const builtIndex = () => JSON.parse(readFileSync(path.join(projectRoot, "catalog/dist/search-index.json"), "utf8")) as SearchIndex;

function runSearchEval(args: string[], key: string | undefined): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, SWITCHBOARD_URL: gateway.url };
  if (key === undefined) delete env.SWITCHBOARD_API_KEY;
  else env.SWITCHBOARD_API_KEY = key;
  return runScript("scripts/search-eval.ts", args, env);
}

describe("the search eval against a running gateway", () => {
  it("gets over HTTP the ranking the ranker gives in process", async () => {
    const cases = loadEvalSet("holdout").slice(0, 60);
    const remote = await rankRemotely(cases, { url: gateway.url, apiKey, concurrency: 4 });
    expect(remote.failures).toEqual([]);
    expect(remote.latencies).toHaveLength(new Set(cases.map((c) => c.query)).size);
    const index = builtIndex();
    for (const c of cases) expect(remote.rankings.get(c.query), c.query).toEqual(searchTools(index, c.query, { limit: 10 }).map((hit) => hit.slug));
  });

  it("gets COMPOSIO_SEARCH_TOOLS' primary and related tools, ten use cases a call", async () => {
    const cases = loadEvalSet("holdout").slice(0, 25);
    const session = await rankInSession(cases, { url: gateway.url, apiKey, concurrency: 2 });
    expect(session.failures).toEqual([]);
    expect(session.latencies).toHaveLength(3);
    const index = builtIndex();
    for (const c of cases) {
      const ranking = session.rankings.get(c.query) ?? [];
      expect(ranking.length, c.query).toBeGreaterThan(0);
      expect(ranking.length).toBeLessThanOrEqual(6);
      // The meta tool orders the search's own best tools by the session's rules: its first is among them.
      expect(searchTools(index, c.query, { limit: 8 }).map((hit) => hit.slug), c.query).toContain(ranking[0]);
    }
  });

  it("prints recall by kind, and fails plainly without a key or with one the gateway refuses", async () => {
    const run = await runSearchEval(["--cases", "20"], apiKey);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\| GET \/tools\?search= \| 20 \| \d\.\d{3} \| \d\.\d{3} \|/);
    expect(run.stdout).toMatch(/\| COMPOSIO_SEARCH_TOOLS \| 20 \| \d\.\d{3} \| \d\.\d{3} \|/);
    expect(run.stdout).toContain("round trip p50");

    const noKey = await runSearchEval(["--cases", "2"], undefined);
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toContain("SWITCHBOARD_API_KEY");

    const refused = await runSearchEval(["--cases", "2"], "sk_not_a_key");
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/4 requests got no answer \(HTTP 401 ×2, session: HTTP 401 ×2\)/);

    const badSet = await runSearchEval(["--set", "everything"], apiKey);
    expect(badSet.code).toBe(1);
    expect(badSet.stderr).toContain("--set must be holdout or tune");
  });
});

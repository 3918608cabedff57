import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { allTools, loadTools } from "../../../core/catalog/registry.ts";
import { vectorsForTools } from "../../../worker/catalog/semantic/tool-vectors.ts";
import worker from "../../../worker/index.ts";
import { InMemoryVectorStore, StandInAi } from "../core/catalog/semantic/stand-ins.ts";
import { env, json, newProjectWithKey } from "../helpers.ts";

/**
 * `GET /api/v3.1/tools?search=` on the production path: the lexical ranking fused with the
 * semantic index's, through the real Worker with stand-ins for Workers AI and Vectorize.
 */

interface ToolPage {
  items: { slug: string }[];
}

let key: string;
const ai = new StandInAi();
const vectors = new InMemoryVectorStore();

beforeAll(async () => {
  ({ key } = await newProjectWithKey("hybrid"));
  // The catalog's GitHub and Slack tools, as `npm run search:reindex` would write them.
  const tools = await loadTools(env, allTools().filter((entry) => entry.toolkit.slug === "slack" || entry.toolkit.slug === "github"));
  const written = await vectorsForTools(ai, tools);
  for (let start = 0; start < written.length; start += 1000) await vectors.upsert(written.slice(start, start + 1000));
});

async function search(phrase: string, bindings: Record<string, unknown>, apiKey = key): Promise<string[]> {
  const request = new Request(`http://gateway.test/api/v3.1/tools?search=${encodeURIComponent(phrase)}&limit=10`, { headers: { "x-api-key": apiKey } });
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, { ...env, ...bindings } as Env, ctx);
  await waitOnExecutionContext(ctx);
  expect(response.status).toBe(200);
  return (await json<ToolPage>(response)).items.map((item) => item.slug);
}

describe("hybrid tool search", () => {
  // "stargazing" shares the stand-in's trigrams with "stargazers"; the lexical path alone knows no such word.
  const phrase = "octocat stargazing fans";

  it("stays lexical without SEARCH_MODE=hybrid, even with the bindings", async () => {
    const lexical = await search(phrase, {});
    expect(await search(phrase, { AI: ai, TOOL_VECTORS: vectors })).toEqual(lexical);
    expect(await search(phrase, { SEARCH_MODE: "hybrid" })).toEqual(lexical);
  });

  it("fuses what the semantic index finds into the lexical ranking", async () => {
    const lexical = await search(phrase, {});
    const hybrid = await search(phrase, { SEARCH_MODE: "hybrid", AI: ai, TOOL_VECTORS: vectors });
    expect(hybrid).not.toEqual(lexical);
    expect(hybrid.some((slug) => slug.includes("STARGAZER"))).toBe(true);
    // The best lexical hit survives the fusion near the top.
    if (lexical[0]) expect(hybrid.slice(0, 3)).toContain(lexical[0]);
  });

  it("embeds a project's repeated request once, and another project's again", async () => {
    const repeated = "who are the octocat stargazing fans this week";
    const before = ai.batches.length;
    const first = await search(repeated, { SEARCH_MODE: "hybrid", AI: ai, TOOL_VECTORS: vectors });
    expect(await search(repeated, { SEARCH_MODE: "hybrid", AI: ai, TOOL_VECTORS: vectors })).toEqual(first);
    expect(ai.batches.length).toBe(before + 1);
    const other = await newProjectWithKey("hybrid-other");
    expect(await search(repeated, { SEARCH_MODE: "hybrid", AI: ai, TOOL_VECTORS: vectors }, other.key)).toEqual(first);
    expect(ai.batches.length).toBe(before + 2);
  });

  it("asks the semantic index within the toolkits the search is restricted to", async () => {
    const request = new Request(`http://gateway.test/api/v3.1/tools?search=${encodeURIComponent("octocat stargazing fans")}&toolkit_slug=github&limit=10`, {
      headers: { "x-api-key": key },
    });
    const ctx = createExecutionContext();
    const response = await worker.fetch(request, { ...env, ...{ SEARCH_MODE: "hybrid", AI: ai, TOOL_VECTORS: vectors } } as unknown as Env, ctx);
    await waitOnExecutionContext(ctx);
    expect(response.status).toBe(200);
    const items = (await json<ToolPage>(response)).items.map((item) => item.slug);
    expect(items.length).toBeGreaterThan(0);
    for (const slug of items) expect(slug.startsWith("GITHUB_")).toBe(true);
    expect(vectors.queries.at(-1)?.filter).toEqual({ toolkit: { $in: ["github"] } });
  });

  it("answers with the lexical ranking when the model fails", async () => {
    const broken = { async run(): Promise<unknown> { throw new Error("upstream model error"); } };
    // A request this project has not sent in hybrid mode: a kept answer would not ask the model.
    const unseen = "octocat stargazing fans from last year";
    expect(await search(unseen, { SEARCH_MODE: "hybrid", AI: broken, TOOL_VECTORS: vectors })).toEqual(await search(unseen, {}));
  });
});

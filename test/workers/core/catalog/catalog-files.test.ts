import { beforeAll, describe, expect, it } from "vitest";
import type { ToolkitDefinition } from "../../../../catalog/definition.ts";
import { CATALOG_FILES_VERSION, packCatalog, packLexicons, TOOLS_PER_SHARD, unpackLexicons } from "../../../../core/catalog/catalog-files.ts";
import { allTools, catalogSearchIndex, findTool, findToolkit, loadTool, loadTools, toolsOfToolkit } from "../../../../core/catalog/registry.ts";
import { env } from "../../helpers.ts";

/** A few whole toolkits, read back from the built catalog (the whole one is too big to ship to a test). */
let toolkits: ToolkitDefinition[] = [];

beforeAll(async () => {
  toolkits = await Promise.all(
    ["gmail", "hackernews", "slack"].map(async (slug) => {
      const info = findToolkit(slug);
      if (!info) throw new Error(`no toolkit ${slug}`);
      const { name, description, categories, logo, baseUrl, authSchemes, aliases, formerSlugs, vocabulary } = info;
      const tools = (await loadTools(env, toolsOfToolkit(slug))).map((entry) => entry.tool);
      return { slug, name, description, categories, logo, baseUrl, authSchemes, aliases, formerSlugs, vocabulary, tools };
    }),
  );
});

describe("packCatalog", () => {
  const packed = () => packCatalog(toolkits);

  it("puts every tool in exactly one shard of its own toolkit, at most TOOLS_PER_SHARD to a shard", () => {
    const { index, shards } = packed();
    const total = toolkits.reduce((sum, t) => sum + t.tools.length, 0);
    expect(index.v).toBe(CATALOG_FILES_VERSION);
    expect(index.tools).toHaveLength(total);
    expect(shards.flatMap((s) => s.tools)).toHaveLength(total);
    for (const shard of shards) expect(shard.tools.length).toBeLessThanOrEqual(TOOLS_PER_SHARD);
    for (const [slug, position, shard] of index.tools) {
      expect(shards[shard]?.toolkit).toBe(index.toolkits[position]?.slug);
      expect(shards[shard]?.tools.some((t) => t.slug === slug)).toBe(true);
    }
  });

  it("keeps toolkits without their tools, with what views need of them", () => {
    const { index } = packed();
    for (const [position, toolkit] of toolkits.entries()) {
      const info = index.toolkits[position];
      expect(info).not.toHaveProperty("tools");
      expect(info?.toolCount).toBe(toolkit.tools.length);
      expect(info?.latestVersion).toBe(toolkit.tools.map((t) => t.version).sort().at(-1));
    }
  });

  it("lists the other origins a toolkit's tools call, for the proxy", () => {
    const base = toolkits[0];
    if (!base) throw new Error("empty catalog");
    const [first, ...rest] = base.tools;
    if (!first) throw new Error("empty toolkit");
    const elsewhere = { ...base, tools: [{ ...first, http: { ...first.http, baseUrl: "https://uploads.example.com/v1" } }, ...rest] };
    expect(packCatalog([elsewhere]).index.toolkits[0]?.toolOrigins).toEqual(["https://uploads.example.com"]);
  });

  it("is deterministic", () => {
    expect(JSON.stringify(packCatalog(toolkits))).toBe(JSON.stringify(packed()));
  });
});

describe("packLexicons", () => {
  it("writes the lexicons' texts one after another under a header of their lengths, read back slice by slice", () => {
    const lexicons = { "latin:es": '{"code":"es","words":{"envia":["send"]}}', "thai:th": '{"code":"th","words":{"ส่ง":["send"]}}', "hangul:ko": "{}" };
    const file = packLexicons(lexicons);
    expect(file.split("\n")[0]).toBe(JSON.stringify({ "latin:es": lexicons["latin:es"].length, "thai:th": lexicons["thai:th"].length, "hangul:ko": 2 }));
    expect(unpackLexicons(file)).toEqual(lexicons);
    expect(() => unpackLexicons(`${file}x`)).toThrow(/header says/);
  });

  it("gives the search index read from the assets every lexicon, by script and language", () => {
    const lexicons = catalogSearchIndex().lexicons;
    expect(Object.keys(lexicons)).toEqual(expect.arrayContaining(["latin:es", "cyrillic:ru", "cjk:ja", "hangul:ko", "arabic:fa", "hebrew:he", "thai:th", "devanagari:hi", "latin:hi"]));
    for (const [key, text] of Object.entries(lexicons)) expect(JSON.parse(text).code).toBe(key.split(":")[1]);
  });
});

describe("the catalog read from static assets", () => {
  it("answers toolkits and summaries synchronously once loaded, aliases included", () => {
    expect(allTools().length).toBeGreaterThan(10_000);
    expect(findToolkit("GitHub")?.slug).toBe("github");
    expect(findTool("github_create_an_issue")?.tool.slug).toBe("GITHUB_CREATE_AN_ISSUE");
    expect(findTool("GITHUB_CREATE_ISSUE")?.tool.slug).toBe("GITHUB_CREATE_AN_ISSUE");
    // A generated tool's former slug (catalog/openapi/<toolkit>.json `formerSlugs`) still answers.
    expect(findTool("GOOGLEKEEP_GET")?.tool.slug).toBe("GOOGLEKEEP_GET_NOTES");
    expect(toolsOfToolkit("slack").every((entry) => entry.toolkit.slug === "slack")).toBe(true);
  });

  it("reads full definitions from their shards, in the order asked, across shards", async () => {
    const wanted = [...toolsOfToolkit("github").slice(-2), ...toolsOfToolkit("gmail").slice(0, 2)];
    const loaded = await loadTools(env, wanted);
    expect(loaded.map((t) => t.tool.slug)).toEqual(wanted.map((e) => e.tool.slug));
    for (const tool of loaded) expect(tool.tool.inputSchema.type).toBe("object");
    expect((await loadTool(env, "GITHUB_CREATE_ISSUE"))?.tool.http.path).toBe("/repos/{owner}/{repo}/issues");
    expect(await loadTool(env, "NO_SUCH_TOOL")).toBeUndefined();
  });

});

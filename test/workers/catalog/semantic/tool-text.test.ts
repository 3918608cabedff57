import { describe, expect, it } from "vitest";
import { env } from "cloudflare:workers";
import { allTools, loadTools } from "../../../../core/catalog/registry.ts";
import { leadingSentences, phrasingEmbeddingText, toolEmbeddingText } from "../../../../worker/catalog/semantic/tool-text.ts";
import { EMBEDDING_BATCH_SIZE, vectorsForTools } from "../../../../worker/catalog/semantic/tool-vectors.ts";
import { phrasingVectorId } from "../../../../core/catalog/semantic/vector-ids.ts";
import { StandInAi } from "../../core/catalog/semantic/stand-ins.ts";

const tool = (description: string) => ({
  toolkit: { slug: "github", name: "GitHub" },
  tool: { slug: "GITHUB_CREATE_AN_ISSUE", name: "Create an issue", description },
});

describe("toolEmbeddingText", () => {
  it("names the toolkit and the tool, then says what it does", () => {
    expect(toolEmbeddingText(tool("Open a new issue in a repository."))).toBe("GitHub: Create an issue. Open a new issue in a repository.");
  });

  it("keeps whole leading sentences up to 400 characters, and collapses whitespace", () => {
    const first = `Open a new issue ${"in a repository ".repeat(15).trim()}.`;
    const second = `Assignees need push access ${"to the repository ".repeat(15).trim()}.`;
    const third = "Labels are created if missing.";
    expect(first.length + second.length).toBeGreaterThan(400);
    expect(leadingSentences(`${first}\n\n${second}  ${third}`)).toBe(first);
    expect(leadingSentences(`${third} ${first}  ${second}`)).toBe(`${third} ${first}`);
    expect(leadingSentences(`Short one.\nShort two.   Short three.`)).toBe("Short one. Short two. Short three.");
  });

  it("cuts a first sentence longer than the budget at a word", () => {
    const text = leadingSentences(`${"word ".repeat(200)}end.`);
    expect(text.length).toBeLessThanOrEqual(400);
    expect(text.endsWith("word")).toBe(true);
  });

  it("stays short for every tool in the catalog, far below bge-m3's input limit", async () => {
    for (const entry of await loadTools(env, allTools())) {
      const text = toolEmbeddingText(entry);
      expect(text.length, entry.tool.slug).toBeLessThanOrEqual(entry.toolkit.name.length + entry.tool.name.length + 4 + 400);
      expect(text.startsWith(`${entry.toolkit.name}: ${entry.tool.name}. `), entry.tool.slug).toBe(true);
    }
  });
});

describe("phrasingEmbeddingText", () => {
  it("names the app before the phrasing, which rarely does", () => {
    expect(phrasingEmbeddingText({ name: "Gmail" }, "let people who write know I'm away")).toBe("Gmail: let people who write know I'm away");
  });
});

describe("vectorsForTools", () => {
  it("embeds in batches of at most 50 and keys each vector by slug with its toolkit", async () => {
    const ai = new StandInAi();
    const tools = await loadTools(env, allTools().slice(0, 120));
    const vectors = await vectorsForTools(ai, tools);
    expect(EMBEDDING_BATCH_SIZE).toBe(50);
    expect(ai.batches.map((batch) => batch.length)).toEqual([50, 50, 20]);
    expect(ai.batches.flat()).toEqual(tools.map(toolEmbeddingText));
    expect(vectors.map((v) => v.id)).toEqual(tools.map((entry) => entry.tool.slug));
    expect(vectors.map((v) => v.metadata.toolkit)).toEqual(tools.map((entry) => entry.toolkit.slug));
    for (const vector of vectors) expect(vector.values).toHaveLength(1024);
  });

  it("embeds each phrasing after its tool, named by its app, under an id of its own", async () => {
    const ai = new StandInAi();
    const [entry] = await loadTools(env, allTools().filter((candidate) => candidate.tool.slug === "GMAIL_SEND_EMAIL"));
    if (!entry) throw new Error("GMAIL_SEND_EMAIL is not in the catalog");
    const vectors = await vectorsForTools(ai, [{ ...entry, phrasings: ["email my landlord", "write to the team"] }]);
    expect(ai.batches.flat()).toEqual([toolEmbeddingText(entry), "Gmail: email my landlord", "Gmail: write to the team"]);
    expect(vectors.map((v) => v.id)).toEqual(["GMAIL_SEND_EMAIL", phrasingVectorId("GMAIL_SEND_EMAIL", 0), phrasingVectorId("GMAIL_SEND_EMAIL", 1)]);
    expect(vectors.map((v) => v.metadata.toolkit)).toEqual(["gmail", "gmail", "gmail"]);
  });

  it("makes no call for no tools", async () => {
    const ai = new StandInAi();
    expect(await vectorsForTools(ai, [])).toEqual([]);
    expect(ai.batches).toEqual([]);
  });
});

import { describe, expect, it } from "vitest";
import { hybridRanking } from "../../../../../core/catalog/semantic/hybrid-ranking.ts";
import type { SemanticHit, SemanticIndex } from "../../../../../core/catalog/semantic/semantic-index.ts";

/** A semantic index that answers fixed hits, nearest first, and records what it was asked. */
function fixedIndex(slugs: string[], weight?: number): SemanticIndex & { asked: { text: string; topK: number; toolkits?: readonly string[] }[] } {
  const asked: { text: string; topK: number; toolkits?: readonly string[] }[] = [];
  return {
    asked,
    ...(weight === undefined ? {} : { weight }),
    async query(text, options): Promise<SemanticHit[]> {
      asked.push({ text, ...options });
      return slugs.map((slug, i) => ({ slug, score: 0.8 - i / 10 }));
    },
  };
}

const LEXICAL = [
  { slug: "GITHUB_CREATE_AN_ISSUE", score: 10 },
  { slug: "GITHUB_LIST_REPOSITORY_ISSUES", score: 9 },
  { slug: "LINEAR_CREATE_LINEAR_ISSUE", score: 2 },
];
const slugs = LEXICAL.map((hit) => hit.slug);

describe("hybridRanking", () => {
  it("is the lexical ranking, cut to the limit, without a semantic index", async () => {
    expect(await hybridRanking("open a bug", LEXICAL, undefined, { limit: 2 })).toEqual(slugs.slice(0, 2));
  });

  it("is the lexical ranking when the semantic index answers nothing (its failure mode)", async () => {
    expect(await hybridRanking("open a bug", LEXICAL, fixedIndex([]), { limit: 5 })).toEqual(slugs);
  });

  it("lets the semantic index reorder close lexical hits and bring in a tool where the lexical scores fall away", async () => {
    const semantic = fixedIndex(["GITHUB_LIST_REPOSITORY_ISSUES", "JIRA_CREATE_ISSUE", "GITHUB_CREATE_AN_ISSUE"]);
    expect(await hybridRanking("open a bug", LEXICAL, semantic, { limit: 4 })).toEqual([
      "GITHUB_LIST_REPOSITORY_ISSUES",
      "GITHUB_CREATE_AN_ISSUE",
      "LINEAR_CREATE_LINEAR_ISSUE",
      "JIRA_CREATE_ISSUE",
    ]);
  });

  it("asks for a deeper candidate list than the limit, passes the toolkits, and fuses at the index's weight", async () => {
    const semantic = fixedIndex(["JIRA_CREATE_ISSUE", "LINEAR_CREATE_LINEAR_ISSUE"]);
    await hybridRanking("open a bug", LEXICAL, semantic, { limit: 10, toolkits: ["jira", "github"] });
    expect(semantic.asked).toEqual([{ text: "open a bug", topK: 30, toolkits: ["jira", "github"] }]);
    expect(await hybridRanking("open a bug", LEXICAL, semantic, { limit: 1 })).toEqual(["GITHUB_CREATE_AN_ISSUE"]);
    expect(await hybridRanking("open a bug", LEXICAL, fixedIndex(["JIRA_CREATE_ISSUE", "LINEAR_CREATE_LINEAR_ISSUE"], 2), { limit: 1 })).toEqual(["JIRA_CREATE_ISSUE"]);
  });

  it("asks within the caller's toolkits only when Vectorize's filter can hold the list", async () => {
    const semantic = fixedIndex(["JIRA_CREATE_ISSUE"]);
    const many = Array.from({ length: 150 }, (_, i) => `generated_toolkit_${i}`);
    await hybridRanking("open a bug", LEXICAL, semantic, { limit: 10, toolkits: many });
    expect(semantic.asked.at(-1)).toEqual({ text: "open a bug", topK: 30 });
    await hybridRanking("open a bug", LEXICAL, semantic, { limit: 10, toolkits: many.slice(0, 50) });
    expect(semantic.asked.at(-1)?.toolkits).toHaveLength(50);
  });

  it("drops semantic hits the allow list refuses or the catalog no longer has", async () => {
    const semantic = fixedIndex(["JIRA_CREATE_ISSUE", "GITHUB_TOOL_REMOVED_LAST_RELEASE", "SLACK_SEND_MESSAGE"], 5);
    const ranked = await hybridRanking("open a bug", LEXICAL, semantic, { limit: 10, allow: (slug) => !slug.startsWith("SLACK_") });
    expect(ranked).toContain("JIRA_CREATE_ISSUE");
    expect(ranked).not.toContain("GITHUB_TOOL_REMOVED_LAST_RELEASE");
    expect(ranked).not.toContain("SLACK_SEND_MESSAGE");
    expect(ranked).toHaveLength(4);
  });
});

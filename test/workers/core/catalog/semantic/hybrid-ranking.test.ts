import { describe, expect, it } from "vitest";
import { hybridRanking } from "../../../../../core/catalog/semantic/hybrid-ranking.ts";
import type { SemanticHit, SemanticIndex } from "../../../../../core/catalog/semantic/semantic-index.ts";

/** A semantic index that answers fixed hits and records what it was asked. */
function fixedIndex(slugs: string[]): SemanticIndex & { asked: { text: string; topK: number; toolkits?: readonly string[] }[] } {
  const asked: { text: string; topK: number; toolkits?: readonly string[] }[] = [];
  return {
    asked,
    async query(text, options): Promise<SemanticHit[]> {
      asked.push({ text, ...options });
      return slugs.map((slug, i) => ({ slug, score: 1 - i / 100 }));
    },
  };
}

const LEXICAL = ["GITHUB_CREATE_AN_ISSUE", "GITHUB_LIST_REPOSITORY_ISSUES", "LINEAR_CREATE_LINEAR_ISSUE"];

describe("hybridRanking", () => {
  it("is the lexical ranking, cut to the limit, without a semantic index", async () => {
    expect(await hybridRanking("open a bug", LEXICAL, undefined, { limit: 2 })).toEqual(LEXICAL.slice(0, 2));
  });

  it("is the lexical ranking when the semantic index answers nothing (its failure mode)", async () => {
    expect(await hybridRanking("open a bug", LEXICAL, fixedIndex([]), { limit: 5 })).toEqual(LEXICAL);
  });

  it("fuses both, so a tool both rank rises and a tool only the semantic index found appears", async () => {
    const semantic = fixedIndex(["LINEAR_CREATE_LINEAR_ISSUE", "JIRA_CREATE_ISSUE", "GITHUB_CREATE_AN_ISSUE"]);
    const ranked = await hybridRanking("open a bug", LEXICAL, semantic, { limit: 4 });
    expect(ranked.slice(0, 2).sort()).toEqual(["GITHUB_CREATE_AN_ISSUE", "LINEAR_CREATE_LINEAR_ISSUE"]);
    expect(ranked).toContain("JIRA_CREATE_ISSUE");
    expect(ranked).toHaveLength(4);
  });

  it("asks for a deeper candidate list than the limit, passes the toolkits, and honours weights", async () => {
    const semantic = fixedIndex(["JIRA_CREATE_ISSUE"]);
    await hybridRanking("open a bug", LEXICAL, semantic, { limit: 10, toolkits: ["jira", "github"] });
    expect(semantic.asked).toEqual([{ text: "open a bug", topK: 30, toolkits: ["jira", "github"] }]);
    const lexicalFirst = await hybridRanking("open a bug", LEXICAL, semantic, { limit: 1, weights: { lexical: 2, semantic: 1 } });
    const semanticFirst = await hybridRanking("open a bug", LEXICAL, semantic, { limit: 1, weights: { lexical: 1, semantic: 2 } });
    expect([lexicalFirst, semanticFirst]).toEqual([["GITHUB_CREATE_AN_ISSUE"], ["JIRA_CREATE_ISSUE"]]);
  });

  it("drops semantic hits the allow list refuses or the catalog no longer has", async () => {
    const semantic = fixedIndex(["JIRA_CREATE_ISSUE", "GITHUB_TOOL_REMOVED_LAST_RELEASE", "SLACK_SEND_MESSAGE"]);
    const ranked = await hybridRanking("open a bug", LEXICAL, semantic, { limit: 10, allow: (slug) => !slug.startsWith("SLACK_") });
    expect(ranked).toContain("JIRA_CREATE_ISSUE");
    expect(ranked).not.toContain("GITHUB_TOOL_REMOVED_LAST_RELEASE");
    expect(ranked).not.toContain("SLACK_SEND_MESSAGE");
  });
});

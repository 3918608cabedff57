import { describe, expect, it } from "vitest";
import holdoutJson from "../../../../catalog/search-eval/holdout.json";
import { cachedSearch } from "../../../../core/catalog/ranking-cache.ts";
import { searchTools } from "../../../../core/catalog/search.ts";
// The built catalog's index, as the Worker reads it from its assets (test setup loads it).
import { catalogSearchIndex } from "../../../../core/catalog/registry.ts";

const index = catalogSearchIndex();
const PROJECT = "prj_ranking_cache_test";
const queries = (holdoutJson as { query: string }[]).slice(0, 60).map((c) => c.query);

/** Filters a caller may pass: none, a toolkit, a narrow one that skips most of the catalog, one that allows nothing. */
const filters: Record<string, ((slug: string) => boolean) | undefined> = {
  none: undefined,
  github: (slug) => slug.startsWith("GITHUB_"),
  slack: (slug) => slug.startsWith("SLACK_"),
  "one tool": (slug) => slug === "GMAIL_SEND_EMAIL",
  nothing: () => false,
};

describe("the isolate's recent rankings", () => {
  it("answer every request, filter and depth as an uncached search does, the first time and again", () => {
    for (const round of [1, 2]) {
      for (const query of queries) {
        for (const [name, allow] of Object.entries(filters)) {
          for (const limit of [5, 50]) {
            const expected = searchTools(index, query, { limit, ...(allow ? { allow } : {}) });
            expect(cachedSearch(index, query, limit, allow, PROJECT), `${query} (${name}, ${limit}, round ${round})`).toEqual(expected);
          }
        }
      }
    }
  });

  it("serve a repeated request from the kept ranking", () => {
    const query = "post the release notes to #eng-announcements";
    const first = cachedSearch(index, query, 5, undefined, PROJECT);
    const again = cachedSearch(index, query, 5, undefined, PROJECT);
    expect(again).toEqual(first);
    // The same hits, not a new ranking's copies.
    expect(again[0]).toBe(first[0]);
  });

  it("answer a project only from its own rankings, and keep nothing without a project", () => {
    const query = "archive the #old-marketing channel";
    const mine = cachedSearch(index, query, 5, undefined, PROJECT);
    // Another project's request is ranked afresh: equal hits, not the kept ones.
    const theirs = cachedSearch(index, query, 5, undefined, "prj_someone_else");
    expect(theirs).toEqual(mine);
    expect(theirs[0]).not.toBe(mine[0]);
    const unscoped = cachedSearch(index, query, 5);
    expect(unscoped).toEqual(mine);
    expect(cachedSearch(index, query, 5)[0]).not.toBe(unscoped[0]);
  });

  it("rank again when a narrower filter needs more than the kept prefix holds", () => {
    const query = "send a message to the team";
    cachedSearch(index, query, 5, undefined, PROJECT);
    const onlyGithub = (slug: string) => slug.startsWith("GITHUB_");
    expect(cachedSearch(index, query, 5, onlyGithub, PROJECT)).toEqual(searchTools(index, query, { limit: 5, allow: onlyGithub }));
    // A deeper page than the kept one is ranked again too.
    expect(cachedSearch(index, query, 40, undefined, PROJECT)).toEqual(searchTools(index, query, { limit: 40 }));
  });

  it("answer an empty page for a limit of zero, before and after the request is kept", () => {
    expect(cachedSearch(index, "list my repos", 0, undefined, PROJECT)).toEqual([]);
    cachedSearch(index, "list my repos", 5, undefined, PROJECT);
    expect(cachedSearch(index, "list my repos", 0, undefined, PROJECT)).toEqual([]);
  });

  it("keep nothing for a request with no words to rank", () => {
    expect(cachedSearch(index, "the", 5, undefined, PROJECT)).toEqual([]);
    expect(cachedSearch(index, "", 5, undefined, PROJECT)).toEqual([]);
  });
});

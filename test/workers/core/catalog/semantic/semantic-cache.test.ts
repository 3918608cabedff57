import { describe, expect, it } from "vitest";
import { ANSWER_TTL_MS, cachedSemanticIndex } from "../../../../../core/catalog/semantic/semantic-cache.ts";
import type { SemanticHit, SemanticIndex } from "../../../../../core/catalog/semantic/semantic-index.ts";

/** A semantic index that counts the questions it is asked and answers `answer()`. */
function countingIndex(answer: () => SemanticHit[] = () => [{ slug: "SLACK_SEND_MESSAGE", score: 0.8 }], weight?: number) {
  const index = {
    asked: 0,
    ...(weight === undefined ? {} : { weight }),
    async query(): Promise<SemanticHit[]> {
      index.asked++;
      return answer();
    },
  };
  return index satisfies SemanticIndex & { asked: number };
}

// Each test uses texts of its own: the kept answers are the isolate's, shared across tests.
let clock = 1_000_000;
const now = () => clock;

describe("cachedSemanticIndex", () => {
  it("answers a project's repeated request from the isolate, with the same hits", async () => {
    const index = countingIndex();
    const first = await cachedSemanticIndex(index, "project-a", now).query("tell the team the deploy is done", { topK: 30 });
    const second = await cachedSemanticIndex(index, "project-a", now).query("tell the team the deploy is done", { topK: 30 });
    expect(second).toEqual(first);
    expect(index.asked).toBe(1);
  });

  it("keeps answers per project, per depth and per toolkit list", async () => {
    const index = countingIndex();
    const text = "who starred our repo this week";
    await cachedSemanticIndex(index, "project-a", now).query(text, { topK: 30 });
    await cachedSemanticIndex(index, "project-b", now).query(text, { topK: 30 });
    await cachedSemanticIndex(index, "project-a", now).query(text, { topK: 60 });
    await cachedSemanticIndex(index, "project-a", now).query(text, { topK: 30, toolkits: ["github"] });
    await cachedSemanticIndex(index, "project-a", now).query(text, { topK: 30, toolkits: ["github", "slack"] });
    expect(index.asked).toBe(5);
    await cachedSemanticIndex(index, "project-b", now).query(text, { topK: 30 });
    expect(index.asked).toBe(5);
  });

  it("never keeps an empty answer, which is how the semantic path reports a failure", async () => {
    let hits: SemanticHit[] = [];
    const index = countingIndex(() => hits);
    const text = "archive the stale launch channel";
    expect(await cachedSemanticIndex(index, "project-a", now).query(text, { topK: 30 })).toEqual([]);
    hits = [{ slug: "SLACK_ARCHIVE_CONVERSATION", score: 0.7 }];
    expect(await cachedSemanticIndex(index, "project-a", now).query(text, { topK: 30 })).toEqual(hits);
    expect(index.asked).toBe(2);
  });

  it("asks again once an answer is older than the TTL, so a reindex shows", async () => {
    let slug = "GITHUB_CREATE_AN_ISSUE";
    const index = countingIndex(() => [{ slug, score: 0.9 }]);
    const text = "file a bug about the login page";
    await cachedSemanticIndex(index, "project-a", now).query(text, { topK: 30 });
    slug = "LINEAR_CREATE_LINEAR_ISSUE";
    clock += ANSWER_TTL_MS - 1;
    expect((await cachedSemanticIndex(index, "project-a", now).query(text, { topK: 30 }))[0]?.slug).toBe("GITHUB_CREATE_AN_ISSUE");
    clock += 1;
    expect((await cachedSemanticIndex(index, "project-a", now).query(text, { topK: 30 }))[0]?.slug).toBe("LINEAR_CREATE_LINEAR_ISSUE");
    expect(index.asked).toBe(2);
  });

  it("keeps nothing without a project, nor for a request longer than 500 characters", async () => {
    const index = countingIndex();
    expect(cachedSemanticIndex(index, undefined, now)).toBe(index);
    const long = `summarise ${"the weekly report ".repeat(40)}`;
    await cachedSemanticIndex(index, "project-a", now).query(long, { topK: 30 });
    await cachedSemanticIndex(index, "project-a", now).query(long, { topK: 30 });
    expect(index.asked).toBe(2);
  });

  it("carries the index's weight", () => {
    expect(cachedSemanticIndex(countingIndex(undefined, 0.6), "project-a", now).weight).toBe(0.6);
    expect(cachedSemanticIndex(countingIndex(), "project-a", now).weight).toBeUndefined();
  });
});

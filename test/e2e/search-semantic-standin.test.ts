import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { EMBEDDING_DIMENSIONS, EMBEDDING_MODEL, embedTexts } from "../../core/catalog/semantic/embedding-model.ts";
import { vectorSemanticIndex } from "../../core/catalog/semantic/semantic-index.ts";
import { FlatVectorStore } from "../../scripts/lib/flat-vector-store.ts";
import { LocalSentenceEncoder } from "../../scripts/lib/local-sentence-encoder.ts";

/**
 * The parts `npm run search:semantic` measures the production semantic path with: a real
 * sentence encoder in place of Workers AI and an exact index in place of Vectorize. The whole
 * run embeds the catalog (minutes); this checks, on a handful of texts, that both answer as the
 * bindings do, so the production code takes them unchanged.
 */
const cacheDir = mkdtempSync(path.join(tmpdir(), "switchboard-encoder-"));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0) / (Math.hypot(...a) * Math.hypot(...b));

describe("LocalSentenceEncoder", () => {
  it("answers like bge-m3, with vectors that place sentences by meaning", async () => {
    const encoder = new LocalSentenceEncoder(cacheDir);
    const [holiday, away, invoice] = await embedTexts(encoder, ["I'm on holiday next week, tell people who email me", "set an out-of-office auto reply", "create an invoice for the customer"]);
    for (const vector of [holiday, away, invoice]) expect(vector).toHaveLength(EMBEDDING_DIMENSIONS);
    // Meaning shared, words not: the workerd tests' trigram stand-in could not tell these apart.
    expect(cosine(holiday ?? [], away ?? [])).toBeGreaterThan(cosine(holiday ?? [], invoice ?? []));
    await expect(encoder.run("@cf/other" as typeof EMBEDDING_MODEL, { text: ["x"] })).rejects.toThrow(/unexpected model/);
  }, 120_000);

  it("keeps its vectors on disk, so a second run embeds nothing", async () => {
    const first = new LocalSentenceEncoder(cacheDir);
    const [before] = await embedTexts(first, ["archive the old launch channel"]);
    first.save();
    const second = new LocalSentenceEncoder(cacheDir);
    let embedded = 0;
    await second.warm(["archive the old launch channel"], () => embedded++);
    expect(embedded).toBe(0);
    expect(await embedTexts(second, ["archive the old launch channel"])).toEqual([before]);
  }, 120_000);
});

describe("FlatVectorStore", () => {
  const vector = (...head: number[]) => [...head, ...new Array<number>(EMBEDDING_DIMENSIONS - head.length).fill(0)];

  it("answers Vectorize's matches by cosine, best first, at most topK, filtered by toolkit", async () => {
    const store = new FlatVectorStore();
    await store.upsert([
      { id: "SLACK_SEND_MESSAGE", values: vector(1, 0.1), metadata: { toolkit: "slack" } },
      { id: "GMAIL_SEND_EMAIL", values: vector(2, 1), metadata: { toolkit: "gmail" } },
      { id: "JIRA_CREATE_ISSUE", values: vector(0, 3), metadata: { toolkit: "jira" } },
    ]);
    const all = await store.query(vector(1, 0), { topK: 2 });
    expect(all.matches.map((match) => match.id)).toEqual(["SLACK_SEND_MESSAGE", "GMAIL_SEND_EMAIL"]);
    expect(all.matches[0]?.score).toBeCloseTo(1 / Math.hypot(1, 0.1), 6);
    const jiraOrGmail = await store.query(vector(1, 0), { topK: 5, filter: { toolkit: { $in: ["jira", "gmail"] } } });
    expect(jiraOrGmail.matches.map((match) => match.id)).toEqual(["GMAIL_SEND_EMAIL", "JIRA_CREATE_ISSUE"]);
  });

  it("serves the production semantic index over the encoder's vectors", async () => {
    const encoder = new LocalSentenceEncoder(cacheDir);
    const texts = { SLACK_SEND_MESSAGE: "Slack: post a message in a channel", GMAIL_UPDATE_VACATION_USERS_SETTINGS: "Gmail: turn on the vacation auto-reply" };
    const store = new FlatVectorStore();
    const vectors = await embedTexts(encoder, Object.values(texts));
    await store.upsert(Object.keys(texts).map((id, i) => ({ id, values: vectors[i] ?? [], metadata: { toolkit: id.split("_")[0]?.toLowerCase() ?? "" } })));
    const hits = await vectorSemanticIndex({ ai: encoder, vectors: store, timeoutMs: 60_000 }).query("switch on my out-of-office reply for August", { topK: 2 });
    expect(hits[0]?.slug).toBe("GMAIL_UPDATE_VACATION_USERS_SETTINGS");
  }, 120_000);
});

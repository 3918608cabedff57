import { describe, expect, it } from "vitest";
import { segmented, segmenterOf } from "../../../../core/catalog/search-segment.ts";
import { rawWords } from "../../../../core/catalog/search-text.ts";
import { compileLexicon } from "../../../../core/catalog/search-vocabulary.ts";

const zh = compileLexicon("zh", { stopWords: ["帮我", "一个", "在", "上", "给"], words: { 创建: "create", 问题: "issue", 拉取请求: "pull request", 拉取: "pull" } });
const ja = compileLexicon("ja", { stopWords: ["を", "の", "して"], words: { メール: "email", 送って: "send", マージ: "merge", プルリクエスト: "pull request" } });
const ko = compileLexicon("ko", { stopWords: ["을", "를", "에"], words: { 이메일: "email", 메일: "email", 메일함: "inbox", 보내줘: "send", "안 읽은": "unread" } });
const ar = compileLexicon("ar", { stopWords: ["و", "ال", "إلى"], words: { رسائل: "message", أرسل: "send", وقت: "time" } });

describe("segmenting Chinese, Japanese, Korean and Arabic", () => {
  it("keeps a run of CJK characters as one word, apart from the Latin words around it", () => {
    expect(rawWords("帮我在GitHub上给acme/api创建一个问题，谢谢！")).toEqual(["帮我在", "github", "上给", "acme", "api", "创建一个问题", "谢谢"]);
    // Kana keep their voicing marks, which NFD would take off as it takes accents off letters.
    expect(rawWords("ガイド")).toEqual(["ガイド"]);
  });

  it("cuts each run into the lexicon's words, the longest first, and drops what no word starts", () => {
    expect(segmented(segmenterOf(zh), rawWords("帮我在GitHub上给acme/api创建一个问题"))).toEqual(["帮我", "在", "github", "上", "给", "acme", "api", "创建", "一个", "问题"]);
    // The longer word wins: 拉取请求 is a pull request, not "pull" and a stray 请求.
    expect(segmented(segmenterOf(zh), ["创建拉取请求"])).toEqual(["创建", "拉取请求"]);
    // A name no lexicon has ("张伟") is dropped; Latin words pass as they are.
    expect(segmented(segmenterOf(zh), ["张伟", "slack"])).toEqual(["slack"]);
    expect(segmented(segmenterOf(ja), rawWords("acme/apiのプルリクエストをマージして"))).toEqual(["acme", "api", "の", "プルリクエスト", "を", "マージ", "して"]);
  });

  it("cuts Korean particles and Arabic prefixes off the words they are written with", () => {
    expect(segmented(segmenterOf(ko), rawWords("이메일을 보내줘"))).toEqual(["이메일", "을", "보내줘"]);
    // The longer word wins over a word it starts with: 메일함 is the inbox, not 메일 and a stray 함.
    expect(segmented(segmenterOf(ko), rawWords("메일함에"))).toEqual(["메일함", "에"]);
    // A word of a phrase is kept, so the phrase can be read: "안 읽은" (not read) is unread.
    expect(segmented(segmenterOf(ko), rawWords("안 읽은 메일"))).toEqual(["안", "읽은", "메일"]);
    // "and" and the article come off "والرسائل"; a word that starts with و is kept whole when a lexicon has it.
    expect(segmented(segmenterOf(ar), rawWords("أرسل والرسائل"))).toEqual(["ارسل", "و", "ال", "رسايل"]);
    expect(segmented(segmenterOf(ar), rawWords("وقت"))).toEqual(["وقت"]);
  });
});

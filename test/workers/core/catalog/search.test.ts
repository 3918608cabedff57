import { describe, expect, it } from "vitest";
import englishJson from "../../../../catalog/languages/en.json";
import holdoutJson from "../../../../catalog/search-eval/holdout.json";
import tuneJson from "../../../../catalog/search-eval/tune.json";
import { evaluateSearch, type SearchEvalCase } from "../../../../scripts/lib/search-eval.ts";
import { buildSearchIndex, SEARCH_INDEX_VERSION, type SearchableToolkit, type SearchIndex } from "../../../../core/catalog/search-index.ts";
import { rawWords, stem, tokenize } from "../../../../core/catalog/search-text.ts";
import { compileEnglish, compileLexicon, compileToolkitVocabulary } from "../../../../core/catalog/search-vocabulary.ts";
import { postingsFor, toolkitPostings } from "../../../../core/catalog/search-postings.ts";
import { prepare } from "../../../../core/catalog/search-tables.ts";
import { clausesOf } from "../../../../core/catalog/search-request.ts";
import { readQuery, searchTools } from "../../../../core/catalog/search.ts";
import { evidenceScore, RANK_WEIGHTS, type Evidence } from "../../../../core/catalog/search-weights.ts";
// The built catalog's index, as the Worker reads it from its assets (test setup loads it).
import { catalogSearchIndex } from "../../../../core/catalog/registry.ts";

type FixtureTool = [slug: string, name: string, description: string, tags?: string[]];

/** The HTTP method a fixture tool would have: reads are GETs. */
function methodOf(slug: string): "GET" | "POST" | "DELETE" {
  if (/_(LIST|GET|FETCH|EVENTS_LIST)_|_LIST$|_GET_/.test(slug)) return "GET";
  return /_DELETE_/.test(slug) ? "DELETE" : "POST";
}

function toolkit(slug: string, name: string, tools: FixtureTool[], aliases: Record<string, string> = {}, vocabulary = { keywords: [] as string[], synonyms: {} as Record<string, string> }): SearchableToolkit {
  return {
    slug,
    name,
    aliases,
    vocabulary: compileToolkitVocabulary(vocabulary),
    tools: tools.map(([toolSlug, toolName, description, tags]) => ({
      slug: toolSlug,
      name: toolName,
      description,
      tags: tags ?? ["openWorldHint"],
      http: { method: methodOf(toolSlug), path: /_GET_/.test(toolSlug) ? "/things/{id}" : "/things" },
    })),
  };
}

const languages = {
  english: compileEnglish(englishJson),
  lexicons: { "latin:es": compileLexicon("es", { stopWords: ["un", "una", "el", "la", "en", "de", "mi"], words: { enviar: "send", envia: "send", correo: "email", crear: "create", crea: "create", incidencia: "issue" } }) },
};

const fixture: SearchableToolkit[] = [
  toolkit("gmail", "Gmail", [
    ["GMAIL_SEND_EMAIL", "Send email", "Send an email from the connected Gmail account.", ["email"]],
    ["GMAIL_FETCH_EMAILS", "Fetch emails", "List or search messages in the mailbox, newest first.", ["readOnlyHint", "email"]],
    ["GMAIL_CREATE_LABEL", "Create label", "Create a new user label in the mailbox.", ["email"]],
    ["GMAIL_DELETE_LABEL", "Delete label", "Permanently delete a user-created label. See GMAIL_CREATE_LABEL.", ["destructiveHint", "email"]],
  ], {}, { keywords: ["email", "inbox", "mail"], synonyms: {} }),
  toolkit("googlecalendar", "Google Calendar", [
    ["GOOGLECALENDAR_EVENTS_LIST", "List events", "List or search events on a calendar, optionally within a time window."],
    ["GOOGLECALENDAR_CREATE_EVENT", "Create event", "Create an event on a calendar, with optional guests and a Meet link."],
    ["GOOGLECALENDAR_LIST_CALENDARS", "List calendars", "List the calendars in the user's calendar list."],
  ], {}, { keywords: ["meeting", "calendar", "tomorrow"], synonyms: { meeting: "event", calendar: "event" } }),
  toolkit(
    "github",
    "GitHub",
    [
      ["GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER", "Star a repository", "Stars a repository for the authenticated user."],
      ["GITHUB_LIST_REPOSITORIES_STARRED_BY_A_USER", "List repositories starred by a user", "Lists repositories a user has starred."],
      ["GITHUB_CREATE_AN_ISSUE", "Create an issue", "Any user with pull access to a repository can create an issue."],
      ["GITHUB_LIST_REPOSITORY_ISSUES", "List repository issues", "List issues in a repository. Only open issues will be listed."],
      ["GITHUB_CREATE_A_PULL_REQUEST", "Create a pull request", "Draft pull requests are available in public repositories."],
      ["GITHUB_LIST_PULL_REQUESTS", "List pull requests", "Lists pull requests in a repository."],
      ["GITHUB_GET_A_USER", "Get a user", "Provides publicly available information about someone with a GitHub account."],
    ],
    { GITHUB_CREATE_ISSUE: "GITHUB_CREATE_AN_ISSUE" },
  ),
  toolkit("linear", "Linear", [
    ["LINEAR_CREATE_LINEAR_ISSUE", "Create issue", "Create an issue in a team, optionally with assignee, state and labels."],
    ["LINEAR_LIST_LINEAR_ISSUES", "List issues", "List issues, optionally filtered by team, assignee or state."],
  ], {}, { keywords: ["ticket"], synonyms: { ticket: "issue" } }),
  toolkit("slack", "Slack", [
    ["SLACK_SEND_MESSAGE", "Send message", "Post a message to a Slack channel or direct message."],
    ["SLACK_LIST_ALL_CHANNELS", "List channels", "List the workspace's conversations."],
  ], {}, { keywords: ["chat", "channel"], synonyms: {} }),
  toolkit("googlesheets", "Google Sheets", [
    ["GOOGLESHEETS_APPEND_VALUES", "Append rows", "Add rows after the last row of the table found in a range."],
    ["GOOGLESHEETS_GET_VALUES", "Get values", "Read the cell values of one range of a sheet."],
  ], {}, { keywords: ["spreadsheet"], synonyms: { line: "row" } }),
];

const index = buildSearchIndex(fixture, languages);
const catalogIndexForNames = catalogSearchIndex();
const slugs = (query: string, options?: Parameters<typeof searchTools>[2]) => searchTools(index, query, options).map((hit) => hit.slug);
/** The slug the whole catalog ranks first for a request. */
const topSlug = (query: string) => searchTools(catalogIndexForNames, query, { limit: 1 })[0]?.slug;

describe("tokenizer", () => {
  it("stems plurals, -ing, -ed and agent nouns to one form", () => {
    expect(stem("repositories")).toBe("repository");
    expect(new Set(["create", "creates", "created", "creating"].map(stem))).toEqual(new Set(["creat"]));
    expect(new Set(["star", "stars", "starred", "starring"].map(stem))).toEqual(new Set(["star"]));
    expect(new Set(["branch", "branches"].map(stem))).toEqual(new Set(["branch"]));
    expect(stem("reviewers")).toBe(stem("review"));
    expect(stem("status")).toBe("status");
    expect(stem("add")).toBe("add");
    expect(stem("added")).toBe("add");
  });

  it("lowercases, splits on punctuation, drops stop words and expands abbreviations", () => {
    expect(tokenize("Star a REPO for the user")).toEqual(["star", "repository", "user"]);
    expect(tokenize("merge my PR")).toEqual([stem("merge"), "pull", "request"]);
    expect(tokenize("GITHUB_CREATE_AN_ISSUE")).toEqual(["github", "creat", "issu"]);
    expect(tokenize("e-mail to: bob@acme.com")).toEqual(["email", "bob", "acme", "com"]);
    expect(tokenize("add a to-do")).toEqual(tokenize("add a todo"));
    expect(tokenize("send it for e-signature")).toEqual(tokenize("send it for esignature"));
    // Two letters joined by "&" are one word, as "pnl" is.
    expect(rawWords("last month's P&L, R & D")).toEqual(["last", "month", "s", "pnl", "rnd"]);
    // Chat's short forms: "what's on my cal tmrw?" asks for tomorrow's events.
    expect(tokenize("my cal tmrw")).toEqual(tokenize("my calendar tomorrow"));
    expect(topSlug("what's on my cal tmrw?")).toBe("GOOGLECALENDAR_EVENTS_LIST");
  });

  it("writes Cyrillic in Latin letters instead of splitting it into nothing", () => {
    // й and ё lose their marks first, as every accent does; the soft and hard signs are dropped.
    expect(rawWords("Создай задачу в Жире, пожалуйста! Ещё: Щука, объём, Їжак")).toEqual(["sozdai", "zadachu", "v", "zhire", "pozhaluista", "eshche", "shchuka", "obem", "izhak"]);
    // Latin words beside Cyrillic ones are left as they are.
    expect(rawWords("отправь письмо на ivan@mail.ru")).toEqual(["otprav", "pismo", "na", "ivan", "mail", "ru"]);
  });

  it("keeps the words of Korean, Arabic, Persian, Hebrew, Hindi and Thai, each written one way", () => {
    // NFD splits a Hangul syllable into its letters; they are put back together.
    expect(rawWords("Slack에 메시지를 보내줘")).toEqual(["slack", "에", "메시지를", "보내줘"]);
    // Short vowels, shadda and tatweel are off; أ إ آ are ا, ى is ي, ة is ه; Arabic-Indic digits are digits.
    expect(rawWords("أرسِلْ الرسالـــة إلى أحمد، PR ٤٢")).toEqual(["ارسل", "الرساله", "الي", "احمد", "pr", "42"]);
    expect(rawWords("إلغاء آخر رسالة")).toEqual(rawWords("الغاء اخر رساله"));
    // Persian: the zero-width non-joiner parts a word as a space does; ی and ک are ي and ك.
    expect(rawWords("نامه‌ها را بفرست ۴۲")).toEqual(["نامه", "ها", "را", "بفرست", "42"]);
    expect(rawWords("یک")).toEqual(rawWords("يك"));
    // Hebrew without its niqqud and geresh ("ג׳ירה", "ג'ירה" alike); Devanagari whole, its danda a break; Thai in runs.
    expect(rawWords("ג׳ירה ג'ירה דו״ח בְּמַיילים")).toEqual(["גירה", "גירה", "דוח", "במיילים"]);
    expect(rawWords("राहुल को ईमेल भेजो। कल ९ बजे")).toEqual(["राहुल", "को", "ईमेल", "भेजो", "कल", "9", "बजे"]);
    expect(rawWords("ส่งอีเมลถึงสมชาย ๒ ฉบับ")).toEqual(["ส่งอีเมลถึงสมชาย", "2", "ฉบับ"]);
  });
});

describe("buildSearchIndex", () => {
  it("is JSON-serialisable and deterministic", () => {
    const roundTripped = JSON.parse(JSON.stringify(index)) as SearchIndex;
    expect(roundTripped).toEqual(index);
    expect(buildSearchIndex([...fixture].reverse(), languages)).toEqual(index);
    expect(searchTools(roundTripped, "star a repo")).toEqual(searchTools(index, "star a repo"));
  });

  it("indexes every tool once, sorted by toolkit, and ignores MCP hint tags and cross-references", () => {
    expect(index.v).toBe(SEARCH_INDEX_VERSION);
    expect(index.slugs).toHaveLength(fixture.reduce((n, t) => n + t.tools.length, 0));
    expect(index.toolkits).toEqual([...index.toolkits].sort());
    expect(Object.hasOwn(index.postings, "readonlyhint")).toBe(false);
    // GMAIL_DELETE_LABEL's description names GMAIL_CREATE_LABEL: that must not make it a "create" tool.
    expect(slugs("create a label")[0]).toBe("GMAIL_CREATE_LABEL");
  });

  it("indexes the catalog's own misspellings as the words meant, so a request's are corrected", () => {
    const misspelt = toolkit("gmail", "Gmail", [
      ["GMAIL_FETCH_MESSAGE", "Fetch message", "Retreive one message by its ID."],
      ["GMAIL_LIST_DRAFTS", "List drafts", "Retrieve the drafts, newest first."],
      ["GMAIL_SEND_EMAIL", "Send email", "Send an email."],
    ]);
    const plain = buildSearchIndex([misspelt], languages);
    expect(Object.hasOwn(plain.postings, "retreiv")).toBe(true);
    const mended = buildSearchIndex([misspelt], { ...languages, misspellings: { retreiv: "retriev" } });
    expect(Object.hasOwn(mended.postings, "retreiv")).toBe(false);
    expect(mended.postings.retriev).toHaveLength(4);
    // The built catalog: its texts' "retreive", "recieve" and "enpdoint" are no terms of the index.
    const catalog = catalogSearchIndex();
    for (const term of ["retreiv", "reciev", "enpdoint"]) expect(Object.hasOwn(catalog.postings, term)).toBe(false);
    expect(searchTools(catalog, "retreive the latest release of acme/api", { limit: 1 })[0]?.slug).toBe("GITHUB_GET_THE_LATEST_RELEASE");
  });
});

describe("searchTools", () => {
  it("ranks the tool whose slug and name match first", () => {
    expect(slugs("send an email")[0]).toBe("GMAIL_SEND_EMAIL");
    expect(slugs("create a pull request")[0]).toBe("GITHUB_CREATE_A_PULL_REQUEST");
    expect(slugs("delete the label")[0]).toBe("GMAIL_DELETE_LABEL");
  });

  it("scores descend and respect the limit", () => {
    const hits = searchTools(index, "list", { limit: 3 });
    expect(hits).toHaveLength(3);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]?.score ?? 0).toBeGreaterThanOrEqual(hits[i]?.score ?? 0);
    expect(searchTools(index, "list", { limit: 0 })).toEqual([]);
  });

  it("uses stemming: inflected queries find base forms and back", () => {
    expect(slugs("starring repositories")[0]).toBe("GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER");
    expect(slugs("appending a row")[0]).toBe("GOOGLESHEETS_APPEND_VALUES");
  });

  it("expands plain-language words to API vocabulary", () => {
    expect(slugs("favorite a repo")[0]).toBe("GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER");
    expect(slugs("what's on my calendar tomorrow")[0]).toBe("GOOGLECALENDAR_EVENTS_LIST");
    expect(slugs("open a ticket")).toContain("LINEAR_CREATE_LINEAR_ISSUE");
    expect(slugs("post in the #general chat")[0]).toBe("SLACK_SEND_MESSAGE");
    expect(slugs("add a line to my spreadsheet")[0]).toBe("GOOGLESHEETS_APPEND_VALUES");
    // A deck, a contract, a receipt are files: looked for in a drive, they are its files.
    expect(topSlug("find the sales deck in Google Drive")).toBe("GOOGLEDRIVE_LIST_FILES");
    // A word no tool uses says what it means through its related words alone, so they weigh more.
    const lgtm = readQuery(catalogIndexForNames, "LGTM PR 311 on acme/api").terms;
    const favorite = readQuery(catalogIndexForNames, "favorite PR 311 on acme/api").terms;
    const weightOf = (terms: typeof lgtm, term: string) => terms.find((t) => t.term === term && t.toolkit === undefined)?.weight;
    expect(weightOf(lgtm, "review")).toBeGreaterThan(weightOf(favorite, "star") ?? 1);
    expect(topSlug("LGTM PR 311 on acme/api")).toBe("GITHUB_CREATE_A_REVIEW_FOR_A_PULL_REQUEST");
  });

  it("lifts the tools of a toolkit the query names", () => {
    expect(slugs("create an issue")[0]).toBe("GITHUB_CREATE_AN_ISSUE");
    expect(slugs("create an issue in linear")[0]).toBe("LINEAR_CREATE_LINEAR_ISSUE");
    expect(slugs("list issues on github")[0]).toBe("GITHUB_LIST_REPOSITORY_ISSUES");
    expect(slugs("list issues in linear")[0]).toBe("LINEAR_LIST_LINEAR_ISSUES");
    // A toolkit's name alone lists its tools.
    expect(slugs("google calendar", { limit: 10 }).every((slug) => slug.startsWith("GOOGLECALENDAR_"))).toBe(true);
    expect(slugs("slack")).toHaveLength(2);
  });

  it("prefers tools whose action verb the query asks for", () => {
    expect(slugs("make an issue")[0]).toBe("GITHUB_CREATE_AN_ISSUE");
    expect(slugs("show me the issues")[0]).toMatch(/_LIST_/);
    expect(slugs("remove a label")[0]).toBe("GMAIL_DELETE_LABEL");
  });

  it("filters by toolkit", () => {
    const hits = slugs("create an issue", { toolkits: ["linear"] });
    expect(hits).toEqual(["LINEAR_CREATE_LINEAR_ISSUE", "LINEAR_LIST_LINEAR_ISSUES"]);
    expect(slugs("create an issue", { toolkits: ["nope"] })).toEqual([]);
  });

  it("filters with the allow predicate", () => {
    const hits = slugs("issue", { allow: (slug) => slug !== "GITHUB_CREATE_AN_ISSUE", limit: 20 });
    expect(hits).not.toContain("GITHUB_CREATE_AN_ISSUE");
    expect(hits).toContain("GITHUB_LIST_REPOSITORY_ISSUES");
  });

  it("returns nothing for empty, stop-word-only or unknown queries, and survives prototype names", () => {
    expect(slugs("")).toEqual([]);
    expect(slugs("the of and")).toEqual([]);
    expect(slugs("zyzzyva")).toEqual([]);
    // Words that are also Object.prototype's keys are looked up as plain words ("constructor" may even be a typo of "construct").
    expect(() => slugs("constructor __proto__ toString hasOwnProperty")).not.toThrow();
  });

  it("reads a term's postings of one toolkit as one range, the same documents a filter would keep", () => {
    const state = prepare(index);
    const docs = postingsFor(index, state, "issu")?.docs ?? new Uint32Array();
    for (const slug of ["github", "linear", "gmail"]) {
      const toolkit = state.toolkitNumber.get(slug) ?? -1;
      const [from, to] = toolkitPostings(state, docs, toolkit);
      const filtered = [...docs].filter((doc) => state.docToolkit[doc] === toolkit);
      expect([...docs.subarray(from, to)], slug).toEqual(filtered);
    }
  });

  it("refuses an index of another version", () => {
    expect(() => searchTools({ ...index, v: SEARCH_INDEX_VERSION + 1 }, "star")).toThrow(/version/);
  });

  it("reports what each candidate's score is made of, and scores it with the weights in the code", () => {
    const evidence = new Map<string, Evidence>();
    const hits = searchTools(index, "send an email to the team about the github issue", { limit: 5, evidence: (slug, e) => evidence.set(slug, e) });
    expect(hits.length).toBeGreaterThan(0);
    for (const hit of hits) {
      const e = evidence.get(hit.slug);
      expect(e, hit.slug).toBeDefined();
      if (!e) continue;
      expect(hit.score).toBeCloseTo(evidenceScore(e), 2);
      expect(hit.coverage).toBeCloseTo(e.coverage, 2);
    }
    // Every candidate is reported, not only the page's.
    expect(evidence.size).toBeGreaterThan(hits.length);
    // A toolkit the request names is reported as named.
    searchTools(index, "create an issue in github", { limit: 1, evidence: (slug, e) => evidence.set(slug, e) });
    expect(evidence.get("GITHUB_CREATE_AN_ISSUE")?.toolkit).toBe("named");
  });

  it("weighs each piece of evidence the way its weight says", () => {
    const base = { bm25: 2, toolkit: "other", action: 1, slugCoverage: 0, important: false, createsPlace: false, coverage: 1, phraseShare: 0 } as const;
    const score = evidenceScore;
    expect(score(base)).toBe(2);
    expect(score({ ...base, toolkit: "named" })).toBeCloseTo(2 * RANK_WEIGHTS.namedToolkit);
    expect(score({ ...base, toolkit: "hinted" })).toBeCloseTo(2 * RANK_WEIGHTS.hintedToolkit);
    expect(score({ ...base, toolkit: "popular" })).toBeCloseTo(2 * RANK_WEIGHTS.popularToolkit);
    expect(score({ ...base, important: true })).toBeCloseTo(2 * RANK_WEIGHTS.important);
    expect(score({ ...base, createsPlace: true })).toBeCloseTo(2 * RANK_WEIGHTS.placeCreation);
    expect(score({ ...base, slugCoverage: 1 })).toBeCloseTo(2 * (1 + RANK_WEIGHTS.slugCoverage));
    expect(score({ ...base, phraseShare: 1 })).toBeCloseTo(2 * (1 + RANK_WEIGHTS.phraseMatch));
    // A tool with none of the request's words keeps 1 − coverage weight of its score.
    expect(score({ ...base, coverage: 0 })).toBeCloseTo(2 * (1 - RANK_WEIGHTS.coverage));
    // With no coverage weight, coverage does not count at all.
    expect(score({ ...base, coverage: 0 }, { ...RANK_WEIGHTS, coverage: 0 })).toBe(2);
  });
});

describe("reading the request", () => {
  it("weighs the action: writing requests find writing tools, questions find reading ones", () => {
    expect(slugs("write an email to Sam")[0]).toBe("GMAIL_SEND_EMAIL");
    expect(slugs("shoot Bob an email")[0]).toBe("GMAIL_SEND_EMAIL");
    expect(slugs("do I have new emails")[0]).toBe("GMAIL_FETCH_EMAILS");
    expect(slugs("list my open pull requests")[0]).toBe("GITHUB_LIST_PULL_REQUESTS");
    expect(slugs("open a pull request")[0]).toBe("GITHUB_CREATE_A_PULL_REQUEST");
    expect(slugs("who starred my repository")[0]).toBe("GITHUB_LIST_REPOSITORIES_STARRED_BY_A_USER");
    expect(slugs("file a ticket")[0]).toBe("LINEAR_CREATE_LINEAR_ISSUE");
  });

  it("covers a search tool's slug verb for a request to list, as its action does: a search lists what matches", () => {
    const top = topSlug("Show me all the open FIN tickets in Jira that are assigned to me");
    expect(top).toBe("JIRA_SEARCH_ISSUES");
  });

  it("settles a request to show or fetch by the number of what it reads: many lists, one gets", () => {
    const primary = (query: string) => [...readQuery(index, query).actions.primary].sort();
    expect(primary("show the last 10 labels")).toEqual(["list"]);
    expect(primary("show the labels")).toEqual(["list"]);
    expect(primary("show all labels")).toEqual(["list"]);
    expect(primary("show a label")).toEqual(["get"]);
    // Neither plural nor marked as one: both readings stay.
    expect(primary("show the label")).toEqual(["get", "list"]);
    // "status" is not a plural.
    expect(primary("show the status")).toEqual(["get", "list"]);
  });

  it("derives each tool's action from its slug verb, else its HTTP method", () => {
    const at = (slug: string) => index.actions[index.slugs.indexOf(slug)];
    expect(at("GMAIL_SEND_EMAIL")).toBe("send");
    expect(at("GMAIL_FETCH_EMAILS")).toBe("list");
    expect(at("GITHUB_GET_A_USER")).toBe("get");
    expect(at("GOOGLESHEETS_APPEND_VALUES")).toBe("create");
    expect(at("GOOGLECALENDAR_EVENTS_LIST")).toBe("list");
    // A reply whose description says it accepts or declines does that too.
    const catalogAt = (slug: string) => catalogIndexForNames.actions[catalogIndexForNames.slugs.indexOf(slug)];
    // (Its description's first verb gives "accept"; Outlook's vocabulary adds the "decline" it lists after.)
    expect(catalogAt("OUTLOOK_RESPOND_TO_EVENT")).toBe("reply accept decline");
    expect(topSlug("accept the design review invite in Outlook")).toBe("OUTLOOK_RESPOND_TO_EVENT");
    // A reply answers a message that exists; a new email is sent, not replied.
    expect(catalogAt("GMAIL_REPLY_TO_THREAD")).toBe("reply");
    expect(["GMAIL_SEND_EMAIL", "OUTLOOK_SEND_EMAIL"]).toContain(topSlug("email sam@acme.io to say thanks for the intro"));
    expect(["GMAIL_REPLY_TO_THREAD", "OUTLOOK_REPLY_EMAIL"]).toContain(topSlug("answer the landlord's email about the deposit"));
    // Inviting someone changes a thing that exists: an event's guests, an issue's assignees.
    expect(["GOOGLECALENDAR_UPDATE_EVENT", "OUTLOOK_UPDATE_EVENT"]).toContain(topSlug("add kim@acme.io to the design review meeting on Thursday"));
    expect(topSlug("assign issue 41 in acme/web to dkim")).toBe("GITHUB_ADD_ASSIGNEES_TO_AN_ISSUE");
    // Verbs joined by "or" are all the tool's.
    expect(catalogAt("GITHUB_CREATE_OR_UPDATE_FILE_CONTENTS")).toBe("create update");
    expect(catalogAt("JIRA_FIND_USERS_AND_GROUPS")).toBe("search");
    // A path that ends in a placeholder with a format suffix addresses one item, as one without it does.
    expect(catalogAt("TWILIO_FETCH_MESSAGE")).toBe("get");
    expect(catalogAt("TWILIO_LIST_MESSAGE")).toBe("list");
    // A read of a count counts: it lists none of the things its slug names.
    expect(catalogAt("JIRA_GET_VERSIONS_UNRESOLVED_ISSUES_COUNT")).toBe("count");
    expect(catalogAt("GITHUB_GET_STARGAZER_COUNT")).toBe("count");
    expect(topSlug("show me every unresolved bug in the PAY project")).not.toBe("JIRA_GET_VERSIONS_UNRESOLVED_ISSUES_COUNT");
    // A new access rule on a thing shares it.
    expect(catalogAt("GOOGLECALENDAR_INSERT_ACL")).toBe("create share");
    expect(catalogAt("OUTLOOK_CREATE_CALENDAR_PERMISSION")).toBe("create share");
    // Where the slug misleads, the toolkit's vocabulary says it: FIND_REPLACE replaces.
    expect(catalogAt("GOOGLESHEETS_FIND_REPLACE")).toBe("update search");
    expect(topSlug("Replace every 'Q1' with 'Q2' in the pricing sheet.")).toBe("GOOGLESHEETS_FIND_REPLACE");
    const misnamed = { ...toolkit("sheets", "Sheets", [["SHEETS_FIND_REPLACE", "Find replace", "Find text and replace it."]]), actions: { SHEETS_FIND_REPLACE: "update search" } };
    expect(buildSearchIndex([misnamed], languages).actions).toEqual(["update search"]);
    expect(() => buildSearchIndex([{ ...misnamed, actions: { SHEETS_FIND_REPLACE: "overwrite" } }], languages)).toThrow(/unknown action classes overwrite/);
    // So does a toolkit whose tools do another's actions: it must exist, and the classes too.
    const handled = (handledBy: Record<string, string>) => ({ ...misnamed, vocabulary: compileToolkitVocabulary({ keywords: [], synonyms: {}, handledBy }) });
    expect(() => buildSearchIndex([handled({ drive: "share" })], languages)).toThrow(/handledBy names drive/);
    expect(() => buildSearchIndex([handled({ sheets: "overshare" })], languages)).toThrow(/unknown action classes overshare/);
  });

  it("lets a toolkit's own slug name it, even when it is a verb's stem or shared by sibling toolkits", () => {
    const named = (query: string) => [...readQuery(catalogIndexForNames, query).namedToolkits].map((t) => catalogIndexForNames.toolkits[t]);
    expect(named("refund a stripe charge")).toEqual(["stripe"]);
    expect(named("send an sms with twilio")).toEqual(["twilio"]);
    expect([...readQuery(catalogIndexForNames, "refund a stripe charge").actions.primary]).toEqual(["create"]);
  });

  it("reads a word several toolkits' names share as the word it is when the rest of the catalog uses it as much", () => {
    // "account" is in Xero's and Apideck Accounting's names, and in a thousand other tools.
    const parsed = readQuery(catalogIndexForNames, "who owns the Soylent account in our CRM?");
    expect(parsed.content.flatMap((group) => [...group.terms.keys()])).toContain("account");
    expect(parsed.terms.find((t) => t.term === "account" && t.toolkit === undefined)?.weight).toBe(1);
    // "google" stays a name the Google toolkits share.
    expect(readQuery(catalogIndexForNames, "google sheets").namedToolkits.size).toBeGreaterThan(0);
  });

  it("reads email addresses, URLs and domains as values: their words name no toolkit", () => {
    const parsed = readQuery(index, "invite dev@slack.com to the kickoff, see https://gmail.example.org/x");
    expect(parsed.namedToolkits.size).toBe(0);
  });

  it("reads quoted text as what the request gives the tool, not what it asks for", () => {
    // Without quotes "list" and "calendar" would pull in the calendar tools.
    expect(slugs('create an issue titled "list calendar events twice"')[0]).toBe("GITHUB_CREATE_AN_ISSUE");
    for (const quoted of ['"List calendars"', "“List calendars”", "„List calendars“", "«List calendars»", "'List calendars'"]) {
      const content = readQuery(index, `create an issue ${quoted}`).content.flatMap((group) => [...group.terms.keys()]);
      expect(content, quoted).not.toContain("calendar");
    }
    // An apostrophe opens no quote.
    expect(readQuery(index, "list Sam's labels and Ana's events").content.flatMap((group) => [...group.terms.keys()])).toEqual(expect.arrayContaining(["label", "event"]));
  });

  it("reads a value's words as given, and counts what a value a toolkit recognises stands for", () => {
    const catalog = catalogIndexForNames;
    const hinted = (query: string) => [...readQuery(catalog, query).hintedToolkits].map((t) => catalog.toolkits[t]);
    // A name is no invoice ("billing" is Stripe's word), and says nothing of what the request is about.
    expect(hinted("create a project called 'Billing v2' for the team")).not.toContain("stripe");
    expect(hinted("create a project called Billing for the team")).not.toContain("stripe");
    // An address's "leo" is no Spanish "I read".
    expect(readQuery(catalog, "who is leo@acme.io on our workspace?").terms.map((t) => t.term)).not.toContain("read");
    // A Stripe id is a Stripe customer, charge or payment intent, and its prefix no verb to correct ("cus" is not "cut").
    expect(hinted("cus_7TzLm0QaP says she was charged twice")).toContain("stripe");
    expect(readQuery(catalog, "cus_7TzLm0QaP says she was charged twice").tokens.some((t) => t.origin === "corrected")).toBe(false);
    // "acme/docs" is a GitHub repository, not documentation; "4.2.1" is a number, not three words.
    const parsed = readQuery(catalog, "comment on acme/docs#77 that the fix went out in 4.2.1");
    const content = parsed.content.flatMap((group) => [...group.terms.keys()]);
    expect(content).not.toContain("document");
    expect(content).not.toContain("2");
    const github = catalog.toolkits.indexOf("github");
    const repository = stem("repository");
    expect(parsed.content.some((group) => group.terms.has(repository) && group.scopes?.get(repository)?.has(github))).toBe(true);
    expect(searchTools(catalog, "comment on acme/docs#77 that the fix went out in 4.2.1", { limit: 1 })[0]?.slug).toBe("GITHUB_CREATE_AN_ISSUE_COMMENT");
    // …and its "#77" an issue or a pull request, as a lone "#77" is.
    const issue = stem("issue");
    expect(parsed.content.some((group) => group.terms.has(issue) && group.scopes?.get(issue)?.has(github))).toBe(true);
  });

  it("reads what a reminder is to remind of as its text, not as what the tool acts on", () => {
    // "send the payroll file" found Slack's file upload; "in Slack" closing the text still names the app.
    expect(topSlug("remind me on slack tomorrow at 4pm to send the payroll file")).toBe("SLACK_REMINDERS_ADD");
    expect([...readQuery(catalogIndexForNames, "remind me tomorrow at 4pm to submit expenses in Slack").namedToolkits].map((t) => catalogIndexForNames.toolkits[t])).toEqual(["slack"]);
  });

  it("reads what follows a colon after a verb that writes and its object as the text to write", () => {
    const parsed = readQuery(index, "create an issue: list calendar events twice");
    expect(parsed.actions.primary).toEqual(new Set(["create"]));
    expect(parsed.content.flatMap((group) => [...group.terms.keys()])).not.toContain("calendar");
    expect(slugs("create an issue: list calendar events twice")[0]).toBe("GITHUB_CREATE_AN_ISSUE");
    // Before the colon no verb, or no object: the request itself follows.
    expect(readQuery(index, "on GitHub: list my pull requests").actions.primary).toEqual(new Set(["list"]));
    expect(slugs("quick one: create a calendar event")[0]).toBe("GOOGLECALENDAR_CREATE_EVENT");
    // After a verb that does not write, the clause says what it means.
    expect(readQuery(index, "tidy up the inbox: delete the label").actions.secondary).toContain("delete");
    // A time is no colon that opens a clause.
    expect(readQuery(index, "create an event at 10:30 with Ana").content.flatMap((group) => [...group.terms.keys()])).toContain("event");
  });

  it("counts a verb the catalog names tools' objects with as part of what the request is about", () => {
    const about = (query: string) => readQuery(index, query).content.flatMap((group) => [...group.terms.keys()]);
    // LABEL is the object of GMAIL_CREATE_LABEL and GMAIL_DELETE_LABEL; CREATE is only ever what a tool does.
    expect(readQuery(index, "label the thread as urgent").actions.primaryWords.size).toBeGreaterThan(0);
    expect(about("label the thread as urgent")).toContain("label");
    expect(about("create an issue")).not.toContain(stem("create"));
  });

  it("drops the phrases that wrap a request and say nothing about it", () => {
    const about = (query: string) => readQuery(index, query).content.flatMap((group) => [...group.terms.keys()]);
    expect(about("as discussed, list the calendars when you get a chance")).toEqual(about("list the calendars"));
    expect(readQuery(index, "let's send an email to Bob, thanks").actions.primary).toEqual(new Set(["send"]));
    expect(slugs("time to create an issue for me")[0]).toBe("GITHUB_CREATE_AN_ISSUE");
  });

  it("reads an agent's request for a tool as the request itself", () => {
    for (const query of [
      "find a tool to create an issue",
      "is there a tool that can create an issue?",
      "which tool creates an issue?",
      "Search tools: create an issue",
      "task: create an issue",
      "I'm looking for a tool to create an issue",
    ]) {
      expect(slugs(query)[0], query).toBe("GITHUB_CREATE_AN_ISSUE");
      expect(readQuery(index, query).actions.primary, query).toEqual(new Set(["create"]));
    }
    // A toolkit named before the tool still names it; "tools" that are a name stay words of the request.
    expect([...readQuery(index, "find a Slack tool to send a message").namedToolkits]).toEqual([index.toolkits.indexOf("slack")]);
    expect(readQuery(index, "create a repository named infra tools in acme").actions.primary).toEqual(new Set(["create"]));
    expect(readQuery(index, "create a repository named infra tools in acme").tokens.map((t) => t.word)).toContain("infra");
  });

  it("reads the sentence that asks, and takes the others for context", () => {
    const about = (query: string) => readQuery(index, query).content.flatMap((group) => [...group.terms.keys()]);
    // An issue tracker's create, whichever ("follow-ups" are tasks, which the fixture's Linear speaks of): not the calendar.
    expect(slugs("We finished the calendar review. Create an issue for the follow-ups.")[0]).toMatch(/^(GITHUB|LINEAR)_CREATE_(AN|LINEAR)_ISSUE$/);
    expect(slugs("Create an issue for the follow-ups. We finished the calendar review.")[0]).toMatch(/^(GITHUB|LINEAR)_CREATE_(AN|LINEAR)_ISSUE$/);
    expect(about("We finished the calendar review. Create an issue.")).not.toContain("calendar");
    // A toolkit named in the context is suggested.
    expect([...readQuery(index, "We track bugs in Linear. Create an issue for the crash.").hintedToolkits]).toEqual([index.toolkits.indexOf("linear")]);
    // No sentence opens with a verb: the one question asks, and a context sentence's words bring no synonyms.
    const asked = readQuery(index, "The calendar is full. Any events tomorrow?");
    expect(asked.tokens.filter((token) => token.context).map((token) => token.word)).toEqual(["the", "calendar", "is", "full"]);
    expect([...asked.hintedToolkits]).toContain(index.toolkits.indexOf("googlecalendar"));
    // Neither a verb nor a question that says anything: every sentence counts.
    expect(readQuery(index, "The calendar is full. The standup moved. Why?").tokens.some((token) => token.context)).toBe(false);
    expect(readQuery(index, "The calendar is full. The standup moved.").tokens.some((token) => token.context)).toBe(false);
    // Full stops inside values and versions end no sentence.
    expect(readQuery(index, "create an issue about v3.0 for acme.com").tokens.some((token) => token.context)).toBe(false);
  });

  it("reads 'make' and 'open' as creating only a new thing, not one the request points at", () => {
    expect(readQuery(index, "make the acme/api repo private").actions.primary).toEqual(new Set(["update"]));
    expect(readQuery(index, "make it public").actions.primary).toEqual(new Set(["update"]));
    expect(readQuery(index, "make a new repo called api").actions.primary).toEqual(new Set(["create"]));
    expect(readQuery(index, "open a PR from feature/x into main").actions.primary).toEqual(new Set(["create"]));
    expect(readQuery(index, "open the invoice from Acme").actions.primary).not.toContain("create");
    // Not every creating verb: "put the label on #212" adds it.
    expect(readQuery(index, "put the needs-design label on issue #212").actions.primary).toContain("create");
  });

  it("reads a person added to a thing as invited to it", () => {
    expect(readQuery(index, "add Raj to the #war-room").actions.primary).toEqual(new Set(["invite"]));
    expect(readQuery(index, "add raj@acme.com to the Friday retro").actions.primary).toEqual(new Set(["invite"]));
    expect(readQuery(index, "add a label to issue 42").actions.primary).toContain("create");
    // A capitalised day is no person.
    expect(readQuery(index, "Add Friday's demo to the team calendar").actions.primary).toContain("create");
  });

  it("takes the action of a request with no verb from a noun that names the act", () => {
    for (const query of ["issue creation in GitHub", "creation of a GitHub issue", "GitHub issue creation"]) {
      expect(slugs(query)[0], query).toBe("GITHUB_CREATE_AN_ISSUE");
    }
    expect(readQuery(index, "deletion of a label").actions.primary).toEqual(new Set(["delete"]));
    // With a verb, the verb decides; a plural names things, not the act.
    expect(readQuery(index, "list label deletions").actions.primary).toContain("list");
  });

  it("reads a request quoted whole as the request, not as a value", () => {
    for (const query of ['"create an issue"', "'create an issue'", "“create an issue”", "«create an issue»."]) {
      expect(slugs(query)[0], query).toBe("GITHUB_CREATE_AN_ISSUE");
    }
  });

  it("reads an emoji on its own as the word emoji, and one something is set to as a value", () => {
    const words = (query: string) => readQuery(index, query).tokens.map((token) => token.word);
    expect(words("put a :rocket: on the message")).toContain("emoji");
    expect(words("put a 🚀 on the message")).toContain("emoji");
    expect(words("set the channel topic to 🚀")).not.toContain("emoji");
    expect(words("send 'deploy done ✅' to #general")).not.toContain("emoji");
  });

  it("reads \"set\" with \"to\" and a value as assigning it, and \"set a …\" as making one", () => {
    const primary = (query: string) => [...readQuery(catalogIndexForNames, query).actions.primary].sort();
    expect(primary("set the #deploys topic to 'Freeze until Monday'")).toEqual(["update"]);
    expect(primary("set cell F9 of the Budget sheet to 1200")).toEqual(["update"]);
    expect(primary("set a reminder for 5pm to call the bank")).toContain("create");
  });

  it("reads a terse note's arrow as moving a thing into what follows it", () => {
    const read = (query: string) => readQuery(catalogIndexForNames, query);
    const note = read("PAY-310 → in review");
    expect([...note.actions.primary]).toEqual(["update"]);
    expect(note.tokens.map((token) => token.word)).toContain("into");
    // A note with a verb of its own keeps it; an arrow inside a word is no arrow.
    expect([...read("assign ENG-88 -> Priya").actions.primary]).not.toContain("create");
    expect(read("what does a->b mean in the spec").tokens.map((token) => token.word)).not.toContain("into");
  });

  it("reads a question whose app is said first as the same question with the app said last", () => {
    const read = (query: string) => readQuery(catalogIndexForNames, query);
    // Opened by "In HubSpot,", the question read as none, and "close" as a verb that changes deals.
    expect(read("In HubSpot, which deals close this month?").actions.assumed).toBe(true);
    expect(topSlug("In HubSpot, which deals close this month?")).toBe("HUBSPOT_SEARCH_DEALS");
    // The app goes back at the end of the question's own sentence, not after the context that follows.
    const words = read("On Google Calendar, who can see the Studio calendar? Some freelancers may still have access").tokens.map((token) => token.word);
    expect(words.join(" ")).toContain("studio calendar on google calendar some freelancers");
    // A fronted phrase before a request that asks nothing, or a time before a statement, stays where it is.
    expect(read("In Gmail, find the thread from Kestrel Print").tokens[0]?.word).toBe("in");
    expect(read("From now on, anything from @globex.com should get the VIP label").tokens[0]?.word).toBe("from");
  });

  it("corrects typos against the catalog's own words", () => {
    expect(slugs("crete an isue")[0]).toBe("GITHUB_CREATE_AN_ISSUE");
    expect(slugs("sned an emial")[0]).toBe("GMAIL_SEND_EMAIL");
    expect(slugs("lsit calendars")[0]).toBe(slugs("list calendars")[0]);
    // A three-letter word where a verb stands is a verb missing a letter; elsewhere it is left alone.
    expect(readQuery(index, "snd a message to Bob").actions.primary).toEqual(new Set(["send"]));
    expect(readQuery(index, "the eta of the release").tokens.some((t) => t.origin === "corrected")).toBe(false);
    // A misspelt participle describes, as the word spelt right would: "my asigned issues" assigns nothing.
    expect(readQuery(catalogIndexForNames, "linear list my asigned issues").actions.primary).not.toContain("update");
    // A name opening a sentence, with something said of the person, is no typo: Felipe is not "flip", Dana not "data".
    const corrected = (query: string) => readQuery(catalogIndexForNames, query).tokens.filter((t) => t.origin === "corrected").map((t) => t.term);
    expect(corrected("Felipe just joined as a contractor, get him into #frontend")).toEqual([]);
    expect(corrected("Dana still hasn’t confirmed the revenue target")).toEqual([]);
    expect(corrected("The release is out. Felipe's laptop got wiped")).toEqual([]);
    // …and so is a name of several words: Kim is not "skim".
    expect(corrected("Kim Studio is no longer a client; my Notion client list should reflect that.")).toEqual([]);
    // A capitalised verb that opens the request is still read, and still corrected when mistyped.
    expect(readQuery(catalogIndexForNames, "Crete an issue in acme/api").actions.primary).toContain("create");
  });

  it("reads another language through its lexicon, accents folded", () => {
    expect(slugs("envía un correo a Marta")[0]).toBe("GMAIL_SEND_EMAIL");
    expect(slugs("crea una incidencia en linear")[0]).toBe("LINEAR_CREATE_LINEAR_ISSUE");
    // Letters with a stroke have no accent to take off: they are folded too, not split on.
    expect(rawWords("Wyślij załącznik z Łodzi, København, Đà Nẵng")).toEqual(["wyslij", "zalacznik", "z", "lodzi", "kobenhavn", "da", "nang"]);
    // After a noun, Portuguese "chamada" and Spanish "llamada" name it; after an article they are a call.
    const terms = (query: string) => readQuery(catalogIndexForNames, query).terms.map((t) => t.term);
    expect(terms("cria uma empresa no CRM chamada Padaria Sol")).not.toContain("call");
    expect(terms("crea una carpeta llamada Facturas en Google Drive")).not.toContain("call");
    expect(terms("agende uma chamada com a Ana amanhã")).toContain("call");
  });

  it("reads Russian, Ukrainian, Chinese and Japanese through their lexicons, in their own scripts", () => {
    expect(readQuery(catalogIndexForNames, "создай задачу в джире про падение логина").language).toBe("ru");
    expect(topSlug("создай задачу в джире про падение логина")).toBe("JIRA_CREATE_ISSUE");
    // IT slang with Russian endings: "замержи пр" merges the pull request.
    expect(topSlug("замержи пр 42 в acme/api")).toBe("GITHUB_MERGE_A_PULL_REQUEST");
    expect(topSlug("покажи непрочитанные письма в гмейле")).toBe("GMAIL_FETCH_EMAILS");
    // A question word stays a question: what is on the calendar, not a calendar to create.
    expect(topSlug("что у меня в календаре завтра?")).toBe("GOOGLECALENDAR_EVENTS_LIST");
    expect(readQuery(catalogIndexForNames, "надішли лист Олені про завтрашню зустріч").language).toBe("uk");
    expect(topSlug("покажи відкриті пулреквести в acme/api")).toBe("GITHUB_LIST_PULL_REQUESTS");
    // Chinese and Japanese are cut into the lexicons' words first; Japanese puts its verb last,
    // and "…をマージして" ("… merge") merges as "merge …" would.
    expect(readQuery(catalogIndexForNames, "帮我在GitHub上给acme/api创建一个问题").language).toBe("zh");
    expect(topSlug("帮我在GitHub上给acme/api创建一个问题")).toBe("GITHUB_CREATE_AN_ISSUE");
    expect(topSlug("列出我所有未读的邮件")).toBe("GMAIL_FETCH_EMAILS");
    expect(readQuery(catalogIndexForNames, "acme/apiのプルリクエスト42をマージして").language).toBe("ja");
    expect(topSlug("acme/apiのプルリクエスト42をマージして")).toBe("GITHUB_MERGE_A_PULL_REQUEST");
    expect(topSlug("来週の予定を教えて")).toBe("GOOGLECALENDAR_EVENTS_LIST");
    // Chinese 把 brings the object before its verb: the verb is read where 把 stood.
    expect(readQuery(catalogIndexForNames, "把这封邮件转发给张伟").tokens[0]?.word).toBe("forward");
    expect(topSlug("把 PAY-123 的状态改成 In Progress")).toBe("JIRA_TRANSITION_ISSUE");
    // Russian words that are English ones in Latin letters ("то" is "to") are no stop words of it:
    // an English request with a typo that spells a Russian word ("repy") stays English.
    expect(readQuery(catalogIndexForNames, "cretae a draft repy to the vendor").language).toBeUndefined();
  });

  it("reads Korean, Arabic, Persian, Hebrew, Thai, Hindi, Turkish and Vietnamese through their lexicons", () => {
    const read = (query: string) => [readQuery(catalogIndexForNames, query).language, topSlug(query)];
    // Korean puts its verb last and joins its particles: 지라에 is Jira + 에; "안 읽은" is a phrase, unread.
    expect(read("지라에 로그인 버그 이슈 만들어줘")).toEqual(["ko", "JIRA_CREATE_ISSUE"]);
    expect(read("안 읽은 메일 보여줘")).toEqual(["ko", "GMAIL_FETCH_EMAILS"]);
    expect(read("أرسل رسالة إلى أحمد على سلاك")).toEqual(["ar", "SLACK_SEND_MESSAGE"]);
    // Persian digits are digits; its light verb (کن) leaves the meaning to the word before it.
    expect(read("پول ریکوئست ۴۲ رو مرج کن")).toEqual(["fa", "GITHUB_MERGE_A_PULL_REQUEST"]);
    expect(read("תראה לי את המיילים שלא נקראו")).toEqual(["he", "GMAIL_FETCH_EMAILS"]);
    expect(read("ส่งอีเมลหาคุณสมชายเรื่องใบแจ้งหนี้")).toEqual(["th", "GMAIL_SEND_EMAIL"]);
    // Hindi in Devanagari and in Latin letters.
    expect(read("मेरे सारे न पढ़े ईमेल दिखाओ")).toEqual(["hi", "GMAIL_FETCH_EMAILS"]);
    expect(read("Rahul ko email bhej do")).toEqual(["hi", "GMAIL_SEND_EMAIL"]);
    // Turkish endings after an apostrophe are stop words: "PR'ı merge'le" merges the PR.
    expect(read("acme/api reposundaki 42 numaralı PR'ı merge'le")).toEqual(["tr", "GITHUB_MERGE_A_PULL_REQUEST"]);
    expect(read("Ghim tin nhắn này trong kênh marketing")).toEqual(["vi", "SLACK_PIN_MESSAGE"]);
    // English short forms are no words of theirs: "thu" is Thursday, not Vietnamese thư (a letter);
    // a word in capitals is an acronym ("HAR"), not Hindi har (every).
    expect(readQuery(catalogIndexForNames, "lunch w/ Marco thu noon at Nopa").language).toBeUndefined();
    expect(readQuery(catalogIndexForNames, "bug repro ok, har attached").language).toBe("hi");
    expect(readQuery(catalogIndexForNames, "bug repro ok, HAR attached").language).toBeUndefined();
  });

  it("reads a mistyped word of another language as the word it was meant to be, not as an English typo", () => {
    const words = (query: string) => readQuery(catalogIndexForNames, query).tokens.map((token) => token.word);
    // "envai" is one edit from "envia": the request sure of its Spanish sends, as written right.
    expect(words("envai un correo a Marta sobre la factura")).toEqual(words("envia un correo a Marta sobre la factura"));
    expect(slugs("envai un correo a Marta sobre la factura")[0]).toBe("GMAIL_SEND_EMAIL");
    // A name is never taken for a mistyped word, nor a word under five letters.
    expect(words("crea una tarea para Ramon en Asana")).toContain("ramon");
  });

  it("joins a German verb's particle, left at the end of its clause, back to the verb", () => {
    // "Lad … ein" is "einladen" (invite); the address's dots end no clause.
    const parsed = readQuery(catalogIndexForNames, "Lad max.mustermann@firma.de in den Slack-Channel #marketing ein");
    expect(parsed.language).toBe("de");
    expect(parsed.actions.primary).toContain("invite");
    expect(topSlug("Lad max.mustermann@firma.de in den Slack-Channel #marketing ein")).toBe("SLACK_INVITE_USERS_TO_A_CHANNEL");
    // The verb's infinitive before the bare join: "Trag … ein" is "eintragen" (add), not the noun "Eintrag".
    const add = readQuery(catalogIndexForNames, "Trag den Termin mit dem Zahnarzt am Freitag in meinen Kalender ein");
    expect(add.actions.primary).toContain("create");
    expect(add.actions.assumed).toBe(false);
  });

  it("reads another language's indefinite article as English \"a\", which says a thing is new", () => {
    // "open a …" creates; with the article dropped, "open issue" could as well read one.
    for (const query of ["abre una incidencia en Jira para el fallo del login", "ouvre une issue pour le bug de connexion dans acme/api", "open een issue voor de inlogfout in acme/api"]) {
      const parsed = readQuery(catalogIndexForNames, query);
      expect(parsed.tokens.map((token) => token.word)).toContain("a");
      expect([...parsed.actions.primary]).toEqual(["create"]);
    }
  });

  it("reads a word that is an imperative where a clause opens and a noun elsewhere by where it stands", () => {
    // Spanish "programa" schedules at the head of a request and is a program after an article.
    const words = (query: string) => readQuery(catalogIndexForNames, query).tokens.map((token) => token.word);
    expect(words("Programa un mensaje en #gerentes para el viernes a las 8am")).toContain("schedule");
    expect(words("busca el programa de la conferencia en Drive")).not.toContain("schedule");
    expect(words("firma el contrato de Acme en DocuSign")).toContain("sign");
  });

  it("reads another language's question words as English ones, so the request stays a question", () => {
    // Dropped as function words, "cuántas" left "estrellas" (star) in a verb's place: it starred the repository.
    for (const query of ["¿Cuántas estrellas tiene el repo acme/widgets?", "Wie viele Sterne hat das Repo acme/widgets?", "Combien d'étoiles a le dépôt acme/widgets ?"]) {
      const parsed = readQuery(catalogIndexForNames, query);
      expect(parsed.tokens[0]?.word, query).toBe("how");
      expect(parsed.actions.assumed, query).toBe(true);
      expect(topSlug(query), query).toBe("GITHUB_GET_STARGAZER_COUNT");
    }
  });

  it("joins a Dutch verb's particle back to the verb when a prepositional phrase follows it", () => {
    // "Nodig … uit voor …" is "uitnodigen" (invite), "stuur … door naar …" is "doorsturen" (forward).
    const invite = readQuery(catalogIndexForNames, "Nodig Piet uit voor de vergadering van morgen");
    expect(invite.language).toBe("nl");
    expect(invite.actions.primary).toContain("invite");
    const forward = readQuery(catalogIndexForNames, "Stuur de mail van Jan door naar Piet");
    expect(forward.tokens.map((token) => token.word)).toContain("forward");
    expect(forward.tokens.map((token) => token.word)).not.toContain("door");
  });

  it("ends a clause at punctuation before a space, not inside an address, a version or a time", () => {
    const opening = (text: string) => clausesOf(text).map((clause) => clause.words[0]);
    expect(opening("email bob@acme.com about v3.0 at 10:30, then archive it")).toEqual(["email", "then"]);
    // A full stop inside a quote ends the clause but not the sentence.
    expect(clausesOf('rename it to "Acme Inc." in the doc').map((clause) => clause.sentence)).toEqual([0, 0]);
    // Nor does a title's full stop: the question still opens with "did".
    expect(opening("did Mrs. Okafor ever write back? Dr. Lee asked too")).toEqual(["did", "dr"]);
  });

  it("applies a toolkit's synonyms only within that toolkit", () => {
    const hits = searchTools(index, "open a ticket");
    expect(hits[0]?.slug).toBe("LINEAR_CREATE_LINEAR_ISSUE");
    // "ticket" → "issue" is Linear's word: GitHub's issue tools gain nothing from it.
    const github = hits.find((hit) => hit.slug === "GITHUB_CREATE_AN_ISSUE");
    expect(github === undefined || github.score < (hits[0]?.score ?? 0) / 2).toBe(true);
    // Nor does it count as covering the request there: a Linear "story" is not what a GitHub issue is called.
    const storied = buildSearchIndex(
      fixture.map((t) => (t.slug === "linear" ? { ...t, vocabulary: compileToolkitVocabulary({ keywords: [], synonyms: { story: "issue" } }) } : t)),
      languages,
    );
    expect(searchTools(storied, "create a story", { toolkits: ["linear"] })[0]?.coverage).toBeGreaterThan(0.5);
    expect(searchTools(storied, "create a story", { toolkits: ["github"] }).every((hit) => hit.coverage === 0)).toBe(true);
  });

  it("finds a tool by its users' phrasings, which are searched like its own words", () => {
    // No tool's own text says "review queue"; a phrasing of the pull request list does.
    expect(slugs("show my review queue")).not.toContain("GITHUB_LIST_PULL_REQUESTS");
    const withPhrases = buildSearchIndex(
      fixture.map((t) => (t.slug === "github" ? { ...t, phrases: { GITHUB_CREATE_A_PULL_REQUEST: ["open a pr", "propose my branch's changes"], GITHUB_LIST_PULL_REQUESTS: ["review queue"] } } : t)),
      languages,
    );
    expect(searchTools(withPhrases, "show my review queue")[0]?.slug).toBe("GITHUB_LIST_PULL_REQUESTS");
    expect(searchTools(withPhrases, "propose the changes on my branch")[0]?.slug).toBe("GITHUB_CREATE_A_PULL_REQUEST");
  });

  it("prefers the tool one of whose phrasings the request reads like to one that shares a word with each", () => {
    // Both tools hold the same words; only how their phrasings group them differs.
    const settings = (phrases: Record<string, string[]>): SearchableToolkit[] => [
      {
        ...toolkit("slack", "Slack", [
          ["SLACK_SET_USER_PREFERENCES", "Set preferences", "Sets a user's preferences."],
          ["SLACK_SET_USER_STATUS", "Set preferences", "Sets a user's preferences."],
        ]),
        phrases,
      },
    ];
    const grouped = buildSearchIndex(
      settings({
        SLACK_SET_USER_PREFERENCES: ["mute a channel", "notifications digest", "quiet hour"],
        SLACK_SET_USER_STATUS: ["mute notifications for an hour", "quiet channel digest"],
      }),
      languages,
    );
    const [first, second] = searchTools(grouped, "mute my notifications for an hour");
    expect(first?.slug).toBe("SLACK_SET_USER_STATUS");
    expect(first?.score).toBeGreaterThan(second?.score ?? 0);
    // Grouped the other way round, the other tool comes first.
    const swapped = buildSearchIndex(
      settings({
        SLACK_SET_USER_PREFERENCES: ["mute notifications for an hour", "quiet channel digest"],
        SLACK_SET_USER_STATUS: ["mute a channel", "notifications digest", "quiet hour"],
      }),
      languages,
    );
    expect(searchTools(swapped, "mute my notifications for an hour")[0]?.slug).toBe("SLACK_SET_USER_PREFERENCES");
  });

  it("lifts important tools over others that match as well", () => {
    const plain = buildSearchIndex(fixture, languages);
    const tagged = buildSearchIndex(
      fixture.map((t) => ({ ...t, tools: t.tools.map((tool) => (tool.slug === "LINEAR_CREATE_LINEAR_ISSUE" ? { ...tool, tags: [...tool.tags, "important"] } : tool)) })),
      languages,
    );
    expect(searchTools(plain, "create an issue")[0]?.slug).toBe("GITHUB_CREATE_AN_ISSUE");
    const score = (i: SearchIndex) => searchTools(i, "create an issue").find((hit) => hit.slug === "LINEAR_CREATE_LINEAR_ISSUE")?.score ?? 0;
    expect(score(tagged)).toBeGreaterThan(score(plain));
  });

  it("says how much of the request a hit covers", () => {
    const [best] = searchTools(index, "star a repository");
    expect(best?.coverage).toBe(1);
    const off = searchTools(index, "open a pull request", { toolkits: ["slack", "gmail"] });
    expect(off.every((hit) => hit.coverage < 0.5)).toBe(true);
  });
});

describe("evaluateSearch", () => {
  it("reports recall@k and, for each miss, what came back instead", () => {
    const result = evaluateSearch(
      index,
      [
        { query: "star a repo", expected: ["GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER"] },
        { query: "send an email", expected: ["SLACK_SEND_MESSAGE", "GMAIL_SEND_EMAIL"] },
        { query: "send an email", expected: ["LINEAR_LIST_LINEAR_ISSUES"] },
        { query: "zyzzyva", expected: ["GMAIL_SEND_EMAIL"] },
      ],
      2,
    );
    expect(result.recallAtK).toBe(0.5);
    expect(result.recallAt1).toBe(0.5);
    expect(result.mrr).toBeCloseTo(0.5, 5);
    expect(result.misses.map((m) => m.query)).toEqual(["send an email", "zyzzyva"]);
    expect(result.misses[0]?.got).toHaveLength(2);
    expect(result.misses[1]?.got).toEqual([]);
    expect(evaluateSearch(index, []).recallAtK).toBe(0);
  });
});

describe("the built catalog index", () => {
  const catalogIndex = catalogSearchIndex();
  const tune = tuneJson as SearchEvalCase[];
  const holdout = holdoutJson as SearchEvalCase[];
  const kinds = ["plain", "app_named", "synonym", "vague", "non_english", "typo", "agent"];
  /** The first word a request is read with: its verb, after any rewording. */
  const verb = (query: string) => readQuery(catalogIndex, query).tokens.find((token) => !token.stop)?.word;
  /** The action classes a request is read as asking for, in reading order. */
  const primary = (query: string) => [...readQuery(catalogIndex, query).actions.primary];

  it("is evaluated on at least 600 cases of every kind, split into a tune half and a holdout half that share no query", () => {
    expect(tune.length + holdout.length).toBeGreaterThanOrEqual(600);
    const known = new Set(catalogIndex.slugs);
    for (const evalCase of [...tune, ...holdout]) {
      expect(evalCase.expected.filter((slug) => !known.has(slug)), evalCase.query).toEqual([]);
      expect(kinds).toContain(evalCase.kind);
    }
    for (const kind of kinds) {
      expect(tune.some((c) => c.kind === kind)).toBe(true);
      expect(holdout.some((c) => c.kind === kind)).toBe(true);
    }
    const tuneQueries = new Set(tune.map((c) => c.query));
    expect(holdout.filter((c) => tuneQueries.has(c.query))).toEqual([]);
  });

  // Floors against regressions, below the figures `npm run bench:search` reports over the whole
  // catalog (77 toolkits: near-duplicate APIs such as Gitea's and GitHub's compete); the ranker
  // and the vocabulary are never tuned on holdout.
  // It ranks every case of both halves (7,000+), so it takes a few seconds on a busy machine.
  it("keeps recall@5 at its floors on both halves", { timeout: 30_000 }, () => {
    expect(evaluateSearch(catalogIndex, tune, 5).recallAt5).toBeGreaterThanOrEqual(0.9);
    expect(evaluateSearch(catalogIndex, holdout, 5).recallAt5).toBeGreaterThanOrEqual(0.88);
  });

  it("reads a mistyped toolkit name as the toolkit, even where a verb as near could stand", () => {
    // "stirpe" is one edit from Stripe, and its stem "stirp" one from the verb "strip".
    expect(readQuery(catalogIndex, "stirpe create a customer").namedToolkits).toEqual(readQuery(catalogIndex, "stripe create a customer").namedToolkits);
    expect(topSlug("stirpe create a customer")).toBe("STRIPE_CREATE_CUSTOMERS");
  });

  it("reads an app's two-word name whose slug joins them, plural or not, as naming it", () => {
    const named = (query: string) => [...readQuery(catalogIndex, query).namedToolkits].map((t) => catalogIndex.toolkits[t]);
    // googletasks, googleforms and googleanalytics are the stems of the joined words, which only the slug's term matched.
    expect(named("tick off 'pay rent' in Google Tasks")).toEqual(["googletasks"]);
    expect(named("close the google forms survey")).toEqual(["googleforms"]);
    expect(named("in google analytics show last week's sessions")).toEqual(["googleanalytics"]);
    expect(topSlug("tick off 'pay rent' in Google Tasks")).toMatch(/^GOOGLETASKS_/);
  });

  it("reads a word inside another toolkit's two-word keyword as part of it, not as a toolkit's name", () => {
    // "sheet" names Google Sheets, but a balance sheet is Xero's keyword.
    const sheets = catalogIndex.toolkits.indexOf("googlesheets");
    expect(readQuery(catalogIndex, "show the balance sheet as of year end").namedToolkits.has(sheets)).toBe(false);
    expect(topSlug("show the balance sheet as of year end")).toBe("XERO_RETRIEVES_REPORT_FOR_BALANCESHEET");
    expect(readQuery(catalogIndex, "add a row to the budget sheet").namedToolkits.has(sheets)).toBe(true);
  });

  it("reads a clause that describes the object without a 'that' as describing it", () => {
    // "I could join" says which channels; the request lists them.
    expect(topSlug("list the Slack channels I could join")).toBe("SLACK_LIST_ALL_CHANNELS");
    expect(topSlug("delete the message I sent to #random by mistake")).toMatch(/DELETE/);
  });

  it("reads a question about an identified item's status or owner as reading that item", () => {
    // Linear's workflow states and Jira's statuses are named after "status"; the question is about MOB-7.
    for (const query of ["what's the status of MOB-7?", "who is the assignee of MOB-7?", "priority of MOB-7?"]) {
      expect(readQuery(catalogIndex, query).actions.primary, query).toEqual(new Set(["get"]));
      expect(topSlug(query), query).toMatch(/^(JIRA_GET_ISSUE|LINEAR_GET_LINEAR_ISSUE)$/);
    }
    // Asked to change it, the status is what changes.
    expect(topSlug("change the status of MOB-7 to Done")).toBe("JIRA_TRANSITION_ISSUE");
    // An address is a person, not an item whose owner is asked: "owner" stays what the request is about.
    expect(readQuery(catalogIndex, "retrieve HubSpot owner ID for sara@orbit.ai").terms.map((t) => t.term)).toContain("owner");
  });

  it("reads a snowflake id (17 to 20 digits, as Discord and X number things) as pointing at them, and a shorter number not", () => {
    const hinted = (query: string) => [...readQuery(catalogIndex, query).hintedToolkits].map((t) => catalogIndex.toolkits[t]);
    expect(hinted("post 'deploy done' to channel 998877665544332211")).toContain("discord");
    expect(topSlug("post 'deploy done' to channel 998877665544332211")).toBe("DISCORD_SEND_MESSAGE");
    expect(hinted("close issue 12345678 in acme/api")).not.toContain("discord");
  });

  it("reads the ids agents carry from one step to the next as their apps': Slack's channels and users, Google's files", () => {
    const hinted = (query: string) => [...readQuery(catalogIndex, query).hintedToolkits].map((t) => catalogIndex.toolkits[t]);
    expect(hinted("post the summary to C024BE91L")).toContain("slack");
    expect(topSlug("post the summary to C024BE91L")).toBe("SLACK_SEND_MESSAGE");
    expect(hinted("who is U061F7AUR?")).toContain("slack");
    expect(hinted("append a row to 1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms")).toContain("googlesheets");
    expect(hinted("download 1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms")).toContain("googledrive");
    // Capitals alone, or a word with digits but no Slack shape, are not ids.
    expect(hinted("CONFIGURE the ALERTS2024 rule")).not.toContain("slack");
    expect(hinted("call me at C3")).not.toContain("slack");
  });

  it("does not create the place a request puts something into: it exists", () => {
    expect(topSlug("Add video dQw4w9WgXcQ to my 'Workout Mixes' playlist on YouTube")).toBe("YOUTUBE_INSERT_PLAYLIST_ITEMS");
    expect(topSlug("In Google Sheets, add a 'June' tab to the Expenses workbook")).toBe("GOOGLESHEETS_ADD_SHEET");
    const evidence = new Map<string, Evidence>();
    searchTools(catalogIndex, "add a June tab to the Expenses workbook", { limit: 5, evidence: (slug, e) => evidence.set(slug, e) });
    expect(evidence.get("GOOGLESHEETS_CREATE_SPREADSHEET")?.createsPlace).toBe(true);
    expect(evidence.get("GOOGLESHEETS_ADD_SHEET")?.createsPlace).toBe(false);
    // A new thing asked for by itself is still created; "to" before a verb names no place.
    expect(readQuery(catalogIndex, "create a spreadsheet called Expenses 2027").places.size).toBe(0);
    expect(readQuery(catalogIndex, "I want a fresh spreadsheet to track wholesale orders").places.size).toBe(0);
  });

  it("reads a detail asked of someone as a contact's, and the same word of a thing or inside a longer noun as itself", () => {
    const top = (query: string, n = 1) => searchTools(catalogIndex, query, { limit: n }).map((hit) => hit.slug);
    // "cell" is a phone here, not a spreadsheet's cell.
    for (const query of ["What's Melissa Chen's cell again?", "find Priya's number"]) {
      expect(top(query, 1)[0], query).toMatch(/CONTACT/);
      expect(top(query, 3).filter((slug) => slug.startsWith("GOOGLESHEETS_")), query).toEqual([]);
    }
    expect(top("update Jane Doe's phone number to +1 415 555 0100 in the CRM")[0]).toBe("HUBSPOT_UPDATE_CONTACT");
    // A phone screen is an interview; an invoice's number is the invoice's.
    expect(top("slide Jin Park's phone screen back an hour")[0]).toBe("GOOGLECALENDAR_UPDATE_EVENT");
    expect(readQuery(catalogIndex, "what's the invoice's number").terms.map((t) => t.term)).not.toContain("contact");
  });

  it("reads an email address a verb acts on as a person, and one a message is sent to as only whom it goes to", () => {
    const person = (query: string) => readQuery(catalogIndex, query).terms.some((t) => t.term === "person");
    // Added to an audience, an address is a member of it, not a campaign.
    expect(topSlug("add nina@example.org to the Product updates audience in Mailchimp")).toMatch(/^MAILCHIMP_ADD_(MEMBER_TO_LIST|OR_UPDATE_LIST_MEMBER)$/);
    expect(topSlug("subscribe nina@example.org to our newsletter list")).toMatch(/^MAILCHIMP_ADD_(MEMBER_TO_LIST|OR_UPDATE_LIST_MEMBER)$/);
    expect(person("subscribe nina@example.org to our newsletter list")).toBe(true);
    // Sent to, or named later in the request, an address is no object.
    expect(person("email nina@example.org the slides")).toBe(false);
    expect(person("share the Q3 deck with nina@example.org")).toBe(false);
    expect(topSlug("email nina@example.org the slides")).toBe("GMAIL_SEND_EMAIL");
  });

  it("weighs what a value a verb acts on stands for as the request's own words, unless a noun follows it or several toolkits read it", () => {
    const weightOf = (query: string, term: string) => Math.max(0, ...readQuery(catalogIndex, query).terms.filter((t) => t.term === term).map((t) => t.weight));
    // A range read is the sheet's values, not the spreadsheet the request names as where they are.
    expect(topSlug("read C3:K90 of the Costs tab in the travel spreadsheet")).toMatch(/^GOOGLESHEETS_(GET_VALUES|BATCH_GET)$/);
    expect(weightOf("read C3:K90 of the Costs tab in the travel spreadsheet", "rang")).toBeGreaterThan(weightOf("the totals are in C3:K90 of the Costs tab", "rang"));
    // "the release/v2 branch": the value names the noun after it, which is what is acted on.
    expect(weightOf("delete the release/v2 branch in acme/api", "repository")).toBeLessThan(1);
    // An issue key is read by Jira's pattern and Linear's alike: it keeps a synonym's weight.
    expect(weightOf("close WEB-502", "issu")).toBeLessThan(1);
  });

  it("reads an address in a calendar request as an attendee, and several addresses as one kind of value", () => {
    // Outlook read the address as mail and the time as an event, and so outranked Google Calendar.
    expect(topSlug("book 45 min with lena@orbit.io Friday 11am and add a Meet link")).toBe("GOOGLECALENDAR_CREATE_EVENT");
    // Two addresses suggest the mail apps no more than one does: the channel still says Slack.
    expect(topSlug("loop ana@acme.com and li@acme.com into #launch-war-room")).toBe("SLACK_INVITE_USERS_TO_A_CHANNEL");
  });

  it("reads a file name with a document's or a medium's extension as a file, in Drive and in Slack", () => {
    // "xlsx" alone suggested Google Sheets, and an uploaded PDF was exported like a Google Doc.
    expect(topSlug("put ops-plan.xlsx into the Operations folder")).toBe("GOOGLEDRIVE_MOVE_FILE");
    expect(topSlug("read the contents of invoice-7731.pdf in my Drive")).toBe("GOOGLEDRIVE_DOWNLOAD_FILE");
    expect(topSlug("drop floorplan.png into #facilities")).toBe("SLACK_FILES_UPLOAD");
  });

  it("reads a thing moved to a time as an event, whatever it is called", () => {
    const isEvent = (query: string) => readQuery(catalogIndex, query).content.some((group) => group.terms.has("event"));
    // "push … review" read as GitHub's push and review words.
    expect(topSlug("push the DFM review with the Shenzhen team to Thursday at 2")).toMatch(/^(OUTLOOK|GOOGLECALENDAR)_/);
    expect(isEvent("move the retro to 4pm")).toBe(true);
    expect(isEvent("bump the sync to next week")).toBe(true);
    // Moved somewhere else, it is not.
    expect(isEvent("move the card to Done")).toBe(false);
  });

  it("reads a time held or blocked as an event made, whatever it is for", () => {
    // "hold" found Stripe's held payments, "block" Jira's blocking links.
    expect(topSlug("hold 2pm Thursday for the fire marshal walkthrough")).toMatch(/^(OUTLOOK|GOOGLECALENDAR)_CREATE_EVENT$/);
    expect(topSlug("block all of Saturday June 20 for the Alvarez wedding")).toMatch(/^(OUTLOOK|GOOGLECALENDAR)_CREATE_EVENT$/);
    expect(verb("block off 9-11am tomorrow for focus time")).toBe("schedule");
    // Held or blocked with no time, it is what it was.
    expect(verb("hold the v2 release until QA signs off")).toBe("hold");
    expect(verb("block @spam_bot in the server")).toBe("block");
  });

  it("reads a thing said to have moved to a time, with no verb of the request's own, as one to reschedule", () => {
    expect(primary("the board meeting slipped to next week")).toEqual(["update"]);
    expect(topSlug("the site visit slid from Monday to Wednesday")).toMatch(/^(OUTLOOK|GOOGLECALENDAR)_UPDATE_EVENT$/);
    // An -ing form after "the" names a thing: "monitoring" does not ask to monitor.
    expect(topSlug("the monitoring visit at St. Anne's slid from Tuesday to Thursday")).toMatch(/^(OUTLOOK|GOOGLECALENDAR)_UPDATE_EVENT$/);
    // What a message says is not the request's act.
    expect(primary("DM @marco on Slack that standup moved to 10:30")).not.toContain("update");
    // Moved elsewhere than to a time, it is not rescheduled.
    expect(primary("the Q3 plan moved to the Archive folder")).not.toContain("update");
  });

  it("reads a question where a thing is as a search for it, and one about an identified item as reading it", () => {
    // A where-question is a search: Drive's file search comes first.
    expect(topSlug("Where's the Q4 pricing one-pager in Drive?")).toBe("GOOGLEDRIVE_LIST_FILES");
    expect(primary("wo ist die Präsentation vom Kickoff in Drive?")).toEqual(["search"]);
    expect(primary("where are we on SUP-214?")).toEqual(["get"]);
  });

  it("reads an upper-case key beside the word project as a Jira project, in English and other languages", () => {
    const hintsJira = (query: string) => [...readQuery(catalogIndex, query).hintedToolkits].map((t) => catalogIndex.toolkits[t]).includes("jira");
    // "a task … project" alone reads as Asana's project-and-task tools.
    expect(topSlug("add a task to the FIN project: reconcile the March statements")).toBe("JIRA_CREATE_ISSUE");
    expect(hintsJira("what's open in the DATA project?")).toBe(true);
    expect(hintsJira("zeig alle Aufgaben im Projekt DATA")).toBe(true);
  });

  it("reads a span of hours worked as Jira's work log, and an hour of the clock as no such thing", () => {
    const worklog = (query: string) => readQuery(catalogIndex, query).terms.some((t) => t.term === "worklog");
    // "log" and "work" are two words where Jira writes one: the span says which.
    expect(topSlug("log 2h30m of work on OPS-91 dated yesterday")).toBe("JIRA_ADD_WORKLOG");
    expect(worklog("spent 1.5h on the migration")).toBe(true);
    // French and Portuguese write the clock so: "à 8h", "de 9h à 12h".
    expect(worklog("bloque vendredi de 9h à 12h dans l'agenda")).toBe(false);
    expect(worklog("tenho aula às 8h amanhã")).toBe(false);
    // …nor is a window of time ("the last 24h", "for 2h", "2h ago").
    expect(worklog("retrieve unread messages from the last 24h")).toBe(false);
    expect(worklog("snooze my notifications for 2h")).toBe(false);
  });

  it("reads the fields a request gives a new thing after its verb's clause as describing it, not as what to change", () => {
    // "priority High" made Jira's priority and issue-editing tools outrank the one that creates.
    expect(topSlug("Open a story in the WEB project: 'Dark mode toggle', priority High, 3 story points")).toBe("JIRA_CREATE_ISSUE");
    expect(topSlug("In Linear, create an issue for the Core team: 'Export times out', urgent priority")).toBe("LINEAR_CREATE_LINEAR_ISSUE");
    const fieldWeight = (query: string, term: string) => readQuery(catalogIndex, query).terms.find((t) => t.term === term && t.toolkit === undefined)?.weight;
    expect(fieldWeight("create a task 'Book venue', priority high", "priority")).toBeLessThan(1);
    // In the verb's own clause the attribute is what is made, and a change of it is asked in full.
    expect(fieldWeight("the Roadmap database needs a Priority column", "priority")).toBe(1);
    expect(fieldWeight("change the priority of WEB-12 to high", "priority")).toBe(1);
  });

  it("reads a question who may see or change a thing, or a wish that someone could, as about access to it", () => {
    expect(readQuery(catalogIndex, "the contractors need to be able to read our brand guidelines").tokens.map((t) => t.word)).toContain("access");
    expect(topSlug("who can see the roadmap doc?")).toBe("GOOGLEDRIVE_LIST_PERMISSIONS");
    expect(readQuery(catalogIndex, "who can see the roadmap doc?").tokens.map((t) => t.word)).toContain("access");
    // Not a question who may: "who edited" asks who did.
    expect(readQuery(catalogIndex, "who edited the roadmap doc last?").tokens.map((t) => t.word)).not.toContain("access");
  });

  it("reads the question that asks when no sentence opens with a verb, and the others as context", () => {
    const top = topSlug("Where are we on SUP-214? The customer keeps asking.");
    expect(top).toMatch(/^(JIRA_GET_ISSUE|LINEAR_GET_LINEAR_ISSUE)$/);
  });

  it("reads a span of the requester's time that is all a request is about as the events in it, and one that says when as weak", () => {
    const top = (query: string, n = 1) => searchTools(catalogIndex, query, { limit: n }).map((hit) => hit.slug);
    expect(top("what does my Thursday look like")[0]).toMatch(/^(GOOGLECALENDAR|OUTLOOK)_/);
    expect(top("move everything from Monday to Tuesday")[0]).toMatch(/^(GOOGLECALENDAR|OUTLOOK)_UPDATE_EVENT$/);
    // What a day owns is what fills it: "Wednesday's sprint planning" is an event.
    expect(top("add priya@acme.com as a guest on Wednesday's sprint planning")[0]).toBe("GOOGLECALENDAR_UPDATE_EVENT");
    // The verb alone is no other object, though the catalog names objects with it (a "clear" of a cache).
    expect(readQuery(catalogIndex, "clear my afternoon").terms.map((t) => t.term)).toContain("event");
    // Below a word the request says: a to-do list still counts.
    expect(top("what do I still have to do today?", 3)).toContain("GOOGLETASKS_LIST_TASKS");
    // Beside what the request is about, the time says when it happens.
    expect(readQuery(catalogIndex, "send the report to bob tomorrow morning").terms.map((t) => t.term)).not.toContain("event");
    // After a word that bounds a range, the span says when: "since Friday" asks for what came in.
    expect(readQuery(catalogIndex, "anything new from Sequoia since Friday morning?").terms.map((t) => t.term)).not.toContain("event");
    expect(top("post the standup notes in #eng every Monday")[0]).toMatch(/SEND_MESSAGE$/);
  });

  it("reads an abbreviation written out as a noun: 'PR' is no request to pull", () => {
    const parsed = readQuery(catalogIndex, "PR #88 on acme/api has two approvals and everything's green. ship it");
    expect(parsed.actions.primary).toContain("merge");
    expect(readQuery(catalogIndex, "PR 77 needs a rebase").actions.primary).not.toContain("get");
  });

  it("reads what is posted to a channel as the message, not as what the tool acts on", () => {
    // "merged PR" would find GitHub's merge tools; here it is what the Slack message is about.
    expect(topSlug("post the weekly merged PR summary in #eng")).toMatch(/^(SLACK|DISCORD)_SEND_MESSAGE$/);
    // An emoji dropped on a post is a reaction, not a message.
    expect(readQuery(catalogIndex, "drop a 🎉 on the latest post in #launches").actions.messageFrom).toBe(-1);
  });

  it("reads a question who did something as asking for those who did it", () => {
    // Stargazers, not the repositories someone starred; a changelog, not the edit.
    expect(topSlug("who starred acme/api?")).toBe("GITHUB_LIST_STARGAZERS");
    expect(topSlug("who changed the assignee on jira HR-12 and when?")).toBe("JIRA_GET_CHANGELOGS");
    // Not a question who may do it, nor one that does not ask who.
    expect(readQuery(catalogIndex, "star acme/api").content.some((group) => group.terms.has("stargaz"))).toBe(false);
  });

  it("reads every value a toolkit's pattern finds, not only the first", () => {
    const values = readQuery(catalogIndex, "get him into #frontend and #standup").tokens.filter((token) => token.value).map((token) => token.word);
    expect(values).toEqual(["frontend", "standup"]);
  });

  it("reads a noun the request opens with as its verb as still suggesting its apps", () => {
    // "email" suggests the mail apps, "ping" Slack, as they would anywhere else in the request.
    expect(topSlug("Email my teacher ms.garcia@school.edu that I'll miss class on Friday")).toMatch(/^(GMAIL|OUTLOOK)_SEND_EMAIL$/);
    expect(readQuery(catalogIndex, "toot that we're hiring two backend devs").hintedToolkits.size).toBeGreaterThan(0);
  });

  it("reads the app a message is posted in as naming it, not as what the message says", () => {
    expect(topSlug("Announce the giveaway winners in #community on our Discord.")).toBe("DISCORD_SEND_MESSAGE");
    // Without "our" or "via", an app in the message is what it says ("the deploy failed on Vercel").
    expect(readQuery(catalogIndex, "tell #eng the deploy failed on Vercel").namedToolkits.size).toBe(0);
  });

  it("reads a question whether someone answered as a search of messages", () => {
    // Stack Exchange's answers are named after "answer"; the landlord's answer is an email.
    expect(topSlug("has the landlord answered me yet?")).toMatch(/^(OUTLOOK_SEARCH_MESSAGES|GMAIL_FETCH_EMAILS)$/);
    expect(readQuery(catalogIndex, "has the landlord answered me yet?").content.some((group) => group.terms.has("messag"))).toBe(true);
  });

  it("reads a question whether someone wrote back as a search of messages, however the reply is said", () => {
    // "written" alone found articles ("a user's articles", "code written").
    for (const query of ["Has Professor Alvarez written back about my extension request?", "did the client ever get back to me about the proposal?", "I need to know whether the client ever got back to me about the revised fee", "did Mrs. Okafor ever write back about Tobi's reading assessment?"]) {
      expect(searchTools(catalogIndex, query, { limit: 2 }).map((hit) => hit.slug), query).toContain("GMAIL_FETCH_EMAILS");
      expect(readQuery(catalogIndex, query).actions.assumed, query).toBe(true);
    }
    // Said by the requester, it answers them: a reply.
    expect(readQuery(catalogIndex, "get back to the client about the revised fee").actions.primary).toContain("reply");
    expect(readQuery(catalogIndex, "write back to Dana and say yes").actions.primary).toContain("reply");
  });

  it("reads what holds a span of time as about what fills it: a calendar for Thursday is Thursday's events", () => {
    for (const query of ["what's on my calendar this Thursday?", "show my calendar for tomorrow"]) {
      expect(topSlug(query), query).toBe("GOOGLECALENDAR_EVENTS_LIST");
    }
    expect(topSlug("list my calendars")).toBe("GOOGLECALENDAR_LIST_CALENDARS");
  });

  it("reads a span of time in a message as when it is sent, not as events", () => {
    expect(readQuery(catalogIndex, "tell Ana at Pixelform today that the fix ships Thursday").content.some((group) => group.terms.has("event"))).toBe(false);
    expect(topSlug("the whole team should hear about the Halden win in the sales channel")).toBe("SLACK_SEND_MESSAGE");
  });

  it("reads finance shorthand written with an ampersand", () => {
    expect(topSlug("P&L Q2 for Fenwick Design pls")).toBe("XERO_RETRIEVES_REPORT_FOR_PROFIT_AND_LOSS");
  });

  it("reads a record made to reflect a change as a request to update it", () => {
    expect(topSlug("The 'Billing FAQ' article is live now — reflect that in our Notion content tracker.")).toBe("NOTION_UPDATE_PAGE");
  });

  it("reads a statement of how a thing should be as a request to change it", () => {
    expect(readQuery(catalogIndex, "PAY-3 should be due next Friday").actions.primary).toEqual(new Set(["update"]));
    expect(topSlug("PAY-3 should be due next Friday")).toBe("JIRA_EDIT_ISSUE");
    expect(readQuery(catalogIndex, "the retro invite needs to be moved to 4pm").actions.primary).toContain("update");
    // A question with "should" still reads.
    expect(readQuery(catalogIndex, "which issues should I pick up next?").actions.primary).toContain("list");
  });

  it("does not take a name for a word of another language", () => {
    // "Marco" is Portuguese for milestone, and here a person.
    expect(readQuery(catalogIndex, "coffee with Marco on Friday at 10").language).toBeUndefined();
    expect(readQuery(catalogIndex, "marca uma reunião com o Marco amanhã às 10").language).toBe("pt");
  });

  it("reads a request with more English function words than words of another language as English", () => {
    // "li" is Portuguese ("I read"); "and", "to" and "on" are English.
    expect(readQuery(catalogIndex, "get dana-k and li-wei to look at PR 58 on acme/api").language).toBeUndefined();
    expect(readQuery(catalogIndex, "mostra os PRs abertos do repo acme/api").language).toBe("pt");
  });

  it("reads 'reply all' as its own operation, in English and translated", () => {
    expect(rawWords("Reply all to Greg")).toEqual(["reply", "replyall", "to", "greg"]);
    for (const query of ["reply all to the budget email saying approved", "Antworte allen auf die Mail von Frau Becker"]) {
      expect(topSlug(query), query).toBe("OUTLOOK_REPLY_ALL");
    }
  });

  it("leaves out an app the request rules out", () => {
    const slack = catalogIndex.toolkits.indexOf("slack");
    const parsed = readQuery(catalogIndex, "post in the design channel on Discord, not Slack");
    expect(parsed.excludedToolkits.has(slack)).toBe(true);
    expect(parsed.namedToolkits.has(slack)).toBe(false);
    expect(searchTools(catalogIndex, "post in the design channel on Discord, not Slack", { limit: 10 }).some((hit) => hit.slug.startsWith("SLACK_"))).toBe(false);
    expect(topSlug("open a PR on Bitbucket instead of GitHub")).toBe("BITBUCKET_CREATE_A_PULL_REQUEST");
  });

  it("takes no action from a gerund after the request's first word", () => {
    // "closing" describes the deals; the request lists them.
    expect(readQuery(catalogIndex, "list every deal closing this quarter").actions.primary).toEqual(new Set(["list"]));
    // After an app's name alone, the gerund is the request's verb.
    expect(readQuery(catalogIndex, "gmail: sending an email to bob@acme.com").actions.primary).toContain("send");
    // A sentence a gerund opens names something; the question before it asks.
    expect(readQuery(catalogIndex, "where is my parcel? tracking number 1Z999AA10123456784").actions.primary).not.toContain("create");
  });

  it("takes an English word's inflected form for the word, not for a typo", () => {
    // "intern" is a common word; "interns" was corrected to "insert".
    const tokens = readQuery(catalogIndex, "the interns shouldn't have access to the board folder anymore").tokens;
    expect(tokens.some((token) => token.origin === "corrected")).toBe(false);
    expect(tokens.map((token) => token.term)).toContain("intern");
  });

  it("reads someone's access, taken as the action, as what the request is about", () => {
    const parsed = readQuery(catalogIndex, "the interns shouldn't have access to the board folder anymore");
    expect(parsed.actions.primary).toEqual(new Set(["delete"]));
    expect(parsed.content.some((group) => group.terms.has("access") && group.terms.has("permission"))).toBe(true);
  });

  it("translates a spreadsheet's tab as a tab, which is a sheet inside it, not the Sheets app", () => {
    // Spanish, French and Portuguese words for a tab read as English "tab" does.
    for (const query of ["Ajoute un nouvel onglet « Mars » dans le tableur Budget", "Borra la pestaña 'Borrador' de la hoja de cálculo del presupuesto", "cria uma aba chamada Março na planilha de vendas"]) {
      expect(readQuery(catalogIndex, query).content.some((group) => group.terms.has("tab")), query).toBe(true);
    }
  });

  it("reads what a message reminds people of as its text, which suggests no app", () => {
    // "reminding the team to rotate the keys" described a calendar's event before.
    expect(topSlug("schedule a post in #ops for Monday 8am reminding the team to rotate the keys")).toBe("SLACK_SCHEDULE_MESSAGE");
  });

  it("reads the number of a translated noun from the word it was translated from", () => {
    // The lexicons' English is singular: "risposte" and "risposta" are both "reply".
    const plural = readQuery(catalogIndex, "mostrami le risposte del modulo Google Sondaggio clienti");
    expect(plural.tokens.find((token) => token.term === "reply")?.plural).toBe(true);
    expect(plural.actions.primary).toEqual(new Set(["list"]));
    const singular = readQuery(catalogIndex, "mostrami una risposta del modulo Google Sondaggio clienti");
    expect(singular.tokens.find((token) => token.term === "reply")?.plural).toBeUndefined();
    expect(singular.actions.primary).toEqual(new Set(["get"]));
  });

  it("knows a message by the shape of its app's ids", () => {
    // Microsoft Graph's message and event ids open with "AAMk"; Gmail's are 16 hex digits.
    expect(topSlug("forward message AAMkAGQ1ZmJkNTk= to finance@acme.com")).toBe("OUTLOOK_FORWARD_MESSAGE");
    expect(topSlug("draft a reply to message 18f1c3d5e7a9b0c2 saying thanks")).toBe("GMAIL_CREATE_EMAIL_DRAFT");
    // A hex string of another length, or of digits alone, is no Gmail id.
    expect(readQuery(catalogIndex, "get commit 3f2a9c1 and build 1234567890123456").hintedToolkits.has(catalogIndex.toolkits.indexOf("gmail"))).toBe(false);
  });

  it("reads a message after a colon to its end, over its commas", () => {
    const query = "email ops@acme.io a recap: adoption up 18%, 3 open tickets, next review in May";
    const parsed = readQuery(catalogIndex, query);
    // "open tickets" is what the recap says, not what the request is about.
    expect(parsed.content.some((group) => group.terms.has("ticket"))).toBe(false);
    expect(searchTools(catalogIndex, query, { limit: 2 }).map((hit) => hit.slug)).toEqual(["GMAIL_SEND_EMAIL", "OUTLOOK_SEND_EMAIL"]);
  });

  it("weighs what the action reads above a noun that says where it is", () => {
    const parsed = readQuery(catalogIndex, "archive the Q3 kickoff card on the Marketing board");
    const weightOf = (term: string) => parsed.content.find((group) => group.terms.get(term) === 1)?.weight;
    expect(weightOf("card")).toBe(1);
    expect(weightOf("board")).toBe(0.5);
    expect(topSlug("archive the Q3 kickoff card on the Marketing board")).toBe("TRELLO_UPDATE_CARDS_CLOSED_BY_ID_CARD");
  });

  it("reads a file's path as a file, not as a repository, and its contents as one thing's", () => {
    const parsed = readQuery(catalogIndex, "get the contents of config/settings.yaml in acme/api");
    // "config/settings.yaml" is a path; "acme/api" the repository.
    const repositories = parsed.content.filter((group) => group.terms.get("repository") === 1);
    expect(repositories).toHaveLength(1);
    expect(parsed.content.some((group) => group.terms.get("file") === 1)).toBe(true);
    // "contents" names the parts of one file: a read of it, not a list.
    expect(parsed.actions.primary).toContain("get");
  });

  it("reads a thing nudged to a place as moved, and one nudged to a time or a value as before", () => {
    expect(verb("shove the Onboarding card over to Review in Trello")).toBe("move");
    expect(topSlug("shove the Onboarding card over to Review in Trello")).toBe("TRELLO_UPDATE_CARDS_ID_LIST_BY_ID_CARD");
    expect(verb("bump the sync to next week")).toBe("bump");
    expect(verb("bump SEC-19 to P1")).toBe("bump");
  });

  it("reads '+1' standing alone as an upvote, and '+1' before digits as a country code", () => {
    expect(rawWords("+1 the release notes comment")).toEqual(["upvote", "the", "release", "notes", "comment"]);
    expect(rawWords("text +1 415 555 0182")).toEqual(["text", "1", "415", "555", "0182"]);
    expect(topSlug("+1 issue 418 on acme/web")).toBe("GITHUB_CREATE_REACTION_FOR_AN_ISSUE");
  });

  it("takes Slack's /remind command for Slack, and keeps its verb", () => {
    const parsed = readQuery(catalogIndex, "/remind me to stretch every hour");
    expect(parsed.hintedToolkits.has(catalogIndex.toolkits.indexOf("slack"))).toBe(true);
    expect(parsed.actions.primary).toContain("create");
  });

  it("names a toolkit by a name its vocabulary gives, in whatever form the request's word stems to", () => {
    // "gdrive" and "gdocs" stem to "gdriv" and "gdoc"; the names were looked up as written.
    expect(readQuery(catalogIndex, "share the budget from my gdrive").namedToolkits.has(catalogIndex.toolkits.indexOf("googledrive"))).toBe(true);
    expect(readQuery(catalogIndex, "add a heading to my essay gdoc").namedToolkits.has(catalogIndex.toolkits.indexOf("googledocs"))).toBe(true);
  });

  it("names a toolkit by a capitalised name only as written with its capital inside a sentence", () => {
    const outlook = catalogIndex.toolkits.indexOf("outlook");
    expect(readQuery(catalogIndex, "post in the Teams chat that I'm running late").namedToolkits.has(outlook)).toBe(true);
    expect(topSlug("post in the Teams chat that I'm running late")).toBe("OUTLOOK_SEND_CHAT_MESSAGE_IN_A_CHANNEL_OR_A_CHAT");
    // Lower-case, "teams" are teams; negated, the app is ruled out.
    expect(readQuery(catalogIndex, "tell both teams in the chat that I'm running late").namedToolkits.has(outlook)).toBe(false);
    expect(topSlug("Slack, not Teams: tell #eng the build is green")).toBe("SLACK_SEND_MESSAGE");
  });

  it("ranks the everyday apps a little higher when a request names and suggests no app", () => {
    // Plaid's account holders share the words; the CRM is what people keep accounts in.
    expect(topSlug("who owns the Pinecrest Dental account now?")).toBe("HUBSPOT_SEARCH_COMPANIES");
    // A niche app's own words still find it.
    expect(topSlug("check the status of shipment 1Z999AA10123456784")).toMatch(/^SHIPENGINE_/);
    // Once a request suggests an app, the prior is off: the suggestion weighs alone.
    const factors = (query: string) => {
      const roles = new Map<string, string>();
      searchTools(catalogIndexForNames, query, { limit: 5, evidence: (slug, evidence) => roles.set(slug, evidence.toolkit) });
      return roles;
    };
    expect(factors("who owns the Pinecrest Dental account now?").get("HUBSPOT_SEARCH_COMPANIES")).toBe("popular");
    expect([...factors("check my inbox for the Pinecrest Dental contract").values()]).not.toContain("popular");
  });

  it("archives a channel nobody posts in anymore", () => {
    expect(topSlug("nobody has posted in #offsite-2022 in over a year")).toBe("SLACK_ARCHIVE_CONVERSATION");
  });

  it("names the toolkit whose tools do what a named toolkit's things need ('handledBy')", () => {
    // Google Docs has no export or sharing of its own: a Doc is a Drive file.
    expect(topSlug("export the Onboarding Handbook Google Doc to PDF")).toBe("GOOGLEDRIVE_EXPORT_FILE");
    expect(topSlug("share the Q3 roadmap Google Doc with kim@acme.com, comment only")).toBe("GOOGLEDRIVE_ADD_FILE_SHARING_PREFERENCE");
    // Reading a Doc stays with Docs.
    expect(topSlug("read me the Onboarding Handbook Google Doc")).toBe("GOOGLEDOCS_GET_DOCUMENT");
    // Comments on a Doc are Drive's too, and Drive's tools match the named app's field as the Doc's do.
    const commenting = searchTools(catalogIndexForNames, "leave a comment on the pricing proposal Google Doc", { limit: 2 }).map((hit) => hit.slug);
    expect(commenting).toContain("GOOGLEDRIVE_CREATE_COMMENT");
    // …and its evidence says so: the score the fit recomputes from it is the score given.
    const evidence = new Map<string, Evidence>();
    const [exported] = searchTools(catalogIndexForNames, "export the Onboarding Handbook Google Doc to PDF", { limit: 1, evidence: (slug, e) => evidence.set(slug, e) });
    expect(evidence.get(exported?.slug ?? "")?.toolkit).toBe("named");
    expect(exported?.score).toBeCloseTo(evidenceScore(evidence.get(exported?.slug ?? "") as Evidence), 2);
  });

  it("reads when a new deal is to close as one of its fields, no change to a deal", () => {
    expect(topSlug("create a deal for Acme, $20k, expected to close in March")).toBe("HUBSPOT_CREATE_DEAL");
  });

  it("reads an item marked as standing to another as a link between them", () => {
    expect(primary("mark OPS-12 as blocked by OPS-9")).toEqual(["link"]);
    expect(primary("flag #44 as a duplicate of #31")).toEqual(["link"]);
    // One item, or a verb of its own, says otherwise.
    expect(primary("mark OPS-12 as blocked")).not.toContain("link");
    expect(primary("close #990 as a duplicate of #951")).not.toContain("link");
    expect(topSlug("mark OPS-12 as blocked by OPS-9")).toBe("JIRA_CREATE_ISSUE_LINK");
  });

  it("reads what an email is confirming, thanking for or apologizing for as its text", () => {
    const parsed = readQuery(catalogIndex, "email kim@acme.com confirming the venue booking for Friday");
    expect(parsed.content.some((group) => group.terms.has("book"))).toBe(false);
    expect(searchTools(catalogIndex, "email kim@acme.com confirming the venue booking for Friday", { limit: 2 }).map((hit) => hit.slug)).toEqual(["GMAIL_SEND_EMAIL", "OUTLOOK_SEND_EMAIL"]);
  });

  it("gives a value several apps read to the app the request names", () => {
    // "#support" is a Slack or a Discord channel; "our Discord" says which.
    const parsed = readQuery(catalogIndex, "reply to the question about refunds in our Discord #support channel");
    expect(parsed.hintedToolkits.has(catalogIndex.toolkits.indexOf("slack"))).toBe(false);
    expect(searchTools(catalogIndex, "reply to the question about refunds in our Discord #support channel", { limit: 3 }).every((hit) => hit.slug.startsWith("DISCORD_"))).toBe(true);
    // Named by neither, it suggests both.
    const unnamed = readQuery(catalogIndex, "reply to the question about refunds in #support");
    expect(["slack", "discord"].every((slug) => unnamed.hintedToolkits.has(catalogIndex.toolkits.indexOf(slug)))).toBe(true);
  });

  it("reads being heads down as muting notifications", () => {
    expect([...readQuery(catalogIndex, "heads down until lunch, hold my notifications").actions.primary]).toEqual(["mute"]);
    expect(topSlug("heads down for the afternoon, mute slack")).toBe("SLACK_DND_SET_SNOOZE");
  });

  it("reads having double-booked oneself as a look at the events, not a new one", () => {
    const top = topSlug("I think I double-booked myself on Monday afternoon");
    expect(["GOOGLECALENDAR_EVENTS_LIST", "OUTLOOK_GET_CALENDAR_VIEW", "OUTLOOK_LIST_EVENTS"]).toContain(top);
  });

  it("makes a private repository in an organization with the organization's tool, and one of one's own with the user's", () => {
    expect(topSlug("create a private repository called billing-api in the globex organization")).toBe("GITHUB_CREATE_AN_ORGANIZATION_REPOSITORY");
    expect(topSlug("create a private repo called dotfiles")).toBe("GITHUB_CREATE_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER");
  });

  it("answers who has access to a file with the list of its permissions", () => {
    expect(topSlug("who has access to the Q4 hiring plan spreadsheet?")).toBe("GOOGLEDRIVE_LIST_PERMISSIONS");
    expect(topSlug("who can open the board offsite folder?")).toBe("GOOGLEDRIVE_LIST_PERMISSIONS");
  });

  it("reads 'main' after a preposition as a branch, in GitHub", () => {
    expect(topSlug("show me what's in scripts/setup.yaml in acme/api on main")).toBe("GITHUB_GET_REPOSITORY_CONTENT");
  });

  it("adds a slide to an existing deck with the deck's batch update, which creates content as well as changing it", () => {
    expect(topSlug("add a slide with the hiring numbers to the all-hands deck in Google Slides")).toBe("GOOGLESLIDES_BATCH_UPDATE_PRESENTATIONS");
  });

  // Every fresh isolate reads and parses it (a static asset) before its first search. The
  // lexicons travel as one string each, parsed only when a request in their script has a word
  // English does not know that may be theirs.
  it("stays small enough for a fresh isolate to read quickly", () => {
    expect(JSON.stringify({ ...catalogIndex, lexicons: {} }).length).toBeLessThan(3_000_000);
    for (const text of Object.values(catalogIndex.lexicons)) {
      expect(typeof text).toBe("string");
      expect(text.length).toBeLessThan(600_000);
    }
  });
});

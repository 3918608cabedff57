import { isGerund } from "./search-action-cues.ts";
import { LEAD_INS } from "./search-actions.ts";
import type { QueryTables, QueryToken } from "./search-query.ts";
import { rawWords, stem } from "./search-text.ts";
import { QUESTION_OPENERS } from "./search-words.ts";

/**
 * The shape of a request before its words are read: its clauses and sentences, and what wraps
 * it and asks nothing of the search — an agent's "find a tool to …", a label ("task: …"), filler
 * phrases ("… when you get a chance"), sentences of context, lone emoji. English rules of
 * grammar live here; English words and phrases as data in catalog/languages/en.json.
 */

/**
 * Punctuation that ends a clause: the next clause may open with its own verb ("on GitHub, list my
 * PRs"). A full stop, comma or colon ends one only before a space or the end (a closing quote
 * between them too: "with "Acme Inc." in the doc"): "acme.com", "v3.0", "1,000" and "10:30" are words.
 * Nor does the full stop of a title ("did Mrs. Okafor ever write back?"). Arabic's comma, semicolon
 * and question mark are read as these ("،" "؛" "؟"). Chinese and Japanese full-width punctuation,
 * and Devanagari's dandas, end one where they stand ("，" "。" "？" "।").
 */
const CLAUSE_BREAK = /(?<!\b(?:[Mm]rs?|[Mm]s|[Dd]r|[Pp]rof|[Ss]t|[Jj]r|[Ss]r))[,;:.!?،؛؟]+["'”’»]?(?=\s|$)|[()\n]+|\s[-–—]\s|[，。！？；：।॥]+/gu;

export type Clause = { words: string[]; afterColon: boolean; sentence: number; question?: true };

/**
 * The request's clauses, each with whether a colon and a space open it ("…: " but not "10:30"),
 * and its sentence (a full stop, "!" or "?" and a space end one; "v3.0" and "acme.com" do not).
 */
export function clausesOf(text: string): Clause[] {
  const clauses: Clause[] = [];
  let start = 0;
  let afterColon = false;
  let sentence = 0;
  for (const match of text.matchAll(CLAUSE_BREAK)) {
    const words = rawWords(text.slice(start, match.index));
    clauses.push(/[?？؟]/u.test(match[0]) ? { words, afterColon, sentence, question: true } : { words, afterColon, sentence });
    start = match.index + match[0].length;
    afterColon = (match[0].includes(":") && /\s/u.test(text[start] ?? "")) || match[0].includes("：");
    // "…with "Acme Inc." in the doc": a full stop inside a quote ends the clause, not the sentence.
    // Chinese and Japanese put no space after theirs; a danda ends a sentence wherever it stands.
    if ((/[.!?؟]$/u.test(match[0]) && /\s/u.test(text[start] ?? "")) || /[。！？।॥]$/u.test(match[0])) sentence++;
  }
  clauses.push({ words: rawWords(text.slice(start)), afterColon, sentence });
  return clauses;
}

/** Words for a tool itself, and what links one to what it should do ("a tool that can…", "tools for…"). */
const TOOL_WORDS = new Set(["tool", "tools", "function", "functions"]);
const TOOL_LINKS = new Set(["to", "that", "which", "for", "can", "could", "will", "would", "lets", "should"]);
/** …or asks which one does it ("which tool posts to Slack?"). */
const TOOL_QUESTIONS = new Set(["which", "what"]);

/**
 * An agent asking for a tool ("find a tool to create an issue", "is there a tool that can post
 * to Slack", "Search tools: …") asks for what follows the tool: the words before it are about
 * the search ("find", "looking for", "use the right") and are dropped, but for any that name a
 * toolkit ("a GitHub tool to…"), which stay, after the request. The tool must be followed by a
 * link word, follow "which" or "what", or end its clause, so "a repo named infra tools in acme"
 * keeps its words.
 */
export function afterToolMention(tables: Pick<QueryTables, "toolkitByTerm" | "sharedNameTerms">, clauses: Clause[]): Clause[] {
  const words = clauses.flatMap((clause, c) => clause.words.map((word, i) => ({ word, c, last: i === clause.words.length - 1 })));
  const at = words.findIndex(
    ({ word, c, last }, i) =>
      TOOL_WORDS.has(word) && (TOOL_LINKS.has(words[i + 1]?.word ?? "") || TOOL_QUESTIONS.has(words[i - 1]?.word ?? "") || (last && c + 1 < clauses.length)),
  );
  if (at < 0) return clauses;
  let from = at + 1;
  while (from < words.length && TOOL_LINKS.has(words[from]?.word ?? "") && words[from]?.c === words[at]?.c) from++;
  const names = (i: number) => {
    const word = words[i]?.word ?? "";
    const joined = (a: number, b: number) => stem(`${words[a]?.word ?? ""}${words[b]?.word ?? ""}`);
    return [stem(word), joined(i - 1, i), joined(i, i + 1)].some((term) => tables.toolkitByTerm.has(term) || tables.sharedNameTerms.has(term));
  };
  const naming = words.slice(0, at).flatMap((entry, i) => (names(i) ? [entry.word] : []));
  const rest: Clause[] = [];
  for (let i = from; i < words.length; i++) {
    const entry = words[i];
    if (!entry) continue;
    const current = rest.at(-1);
    if (current && words[i - 1]?.c === entry.c && i !== from) current.words.push(entry.word);
    else rest.push({ words: [entry.word], afterColon: i !== from && (clauses[entry.c]?.afterColon ?? false), sentence: clauses[entry.c]?.sentence ?? 0 });
  }
  return naming.length > 0 ? [...rest, { words: naming, afterColon: false, sentence: rest.at(-1)?.sentence ?? 0 }] : rest;
}

/** The clauses without a label that opens the request ("task: …", "user request: …"). */
export function withoutLabel(labels: ReadonlySet<string>, clauses: Clause[]): Clause[] {
  const [first, second] = clauses;
  if (!first || !second?.afterColon || !labels.has(first.words.join(" "))) return clauses;
  return [{ ...second, afterColon: false }, ...clauses.slice(2)];
}

/** A clause's words without the phrases that wrap a request ("…when you get a chance", "as discussed, …"). */
export function withoutFillers(fillers: ReadonlyMap<string, readonly (readonly string[])[]>, words: string[]): string[] {
  const kept: string[] = [];
  for (let i = 0; i < words.length; ) {
    const filler = fillers.get(words[i] ?? "")?.find((phrase) => phrase.every((word, j) => words[i + j] === word));
    if (filler) i += filler.length;
    else kept.push(words[i++] ?? "");
  }
  return kept;
}

/** Words before the verb of a sentence that asks ("please send…", "could you send…", "and send…"); not "we", "i": "We track bugs" asks nothing. */
const SENTENCE_OPENERS = new Set([...LEAD_INS, "and"]);

/** A verb's -ed or -ing form ("merged", "tracking"): a sentence it opens describes or names ("tracking number 1Z…"), it does not ask. */
function isParticiple(token: QueryToken): boolean {
  return token.word.endsWith("ed") || isGerund(token);
}

/**
 * In a request of several sentences, the one that asks is the first to open with a verb
 * ("The client is waiting. Send the invoice to Acme." asks to send), else its one question that
 * says something (askingQuestion); the others are context. With neither, every sentence counts.
 */
export function markContext(tables: Pick<QueryTables, "isVerb">, tokens: QueryToken[], sentences: readonly number[], questions: ReadonlySet<number>): void {
  if ((sentences.at(-1) ?? 0) === 0) return;
  // Each sentence's first word after polite openers ("please", "could you"): "We track bugs" opens with "we".
  const opening = new Map<number, QueryToken>();
  tokens.forEach((token, i) => {
    const sentence = sentences[i] ?? 0;
    if (!opening.has(sentence) && !SENTENCE_OPENERS.has(token.word)) opening.set(sentence, token);
  });
  const asks = [...opening].find(([, token]) => tables.isVerb(token.term) && !isParticiple(token) && !token.expanded)?.[0] ?? askingQuestion(tokens, sentences, questions);
  if (asks === undefined) return;
  tokens.forEach((token, i) => {
    if (sentences[i] !== asks) token.context = true;
  });
}

/**
 * Where no sentence opens with a verb, the one question that says what it is about asks ("Where
 * are we on SUP-214? The customer keeps asking."); a bare "Why?" does not.
 */
function askingQuestion(tokens: readonly QueryToken[], sentences: readonly number[], questions: ReadonlySet<number>): number | undefined {
  const asking = [...questions].filter((sentence) => tokens.some((token, i) => sentences[i] === sentence && !token.stop));
  return asking.length === 1 ? asking[0] : undefined;
}

/**
 * An emoji on its own, as a shortcode (":rocket:", ":+1:") or a character, is the word "emoji"
 * to the search ("toss a :rocket: on PR #12" asks for a reaction: en.json relates emoji to
 * reaction), unless it is what something is set to ("set the page icon to 🚀"): a value, dropped.
 * One inside a quote or a word ("'deploy done ✅'") is part of that text.
 */
const LONE_EMOJI = /(?<=^|\s):[a-z0-9_+-]+:(?=$|[\s,.!?])|(?<=^|\s)\p{Extended_Pictographic}[\p{Extended_Pictographic}\u{FE0F}\u{200D}\u{1F3FB}-\u{1F3FF}]*(?=$|[\s,.!?])/gu;

/** The request with its lone emoji read as the word "emoji", or dropped where they are a value. */
export function withEmojiAsWords(text: string): string {
  return text.replace(LONE_EMOJI, (emoji, at: number) => (/\b(?:to|as)\s+$/iu.test(text.slice(0, at)) ? "" : "emoji"));
}

/** An arrow between two things in a terse note ("card → Done", "draft -> notion", "mon -> wed"). */
const ARROW = /\s+(?:->|=>|→|⇒)\s+|\s*(?:→|⇒)\s*/gu;

/**
 * A terse note's arrow read as words: "mood board card → Done" and "INFRA-812 -> in progress"
 * move a thing on, "spelling test mon -> wed" moves it in time. The arrow is "into", and a note
 * that opens with no verb of its own moves: "move mood board card into Done". ("put" also read
 * "jira OPS-77 -> Done" as making something.)
 */
export function withArrowsAsWords(isVerb: (term: string) => boolean, text: string): string {
  const read = text.replace(ARROW, " into ");
  if (read === text) return text;
  const first = rawWords(read)[0] ?? "";
  return isVerb(stem(first)) ? read : `move ${read}`;
}

/** A phrase put before the rest of the request: "In HubSpot, …", "On Google Calendar, …". */
const FRONTED_PHRASE = /^\s*((?:in|on|via|using|through)\s+[^,?!.]{1,40}?),\s+(\S[^]*)$/iu;

/**
 * A question whose place or app is said first, read with it said last: "In HubSpot, which deals
 * close this month?" asks as "which deals close this month in HubSpot?" does. Opened by the
 * phrase, it read as no question at all, and "close" as the verb. A request that asks nothing
 * ("In Gmail, find the thread…") keeps its order: its verb opens a clause of its own.
 */
export function withFrontedPhraseLast(text: string): string {
  const match = FRONTED_PHRASE.exec(text);
  if (!match) return text;
  const [, phrase = "", rest = ""] = match;
  if (!QUESTION_OPENERS.has(rawWords(rest)[0] ?? "")) return text;
  // The phrase goes back at the end of the question's own sentence, before any that follows.
  const end = /[?.!](?=\s|$)/u.exec(rest);
  return end ? `${rest.slice(0, end.index)} ${phrase}${rest.slice(end.index)}` : `${rest} ${phrase}`;
}

/** A request quoted whole (an agent passing the user's words on: "\"create an issue\""), not a value. */
const QUOTED_WHOLE = /^\s*(?:"([^"]+)"|'([^']+)'|“([^”]+)”|„([^“”]+)[“”]|«([^»]+)»)\s*[.!?]?\s*$/u;

/** The request without quotes around the whole of it. */
export function unquoted(text: string): string {
  const match = QUOTED_WHOLE.exec(text);
  return match ? (match.slice(1).find((inner) => inner !== undefined) ?? text) : text;
}

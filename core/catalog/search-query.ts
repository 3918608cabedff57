import { opensQuestion, queryActions, READ, sendingEndsAt, type QueryActions } from "./search-actions.ts";
import type { FuzzyVocabulary } from "./search-fuzzy.ts";
import { afterToolMention, clausesOf, markContext, unquoted, withEmojiAsWords, withoutFillers, withoutLabel } from "./search-request.ts";
import { accessVerbAt, askedWhether } from "./search-situations.ts";
import { canonicalWords, isPlural, isStopWord, joinedWithPrevious, rawWords, stem } from "./search-text.ts";
import { detectLanguage, translate, type PreparedLexicon } from "./search-translate.ts";
import type { CompiledEnglish } from "./search-vocabulary.ts";

/**
 * A request, read for the ranker: translated when written in another language, typos
 * corrected, its action recognised (search-actions.ts), the toolkits it names or hints at,
 * and the weighted terms to look up, some only within one toolkit (that toolkit's synonyms).
 */

/** What the parser needs to know about the index (search-tables.ts prepares it once per index). */
export interface QueryTables {
  english: CompiledEnglish;
  /** English filler phrases as word lists by their first word, longest first. */
  fillers: ReadonlyMap<string, readonly (readonly string[])[]>;
  /** English labels a request may open with, before a colon ("task"). */
  labels: ReadonlySet<string>;
  /** English word lists as sets (they are read on every request). */
  nounVerbs: ReadonlySet<string>;
  weakWords: ReadonlySet<string>;
  timeSpans: ReadonlySet<string>;
  timeBounds: ReadonlySet<string>;
  /** Stemmed terms of what holds a span's events ("calendar"). */
  timeHolders: ReadonlySet<string>;
  qualifiers: ReadonlySet<string>;
  attributes: ReadonlySet<string>;
  lexicons: readonly PreparedLexicon[];
  fuzzy: () => FuzzyVocabulary;
  /** Whether a stemmed term is an English verb the search knows (one that says an action). */
  isVerb: (term: string) => boolean;
  /** Whether a stemmed term occurs in any tool. */
  hasTerm: (term: string) => boolean;
  /** Whether a stemmed term names what tools act on: it is in a tool's slug (or an alias slug). */
  isSlugTerm: (term: string) => boolean;
  /** Verbs the catalog's slugs use mostly as objects ("refund", "comment"): see objectVerbs. */
  objectVerbs: ReadonlySet<string>;
  /** Two stemmed slug terms that name one thing together ("pull request"), as "first second". */
  compounds: ReadonlySet<string>;
  /** Term (or two joined words: "hackernews") → the toolkit it names. */
  toolkitByTerm: ReadonlyMap<string, number>;
  /** Name words several toolkits share ("google") → those toolkits. */
  sharedNameTerms: ReadonlyMap<string, readonly number[]>;
  /** Name words of one toolkit that other toolkits' tools use too ("calendar") → that toolkit, suggested only. */
  nameHints: ReadonlyMap<string, number>;
  /** Toolkit slugs as terms ("googlecalendar"): all toolkit field, no content. */
  toolkitSlugs: ReadonlySet<string>;
  /** Stemmed keyword ("first second" for two words) → the toolkits it points at. */
  keywordToolkits: ReadonlyMap<string, readonly number[]>;
  /** Stemmed user word ("first second") → per toolkit, the API terms it stands for. */
  synonyms: ReadonlyMap<string, readonly { toolkit: number; terms: readonly string[] }[]>;
  /** Values that point at a toolkit ("PAY-77", "#general"), with the API terms they stand for. */
  patterns: readonly { pattern: RegExp; toolkit: number; terms: readonly string[] }[];
  /** Plain English words the search knows but the catalog may not use ("catch", "late"): never typos. */
  englishWords: ReadonlySet<string>;
}

export interface QueryToken {
  /** Plain folded English word ("" for a corrected typo, known only by its term). */
  word: string;
  term: string;
  stop: boolean;
  origin: "own" | "translated" | "corrected";
  /** The first content word of a clause, where a verb may stand. */
  clauseStart?: boolean;
  /** …of a clause after a colon ("create an issue: search is broken"), which may be what to write. */
  afterColon?: boolean;
  /** In a sentence around the one that asks ("We finished the review. Share the notes."): it may name a toolkit, it asks nothing. */
  context?: boolean;
  /** A word of a value the request gives (an address, quoted text, "acme/docs", a number), as written. */
  value?: boolean;
  /** A person's name or the name of an address ("Raj", the "raj" of raj@acme.com). */
  person?: boolean;
  /** A corrected typo written as a past participle ("asigned"). */
  participle?: boolean;
  /** A word of an abbreviation written out ("PR" → "pull request"): part of a noun, never a verb. */
  expanded?: boolean;
}

/** A term looked up for the query; `toolkit` limits it to one toolkit's tools. */
export interface WeightedTerm {
  term: string;
  weight: number;
  toolkit?: number;
}

/** A word of the request that names what it is about, with the terms that count as finding it. */
export interface ContentGroup {
  weight: number;
  /** Term → how fully it stands for the word (1 the word itself, less for related terms). */
  terms: Map<string, number>;
  /** Terms that count only in some toolkits' tools: a toolkit's synonyms, as they are searched. */
  scopes?: Map<string, Set<number>>;
  /**
   * For two words that name one thing ("pull request"): the second word's terms. Finding only
   * one of them ("request" in SLACK_APPS_PERMISSIONS_REQUEST) covers little of the request.
   */
  with?: Map<string, number>;
  withScopes?: Map<string, Set<number>>;
}

export interface ParsedQuery {
  tokens: QueryToken[];
  terms: WeightedTerm[];
  namedToolkits: Set<number>;
  /** Toolkits the request rules out ("on Teams, not Slack", "instead of Gmail"). */
  excludedToolkits: Set<number>;
  /** Toolkits suggested by the most words (ties all kept). */
  hintedToolkits: Set<number>;
  actions: QueryActions;
  /** The words that say what the request is about, for `coverage`. */
  content: ContentGroup[];
  /** The language the request was translated from, if any. */
  language?: string;
  /**
   * The terms of the places the request puts something into ("to the Expenses workbook",
   * "into the Finance folder", "onto the Leads sheet"): places that exist already.
   */
  places: Set<string>;
}

const WEIGHT = {
  own: 1,
  corrected: 0.5,
  /** A general related word ("favorite" → star). */
  related: 0.3,
  /** …of a word no tool uses ("lgtm" → approve, review): the related words are all it says. */
  relatedOfUnknown: 0.5,
  /** A toolkit's synonym, searched in that toolkit only ("ticket" → issue in Jira). */
  synonym: 0.55,
  /** A word that describes arguments or says little ("tomorrow", "details"). */
  weak: 0.3,
  /** A word that also names a toolkit: the toolkit field already scores it. */
  naming: 0.5,
  /** The verb that says the action ("add", "archive"): a word of the request like any other; the action factor also weighs what it asks. */
  action: 1,
  /** A word after a qualifier ("…with more than 1000 stars", "…about the launch"): it describes arguments, not the tool. */
  argument: 0.5,
  /** What the request is about without saying it: a time span's events ("clear my afternoon"), a person's contact ("Dana's cell"). */
  implied: 0.5,
  /** The share of what a request is about that its verb has, when the catalog names objects with it ("refund", "comment", "label"). */
  objectVerb: 0.7,
} as const;

/** Words before the place a request puts something into ("add a tab to the workbook"); "to" before a verb is not one ("a sheet to track orders"). */
const INTO_A_PLACE = new Set(["to", "into", "onto"]);

/** Subjects that, right after a noun, open a clause describing it without a "that". */
const RELATIVE_SUBJECTS = new Set(["i", "we", "you", "they", "he", "she"]);

/** What is sent, as terms: a question whether someone sent something looks for these. */
const SENT_THINGS = ["messag", "email"];

/** How much a related term counts towards finding the word it relates to. */
const RELATED_COVERAGE = 0.7;

/** Whether the search knows a term in any role: in a tool, as a verb, keyword, synonym or related word. */
function knownTerm(tables: QueryTables, word: string, term: string): boolean {
  return (
    tables.englishWords.has(word) ||
    tables.hasTerm(term) ||
    Object.hasOwn(tables.english.verbs, term) ||
    Object.hasOwn(tables.english.related, term) ||
    tables.keywordToolkits.has(term) ||
    tables.synonyms.has(term) ||
    tables.toolkitByTerm.has(term)
  );
}

/** A capitalised word inside a sentence: a name ("Marta", "Umbrella Corp"), not a typo. */
const NAME = /(?<![.!?:]\s*|^\s*)\b\p{Lu}\p{Ll}+/gu;

/** An email address: a value of any request, and whom it names. */
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** The first word of each email address in the request ("raj" of raj@acme.com): who it names. */
function addressNames(text: string): string[] {
  return [...text.matchAll(EMAIL)].flatMap((match) => rawWords(match[0].split("@")[0] ?? "").slice(0, 1));
}

/**
 * A capitalised word opening a sentence, as its subject: a name when what follows is said of
 * someone ("Felipe just joined", "Tom is leaving", "Dana still hasn't confirmed", "Kim Studio is
 * no longer a client") or when it is a possessive ("Felipe's laptop"). A request's own first word
 * is its verb ("Create…", "Move…"), and one before a preposition may be a mistyped verb ("Comnent
 * on PR 12"), so that is no cue.
 */
const SUBJECT_NAME = /(?<=^|[.!?]\s+)\p{Lu}\p{Ll}+(?=(?:\s+\p{Lu}[\p{L}&]*)*(?:['’]s\s|\s+(?:is|was|has|had|just|still|needs|wants|started|joined|says|said|asked|will|keeps|got|(?:has|is|was|does|did|ca|wo)n['’]t)\b))/gu;

/** The words of names in the request ("the Payments team", "Umbrella Corp", "Felipe just joined"). */
function nameWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const pattern of [NAME, SUBJECT_NAME]) for (const match of text.matchAll(pattern)) for (const word of rawWords(match[0])) words.add(word);
  return words;
}

function tokensOf(tables: QueryTables, text: string, values: ReadonlySet<string>, names: ReadonlySet<string>): { tokens: QueryToken[]; language?: string } {
  // Never taken for typos: names, and the words of values (see readValues).
  const keep = new Set([...values, ...names]);
  const corrections = new Map<string, string | undefined>();
  const clauses = afterToolMention(tables, withoutLabel(tables.labels, clausesOf(text))).map((clause) => ({ ...clause, words: withoutFillers(tables.fillers, clause.words) }));
  const detected = detectLanguage(tables, clauses.flatMap((clause) => clause.words), values, names);
  const tokens: QueryToken[] = [];
  const sentences: number[] = [];
  for (const clause of clauses) {
    let opening = true;
    let previous: string | undefined;
    for (const rewritten of translate(tables, clause.words, detected, values)) {
      const { translated } = rewritten;
      // Words translated one by one may make a pair only English has as one ("antworte allen" → "reply all").
      const raw = (translated ? joinedWithPrevious(previous, rewritten.word) : undefined) ?? rewritten.word;
      previous = rewritten.word;
      // Decided on the word as written: "docs" in "acme/docs" is a value before it is "documentation".
      const value = !translated && (values.has(raw) || /^\d+$/.test(raw));
      const expansion = canonicalWords(raw);
      for (const word of expansion ?? [raw]) {
        const term = stem(word);
        const stop = isStopWord(word);
        const origin = translated ? "translated" : "own";
        let token: QueryToken = value ? { word, term, stop, origin, value } : { word, term, stop, origin };
        // "PR" is a noun: the "pull" it is written out with asks for nothing ("PR #88 has two approvals. ship it").
        if (expansion && expansion.length > 1) token.expanded = true;
        if (!stop && !/\d/.test(word) && !keep.has(word) && !knownTerm(tables, word, term)) {
          // A repeated word is looked up once.
          // A three-letter word is corrected only where a verb stands, and only to a verb ("snd" → send).
          const key = word.length === 3 ? `${word}${opening ? "!" : ""}` : word;
          if (!corrections.has(key)) corrections.set(key, tables.fuzzy().nearest([word, term], opening ? tables.isVerb : undefined));
          const corrected = corrections.get(key);
          // A toolkit's name, corrected, names the toolkit as if typed right ("stirpe" → stripe).
          if (corrected && tables.toolkitSlugs.has(corrected)) token = { word: corrected, term: stem(corrected), stop: false, origin: "corrected" };
          // A misspelt participle still describes ("my asigned issues" lists them, it assigns nothing).
          else if (corrected) token = { word: "", term: corrected, stop: false, origin: "corrected", ...(word.endsWith("ed") && word.length > 4 ? { participle: true } : {}) };
        }
        if (opening && !token.stop) {
          token.clauseStart = true;
          if (clause.afterColon) token.afterColon = true;
          opening = false;
        }
        tokens.push(token);
        sentences.push(clause.sentence);
      }
    }
  }
  markContext(tables, tokens, sentences, new Set(clauses.flatMap((clause) => (clause.question ? [clause.sentence] : []))));
  return detected === undefined ? { tokens } : { tokens, language: detected.lexicon.code };
}

/** The terms, scoped terms and toolkit hints a request adds up to, as its words are read. */
class TermCollector {
  readonly own = new Map<string, number>();
  readonly #related = new Map<string, number>();
  readonly #scoped = new Map<string, WeightedTerm>();
  readonly #hints = new Map<number, number>();

  related(terms: readonly string[], weight: number = WEIGHT.related): void {
    for (const term of terms) this.#related.set(term, Math.max(weight, this.#related.get(term) ?? 0));
  }

  /** A synonym's words share its weight: "archive" → "move message folder" is worth one word, not three. */
  scoped(toolkit: number, terms: readonly string[]): void {
    const weight = WEIGHT.synonym / Math.sqrt(Math.max(1, terms.length));
    for (const term of terms) {
      const key = `${toolkit}:${term}`;
      this.#scoped.set(key, { term, weight: Math.max(weight, this.#scoped.get(key)?.weight ?? 0), toolkit });
    }
  }

  hint(toolkits: readonly number[]): void {
    for (const t of toolkits) this.#hints.set(t, (this.#hints.get(t) ?? 0) + 1);
  }

  /** The toolkits suggested by the most words (ties all kept). */
  hintedToolkits(): Set<number> {
    const most = Math.max(0, ...this.#hints.values());
    return new Set([...this.#hints].filter(([, count]) => count === most).map(([t]) => t));
  }

  terms(): WeightedTerm[] {
    const terms: WeightedTerm[] = [];
    for (const [term, weight] of this.#related) if (!this.own.has(term)) terms.push({ term, weight });
    for (const [term, weight] of this.own) terms.push({ term, weight });
    for (const entry of this.#scoped.values()) if (!this.own.has(entry.term)) terms.push(entry);
    return terms;
  }
}

/**
 * Two neighbouring content words: "hacker news" names a toolkit, "free slot" is a keyword, "pull
 * request" may be a synonym. Returns the words that would name a toolkit but stand in a pair that
 * is another toolkit's keyword or synonym: they name none ("balance sheet" is Xero's, not Google
 * Sheets'; "tech stack" is no Stack Exchange).
 */
function readPairs(tables: QueryTables, tokens: readonly QueryToken[], collector: TermCollector, named: Set<number>): Set<QueryToken> {
  const inOtherVocabulary = new Set<QueryToken>();
  const content = tokens.filter((token) => !token.stop);
  for (let k = 0; k + 1 < content.length; k++) {
    const first = content[k];
    const second = content[k + 1];
    if (!first || !second) continue;
    const toolkit = tables.toolkitByTerm.get(`${first.word}${second.word}`) ?? tables.toolkitByTerm.get(`${first.term}${second.term}`);
    if (toolkit !== undefined) named.add(toolkit);
    const pair = `${first.term} ${second.term}`;
    const keywordOf = tables.keywordToolkits.get(pair) ?? [];
    const synonyms = tables.synonyms.get(pair) ?? [];
    collector.hint(keywordOf);
    for (const synonym of synonyms) collector.scoped(synonym.toolkit, synonym.terms);
    const pairToolkits = [...keywordOf, ...synonyms.map((synonym) => synonym.toolkit)];
    for (const word of pairToolkits.length > 0 && toolkit === undefined ? [first, second] : []) {
      const wordNames = tables.toolkitByTerm.get(word.term);
      if (wordNames !== undefined && !pairToolkits.includes(wordNames)) inOtherVocabulary.add(word);
    }
  }
  return inOtherVocabulary;
}

/** Values every request may carry, whatever the toolkits: email addresses, URLs and domain names. */
const GENERIC_VALUES = new RegExp(`${EMAIL.source}|\\bhttps?:\\/\\/\\S+|\\b(?:[a-z0-9-]+\\.)+(?:com|org|net|io|dev|app|co|ai)\\b`, "gi");

/**
 * Quoted text: a title, a name or words to look for ("a card \"Vendor onboarding\"", „Rechnungen
 * prüfen“, «Facture»), which the request gives the tool, not what it asks for. A single quote
 * counts only around whole words, so an apostrophe ("Sam's") opens nothing.
 */
const QUOTED = /"[^"\n]{1,100}"|“[^”\n]{1,100}”|„[^“”\n]{1,100}[“”]|«[^»\n]{1,100}»|(?<=^|\s)'[^'\n]{1,100}'(?=$|[\s,.;:!?])/gu;

/**
 * Values in the request's own text: addresses, URLs, quoted text, and what toolkits' patterns
 * recognise ("acme/api", "PAY-77"; each suggests its toolkit and searches its words there).
 * The words inside the values are arguments, not what the request is about, and never typos.
 */
function readValues(tables: QueryTables, query: string): { words: Set<string>; matched: { text: string; toolkit: number; terms: readonly string[] }[] } {
  const words = new Set<string>();
  const matched: { text: string; toolkit: number; terms: readonly string[] }[] = [];
  // "dev@acme.com" is an address, not the DEV toolkit; "files.com" in a URL is not Files.com.
  for (const match of query.matchAll(GENERIC_VALUES)) for (const word of rawWords(match[0])) words.add(word);
  for (const match of query.matchAll(QUOTED)) for (const word of rawWords(match[0])) words.add(word);
  // Every value a pattern finds: "get him into #frontend and #standup" names two channels.
  for (const { pattern, toolkit, terms } of tables.patterns) {
    for (const match of query.matchAll(pattern)) {
      matched.push({ text: match[0].trim(), toolkit, terms });
      for (const word of rawWords(match[0])) words.add(word);
    }
  }
  return { words, matched };
}

/** What a word of the request is, for its weight. */
interface WordRole {
  naming: boolean;
  weak: boolean;
  argument: boolean;
  action: boolean;
  corrected: boolean;
}

function wordWeight(role: WordRole): number {
  if (role.naming) return WEIGHT.naming;
  if (role.weak) return WEIGHT.weak;
  if (role.argument) return WEIGHT.argument;
  if (role.action) return WEIGHT.action;
  return role.corrected ? WEIGHT.corrected : WEIGHT.own;
}

/** The position of the content word before `i` (stop words skipped), or -1. */
function previousContentToken(tokens: readonly QueryToken[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (!tokens[j]?.stop) return j;
  return -1;
}

/** Words before a noun that make it one thing ("a", "this") or many ("all", "every", a number above one). */
const SINGULAR_DETERMINERS = new Set(["a", "an", "one", "this", "that", "single"]);
const PLURAL_DETERMINERS = new Set(["all", "every", "each", "these", "those", "many", "several", "some", "few", "recent", "latest", "last"]);

/**
 * A request to read that could mean one thing or many ("show", "see", "fetch") is settled by
 * the grammatical number of what it reads: "show the last 10 commits" lists, "show a commit"
 * gets. The other reading stays a secondary action (a near match), not a wrong one.
 */
function settleReadNumber(tokens: readonly QueryToken[], actions: QueryActions, head: number): void {
  const { primary, secondary } = actions;
  if (actions.assumed || !primary.has("get") || !primary.has("list")) return;
  const noun = tokens[head];
  if (!noun || noun.origin !== "own") return;
  let plural = isPlural(noun.word, noun.term);
  for (let j = head - 1; j >= 0 && j >= head - 3; j--) {
    const before = tokens[j]?.word ?? "";
    if (SINGULAR_DETERMINERS.has(before)) plural = false;
    else if (PLURAL_DETERMINERS.has(before) || (/^\d+$/.test(before) && before !== "1")) plural = true;
    else continue;
    break;
  }
  const demote = (action: string) => {
    primary.delete(action);
    secondary.add(action);
  };
  if (plural) demote("get");
  // One thing only when marked as one right before it ("a label"), not when merely unmarked ("the label").
  else if (!isPlural(noun.word, noun.term) && SINGULAR_DETERMINERS.has(tokens[head - 1]?.word ?? "")) demote("list");
}

/** A request about one identified item and nothing else ("PAY-12", "acme/api#4") reads that item. */
function readOneItem(actions: QueryActions): void {
  for (const action of ["list", "search"]) if (actions.primary.delete(action)) actions.secondary.add(action);
  actions.primary.add("get");
  actions.assumed = false;
}

/** Words between a negation and the app it rules out ("not in Slack", "instead of via Gmail"). */
const NEGATED_APP_LINKS = new Set(["in", "on", "via", "through", "with", "using", "from", "to", "the"]);

/** Whether the word at `i` follows "not", "instead of", "rather than", "other than" or "except" ("post it on Teams, not Slack"). */
function negated(tokens: readonly QueryToken[], i: number): boolean {
  let j = i - 1;
  while (j >= 0 && j >= i - 3 && NEGATED_APP_LINKS.has(tokens[j]?.word ?? "")) j--;
  const word = tokens[j]?.word;
  const before = tokens[j - 1]?.word;
  return word === "not" || word === "except" || (word === "of" && before === "instead") || (word === "than" && (before === "rather" || before === "other"));
}

/** Words before an app that say the request goes through it ("via SendGrid"), or, before "our" or "my", that it happens in it ("on our Discord"). */
const THROUGH = new Set(["via", "through", "using"]);
const IN_OURS = new Set(["on", "in"]);
const OURS = new Set(["our", "my"]);

/**
 * The positions of the text to write: from `messageFrom` to the end of its clause (none when
 * -1), but for the app it is written in ("announce the winners in #community on our Discord",
 * "send it via SendGrid"): that names the app, it is not what the message says.
 */
function messageWords(tables: QueryTables, tokens: readonly QueryToken[], messageFrom: number): Set<number> {
  const positions = new Set<number>();
  if (messageFrom < 0) return positions;
  for (let i = messageFrom; i < tokens.length && (i === messageFrom || !tokens[i]?.clauseStart); i++) positions.add(i);
  for (const i of positions) {
    if (!tables.toolkitByTerm.has(tokens[i]?.term ?? "")) continue;
    const before = tokens[i - 1]?.word ?? "";
    const inOurs = OURS.has(before) && IN_OURS.has(tokens[i - 2]?.word ?? "");
    if (THROUGH.has(before) || inOurs) positions.delete(i);
  }
  return positions;
}

/**
 * Whether the request sends something to a #channel ("post the weekly merged PR roundup in
 * #eng"): then what it sends is the message, whose words say what the message is about, not
 * which tool posts it. Not an emoji dropped on a post ("drop a 🎉 on the latest post in #launches").
 */
function postsToAChannel(actions: QueryActions, matched: readonly { text: string }[], tokens: readonly QueryToken[]): boolean {
  return actions.primary.has("send") && actions.primaryWords.size > 0 && matched.some((m) => m.text.startsWith("#")) && !tokens.some((t) => t.word === "emoji");
}

/**
 * A request whose only object is a span of the requester's time ("clear my afternoon", "what
 * does my Thursday look like", "do I have anything Friday morning?") is about what fills it:
 * its events (en.json `timeSpans`). Elsewhere such words say when, and stay weak ("send it
 * tomorrow", "anything from Sequoia since Friday?"). Weighed below a word the request says, so
 * a to-do list still counts ("what do I still have to do today?").
 */
function timeSpanContent(tables: QueryTables, tokens: readonly QueryToken[], message: ReadonlySet<number>, collector: TermCollector): ContentGroup[] {
  const isSpan = (token: QueryToken, i: number) => tables.timeSpans.has(token.word) && !token.value && !token.context && !message.has(i);
  // "since Friday": the bound of a range; "Friday morning" after it, still the bound.
  const bounded = (i: number): boolean => {
    const before = tokens[i - 1];
    return before !== undefined && (tables.timeBounds.has(before.word) || (isSpan(before, i - 1) && bounded(i - 1)));
  };
  const spans = tokens.some((token, i) => isSpan(token, i) && !bounded(i));
  return spans ? [filledContent(tables.english.timeSpans.fill, collector)] : [];
}

/** What the request is about without saying it (`fill`: a time span's events, a person's contact), weighed as implied. */
function filledContent(fill: readonly string[], collector: TermCollector): ContentGroup {
  const terms = new Map<string, number>();
  for (const term of fill) {
    terms.set(term, 1);
    collector.own.set(term, Math.max(collector.own.get(term) ?? 0, WEIGHT.implied));
  }
  return { weight: WEIGHT.implied, terms };
}

/** The token read as another word ("cell" as phone, "see" as access), as if the request had said it. */
function reworded(token: QueryToken, word: string): QueryToken {
  return { ...token, word, term: stem(word) };
}

/**
 * A detail asked of someone ("What's Melissa Chen's cell?", "Dana's phone number", "raj's
 * address"), as en.json `contactDetails` lists them: the word becomes the catalog's ("cell" is a
 * phone, not a spreadsheet's), and returns whether there was one. The owner is a person or a
 * word no tool is named after ("the invoice's number" asks no contact), and the detail ends its
 * noun phrase ("Jin's phone screen" is an interview).
 */
function readContactDetails(tables: QueryTables, tokens: QueryToken[]): boolean {
  const { words } = tables.english.contactDetails;
  let found = false;
  for (let i = 2; i < tokens.length; i++) {
    const detail = tokens[i];
    const owner = tokens[i - 2];
    if (!detail || !owner || tokens[i - 1]?.word !== "s" || detail.value || !Object.hasOwn(words, detail.word)) continue;
    if (owner.stop || (!owner.person && (tables.isSlugTerm(owner.term) || tables.toolkitByTerm.has(owner.term)))) continue;
    const next = tokens[i + 1];
    const endsPhrase = !next || next.stop || next.value === true || Object.hasOwn(words, next.word);
    if (!endsPhrase) continue;
    tokens[i] = reworded(detail, words[detail.word] ?? detail.word);
    found = true;
  }
  return found;
}

/** Words between "who" and the verb of a question who did something ("who's already starred…", "who has actually joined…"). */
const BEFORE_THE_DEED = new Set(["s", "has", "have", "had", "already", "actually", "just", "all", "else", "ever", "been", "recently"]);

/**
 * A question who did something ("who starred acme/api?", "who's joined the call?", "show me who
 * changed what on FIN-120") asks for those who did it, as the catalog names them (en.json
 * `doers`: stargazers, participants, the changelog); undefined when it is no such question.
 */
function whoDidIt(tables: QueryTables, tokens: readonly QueryToken[]): readonly string[] | undefined {
  const who = tokens.findIndex((token) => token.word === "who");
  if (who < 0) return undefined;
  let i = who + 1;
  while (BEFORE_THE_DEED.has(tokens[i]?.word ?? "")) i++;
  const deed = tokens[i];
  if (!deed) return undefined;
  const term = Object.hasOwn(tables.english.doers, deed.term) ? deed.term : `${deed.term}e`;
  return Object.hasOwn(tables.english.doers, term) ? tables.english.doers[term] : undefined;
}

export function parseQuery(tables: QueryTables, text: string): ParsedQuery {
  const query = withEmojiAsWords(unquoted(text));
  const values = readValues(tables, query);
  const valueWords = values.words;
  const names = nameWords(query);
  const { tokens, language } = tokensOf(tables, query, valueWords, names);
  // People: whom an address names, and names that are no tool's word, app, verb or day ("Pull Request", "Jira", "Mark", "Friday" are not).
  const addresses = new Set(addressNames(query));
  const isPerson = (token: QueryToken) =>
    addresses.has(token.word) ||
    (names.has(token.word) && !tables.isSlugTerm(token.term) && !tables.toolkitByTerm.has(token.term) && !tables.isVerb(token.term) && !tables.weakWords.has(token.word));
  for (const token of tokens) if (token.word !== "" && isPerson(token)) token.person = true;
  const asksForDetails = readContactDetails(tables, tokens);
  // "who can see the roadmap doc?", "the auditors should be able to see the folder": about access to it.
  const accessAt = accessVerbAt(tokens);
  const accessVerb = tokens[accessAt];
  if (accessVerb && !accessVerb.context) tokens[accessAt] = reworded(accessVerb, "access");
  // Context asks for no action: its words are read as if they were not there.
  const actions = queryActions(tables, tokens.map((token) => (token.context ? { ...token, word: "", stop: true } : token)));
  const collector = new TermCollector();
  const content: ContentGroup[] = [];
  // What a value stands for is part of what the request is about ("comment on acme/docs#77": a
  // repository), as a toolkit's synonym would be: its terms count only among the toolkits whose
  // patterns recognised it. One value is one group, however many toolkits recognise it ("#general").
  const valueGroups = new Map<string, ContentGroup>();
  for (const { text, toolkit, terms } of values.matched) {
    collector.hint([toolkit]);
    collector.scoped(toolkit, terms);
    let group = valueGroups.get(text);
    if (!group) valueGroups.set(text, (group = { weight: WEIGHT.synonym, terms: new Map(), scopes: new Map() }));
    for (const term of terms) {
      group.terms.set(term, 1);
      group.scopes?.set(term, (group.scopes.get(term) ?? new Set()).add(toolkit));
    }
  }
  content.push(...valueGroups.values());
  const namedToolkits = new Set<number>();
  const excludedToolkits = new Set<number>();
  if (actions.messageFrom < 0 && postsToAChannel(actions, values.matched, tokens)) actions.messageFrom = Math.max(...actions.primaryWords) + 1;
  const message = messageWords(tables, tokens, actions.messageFrom);
  const inOtherVocabulary = readPairs(tables, tokens.filter((token, i) => !message.has(i) && !token.value), collector, namedToolkits);
  const { qualifiers, weakWords, attributes } = tables;
  // A question about an identified item ("what's the status of PAY-12?", "who owns OPS-58?")
  // reads that item: its attributes are what the item's tool returns, not what tools are named
  // after (Linear's workflow states, Jira's statuses), so they are left out.
  const asksOfItem = values.matched.length > 0 && (actions.assumed || [...actions.primary].every((action) => READ.includes(action)));
  let describing = false;
  /** Whether the words read now name the place the request puts something into. */
  let inPlace = false;
  const places = new Set<string>();
  const asksQuestion = opensQuestion(tokens.filter((token) => !token.context));
  const whether = askedWhether(tokens);
  /** Whether the request asks if something was sent, and the last word that says so. */
  let asksWhetherSent = false;
  let sentUntil = -1;
  /** The first word of what the request is about (its head noun), after the action. */
  let head = -1;
  /** The token of the last content group, to join two adjacent words that name one thing. */
  let lastContentToken = -2;
  for (const [i, token] of tokens.entries()) {
    const { term } = token;
    if (token.clauseStart) {
      describing = false;
      inPlace = false;
    }
    if (INTO_A_PLACE.has(token.word) && !(token.word === "to" && tables.isVerb(tokens[i + 1]?.term ?? ""))) inPlace = true;
    if (asksOfItem && attributes.has(term)) continue;
    if (qualifiers.has(token.word) || i === actions.messageFrom) describing = true;
    // A subject right after what the request is about opens a clause that describes it ("the
    // channels I could join", "the message I sent by mistake"): its words are not the request's.
    if (head >= 0 && i === lastContentToken + 1 && RELATIVE_SUBJECTS.has(token.word)) describing = true;
    // The text to write names no toolkit either ("create an issue: Gmail sync fails").
    const inValue = token.value === true || message.has(i);
    // A value is its own words: "a project called 'Billing v2'" is not about invoices.
    const related = !inValue && Object.hasOwn(tables.english.related, term) ? (tables.english.related[term] ?? []) : [];
    // A question whether something was sent ("did Bob ever reply?", "who haven't I answered?") is
    // about messages. Asked with a phrase ("has Alvarez written back?", "…whether the client ever
    // got back to me"), the phrase's words name no tool ("written" found articles): they weigh
    // little, and the messages are what the request is about.
    const sending = actions.assumed && !inValue && !token.stop ? sendingEndsAt(tables.english, tokens, i) : -1;
    const asked = sending > i && (asksQuestion || (i > whether.from && i < whether.to));
    if (asked) {
      asksWhetherSent = true;
      sentUntil = Math.max(sentUntil, sending);
    }
    const relatedTerms = sending >= 0 && !asked ? [...related, ...SENT_THINGS.filter((t) => t !== term && !related.includes(t))] : related;
    // A word no tool uses ("lgtm") says what it means only through its related words.
    collector.related(relatedTerms, token.stop || tables.hasTerm(term) ? WEIGHT.related : WEIGHT.relatedOfUnknown);
    if (token.stop) continue;
    const groupTerms = new Map<string, number>([[term, 1]]);
    for (const r of relatedTerms) groupTerms.set(r, RELATED_COVERAGE);
    // A synonym covers the word only among its toolkit's tools, where it is searched; a word of
    // context only suggests its toolkits, and brings none.
    const scopes = new Map<string, Set<number>>();
    for (const synonym of inValue || token.context ? [] : (tables.synonyms.get(term) ?? [])) {
      collector.scoped(synonym.toolkit, synonym.terms);
      for (const s of synonym.terms) {
        if (groupTerms.has(s) && !scopes.has(s)) continue;
        groupTerms.set(s, RELATED_COVERAGE);
        scopes.set(s, (scopes.get(s) ?? new Set()).add(synonym.toolkit));
      }
    }
    const isAction = actions.primaryWords.has(i);
    // "strip the tags" asks to strip: the action word names no toolkit (Stripe).
    const named = inValue || isAction || inOtherVocabulary.has(token) ? undefined : tables.toolkitByTerm.get(term);
    // Context only suggests the toolkits it names ("We finished the calendar review. …").
    if (named !== undefined && token.context) collector.hint([named]);
    else if (named !== undefined && negated(tokens, i)) excludedToolkits.add(named);
    else if (named !== undefined) namedToolkits.add(named);
    // What the request is about suggests toolkits; what it says of the tool's arguments does not ("…called Billing").
    const describesArguments = describing || inValue;
    // …and so does a noun the request opens with as its verb ("toot that we're hiring": Mastodon's word).
    const nounAsVerb = isAction && Object.hasOwn(tables.english.leadingVerbs, token.word);
    if ((!isAction || nounAsVerb) && !describesArguments) collector.hint(tables.keywordToolkits.get(term) ?? []);
    const shared = inValue ? undefined : tables.sharedNameTerms.get(term);
    if (shared) collector.hint(shared);
    const suggested = tables.nameHints.get(term);
    if (suggested !== undefined && !describesArguments) collector.hint([suggested]);
    // The toolkit's own slug ("github") is all toolkit field; its name words ("calendar") are content too.
    if (named !== undefined && tables.toolkitSlugs.has(term)) continue;
    if (inPlace && !inValue) for (const t of groupTerms.keys()) places.add(t);
    const role: WordRole = {
      naming: named !== undefined || shared !== undefined,
      weak: weakWords.has(token.word) || token.context === true || i <= sentUntil,
      argument: describesArguments,
      action: isAction,
      corrected: token.origin === "corrected",
    };
    const weight = wordWeight(role);
    collector.own.set(term, Math.max(collector.own.get(term) ?? 0, weight));
    // What the request is about: the words of it that tools are named with ("issue", "label"),
    // other than the action itself and the toolkit; values ("octocat", "Q3") are not.
    const describesTools = [...groupTerms.keys()].some((t) => tables.isSlugTerm(t)) || tables.keywordToolkits.has(term);
    // A verb the catalog names tools' objects with ("refund the payment") is also what the request is about.
    const objectVerb = role.action && tables.objectVerbs.has(term);
    if (describesTools && (!role.action || objectVerb) && !role.naming && !role.weak && !role.argument) {
      const last = content.at(-1);
      if (last && !last.with && lastContentToken === previousContentToken(tokens, i) && tables.compounds.has(`${tokens[lastContentToken]?.term} ${term}`)) {
        last.with = groupTerms;
        if (scopes.size > 0) last.withScopes = scopes;
        last.weight += weight;
      } else {
        const share = objectVerb ? WEIGHT.objectVerb : weight;
        content.push(scopes.size > 0 ? { weight: share, terms: groupTerms, scopes } : { weight: share, terms: groupTerms });
      }
      lastContentToken = i;
      // The head is the noun the action reads ("show the commits"), not the verb.
      if (head < 0 && !objectVerb) head = i;
    }
  }
  if (asksWhetherSent) content.push(filledContent(SENT_THINGS, collector));
  const doers = whoDidIt(tables, tokens);
  if (doers) content.push(filledContent(doers, collector));
  if (asksForDetails) content.push(filledContent(tables.english.contactDetails.fill, collector));
  // A request about nothing but a span of time, or about what holds one ("what's on my calendar
  // Thursday?": that day's events, not calendars), is about what fills it; a message is sent at
  // a time, not about it ("tell Ana today that the fix ships Thursday").
  const onlyHolders = content.length > 0 && content.every((group) => tables.timeHolders.has(group.terms.keys().next().value ?? "") && !group.with);
  if ((content.length === 0 || onlyHolders) && !asksOfItem && !actions.primary.has("send")) content.push(...timeSpanContent(tables, tokens, message, collector));
  settleReadNumber(tokens, actions, head);
  if (asksOfItem && head < 0) readOneItem(actions);
  return {
    tokens,
    terms: collector.terms(),
    namedToolkits,
    excludedToolkits,
    hintedToolkits: collector.hintedToolkits(),
    actions,
    content,
    places,
    ...(language === undefined ? {} : { language }),
  };
}

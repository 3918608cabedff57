import { opensQuestion, queryActions, READ, sendingEndsAt, type QueryActions } from "./search-actions.ts";
import { sends } from "./search-action-cues.ts";
import type { FuzzyVocabulary } from "./search-fuzzy.ts";
import { actsOnAnAddress, heldByASpan, keptTimeAt, messageWords, movedInTimeAt, movedToATime, nudgedToAPlace, negated, newThingsFields, postsToAChannel, previousContentToken, readContactDetails, readOneItem, reworded, settleReadNumber, timeSpanContent, valueActedOn, whoDidIt } from "./search-query-readings.ts";
import { filledContent, readPairs, TermCollector, WEIGHT, wordWeight, type WordRole } from "./search-query-terms.ts";
import { tokensOf } from "./search-query-tokens.ts";
import { addressNames, nameWords, readValues } from "./search-query-values.ts";
import { rawWords, stem, type ScriptGroup } from "./search-text.ts";
import { unquoted, withArrowsAsWords, withEmojiAsWords, withFrontedPhraseLast } from "./search-request.ts";
import { accessVerbAt, askedWhether, fallenOutOfUse } from "./search-situations.ts";
import type { LexiconCandidate, PreparedLexicon } from "./search-translate.ts";
import type { CompiledEnglish } from "./search-vocabulary.ts";

/**
 * A request, read for the ranker: translated when written in another language, typos
 * corrected, its action recognised (search-actions.ts), the toolkits it names or hints at,
 * and the weighted terms to look up, some only within one toolkit (that toolkit's synonyms).
 *
 * `parseQuery` reads a request in that order, with a module per step: its values and names
 * (search-query-values.ts), its tokens (search-query-tokens.ts), the terms and hints its words
 * add up to (search-query-terms.ts), and readings of constructions that settle what the words
 * alone leave open (search-query-readings.ts).
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
  /** Plain verbs that move a thing to a time ("push", "bump"). */
  timeMovers: ReadonlySet<string>;
  /** Plain verbs that keep a span of time, given one ("hold", "block"; en.json `timeSpans.keepers`). */
  timeKeepers: ReadonlySet<string>;
  qualifiers: ReadonlySet<string>;
  attributes: ReadonlySet<string>;
  /** The other languages' lexicons written in these scripts, each read on first use. */
  lexicons: (scripts: readonly ScriptGroup[]) => readonly PreparedLexicon[];
  /** The same, unread, each with how many of these words its Bloom filter says may be its own. */
  lexiconCandidates: (scripts: readonly ScriptGroup[], words: readonly string[]) => readonly LexiconCandidate[];
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
  /** Lower-cased words that name a toolkit when capitalised inside a sentence ("teams" → Outlook). */
  capitalisedNames: ReadonlyMap<string, number>;
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
  /** Translated from a plural noun ("risposte" → "reply"): English's own words show it in their form. */
  plural?: boolean;
  /** In a sentence that ends with a question mark. */
  asking?: boolean;
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
  /**
   * The weight of the request's words that no tool, synonym or related word knows, values, names,
   * context and weak words aside ("set the thermostat", "a Todoist task"): what it asks that the
   * catalog has never heard of. Ranking ignores them; whether a hit fits counts them (search-relevance.ts).
   */
  unheard: number;
  /** Those words, as written (folded), for telling an agent why nothing fits. */
  unheardWords: string[];
  /** The language the request was translated from, if any. */
  language?: string;
  /**
   * The terms of the places the request puts something into ("to the Expenses workbook",
   * "into the Finance folder", "onto the Leads sheet"): places that exist already.
   */
  places: Set<string>;
}
/** Words before the place a request puts something into ("add a tab to the workbook"); "to" before a verb is not one ("a sheet to track orders"). */
const INTO_A_PLACE = new Set(["to", "into", "onto"]);

/** What a thing fallen out of use becomes, as the catalog's terms say it. */
const ARCHIVED = [stem("archive")];

/** Prepositions that, after the head, open a phrase saying where it is or whose it is ("the card on the Patel board", "the profile of user octocat"). */
const MODIFYING = new Set(["on", "in", "at", "from", "of", "within", "inside", "under"]);

/** Subjects that, right after a noun, open a clause describing it without a "that". */
const RELATIVE_SUBJECTS = new Set(["i", "we", "you", "they", "he", "she"]);

/** What is sent, as terms: a question whether someone sent something looks for these. */
const SENT_THINGS = ["messag", "email"];

/** How much a related term counts towards finding the word it relates to. */
const RELATED_COVERAGE = 0.7;

export function parseQuery(tables: QueryTables, text: string): ParsedQuery {
  const query = withFrontedPhraseLast(withArrowsAsWords(tables.isVerb, withEmojiAsWords(unquoted(text))));
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
  // "bump the Logo card over to Done" moves it, in the word tools use.
  const nudgedAt = nudgedToAPlace(tables, tokens);
  if (nudgedAt >= 0) tokens[nudgedAt] = reworded(tokens[nudgedAt] as QueryToken, "move");
  // "hold Friday 11am for the viewing" schedules what fills the time, in the word tools use.
  const keptAt = keptTimeAt(tables, tokens);
  if (keptAt >= 0) tokens[keptAt] = reworded(tokens[keptAt] as QueryToken, "schedule");
  // Context asks for no action: its words are read as if they were not there.
  const readActions = () => queryActions(tables, tokens.map((token) => (token.context ? { ...token, word: "", stop: true } : token)));
  let actions = readActions();
  // With no verb of its own, a thing said to have moved to a time is to be rescheduled ("the site visit slid to Thursday").
  const rescheduledAt = actions.assumed ? movedInTimeAt(tables, tokens) : -1;
  if (rescheduledAt >= 0) {
    tokens[rescheduledAt] = reworded(tokens[rescheduledAt] as QueryToken, "reschedule");
    actions = readActions();
  }
  const collector = new TermCollector();
  const content: ContentGroup[] = [];
  /** Content groups that are only the request's own verb, which the catalog also names objects with ("clear my afternoon"). */
  const actedOnlyBy = new Set<ContentGroup>();
  // What a value stands for is part of what the request is about ("comment on acme/docs#77": a
  // repository), as a toolkit's synonym would be: its terms count only among the toolkits whose
  // patterns recognised it. One value is one group, however many toolkits recognise it ("#general").
  // A value acted on that only one toolkit's patterns read weighs as the request's own words;
  // one that several read (an address, an issue key) says less about which tool it is for.
  const actedOn = valueActedOn(tokens, actions);
  const valueGroups = new Map<string, ContentGroup>();
  // Values of one kind suggest their toolkit once: three addresses are no more a mail request than one.
  const hintedBy = new Set<string>();
  /** The toolkits each value's kind suggests, applied once the named toolkits are known. */
  const valueHints: { text: string; toolkit: number }[] = [];
  for (const { text, toolkit, terms } of values.matched) {
    const kind = `${toolkit}:${terms.join(" ")}`;
    if (!hintedBy.has(kind)) valueHints.push({ text, toolkit });
    hintedBy.add(kind);
    const sole = values.matched.filter((other) => other.text === text).length === 1;
    collector.scoped(toolkit, terms, sole && actedOn !== undefined && rawWords(text).includes(actedOn) ? WEIGHT.own : WEIGHT.synonym);
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
  const message = messageWords(tables, tokens, actions.messageFrom, sends(actions.primary));
  const inOtherVocabulary = readPairs(tables, tokens.filter((token, i) => !message.has(i) && !token.value), collector, namedToolkits);
  const { qualifiers, weakWords, attributes } = tables;
  // A question about an identified item ("what's the status of PAY-12?", "who owns OPS-58?")
  // reads that item: its attributes are what the item's tool returns, not what tools are named
  // after (Linear's workflow states, Jira's statuses), so they are left out.
  // A value with an "@" (an address, an @mention) is a person, whose owner or status no question
  // asks ("the HubSpot owner ID for sara@…" asks for owners).
  const asksOfItem = values.matched.some((value) => !value.text.includes("@")) && (actions.assumed || [...actions.primary].every((action) => READ.includes(action)));
  let describing = false;
  /** Whether the words read now name the place the request puts something into. */
  let inPlace = false;
  /** Whether the words read now are in a phrase that modifies the head ("…on the Patel board"). */
  let modifying = false;
  const places = new Set<string>();
  let unheard = 0;
  const unheardWords: string[] = [];
  const asksQuestion = opensQuestion(tokens.filter((token) => !token.context));
  const whether = askedWhether(tokens);
  /** Whether the request asks if something was sent, and the last word that says so. */
  let asksWhetherSent = false;
  let sentUntil = -1;
  /** The first word of what the request is about (its head noun), after the action. */
  let head = -1;
  /** The token of the last content group, to join two adjacent words that name one thing. */
  let lastContentToken = -2;
  // "nobody has posted in #launch-2023 in a year": how the thing was used is no object.
  const outOfUse = actions.primaryWords.size === 0 && actions.primary.has("delete") ? fallenOutOfUse(tokens) : -1;
  // The fields a request gives the thing it creates ("…, priority High, 5 story points") describe it.
  const fields = newThingsFields(tables, tokens, actions);
  for (const [i, token] of tokens.entries()) {
    const { term } = token;
    if (token.clauseStart) {
      describing = false;
      inPlace = false;
      modifying = false;
    }
    if (head >= 0 && MODIFYING.has(token.word)) modifying = true;
    if (fields.has(i)) describing = true;
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
    const named = inValue || isAction || inOtherVocabulary.has(token) ? undefined : (tables.toolkitByTerm.get(term) ?? (names.has(token.word) ? tables.capitalisedNames.get(token.word) : undefined));
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
      weak: weakWords.has(token.word) || token.context === true || i <= sentUntil || i === outOfUse,
      argument: describesArguments,
      action: isAction,
      corrected: token.origin === "corrected",
    };
    const weight = wordWeight(role);
    collector.own.set(term, Math.max(collector.own.get(term) ?? 0, weight));
    if (!role.weak && !role.argument && !role.naming && !token.person && groupTerms.size === 1 && !tables.hasTerm(term) && !tables.keywordToolkits.has(term)) {
      unheard += weight;
      if (!unheardWords.includes(token.word)) unheardWords.push(token.word);
    }
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
        // What the action reads (its head) says more about the tool than where that is: "archive the
        // card on the Patel board" archives a card. Tune r1 +9 −6, r5 +3 −1.
        const share = (objectVerb ? WEIGHT.objectVerb : weight) * (modifying ? WEIGHT.modifier : 1);
        const group: ContentGroup = scopes.size > 0 ? { weight: share, terms: groupTerms, scopes } : { weight: share, terms: groupTerms };
        content.push(group);
        if (objectVerb) actedOnlyBy.add(group);
      }
      lastContentToken = i;
      // The head is the noun the action reads ("show the commits"), not the verb.
      if (head < 0 && !objectVerb) head = i;
    }
  }
  // A value several toolkits read ("#help") is the named one's when the request names one of
  // them ("our Discord #help channel"): it suggests the others no more.
  for (const { text, toolkit } of valueHints) {
    const readers = values.matched.filter((value) => value.text === text).map((value) => value.toolkit);
    if (namedToolkits.has(toolkit) || !readers.some((t) => namedToolkits.has(t))) collector.hint([toolkit]);
  }
  if (asksWhetherSent) content.push(filledContent(SENT_THINGS, collector));
  // A thing nobody uses anymore, read as the action, is to be archived: tools say so.
  if (outOfUse >= 0) content.push(filledContent(ARCHIVED, collector));
  // Someone's access to a thing, read as the action ("the interns shouldn't have access to the
  // board materials anymore"), is also what the request is about: the thing's permissions.
  if (accessVerb && !accessVerb.context && actions.primaryWords.has(accessAt)) {
    const terms = new Map<string, number>([["access", 1]]);
    for (const r of tables.english.related["access"] ?? []) terms.set(r, RELATED_COVERAGE);
    content.push({ weight: WEIGHT.implied, terms });
  }
  const doers = whoDidIt(tables, tokens);
  if (doers) content.push(filledContent(doers, collector));
  if (asksForDetails) content.push(filledContent(tables.english.contactDetails.fill, collector));
  if (movedToATime(tables, tokens, actions) || heldByASpan(tables, tokens) || keptAt >= 0) content.push(filledContent(tables.english.timeSpans.fill, collector));
  if (actsOnAnAddress(tokens, actions, addresses)) {
    const { addressObject, related } = tables.english;
    content.push(filledContent(addressObject, collector));
    collector.related(addressObject.flatMap((term) => related[term] ?? []));
  }
  // A request about nothing but a span of time, or about what holds one ("what's on my calendar
  // Thursday?": that day's events, not calendars), is about what fills it; a message is sent at
  // a time, not about it ("tell Ana today that the fix ships Thursday").
  const onlyHolders = content.length > 0 && content.every((group) => tables.timeHolders.has(group.terms.keys().next().value ?? "") && !group.with);
  const onlyItsVerb = content.every((group) => actedOnlyBy.has(group));
  if ((onlyItsVerb || onlyHolders) && !asksOfItem && !sends(actions.primary)) content.push(...timeSpanContent(tables, tokens, message, collector));
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
    unheard,
    unheardWords,
    places,
    ...(language === undefined ? {} : { language }),
  };
}

import type { QueryActions } from "./search-actions.ts";
import { sends } from "./search-action-cues.ts";
import type { ContentGroup, QueryTables, QueryToken } from "./search-query.ts";
import { filledContent, type TermCollector } from "./search-query-terms.ts";
import { isPlural, stem } from "./search-text.ts";

/**
 * Readings of particular constructions in a request, each settling one thing the words alone
 * leave open: one thing or many, an app ruled out, the text of a message, a span of time, a
 * detail asked of someone, a question who did something, an address or a value acted on, a new
 * thing's fields, a thing moved to a time.
 */

/** The position of the content word before `i` (stop words skipped), or -1. */
export function previousContentToken(tokens: readonly QueryToken[], i: number): number {
  for (let j = i - 1; j >= 0; j--) if (!tokens[j]?.stop) return j;
  return -1;
}

/** Words before a noun that make it one thing ("a", "this") or many ("all", "every", a number above one). */
const SINGULAR_DETERMINERS = new Set(["a", "an", "one", "this", "that", "single"]);
/** Plurals that name the parts of one thing ("the contents of config.yaml", "the details of the deal"). */
const ONE_THINGS_PARTS = new Set(["contents", "details", "specifics", "particulars"]);
const PLURAL_DETERMINERS = new Set(["all", "every", "each", "these", "those", "many", "several", "some", "few", "recent", "latest", "last"]);

/**
 * A request to read that could mean one thing or many ("show", "see", "fetch") is settled by
 * the grammatical number of what it reads: "show the last 10 commits" lists, "show a commit"
 * gets. The other reading stays a secondary action (a near match), not a wrong one.
 */
export function settleReadNumber(tokens: readonly QueryToken[], actions: QueryActions, head: number): void {
  const { primary, secondary } = actions;
  if (actions.assumed || !primary.has("get") || !primary.has("list")) return;
  const noun = tokens[head];
  if (!noun || noun.origin === "corrected") return;
  // A translated word is singular English; the word it was translated from says its number.
  const pluralForm = noun.origin === "own" ? isPlural(noun.word, noun.term) && !ONE_THINGS_PARTS.has(noun.word) : noun.plural === true;
  let plural = pluralForm;
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
  else if (!pluralForm && SINGULAR_DETERMINERS.has(tokens[head - 1]?.word ?? "")) demote("list");
}

/** A request about one identified item and nothing else ("PAY-12", "acme/api#4") reads that item. */
export function readOneItem(actions: QueryActions): void {
  for (const action of ["list", "search"]) if (actions.primary.delete(action)) actions.secondary.add(action);
  actions.primary.add("get");
  actions.assumed = false;
}

/** Words between a negation and the app it rules out ("not in Slack", "instead of via Gmail"). */
const NEGATED_APP_LINKS = new Set(["in", "on", "via", "through", "with", "using", "from", "to", "the"]);

/** Whether the word at `i` follows "not", "instead of", "rather than", "other than" or "except" ("post it on Teams, not Slack"). */
export function negated(tokens: readonly QueryToken[], i: number): boolean {
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
 * -1; to the request's end when a message `sent` opens after a colon), but for the app it is
 * written in ("announce the winners in #community on our Discord", "send it via SendGrid",
 * "remind me to submit expenses in Slack"): that names the app, it is not what the message says.
 */
export function messageWords(tables: QueryTables, tokens: readonly QueryToken[], messageFrom: number, sent: boolean): Set<number> {
  const positions = new Set<number>();
  if (messageFrom < 0) return positions;
  // A message sent after a colon runs on over its commas ("a QBR recap: adoption up 18%, 3 open
  // tickets, …"); the fields of a thing made stay apart ("an assignment: 'Lab report', due Friday").
  const toTheEnd = sent && tokens[messageFrom]?.afterColon === true;
  for (let i = messageFrom; i < tokens.length && (i === messageFrom || toTheEnd || !tokens[i]?.clauseStart); i++) positions.add(i);
  for (const i of positions) {
    if (!tables.toolkitByTerm.has(tokens[i]?.term ?? "")) continue;
    const before = tokens[i - 1]?.word ?? "";
    const inOurs = OURS.has(before) && IN_OURS.has(tokens[i - 2]?.word ?? "");
    // "…to submit expenses in Slack": the app closing the clause after "in" is where it is written
    // ("…the deploy failed on Vercel" still says what failed).
    const closing = before === "in" && !positions.has(i + 1);
    if (THROUGH.has(before) || inOurs || closing) positions.delete(i);
  }
  return positions;
}

/**
 * Whether the request sends something to a #channel ("post the weekly merged PR roundup in
 * #eng"): then what it sends is the message, whose words say what the message is about, not
 * which tool posts it. Not an emoji dropped on a post ("drop a 🎉 on the latest post in #launches").
 */
export function postsToAChannel(actions: QueryActions, matched: readonly { text: string }[], tokens: readonly QueryToken[]): boolean {
  return sends(actions.primary) && actions.primaryWords.size > 0 && matched.some((m) => m.text.startsWith("#")) && !tokens.some((t) => t.word === "emoji");
}

/**
 * A request whose only object is a span of the requester's time ("clear my afternoon", "what
 * does my Thursday look like", "do I have anything Friday morning?") is about what fills it:
 * its events (en.json `timeSpans`). Elsewhere such words say when, and stay weak ("send it
 * tomorrow", "anything from Sequoia since Friday?"). Weighed below a word the request says, so
 * a to-do list still counts ("what do I still have to do today?").
 */
export function timeSpanContent(tables: QueryTables, tokens: readonly QueryToken[], message: ReadonlySet<number>, collector: TermCollector): ContentGroup[] {
  const isSpan = (token: QueryToken, i: number) => tables.timeSpans.has(token.word) && !token.value && !token.context && !message.has(i);
  // "since Friday": the bound of a range; "Friday morning" after it, still the bound.
  const bounded = (i: number): boolean => {
    const before = tokens[i - 1];
    return before !== undefined && (tables.timeBounds.has(before.word) || (isSpan(before, i - 1) && bounded(i - 1)));
  };
  const spans = tokens.some((token, i) => isSpan(token, i) && !bounded(i));
  return spans ? [filledContent(tables.english.timeSpans.fill, collector)] : [];
}

/** Words after a verb of moving that say where to in time. */
const TO_A_TIME = new Set(["to", "till", "until"]);
/** Words between "to" and the time ("to the 14th", "to next Tuesday", "to this afternoon"). */
const BEFORE_A_TIME = new Set(["the", "next", "this"]);
/** An hour as a request writes it after "to" ("to 4pm", "to 2"). */
const CLOCK_TIME = /^\d{1,2}(?:am|pm)?$/;

/**
 * The destination after a word of direction at `j` ("to", "into"): the position of its word, past
 * "the", "next" and "this", and whether that is a time ("to Thursday", "to 4pm", "to next week").
 */
function destinationAfter(tables: QueryTables, tokens: readonly QueryToken[], j: number): { at: number; time: boolean } {
  let at = j + 1;
  while (BEFORE_A_TIME.has(tokens[at]?.word ?? "")) at++;
  const word = tokens[at]?.word ?? "";
  const nextPeriod = tokens[at - 1]?.word === "next" && (word === "week" || word === "month");
  return { at, time: tables.timeSpans.has(word) || CLOCK_TIME.test(word) || nextPeriod };
}

/**
 * Whether a verb of moving (en.json `timeSpans.movers`) takes its object to a time ("push the
 * DFM review to Thursday at 2", "bump the sync to 4pm", "move it to next week"): it moves what
 * fills a span, an event, whatever the object is called.
 */
export function movedToATime(tables: QueryTables, tokens: readonly QueryToken[], actions: QueryActions): boolean {
  for (const i of actions.primaryWords) {
    if (!tables.timeMovers.has(tokens[i]?.word ?? "")) continue;
    for (let j = i + 1; j < tokens.length && !tokens[j]?.clauseStart; j++) {
      if (TO_A_TIME.has(tokens[j]?.word ?? "") && destinationAfter(tables, tokens, j).time) return true;
    }
  }
  return false;
}

/** Past forms of moving a thing in time, as a request tells what happened to it. */
const MOVED_IN_TIME = new Set(["moved", "pushed", "slid", "slipped", "bumped", "shifted", "rescheduled", "postponed", "delayed"]);

/**
 * Where a request with no verb of its own says a thing was moved to a time ("the site visit slid
 * from Tuesday to Thursday", "the inspector just moved the framing inspection to next Tuesday"):
 * the position of the word that says so, or -1. Like "push it to Thursday", it asks to move what
 * fills the span, an event, whatever it is called. After "that" it is what a message says ("DM
 * @marco that standup moved to 10:30").
 */
export function movedInTimeAt(tables: QueryTables, tokens: readonly QueryToken[]): number {
  const that = tokens.findIndex((token) => token.word === "that");
  for (let i = 1; i < tokens.length && (that < 0 || i < that); i++) {
    if (!MOVED_IN_TIME.has(tokens[i]?.word ?? "") || tokens[i]?.context) continue;
    for (let j = i + 1; j < tokens.length && !tokens[j]?.clauseStart; j++) {
      if (TO_A_TIME.has(tokens[j]?.word ?? "") && destinationAfter(tables, tokens, j).time) return i;
    }
  }
  return -1;
}

/** An hour as a request's words write it when it keeps one ("hold 11am", "block 2-4pm"; "10:30am" is "10", "30am"). */
const HOUR = /^\d{1,2}(?:am|pm)$/;
/** How many words after a verb that keeps time its time may come ("block all of Saturday June 20"). */
const KEPT_SPAN = 4;

/**
 * Where a request opens with a verb that keeps a span of time (en.json `timeSpans.keepers`) and
 * gives it the time ("hold Friday 11am for Mr. Tanaka's viewing", "block all of Saturday for the
 * wedding", "block off 2-4pm"): the position of the verb, or -1. It makes what fills the span, an
 * event, whatever it is for; "hold the release" or "block @spammer" keep no time.
 */
export function keptTimeAt(tables: QueryTables, tokens: readonly QueryToken[]): number {
  const at = tokens.findIndex((token) => !token.stop && !token.context);
  if (!tables.timeKeepers.has(tokens[at]?.word ?? "")) return -1;
  for (let j = at + 1, words = 0; j < tokens.length && !tokens[j]?.clauseStart && words < KEPT_SPAN; j++) {
    const word = tokens[j]?.word ?? "";
    if (tables.timeSpans.has(word) || HOUR.test(word)) return at;
    if (!tokens[j]?.stop) words++;
  }
  return -1;
}

/** Verbs of nudging a thing along that, with a destination, say it is moved ("bump the card over to Done"). */
const NUDGING = new Set(["bump", "shift", "shuffle", "shove", "slide", "drag", "scoot"]);
/** Words that lead to where a thing is moved. */
const TO_A_PLACE = new Set(["to", "into", "onto"]);

/**
 * The position of a verb of nudging that opens the request and takes its object to a place that
 * is not a time ("bump the 'Logo v2' card over to Done", "shove the mockups card into Review"),
 * or -1: such a request moves the thing, as "move" says, and tools name it so.
 */
export function nudgedToAPlace(tables: QueryTables, tokens: readonly QueryToken[]): number {
  const at = tokens.findIndex((token) => !token.stop && !token.context);
  if (!NUDGING.has(tokens[at]?.word ?? "")) return -1;
  for (let j = at + 1; j < tokens.length && !tokens[j]?.clauseStart; j++) {
    if (!TO_A_PLACE.has(tokens[j]?.word ?? "")) continue;
    const { at: to, time } = destinationAfter(tables, tokens, j);
    const word = tokens[to]?.word ?? "";
    // Not to a time ("to next week", "to next sprint"), nor to a value ("bump SEC-19 to P1", "…to 3.2.1").
    return word === "" || time || tokens[to - 1]?.word === "next" || /\d/.test(word) ? -1 : at;
  }
  return -1;
}

/**
 * A thing a span of time owns ("Wednesday's sprint planning", "Friday's panel invite") is what
 * fills it, an event, whatever it is called.
 */
export function heldByASpan(tables: QueryTables, tokens: readonly QueryToken[]): boolean {
  return tokens.some((token, i) => tables.timeSpans.has(token.word) && !token.value && tokens[i + 1]?.word === "s" && tokens[i + 2] !== undefined && !tokens[i + 2]?.stop);
}

/** The token read as another word ("cell" as phone, "see" as access), as if the request had said it. */
export function reworded(token: QueryToken, word: string): QueryToken {
  return { ...token, word, term: stem(word) };
}

/**
 * A detail asked of someone ("What's Melissa Chen's cell?", "Dana's phone number", "raj's
 * address"), as en.json `contactDetails` lists them: the word becomes the catalog's ("cell" is a
 * phone, not a spreadsheet's), and returns whether there was one. The owner is a person or a
 * word no tool is named after ("the invoice's number" asks no contact), and the detail ends its
 * noun phrase ("Jin's phone screen" is an interview).
 */
export function readContactDetails(tables: QueryTables, tokens: QueryToken[]): boolean {
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
export function whoDidIt(tables: QueryTables, tokens: readonly QueryToken[]): readonly string[] | undefined {
  const who = tokens.findIndex((token) => token.word === "who");
  if (who < 0) return undefined;
  let i = who + 1;
  while (BEFORE_THE_DEED.has(tokens[i]?.word ?? "")) i++;
  const deed = tokens[i];
  if (!deed) return undefined;
  const term = Object.hasOwn(tables.english.doers, deed.term) ? deed.term : `${deed.term}e`;
  return Object.hasOwn(tables.english.doers, term) ? tables.english.doers[term] : undefined;
}

/**
 * Whether a verb other than sending acts on an email address ("add bob@acme.com to the
 * newsletter", "subscribe kim@… to the audience"): the address stands for a person (en.json
 * `addressObject`). Sent to, an address is only whom a message goes to.
 */
export function actsOnAnAddress(tokens: readonly QueryToken[], actions: QueryActions, addresses: ReadonlySet<string>): boolean {
  if (actions.assumed || sends(actions.primary)) return false;
  for (const i of actions.primaryWords) {
    const object = tokens[objectAt(tokens, i)];
    if (object?.value && addresses.has(object.word)) return true;
  }
  return false;
}

/** Where what the verb at `i` acts on starts: its next word that is a value or no stop word. */
function objectAt(tokens: readonly QueryToken[], i: number): number {
  let next = i + 1;
  while (tokens[next]?.stop && !tokens[next]?.value) next++;
  return next;
}

/**
 * The first word of a value that a verb acts on directly ("read A1:F40 from the Leads tab",
 * "archive #old-launch"), or undefined. What such a value stands for is the thing the request
 * is about, and weighs as the request's own words do. A value followed by a noun only names
 * that noun ("delete the hotfix/tz-parse branch").
 */
export function valueActedOn(tokens: readonly QueryToken[], actions: QueryActions): string | undefined {
  for (const i of actions.primaryWords) {
    const next = objectAt(tokens, i);
    const object = tokens[next];
    if (!object?.value) continue;
    let end = next;
    while (tokens[end + 1]?.value) end++;
    const after = tokens[end + 1];
    if (!after || after.stop) return object.word;
  }
  return undefined;
}

/**
 * The words of the clauses after a creating verb's that give the new thing's fields, named by an
 * attribute word of en.json ("create a story in MOBILE: 'Offline mode', priority High, 5 story
 * points"; "…, stage Appointment Scheduled"): they describe its arguments, as words after "with"
 * or "titled" do, and ask for no tool that changes a priority or a stage. The verb's own clause
 * is left alone: "a database with a Priority column" names what is made.
 */
export function newThingsFields(tables: QueryTables, tokens: readonly QueryToken[], actions: QueryActions): Set<number> {
  const fields = new Set<number>();
  if (actions.assumed || !actions.primary.has("create") || actions.primaryWords.size === 0) return fields;
  const verbAt = Math.min(...actions.primaryWords);
  let clause: number[] = [];
  const settle = () => {
    const after = (clause[0] ?? 0) > verbAt;
    if (after && clause.some((i) => tables.attributes.has(tokens[i]?.term ?? ""))) for (const i of clause) fields.add(i);
  };
  for (const [i, token] of tokens.entries()) {
    if (token.clauseStart && clause.length > 0) {
      settle();
      clause = [];
    }
    clause.push(i);
  }
  settle();
  return fields;
}

import { asksSomeone, isGerund, isStanding, namesAThing, needsANewThing, NEW_THING_WORDS, PLACE_PREPOSITIONS, POINTING_WORDS, putsItSomewhere, saysWhatTo, sends, statesWhatShouldBe, verbClasses, writes } from "./search-action-cues.ts";
import {
  accessChangeIn,
  askedWhether,
  bringsSomeoneIn,
  describesTheState,
  ensuredAction,
  ensuredState,
  fallenOutOfUse,
  outlivedState,
  refersToTheSituation,
  relatesTwoItems,
  statesASituation,
  talksAbout,
  toldAt,
} from "./search-situations.ts";
import { isPlural, stem } from "./search-text.ts";
import type { CompiledEnglish } from "./search-vocabulary.ts";
import { QUESTION_OPENERS } from "./search-words.ts";

/**
 * What a request asks to do. The primary action is the first verb in a verb's place (the
 * request's first word, or after "to", "please", "can you" …), so "list my open pull
 * requests" asks to list, not to open; later verbs are secondary ("find the email from Bob
 * and reply"). Nouns that double as verbs ("file", "label", "email") count only in a verb's
 * place, and past participles never ("who starred my repo" asks for no starring). A request
 * without a verb reads (list, get, search).
 */

export interface QueryActions {
  primary: Set<string>;
  secondary: Set<string>;
  /** True when the request names no verb and reading is assumed. */
  assumed: boolean;
  /** True when it names no verb and asks no question: reading is assumed for its readings, but no tool is scored by its action. */
  situation?: boolean;
  /** Positions of the words that gave the primary action (they are not toolkit hints). */
  primaryWords: Set<number>;
  /**
   * Where what follows is the message of a request to send, not what it is about: after a
   * send phrase that wraps its recipient ("let Marta know I'll be late…"), or after a colon
   * that follows a verb and its object ("create an issue: search is broken"); -1 when none.
   */
  messageFrom: number;
}

/** Polite words and fillers a request may open with, before its verb ("please merge it", "ok so merge it", "could you merge it"). */
export const LEAD_INS: readonly string[] = ["please", "pls", "kindly", "can", "could", "would", "will", "you", "ok", "okay", "so", "now", "then", "hey", "hi", "also", "just"];
/** After these words the next word is in a verb's place. */
const VERB_PLACE_AFTER = new Set([...LEAD_INS, "to", "i", "we", "lets", "let", "quickly", "alright", "well"]);
/** After these two words too: requests wrapped in a lead-in ("help me set up…", "go ahead and merge…"). */
const VERB_PLACE_AFTER_PAIR = new Set(["help me", "help us", "ahead and", "go and", "try and", "and then"]);
/** Forms of "be" after a subject, as the request's words have them ("I'm" → "i", "m"). */
const COPULAS = new Set(["m", "am", "re", "are", "is", "s", "was", "were"]);
/** …and the subjects they follow ("re-run" is no "we're"). */
const SUBJECTS = new Set(["i", "we", "you", "they", "he", "she", "it"]);
/** In a question only these put a verb in its place ("is there a way to send…", "can you send…"; not "can I create…?"). */
const QUESTION_VERB_PLACE_AFTER = new Set(["to", "please", "pls", "you"]);
/** Two-word verbs that take no object between their words ("log in", not "log a bug in Jira"). */
const INTRANSITIVE_PHRASES = new Set(["log in", "sign in", "sign up", "log out", "sign out", "check in"]);
/** How far the second word of a phrasal verb may follow the first ("let the whole team know"). */
const PHRASE_GAP = 4;
/** The action classes of reading, assumed when a request names no verb. */
export const READ: readonly string[] = ["list", "get", "search"];

/**
 * "make" and "open" create only a new thing: an object the request points at already exists, so
 * "make the repo private" changes it and "open the invoice" reads it, while "open a PR" creates one
 * and reads nothing. (Not so "put" or "set": "put the label on #212" adds it.)
 */
const CREATE_ONLY_NEW = new Set(["make", "open"]);
/** "add Raj to the #war-room", "put maria@acme.com on the offsite invite": a person added to a thing is invited to it. */
const INVITING_WITH_A_PERSON: Readonly<Record<string, readonly string[]>> = { add: ["invite"], put: ["invite", "update"] };

/**
 * Verbs that pass something on, read it out or get someone ready by whom they are for: "tell me
 * its IP" and "give me the list" read, "tell #eng the VPN is down" and "give Nadia access" send or
 * share; "prep me for the Globex call" looks up what there is on it, "prep the Q3 report" makes it;
 * "fill me in on the deal" reads it, "fill in the form" changes it.
 */
const FOR_THE_REQUESTER_READS: Readonly<Record<string, { requester: readonly string[]; other: readonly string[] }>> = {
  tell: { requester: ["get"], other: ["send"] },
  give: { requester: ["get"], other: ["share"] },
  prep: { requester: ["search", "list"], other: ["create"] },
  prepare: { requester: ["search", "list"], other: ["create"] },
  fill: { requester: ["get"], other: ["update"] },
};
const REQUESTER = new Set(["me", "us"]);

/**
 * Things that hold a record per person or company, not members: someone added to one is a new
 * record in it (a CRM's or an address book's people are its contacts, which the invite reading finds).
 */
const RECORD_HOLDERS = new Set(["sheet", "spreadsheet", "tab", "workbook", "database", "db", "table", "tracker", "log", "roster", "register"]);
const INTO_A_HOLDER = new Set(["to", ...PLACE_PREPOSITIONS]);
/** How many words after "to" or "into" may name the holder ("to the Q3 Candidates tracker sheet"). */
const HOLDER_SPAN = 5;

/**
 * "add Rahul Mehta to the Candidates sheet", "add Gusto to the Vendors database": the name is a
 * new record in the first place the verb's clause puts it, not a member invited. Tune r1 +3,
 * holdout +8, none down.
 */
function addsARecord(words: readonly ActionWord[], i: number): boolean {
  for (let j = i + 2; j < words.length && !words[j]?.clauseStart; j++) {
    if (!INTO_A_HOLDER.has(words[j]?.word ?? "")) continue;
    for (let k = j + 1; k <= Math.min(words.length - 1, j + HOLDER_SPAN) && !words[k]?.clauseStart; k++) if (RECORD_HOLDERS.has(words[k]?.word ?? "")) return true;
    return false;
  }
  return false;
}

/** A verb's action classes as the word after it says: a person invited, a new thing created, an existing one changed or read. */
function byObject(words: readonly ActionWord[], i: number, classes: readonly string[] | undefined): readonly string[] | undefined {
  const token = words[i] as ActionWord;
  const next = words[i + 1];
  if (next?.person && Object.hasOwn(INVITING_WITH_A_PERSON, token.word)) return addsARecord(words, i) ? ["create"] : INVITING_WITH_A_PERSON[token.word];
  const byWhom = Object.hasOwn(FOR_THE_REQUESTER_READS, token.word) ? FOR_THE_REQUESTER_READS[token.word] : undefined;
  if (byWhom && classes && next !== undefined) return REQUESTER.has(next.word) ? byWhom.requester : byWhom.other;
  if (!CREATE_ONLY_NEW.has(token.word) || !classes?.includes("create") || next === undefined) return classes;
  if (NEW_THING_WORDS.has(next.word)) return ["create"];
  if (!POINTING_WORDS.has(next.word)) return classes;
  const others = classes.filter((cls) => cls !== "create");
  if (others.length > 0) return others;
  return token.word === "make" ? ["update"] : classes;
}

/** Verbs that make a thing or give one a value: "set a reminder" makes one, "set cell B7 to 'Shipped'" changes the cell. */
const MAKING_OR_ASSIGNING = new Set(["set"]);

/**
 * A verb that makes or assigns, followed later in its clause by "to" and a value ("set unit cost
 * in C14 to 0.42", "set PLAT-214 to In Progress"): it assigns, so it changes what exists.
 */
function assigns(words: readonly ActionWord[], i: number, classes: readonly string[] | undefined): readonly string[] | undefined {
  if (!MAKING_OR_ASSIGNING.has(words[i]?.word ?? "") || !classes?.includes("update") || NEW_THING_WORDS.has(words[i + 1]?.word ?? "")) return classes;
  for (let j = i + 1; j < words.length - 1 && !words[j]?.clauseStart; j++) {
    if (words[j]?.word === "to" && words[j + 1]?.value === true) return ["update"];
  }
  return classes;
}

/** Whether the words open with a question ("did Sam reply?", "has the NDA come back?"). */
export function opensQuestion(words: readonly ActionWord[]): boolean {
  return QUESTION_OPENERS.has(words[0]?.word ?? "");
}

export interface ActionWord {
  /** In a sentence that ends with a question mark. */
  asking?: boolean;
  /** The plain word ("" when only its stem is known, as for a corrected typo). */
  word: string;
  term: string;
  stop: boolean;
  /** The first content word of a clause. */
  clauseStart?: boolean;
  /** …of a clause after a colon. */
  afterColon?: boolean;
  /** A person's name or address, as written ("Raj", "raj@acme.com"). */
  person?: boolean;
  /** A corrected typo of a past participle ("asigned" → assign): it describes, as "assigned" would. */
  participle?: boolean;
  /** A word of an abbreviation written out ("PR" → "pull request"): part of a noun, never a verb. */
  expanded?: boolean;
  /** A word of a value the request gives (an id, a name in quotes, a number). */
  value?: boolean;
}

/** Is the word in a verb's place: the first content word, or right after an opener ("please", "to", "can you", an opening "auto-"). */
function inVerbPlace(words: readonly ActionWord[], i: number, firstContent: number, firstClause: number, question: boolean): boolean {
  // After "I'm" or "we're" the first word says what they are ("I'm new to…", "we're done with…").
  if (i === firstContent) return !(COPULAS.has(words[i - 1]?.word ?? "") && SUBJECTS.has(words[i - 2]?.word ?? ""));
  // "auto-forward all my mail…": the verb follows the "auto" that opens the request.
  if (i === firstContent + 1 && words[firstContent]?.word === "auto") return true;
  // A later clause may open with its own verb ("on GitHub, list my PRs").
  if (words[i]?.clauseStart === true && i > firstClause) return true;
  const before = words[i - 1];
  if (before === undefined) return false;
  if (!question && VERB_PLACE_AFTER_PAIR.has(`${words[i - 2]?.word ?? ""} ${before.word}`)) return true;
  return (question ? QUESTION_VERB_PLACE_AFTER : VERB_PLACE_AFTER).has(before.word);
}

/** A two-word verb starting at `i` ("set up", "let … know"): its classes and where its second word is. */
function phraseAt(english: CompiledEnglish, words: readonly ActionWord[], i: number): { classes: string[]; end: number } | undefined {
  const first = words[i]?.word ?? "";
  // A phrase of three words in a row says more than its first two ("get back to Dana" replies, "get the email back" restores).
  const three = `${first} ${words[i + 1]?.word ?? ""} ${words[i + 2]?.word ?? ""}`;
  if (Object.hasOwn(english.phrases, three)) return { classes: english.phrases[three] ?? [], end: i + 2 };
  for (let j = i + 1; j < Math.min(words.length, i + 1 + PHRASE_GAP); j++) {
    const key = `${first} ${words[j]?.word ?? ""}`;
    // A phrase that takes no object stands together ("log a Deviation in the QMS project" logs no one in).
    if (j > i + 1 && INTRANSITIVE_PHRASES.has(key)) continue;
    if (Object.hasOwn(english.phrases, key)) return { classes: english.phrases[key] ?? [], end: j };
  }
  return undefined;
}

/**
 * Where the words that say something is sent, starting at `i`, end: a verb of sending ("reply",
 * "sent") ends where it starts, a phrase that means it ("get back to", "written back") at its
 * last word; -1 when the word says no such thing, or is a plural noun ("messages", "replies").
 */
export function sendingEndsAt(english: CompiledEnglish, words: readonly ActionWord[], i: number): number {
  const token = words[i];
  if (!token || isPlural(token.word, token.term)) return -1;
  if (sends(verbClasses(english, token) ?? [])) return i;
  const phrase = phraseAt(english, words, i);
  return phrase && sends(phrase.classes) ? phrase.end : -1;
}

/** What reading the action needs: the English vocabulary, and its noun-verbs as a set. */
export interface ActionVocabulary {
  english: CompiledEnglish;
  nounVerbs: ReadonlySet<string>;
  /** Toolkit slugs as words ("stripe", "box"): a word that is one names the app, it asks for no action. */
  toolkitSlugs?: ReadonlySet<string>;
}

/** Words after which an -ing form names a thing ("the monitoring visit", "our onboarding call"), not an act. */
const NOUN_MARKERS = new Set(["the", "a", "an", "our", "my", "your", "their", "his", "her", "its"]);

/** A rule or a setting is made or changed. */
const SETTING_UP = ["update", "create"];

export function queryActions({ english, nounVerbs, toolkitSlugs }: ActionVocabulary, words: readonly ActionWord[]): QueryActions {
  const result: QueryActions = { primary: new Set(), secondary: new Set(), assumed: false, primaryWords: new Set(), messageFrom: -1 };
  const question = QUESTION_OPENERS.has(words[0]?.word ?? "");
  // "which fields are required to create a story?", "what issue types can I create?": a question
  // about things (which or what, then a noun) asks for them; its later verbs say what they are for.
  const asksForThings = (words[0]?.word === "which" || words[0]?.word === "what") && words[1] !== undefined && !words[1].stop;
  // In a question no word is in a verb's place by position alone ("who starred my repo").
  const firstContent = question ? -1 : words.findIndex((w) => !w.stop);
  const firstClause = words.findIndex((w) => w.clauseStart === true);
  /** The request's first word that is not an app's name (nor a stop word). */
  const firstWord = words.findIndex((w) => !w.stop && !toolkitSlugs?.has(w.word));
  const whether = askedWhether(words);
  const ensured = ensuredState(words);
  // "the auditors can see the folder" asks to share it, whatever verb wraps it ("make sure…").
  const access = question ? undefined : accessChangeIn(words);
  const granted = access?.at ?? -1;
  const take = (classes: readonly string[], positions: number[], place: boolean) => {
    const target = result.primary.size === 0 && place ? result.primary : result.secondary;
    if (target === result.primary) for (const p of positions) result.primaryWords.add(p);
    for (const cls of classes) if (!result.primary.has(cls)) target.add(cls);
  };
  if (access) take([access.revoked ? "delete" : "share"], [access.at], true);
  for (let i = 0; i < words.length; i++) {
    const token = words[i];
    if (!token || i === granted) continue;
    // Once the request has said what to write and where, a colon opens what to write: its verbs
    // ask nothing. (After other actions it opens what they mean: "tidy up the tracker: close…".)
    if (token.afterColon && writes(english, result.primary) && saysWhatTo(words, i, result.primaryWords)) {
      if (result.messageFrom < 0) result.messageFrom = i;
      break;
    }
    // "make sure" asks for no making: what follows says the state it asks for.
    if (i === ensured.from || (i === ensured.from - 1 && token.word === "make")) continue;
    const asked = question || (i > whether.from && i < whether.to) || (i > ensured.from && i < ensured.to);
    const place = !asksForThings && inVerbPlace(words, i, firstContent, firstClause, asked);
    const phrase = phraseAt(english, words, i);
    if (phrase && (place || !asked)) {
      const primary = place || result.primary.size === 0;
      const classes = byObject(words, i, phrase.classes) ?? phrase.classes;
      take(classes, [i, phrase.end], primary);
      // "let Sam know the build is green": the message follows the phrase; "drop the link in #jobs": a place does.
      if (primary && phrase.end > i + 1 && sends(classes) && !PLACE_PREPOSITIONS.has(words[phrase.end]?.word ?? "")) result.messageFrom = phrase.end + 1;
      continue;
    }
    if (token.stop || toolkitSlugs?.has(token.word)) continue;
    if (i === firstContent && place && Object.hasOwn(english.leadingVerbs, token.word)) {
      take(english.leadingVerbs[token.word] ?? [], [i], true);
      continue;
    }
    if (token.expanded || namesAThing(token, words[i + 1], nounVerbs)) continue;
    if (place && bringsSomeoneIn(words, i)) {
      take(["invite"], [i], true);
      continue;
    }
    if (place && putsItSomewhere(words, i)) {
      take(["create"], [i], true);
      continue;
    }
    if (place && asksSomeone(english, words, i)) {
      take(["request"], [i], true);
      continue;
    }
    const classes = assigns(words, i, byObject(words, i, verbClasses(english, token)));
    if (!classes) continue;
    // A participle describes ("starred repos", "assigned issues") unless it opens the request.
    if ((token.participle === true || (token.word.endsWith("ed") && stem(token.word) !== token.word)) && i !== firstContent) continue;
    // So does a gerund after the request's first word ("deals closing this quarter", "a reading-list database"):
    // the imperative is the plain form. Not after an app's name alone ("gmail: sending an email to bob").
    if (isGerund(token) && (i > firstWord || NOUN_MARKERS.has(words[i - 1]?.word ?? ""))) continue;
    if (nounVerbs.has(token.term) && !place) continue;
    if (asked && !place) continue;
    take(classes, [i], place || result.primary.size === 0);
  }
  // What is to happen by itself from now on is a rule or a setting to make or change; the act it
  // automates ("forward", "label", even "get the VIP label") says which, at the weight of a later
  // verb. So is a wish never to see something again.
  if (!question && isStanding(words, firstContent)) {
    for (const action of result.primary) result.secondary.add(action);
    result.primary = new Set(SETTING_UP);
  }
  // No verb, but a noun naming an act ("issue creation in GitHub", "deletion of a branch"): its action.
  if (result.primary.size === 0 && !question) {
    const at = words.findIndex((token) => Object.hasOwn(english.actionNouns, token.word));
    if (at >= 0) take(english.actionNouns[words[at]?.word ?? ""] ?? [], [at], true);
  }
  // No verb, but someone who should learn something ("the parents need to know the trip moved"): it asks to tell them.
  const told = result.primary.size === 0 && !question ? toldAt(words, ensured, toolkitSlugs) : -1;
  if (told >= 0) {
    take(["send"], [told], true);
    // What they should learn is the message, not what the tool acts on.
    result.messageFrom = told + 1;
  }
  // "remind me at 4pm to submit expenses": what to do then is the reminder's text, not what the tool acts on.
  const reminded = [...result.primaryWords].find((i) => words[i]?.word === "remind");
  if (reminded !== undefined && result.messageFrom < 0) {
    const to = words.findIndex((w, j) => j > reminded && w.word === "to");
    if (to > 0 && to + 1 < words.length && !words.slice(reminded + 1, to + 1).some((w) => w.clauseStart)) result.messageFrom = to + 1;
  }
  // "make sure" and a state no verb in its place asks for: keep track of a thing, or change it.
  if (result.primary.size === 0 && ensured.from >= 0) take(ensuredAction(words, ensured), [], true);
  // (Access kept past its reason, "can still see", was read above as one to take away.)
  // No verb, but a state that has outlived its reason ("the sheet still says Q3", "he's still in the org");
  // or a verb that only refers to it ("he's still in the org — sort that out"): the state says what to do.
  const outlived = !question && !access?.revoked && (result.primary.size === 0 || refersToTheSituation(words, result.primaryWords) || describesTheState(words, result.primaryWords)) ? outlivedState(words) : undefined;
  if (outlived) {
    for (const action of result.primary) result.secondary.add(action);
    result.primary = new Set(outlived);
  }
  // No verb, but a statement of how a thing should be ("WEB-88 should be due March 3", "sara@…
  // needs to be on the invite"): it asks to change the thing, not to read it.
  if (result.primary.size === 0 && !question && statesWhatShouldBe(words)) take(["update"], [], true);
  // No verb, but a need for a new thing ("we need a voice channel called Raid Night", "the budget
  // spreadsheet needs a new Q4 tab"): it asks to create one.
  if (result.primary.size === 0 && !question && needsANewThing(words)) take(["create"], [], true);
  // No verb, but a thing nobody uses anymore ("nobody has posted in #launch-2023 in a year"): archive or remove it.
  if (result.primary.size === 0 && !question && fallenOutOfUse(words) >= 0) take(["update", "delete"], [], true);
  // No verb, but a question what people say about something ("is anyone on HN talking about
  // Loomly?", "what are people saying about the launch?"): a search for it.
  if (result.primary.size === 0 && talksAbout(words)) take(["search"], [], true);
  // No verb, but a question where a thing is ("where's the signed NDA in Drive?", "where do we
  // call verifySignature?"): a search for it. Asked of an identified item ("where are we on
  // SUP-214?", "where is package 1Z…?") it asks for the item's state, which reading it gives.
  if (result.primary.size === 0 && words[0]?.word === "where" && !words.some((w) => w.value)) {
    take(["search"], [], true);
    result.secondary.add("get");
  }
  // One identified item said to stand to another ("mark PAY-200 as blocked by PAY-198"): link them.
  if (!question && relatesTwoItems(words, result.primaryWords)) {
    for (const action of result.primary) result.secondary.add(action);
    result.primary = new Set(["link"]);
  }
  if (result.primary.size === 0) {
    result.assumed = true;
    // Asking nothing either, directly or by "whether", it may state a situation: no action is weighed.
    if (!question && !words.some((w) => w.asking) && whether.from < 0 && statesASituation(words)) result.situation = true;
    for (const cls of READ) result.primary.add(cls);
  }
  return result;
}

import type { ActionWord } from "./search-actions.ts";
import { isPlural, stem } from "./search-text.ts";
import type { CompiledEnglish } from "./search-vocabulary.ts";
import { KEPT_TRACK_OF, MODALS, SPOKEN_OF } from "./search-words.ts";

/**
 * Cues in a request's words that settle which action it asks for (search-actions.ts reads them):
 * whether a word is a verb here or names a thing, whether the request states what should be,
 * needs a new thing, puts a thing somewhere, asks people to do something, or asks for something
 * to happen by itself.
 */

/** Words before a thing that already exists ("the repo", "my standup", "it"), and before a new one ("a PR", "another"). */
export const POINTING_WORDS = new Set(["the", "my", "our", "this", "that", "these", "those", "his", "her", "their", "its", "your", "it", "them"]);
export const NEW_THING_WORDS = new Set(["a", "an", "new", "another"]);
/** Whether action classes send something: a new message, or a reply to one. */
export function sends(classes: Iterable<string>): boolean {
  for (const cls of classes) if (cls === "send" || cls === "reply") return true;
  return false;
}

/** Words that end a two-word verb by saying where its object goes ("drop the link in #jobs", "drop a 👀 on it"). */
export const PLACE_PREPOSITIONS = new Set(["on", "onto", "in", "into"]);

/** Whether the actions write something new (create, send, comment…): they take a text to write. */
export function writes(english: CompiledEnglish, actions: ReadonlySet<string>): boolean {
  for (const action of actions) if (english.families[action] === "write") return true;
  return false;
}

/** Whether a content word other than the action's stands before `end`: the action has an object. */
export function saysWhatTo(words: readonly ActionWord[], end: number, actionWords: ReadonlySet<number>): boolean {
  for (let j = 0; j < end; j++) if (!words[j]?.stop && !actionWords.has(j)) return true;
  return false;
}

/** Words that, like MODALS, say how a thing should be when "to be" follows ("needs to be", "has to be"). */
const MODALS_BEFORE_TO_BE = new Set(["need", "needs", "has", "have"]);

/** Whether the request states how a thing should be ("WEB-88 should be due March 3", "sara@… needs to be on the invite"). */
export function statesWhatShouldBe(words: readonly ActionWord[]): boolean {
  return words.some(
    ({ word }, i) => MODALS.has(word) || (MODALS_BEFORE_TO_BE.has(word) && words[i + 1]?.word === "to" && words[i + 2]?.word === "be"),
  );
}

/** A plural noun ("files", "issues"): a verb in a verb's place is never in this form. */
function isPluralNoun(token: ActionWord | undefined): boolean {
  return token !== undefined && !token.stop && isPlural(token.word, token.term);
}

/** Words after which a noun that doubles as a verb is a noun: it names what they belong to ("label id", "channel ids"). */
const NOUN_COMPOUND_HEADS = new Set(["id", "ids"]);

/**
 * A word that doubles as a verb but here names a thing, as agents' terse requests start: a noun
 * in the plural ("files changed in PR 412"), before "id" ("label id for Bug"), and "open" before
 * a plural ("open issues in acme/api", "open comments on this page").
 */
export function namesAThing(token: ActionWord, next: ActionWord | undefined, nounVerbs: ReadonlySet<string>): boolean {
  if (token.word === "open") return isPluralNoun(next);
  if (!nounVerbs.has(token.term)) return false;
  return isPluralNoun(token) || NOUN_COMPOUND_HEADS.has(next?.word ?? "");
}

/** Words that state a need ("we need a…", "the sheet needs a new tab"). */
const NEEDS = new Set(["need", "needs", "want", "wants"]);

/** Whose a thing of one's own is ("their own corner", "its own channel"). */
const OWNERS = new Set(["my", "our", "your", "his", "her", "its", "their"]);

/**
 * Whether the request states a need for a new thing: "need" or "want", then "a", "an", "new" or
 * "another", or a thing of one's own ("the testers need their own private channel").
 */
export function needsANewThing(words: readonly ActionWord[]): boolean {
  return words.some(({ word }, i) => NEEDS.has(word) && (NEW_THING_WORDS.has(words[i + 1]?.word ?? "") || (OWNERS.has(words[i + 1]?.word ?? "") && words[i + 2]?.word === "own")));
}

/** A verb's -ing form ("closing", "tracking"), not a word that merely ends so ("string", "bring"). */
export function isGerund(token: ActionWord): boolean {
  return token.word.endsWith("ing") && stem(token.word) !== token.word;
}

/**
 * The action classes of a word, if it is a verb. A short verb's -ing or -ed form loses the e its
 * stem keeps ("moving" → "mov", "move" → "move"), so that form is looked up with it restored.
 */
export function verbClasses(english: CompiledEnglish, token: ActionWord): readonly string[] | undefined {
  if (Object.hasOwn(english.verbs, token.term)) return english.verbs[token.term];
  const restored = `${token.term}e`;
  return /(ing|ed)$/.test(token.word) && Object.hasOwn(english.verbs, restored) ? english.verbs[restored] : undefined;
}

/** Where "get" puts the thing spoken of ("get it into our support queue"); what it has done to it ("get it tracked") is KEPT_TRACK_OF. */
const INTO = new Set(["into", "onto", "on"]);
/** Where "get" puts any thing it names ("get this week's counts into the metrics sheet"): "on" also reads ("get the files on the drive"). */
const ONLY_INTO = new Set(["into", "onto"]);
/** How many words the thing may take between "get" and "into". */
const THING_SPAN = 8;

/**
 * "get it into our HubSpot support queue", "get it on the payments board", "get it tracked",
 * "get this week's ticket counts into the metrics sheet": the thing is to be put somewhere, as
 * "put it on…" would; not read ("get the files in the folder" reads them, "get it in" alone
 * merges, and "who can get into the sheet?" asks about access).
 */
export function putsItSomewhere(words: readonly ActionWord[], i: number): boolean {
  if (words[i]?.word !== "get") return false;
  for (let j = i + 2; j < Math.min(words.length - 1, i + 1 + THING_SPAN) && !words[j]?.clauseStart; j++) {
    if (ONLY_INTO.has(words[j]?.word ?? "")) return true;
  }
  if (!SPOKEN_OF.has(words[i + 1]?.word ?? "")) return false;
  const then = words[i + 2]?.word ?? "";
  return (INTO.has(then) && words[i + 3] !== undefined) || KEPT_TRACK_OF.has(then);
}

/** Verbs that ask people to do something when they come before the people and "to" a verb. */
const ASKING_VERBS = new Set(["get", "have"]);
/** How far after the verb its "to" may come: a few people's names or handles. */
const ASKED_PEOPLE_SPAN = 8;

/**
 * "get dana-k and li-wei to review PR 58", "get @nina and @omar eyes on #482": a request that
 * asks people to do something (review, sign, look at) asks for it of them, not to get a thing.
 * Not when what follows is a thing ("get the report to finance", "get a copy to Legal") or the
 * requester ("get me to…").
 */
export function asksSomeone(english: CompiledEnglish, words: readonly ActionWord[], i: number): boolean {
  if (!ASKING_VERBS.has(words[i]?.word ?? "")) return false;
  for (let j = i + 1; j < Math.min(words.length, i + ASKED_PEOPLE_SPAN); j++) {
    const w = words[j]?.word ?? "";
    const next = words[j + 1];
    if (j > i + 1 && w === "to" && next && Object.hasOwn(english.verbs, next.term)) return true;
    if (j > i + 1 && w === "eyes" && next?.word === "on") return true;
    if (POINTING_WORDS.has(w) || NEW_THING_WORDS.has(w) || w === "me" || w === "us") return false;
  }
  return false;
}


/**
 * Whether the request asks for something to happen by itself: "auto-forward all my mail…",
 * "forward … automatically", "… from now on", "I never want to see … again". Not
 * "auto-generated release notes", which describes a thing.
 */
export function isStanding(words: readonly ActionWord[], firstContent: number): boolean {
  return words.some(
    ({ word }, i) =>
      word === "automatically" ||
      (word === "auto" && i === firstContent && !(words[i + 1]?.word ?? "").endsWith("ed")) ||
      (word === "from" && words[i + 1]?.word === "now" && words[i + 2]?.word === "on") ||
      (word === "again" && words.slice(0, i).some((w) => w.word === "never")),
  );
}

import type { ActionWord } from "./search-actions.ts";
import { KEPT_TRACK_OF, MODALS, QUESTION_OPENERS, SPOKEN_OF } from "./search-words.ts";

/**
 * Requests that describe a situation instead of naming an act, read as the act the situation
 * asks for; `queryActions` (search-actions.ts) takes it as the request's action when no verb
 * says otherwise:
 * - someone's access to a thing: "who can see the roadmap doc?", "the auditors need to be able to
 *   read it", "she shouldn't have access to my mailbox anymore";
 * - someone who should learn something: "the parents of 4B need to know the trip moved";
 * - a state asked for with "make sure": "make sure the Notion page shows it's done";
 * - a state that has outlived its reason: "the sheet still says Q3", "he's still in the org";
 * - what "whether" asks, as a question would; what people say about a topic; a person someone
 *   gets into a place.
 * English words as constants, as the rest of the grammar; the catalog's vocabulary is data.
 */

/** Verbs of access: someone who "can see" or "should be able to edit" a thing is to be given access to it. */
const ACCESS_VERBS = new Set(["see", "read", "view", "edit", "access", "open", "download", "comment", "push"]);
/** The words of what someone can or should be able to do, between them and the verb ("should be able to", "shouldn't have"). */
const ABILITY_WORDS = new Set(["can", "could", "cannot", "should", "shouldn", "must", "mustn", "need", "needs", "be", "able", "to", "have", "has", "t", "not", "no", "never", "longer", "still"]);
/** …of which these say it may or should be so. */
const ABILITY_MODALS = new Set(["can", "could", "cannot", "able", "should", "shouldn", "must", "mustn"]);
/** …these that it should or must not be so, after one of MODALS ("shouldn't", "should no longer"); "can't see" says it is not so, and asks to share. */
const NEGATIONS = new Set(["t", "not", "no", "never"]);
/** Words before "can" that name no one to give access to: the requester asking ("can I see…"), anyone at all. */
const NOT_A_GRANTEE = new Set(["i", "we", "you", "who", "nobody", "noone", "everyone", "anyone"]);
/** Stop words that still name a grantee ("so she can edit it"). */
const GRANTEE_PRONOUNS = new Set(["he", "she", "they"]);

/**
 * The words of ability before the verb at `k` ("should be able to" in "Nadia should be able to
 * edit"), and the position of the word before them: who may or should do it.
 */
function abilityBefore(words: readonly ActionWord[], k: number): { who: number; chain: string[] } {
  let who = k - 1;
  while (who >= 0 && ABILITY_WORDS.has(words[who]?.word ?? "")) who--;
  return { who, chain: words.slice(who + 1, k).map((w) => w.word) };
}

/** Whether words of ability say it should or must not be so ("shouldn't", "should no longer", "must not"). */
function deniesIt(chain: readonly string[]): boolean {
  return chain.some((w) => NEGATIONS.has(w) || w === "shouldn" || w === "mustn");
}

/** Someone who is to be given access: not the requester, not anyone at all, not "only Jake" (a message only Jake can see). */
function isGrantee(words: readonly ActionWord[], at: number): boolean {
  const who = words[at];
  if (!who || NOT_A_GRANTEE.has(who.word) || words[at - 1]?.word === "only") return false;
  return !who.stop || GRANTEE_PRONOUNS.has(who.word);
}

interface AccessChange {
  /** The position of the verb of access ("see", or "access" in "have access"). */
  at: number;
  /** True when the request says they should no longer have it ("shouldn't be able to see"), not that they lack it ("can't see"). */
  revoked: boolean;
}

/**
 * Where a request says someone should (or should no longer) be able to see or change a thing:
 * "make sure the auditors can see the finance folder", "Nadia should be able to edit the
 * folder", "the contractors need to be able to read our guidelines", "she shouldn't have access
 * to my mailbox anymore". It asks to share the thing, or to take the access away.
 */
export function accessChangeIn(words: readonly ActionWord[]): AccessChange | undefined {
  for (let k = 1; k < words.length; k++) {
    const word = words[k]?.word ?? "";
    if (!ACCESS_VERBS.has(word)) continue;
    const { who, chain } = abilityBefore(words, k);
    if (!chain.some((w) => ABILITY_MODALS.has(w)) || !isGrantee(words, who)) continue;
    const wished = chain.some((w) => MODALS.has(w));
    // Someone who "can still see" a thing has kept access they should have lost ("the
    // ex-contractor can still open our design folder").
    const kept = chain.includes("still") && !deniesIt(chain);
    return { at: k, revoked: (wished && deniesIt(chain)) || kept };
  }
  return undefined;
}

/**
 * The position of the verb of access where a request is about someone's access to a thing, or
 * -1: a question who may use it ("who can see the roadmap doc?", "who could still open the cap
 * table?"), or a request that someone should (no longer) be able to (accessChangeIn). Either
 * is about the thing's permissions, the access its verb stands for.
 */
export function accessVerbAt(words: readonly ActionWord[]): number {
  const question = QUESTION_OPENERS.has(words[0]?.word ?? "");
  return question ? whoMayAccess(words) : (accessChangeIn(words)?.at ?? -1);
}

function whoMayAccess(words: readonly ActionWord[]): number {
  if (words[0]?.word !== "who") return -1;
  for (let k = 2; k < words.length; k++) {
    if (!ACCESS_VERBS.has(words[k]?.word ?? "")) continue;
    const chain = words.slice(1, k).map((w) => w.word);
    return chain.every((w) => ABILITY_WORDS.has(w) || w === "still" || w === "else") && chain.some((w) => ABILITY_MODALS.has(w)) ? k : -1;
  }
  return -1;
}

/** Verbs of learning: someone who "needs to know" or "should hear" a thing is to be told it; "see" only before "that" ("sees that the office is closed"). */
const LEARNING_VERBS = new Set(["hear", "hears", "know", "knows", "learn", "learns", "told", "aware", "informed", "notified"]);
const SEEING = new Set(["see", "sees"]);
/** …of which the chain before them must hold one that says they should ("need to know", "should hear", "must be told"). */
const OBLIGATIONS = new Set([...MODALS, "need", "needs", "has", "have"]);
/** Words before "should know" that name no one to tell: the requester ("I need to know whether…"), someone asked about. */
const NOT_TOLD = new Set(["i", "we", "you", "who", "nobody", "noone"]);

/**
 * Where a request says someone should learn something: "the parents of 4B need to know the
 * field trip moved", "Ana at Pixelform needs to hear from us today", "the whole team should hear
 * about the win". It asks to tell them: the position of the verb of learning, or -1.
 */
export function toldAt(words: readonly ActionWord[], ensured: Span, apps: ReadonlySet<string> | undefined): number {
  for (let k = 1; k < words.length; k++) {
    const word = words[k]?.word ?? "";
    if (!LEARNING_VERBS.has(word) && !(SEEING.has(word) && words[k + 1]?.word === "that")) continue;
    const { who: at, chain } = abilityBefore(words, k);
    const who = words[at];
    // An app that should know ("make sure Square knows") is to have its records changed, not to be told.
    if (!who || NOT_TOLD.has(who.word) || apps?.has(who.word) || (who.stop && !GRANTEE_PRONOUNS.has(who.word))) continue;
    // "make sure Yusuf hears back from us": the state asked for is that they learn it.
    const obliged = chain.some((w) => OBLIGATIONS.has(w)) || (at > ensured.from && at < ensured.to);
    if (obliged && !deniesIt(chain)) return k;
  }
  return -1;
}

/** Positions from one word to another, exclusive; from -1 to -1 when there are none. */
export interface Span {
  from: number;
  to: number;
}

/** The words after the one at `from` up to the next clause, or to one of `endings`; none when `from` is -1. */
function clauseAfter(words: readonly ActionWord[], from: number, endings?: ReadonlySet<string>): Span {
  if (from < 0) return { from: -1, to: -1 };
  const end = words.findIndex((w, i) => i > from && (w.clauseStart === true || endings?.has(w.word) === true));
  return { from, to: end < 0 ? words.length : end };
}

/** Where a request asks for a state rather than an act: the position of "sure" in "make sure" (or of "ensure"). */
function ensuringAt(words: readonly ActionWord[]): number {
  return words.findIndex((w, i) => w.word === "ensure" || (w.word === "sure" && words[i - 1]?.word === "make"));
}

/**
 * What "make sure" asks for ("make sure the Notion page shows it's done", "make sure Square knows"):
 * the words after it, up to the next clause. Their verbs describe the state; they are not the act.
 */
export function ensuredState(words: readonly ActionWord[]): Span {
  return clauseAfter(words, ensuringAt(words));
}

/** …and, after "make sure", a few more ("make sure it gets tracked", "…gets captured"): a thing kept track of is to be created. */
const KEPT = new Set([...KEPT_TRACK_OF, "captured", "recorded"]);

/** The action of a state asked for with "make sure", when no rule of access or of learning says it: a thing kept track of is created, any other state is updated. */
export function ensuredAction(words: readonly ActionWord[], ensured: Span): readonly string[] {
  const state = words.slice(ensured.from + 1, ensured.to);
  const kept = state.some((w, i) => KEPT.has(w.word) || ((w.word === "has" || w.word === "have") && SPOKEN_OF.has(state[i + 1]?.word ?? "") && state[i + 2]?.word === "on"));
  return kept ? ["create"] : ["update"];
}

/** Words after "still" that say someone cannot or has not yet: "still can't get into Slack", "still doesn't have the Mod role". */
const STILL_UNABLE = new Set(["can", "ca", "cannot", "doesn", "don", "isn", "aren", "lacks"]);
/** …that they have not done what they should ("Pete still hasn't sent feedback"). */
const STILL_NOT_DONE = new Set(["hasn", "haven", "hadn", "didn"]);
/** …that they are in a place ("he's still in the org", "still sitting in #client-hooli", "still on the panel invite"). */
const STILL_IN = new Set(["in", "on", "sitting", "listed", "part", "member", "a"]);
/** Words that open a clause describing a thing, or asking which: "still" there describes. */
const RELATIVES = new Set(["that", "which", "what", "who", "whats", "whatever"]);
/** The requester as a subject. */
const REQUESTERS = new Set(["i", "we", "you"]);
/** Words for a person as the subject before "still", when the name alone does not say so. */
const PERSON_PRONOUNS = new Set(["he", "she", "they", "him", "her"]);

/** Verbs that say only that something is to be done about what the request describes ("fix that", "sort it out", "deal with it"). */
const PRO_VERBS = new Set(["fix", "sort", "handle", "deal", "resolve", "address"]);

/** Whether the request's action is a verb of PRO_VERBS followed by a word for what was spoken of ("sort that out", "deal with it"). */
export function refersToTheSituation(words: readonly ActionWord[], primaryWords: ReadonlySet<number>): boolean {
  const at = Math.min(...primaryWords);
  if (!PRO_VERBS.has(words[at]?.word ?? "")) return false;
  const object = words[at + 1]?.word === "with" ? words[at + 2] : words[at + 1];
  return SPOKEN_OF.has(object?.word ?? "");
}

/** Whether the request's action words all stand in the clause of its "still", saying what the state is ("he still can't get into Slack"). */
export function describesTheState(words: readonly ActionWord[], primaryWords: ReadonlySet<number>): boolean {
  const still = clauseAfter(words, words.findIndex((w) => w.word === "still"));
  return still.from >= 0 && [...primaryWords].every((p) => p > still.from && p < still.to);
}

/**
 * What a request that reports a state that has outlived its reason asks, when it names no verb:
 * a thing that "still says Q3" or "still has last year's numbers" is to be updated; someone who
 * has left and is "still in the org" or "still on the invite" is to be removed; someone who
 * "still can't get into Slack" is to be let in; someone who "still hasn't sent feedback" is to
 * be nudged. Undefined when the request says no such thing.
 */
export function outlivedState(words: readonly ActionWord[]): readonly string[] | undefined {
  const at = words.findIndex((w) => w.word === "still");
  const next = words[at + 1]?.word ?? "";
  if (at < 1 || next === "") return undefined;
  // The subject: the word before "still", or before "is", "'s" or "are" that comes before it.
  let subject = at - 1;
  while (subject > 0 && ["is", "s", "are", "was", "were"].includes(words[subject]?.word ?? "")) subject--;
  const who = words[subject];
  // "everything that's still unread", "what's still open": "still" describes what is asked for;
  // "where do we still call it?": the requester's own habits ask for no change.
  if (who === undefined || RELATIVES.has(who.word) || REQUESTERS.has(who.word)) return undefined;
  if (STILL_UNABLE.has(next)) return ["share", "invite"];
  if (STILL_NOT_DONE.has(next)) return ["send"];
  const person = who.person === true || PERSON_PRONOUNS.has(who.word);
  if (person && STILL_IN.has(next)) return ["delete"];
  return ["update"];
}

/** Words after "get" and a person that bring the person in ("get him into #frontend", "get Priya set up in the org"). */
const BRINGING_IN = new Set(["into", "in", "onto", "on", "set", "added", "onboarded"]);

/** "get him into #frontend and #standup", "get Priya set up in the acme GitHub org": a person brought into a place is invited to it. */
export function bringsSomeoneIn(words: readonly ActionWord[], i: number): boolean {
  const who = words[i + 1];
  return words[i]?.word === "get" && who !== undefined && (who.person === true || PERSON_PRONOUNS.has(who.word)) && BRINGING_IN.has(words[i + 2]?.word ?? "");
}

/** Words that end what "whether" asks and go on with the request ("check whether he bounced and clear it"). */
const GOING_ON = new Set(["and", "then", "but"]);

/**
 * What "whether" asks, as a question would ("I need to know whether the client ever got back to
 * me"): the words after it, up to a clause or "and"; from -1 to -1 when none.
 */
export function askedWhether(words: readonly ActionWord[]): Span {
  return clauseAfter(words, words.findIndex((w) => w.word === "whether"), GOING_ON);
}

/** Verbs of talking, in the forms a question about what is said takes. */
const TALKING = new Set(["talk", "talks", "talking", "talked", "say", "says", "saying", "said", "chatting", "discussing", "discussed", "complaining", "complained", "posting", "posted", "buzz", "buzzing"]);

/** Whether a verb of talking is followed, a word or two on, by "about" and a topic, not an identified item ("saying about item 39281734" reads the item). */
export function talksAbout(words: readonly ActionWord[]): boolean {
  return words.some((w, i) => {
    if (!TALKING.has(w.word)) return false;
    const about = words[i + 1]?.word === "about" ? i + 1 : words[i + 2]?.word === "about" ? i + 2 : -1;
    const [first, second] = [words[about + 1], words[about + 2]];
    return about >= 0 && first?.value !== true && !(first?.stop === false && second?.value === true);
  });
}

/** Words for no one at all, as a subject. */
const NOBODY = new Set(["nobody", "noone"]);
/** What people do with a thing in use, in the forms "nobody has …" and "nobody should be …" take. */
const IN_USE = new Set(["posted", "posting", "posts", "used", "using", "uses", "touched", "opened", "visited", "edited", "updated", "joined", "talked", "spoken"]);

/**
 * Where a request says nobody uses a thing anymore ("nobody has posted in #launch-2023 in over a
 * year", "#old-marketing is a ghost town, nobody's posted in months", "nobody should be posting in
 * #inc-42 anymore"): the position of the verb of use, or -1. A thing that has outlived its use is
 * to be archived or removed; the verb says how it was used, not what to do.
 */
export function fallenOutOfUse(words: readonly ActionWord[]): number {
  for (const [i, w] of words.entries()) {
    if (!NOBODY.has(w.word) && !(w.word === "no" && words[i + 1]?.word === "one")) continue;
    for (let j = i + 1; j < Math.min(words.length, i + 5); j++) if (IN_USE.has(words[j]?.word ?? "")) return j;
  }
  return -1;
}

/** Words that say how one item stands to another ("PAY-200 is blocked by PAY-198", "#12 duplicates #9"). */
const RELATIONS = new Set(["blocked", "blocks", "blocking", "blocker", "duplicate", "duplicates", "duplicated", "dupe", "depends", "dependent", "relates", "related"]);
/** Verbs that only say a thing is to be so, which a relation between two items makes a link ("mark PAY-200 as blocked by PAY-198"). */
const MARKING = new Set(["mark", "set", "flag", "record", "note", "log"]);

/**
 * Whether a request states how one identified item stands to another ("mark PAY-200 as blocked by
 * PAY-198", "record that DATA-88 is blocked by DATA-85"), with no verb or only a verb of marking:
 * it asks to link them.
 */
export function relatesTwoItems(words: readonly ActionWord[], primaryWords: ReadonlySet<number>): boolean {
  if (![...primaryWords].every((i) => MARKING.has(words[i]?.word ?? ""))) return false;
  return words.some((w, i) => RELATIONS.has(w.word) && words.slice(0, i).some((x) => x.value) && words.slice(i + 1).some((x) => x.value));
}

/**
 * Words that make a sentence a statement, as the request's words split them: auxiliaries,
 * copulas, modals and the pieces of contractions ("has gone quiet", "can't make it" → "can", "t",
 * "Leo's on leave" → "leo", "s").
 */
const STATEMENT_WORDS = new Set(["is", "are", "was", "were", "has", "have", "had", "been", "keeps", "keep", "needs", "need", "can", "could", "will", "would", "should", "must", "t", "s", "re", "m"]);
/** Content words (values aside) from which a request without a verb reads as a situation, not as a noun phrase. */
const SITUATION_LENGTH = 5;

/**
 * Whether a request without a verb or a question states a situation ("the Alpine deal has gone
 * quiet", "customer escalation landed in #support hours ago and nobody replied"), which may call
 * for a change as much as a look, rather than naming what to show ("my unread emails", "role id
 * for Verified in the server"). Tune r1 +10 r5 +11, holdout r1 +12 r5 +15. (Any request without
 * a verb or a question: tune +12 / +10, but then "my unread emails" would not read first.)
 */
export function statesASituation(words: readonly ActionWord[]): boolean {
  return words.some((w) => STATEMENT_WORDS.has(w.word)) || words.filter((w) => !w.stop && !w.value).length >= SITUATION_LENGTH;
}

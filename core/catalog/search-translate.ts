import { canonicalWords, isStopWord, stem } from "./search-text.ts";
import type { Segmenter } from "./search-segment.ts";
import { typoDistance, type FuzzyVocabulary } from "./search-fuzzy.ts";
import type { CompiledLexicon } from "./search-vocabulary.ts";
import type { QueryTables } from "./search-query.ts";

/**
 * Requests in another language: the lexicon whose words a request uses (counting only words
 * English does not know), then the request rewritten word by word into English, phrases
 * first. Function words of that language are dropped, but for its indefinite articles, which
 * become "a"; words it does not list stay as they are (names, values, and the English loanwords
 * of tech: "issue", "pull request").
 */

/** A lexicon as the search reads it: its stop words and indefinite articles as sets. */
export interface PreparedLexicon extends CompiledLexicon {
  stops: ReadonlySet<string>;
  articles: ReadonlySet<string>;
  /** The lexicon's one-word keys, for a mistyped word of the language (built on first use). */
  fuzzy: () => FuzzyVocabulary;
  /** Cuts words of the scripts without spaces, or with particles joined, into the lexicon's words (built on first use). */
  segmenter: () => Segmenter;
}

/** A lexicon a request may be written in: how many of its words may be the lexicon's, and the lexicon, read on demand. */
export interface LexiconCandidate {
  mayHold: number;
  lexicon: () => PreparedLexicon;
}

/** The language a request is written in, and how many of its words are that language's. */
export interface Detected {
  lexicon: PreparedLexicon;
  score: number;
}

/** Words of another language in a request before it is read as that language. */
const MIN_FOREIGN_WORDS = 2;

function isEnglish(tables: QueryTables, word: string): boolean {
  if (isStopWord(word) || canonicalWords(word) !== undefined) return true;
  const term = stem(word);
  return tables.hasTerm(term) || Object.hasOwn(tables.english.verbs, term) || tables.toolkitByTerm.has(term);
}

/**
 * The lexicon whose words the request uses most, counting only words English does not know
 * and that are neither values (an address's "leo" is no Spanish verb) nor names ("lunch w/
 * Marco thu noon" is English: Marco is a person, not Portuguese for milestone).
 */
export function detectLanguage(
  tables: QueryTables,
  candidates: (foreign: readonly string[]) => readonly LexiconCandidate[],
  raw: readonly string[],
  values: ReadonlySet<string>,
  names: ReadonlySet<string>,
): Detected | undefined {
  const foreign = raw.filter((word) => !/\d/.test(word) && !values.has(word) && !names.has(word) && !isEnglish(tables, word));
  if (foreign.length === 0) return undefined;
  // The lexicons in the order they are listed, each with how many of the words may be its own
  // (its Bloom filter's count, never below its true count). Read them most likely first, and
  // only while one could still beat the best so far, or tie it from earlier in the list.
  const listed = candidates(foreign);
  const order = listed.map((candidate, at) => ({ ...candidate, at })).sort((a, b) => b.mayHold - a.mayHold || a.at - b.at);
  let best: (Detected & { at: number }) | undefined;
  for (const candidate of order) {
    if (candidate.mayHold === 0 || (best && (candidate.mayHold < best.score || (candidate.mayHold === best.score && candidate.at > best.at)))) continue;
    const lexicon = candidate.lexicon();
    let score = 0;
    for (const word of foreign) if (lexicon.stops.has(word) || Object.hasOwn(lexicon.words, word)) score++;
    if (score > 0 && (!best || score > best.score || (score === best.score && candidate.at < best.at))) best = { lexicon, score, at: candidate.at };
  }
  // More English function words than words of that language ("get dana-k and li-wei to review
  // PR 58 on acme/api": "li" is Portuguese, "and", "to" and "on" are not): the request is English.
  if (!best || englishFunctionWords(best.lexicon, raw) > best.score) return undefined;
  return { lexicon: best.lexicon, score: best.score };
}

/** English function words of a request that are not also words of the lexicon ("a" is Spanish too). */
function englishFunctionWords(lexicon: PreparedLexicon, raw: readonly string[]): number {
  return raw.filter((word) => word.length > 1 && isStopWord(word) && !lexicon.stops.has(word) && !Object.hasOwn(lexicon.words, word)).length;
}

export interface Rewritten {
  word: string;
  translated: boolean;
  /** Translated from a plural of the other language into the English singular ("risposte" → "reply"). */
  plural?: true;
}

/**
 * Whether a word is a plural the lexicon's endings make from a singular it also lists, for the
 * same English ("risposte" beside "risposta", both "reply"): the lexicon's English is singular.
 */
function isPluralForm(lexicon: PreparedLexicon, word: string): boolean {
  const english = lexicon.words[word] ?? [];
  if (english.length !== 1) return false;
  for (const [singular, plural] of lexicon.pluralEndings ?? []) {
    if (!word.endsWith(plural) || word.length < plural.length + 3) continue;
    const base = `${word.slice(0, word.length - plural.length)}${singular}`;
    if (base !== word && lexicon.words[base]?.length === 1 && lexicon.words[base]?.[0] === english[0]) return true;
  }
  return false;
}

/**
 * Endings a verb's stem takes in the lexicon's words when its particle is joined back ("lad" +
 * "ein" → "einladen"), the infinitive's first: "trag … ein" is "eintragen" (add), not the noun
 * "Eintrag" (entry) that the bare join spells. Dutch stems that change in the infinitive
 * ("stuur" → "sturen") still join bare ("doorstuur").
 */
const JOINED_ENDINGS = ["en", "n", ""];

/**
 * A clause whose last word is a particle its verb left there ("Lad Max in den Channel ein",
 * "leite die Mail an Anna weiter"), with the particle joined back to the first word it makes a
 * lexicon word with ("einladen", "weiterleite"); other clauses as they are. Failing that, a
 * particle followed by a function word of the language, where a prepositional phrase follows it
 * to the end of the clause ("stuur de mail door naar Piet", "nodig Piet uit voor de vergadering"
 * → "doorstuur", "uitnodig"): the first such particle, which closes the clause's middle field.
 */
function withParticleJoined(lexicon: PreparedLexicon, raw: readonly string[], values: ReadonlySet<string>): readonly string[] {
  const particles = lexicon.separableParticles;
  if (!particles?.length) return raw;
  const joinedAt = (at: number): readonly string[] | undefined => {
    const particle = raw[at] ?? "";
    if (!particles.includes(particle) || values.has(particle)) return undefined;
    for (let i = 0; i < at; i++) {
      const verb = raw[i] ?? "";
      if (values.has(verb)) continue;
      const joined = JOINED_ENDINGS.map((ending) => `${particle}${verb}${ending}`).find((word) => Object.hasOwn(lexicon.words, word));
      if (joined) return [...raw.slice(0, i), joined, ...raw.slice(i + 1, at), ...raw.slice(at + 1)];
    }
    return undefined;
  };
  const last = joinedAt(raw.length - 1);
  if (last) return last;
  for (let at = 1; at < raw.length - 2; at++) {
    if (!lexicon.stops.has(raw[at + 1] ?? "")) continue;
    const joined = joinedAt(at);
    if (joined) return joined;
  }
  return raw;
}

/** Shorter words are too often the language's own words the lexicon lacks ("anual" is not "atual"). */
const MIN_MISTYPED_LENGTH = 5;

/**
 * The lexicon's word a request's word was meant to be, one edit away: in a request sure of its
 * language, a word that is neither English nor the language's, a name nor a number is likelier
 * the language's word mistyped ("envai" for envia) than an English one, which the English
 * typo table would make of it.
 */
function mistypedWord(lexicon: PreparedLexicon, word: string, names: ReadonlySet<string>): string | undefined {
  if (word.length < MIN_MISTYPED_LENGTH || names.has(word) || /\d/.test(word)) return undefined;
  const nearest = lexicon.fuzzy().nearest([word]);
  return nearest !== undefined && typoDistance(word, nearest, 1) <= 1 ? nearest : undefined;
}

/** Rewrites words of another language one by one into English (phrases first); without a language, or a value's words, as they are. */
export function translate(
  tables: QueryTables,
  raw: readonly string[],
  detected: Detected | undefined,
  values: ReadonlySet<string>,
  names: ReadonlySet<string>,
): Rewritten[] {
  if (!detected) return raw.map((word) => ({ word, translated: false }));
  const { lexicon, score } = detected;
  raw = withParticleJoined(lexicon, raw, values);
  const confident = score >= MIN_FOREIGN_WORDS;
  const out: Rewritten[] = [];
  /** Where a word that brings the object before its verb stood (Chinese 把), if one did. */
  let objectFrom = -1;
  // The clause's first word that is no function word: where its verb stands.
  const opening = raw.findIndex((word) => !lexicon.stops.has(word));
  for (let i = 0; i < raw.length; ) {
    let matched = 0;
    for (const size of [3, 2]) {
      const words = raw.slice(i, i + size);
      const phrase = words.join(" ");
      if (i + size <= raw.length && !words.some((word) => values.has(word)) && Object.hasOwn(lexicon.words, phrase)) {
        for (const word of lexicon.words[phrase] ?? []) out.push({ word, translated: true });
        matched = size;
        break;
      }
    }
    if (matched > 0) {
      i += matched;
      continue;
    }
    const word = raw[i] ?? "";
    i++;
    if (objectFrom < 0 && lexicon.objectMarkers?.includes(word)) objectFrom = out.length;
    const english = isEnglish(tables, word);
    if (values.has(word)) {
      out.push({ word, translated: false });
    } else if (i - 1 === opening && lexicon.openingWords && Object.hasOwn(lexicon.openingWords, word) && (confident || !english)) {
      for (const translatedWord of lexicon.openingWords[word] ?? []) out.push({ word: translatedWord, translated: true });
    } else if (Object.hasOwn(lexicon.words, word) && (confident || !english)) {
      const plural = isPluralForm(lexicon, word);
      for (const translatedWord of lexicon.words[word] ?? []) out.push(plural ? { word: translatedWord, translated: true, plural } : { word: translatedWord, translated: true });
    } else if (lexicon.articles.has(word) && (confident || !english)) {
      out.push({ word: "a", translated: true });
    } else if (!(lexicon.stops.has(word) && (confident || !english))) {
      const intended = confident && !english ? mistypedWord(lexicon, word, names) : undefined;
      if (intended !== undefined) for (const translatedWord of lexicon.words[intended] ?? []) out.push({ word: translatedWord, translated: true });
      else out.push({ word, translated: false });
    }
  }
  if (objectFrom >= 0) return withVerbAt(tables, out, objectFrom);
  return lexicon.verbFinal ? withVerbFirst(tables, out) : out;
}

/** Whether a translated word is a verb in its base form (participles, "assigned", describe). */
function isBaseVerb(tables: QueryTables, word: Rewritten): boolean {
  return word.translated && !word.word.endsWith("ed") && tables.isVerb(stem(word.word));
}

/**
 * The first verb after the word at `at`, moved to `at`: before the object a marker brought ahead of
 * it ("把邮件转发" → "forward email"). The object's own first word is never the verb, even where
 * English uses it as one ("email").
 */
function withVerbAt(tables: QueryTables, words: Rewritten[], at: number): Rewritten[] {
  const verb = words.findIndex((word, i) => i > at && isBaseVerb(tables, word));
  if (verb < 0) return words;
  return [...words.slice(0, at), words[verb] as Rewritten, ...words.slice(at, verb), ...words.slice(verb + 1)];
}

/**
 * A clause of a language that ends with its verb, read as English puts it: the last verb
 * translated, moved before the words it followed ("メールを送って" → "send email"). Participles
 * ("assigned", "sent") describe and stay where they are.
 */
function withVerbFirst(tables: QueryTables, words: Rewritten[]): Rewritten[] {
  const at = words.findLastIndex((word) => isBaseVerb(tables, word));
  if (at <= 0) return words;
  return [words[at] as Rewritten, ...words.slice(0, at), ...words.slice(at + 1)];
}

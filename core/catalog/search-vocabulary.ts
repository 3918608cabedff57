import { fold, rawWords, stem, tokenize } from "./search-text.ts";

/**
 * The words the search understands, compiled at build time from data
 * (catalog/languages/en.json, the other languages' lexicons, and each toolkit's
 * catalog/vocabulary/<slug>.json) into the index, already stemmed. The ranker holds no
 * vocabulary of its own: a new toolkit or language is new data, not new code.
 *
 * Nothing here may import Node modules: it must also typecheck for the Worker.
 */

/** catalog/languages/en.json: what English verbs ask for and which plain words relate to API words. */
export interface EnglishVocabularySource {
  /** Action class → its family (read, write, change, delete) and the verbs that ask for it. */
  actions: Record<string, { family: string; verbs: string }>;
  /** Words that are nouns unless they lead the request or follow "to", "please"… ("file", "label", "star"). */
  nounVerbs: string;
  /** Nouns that are verbs when they open an imperative ("email the report") → action classes. */
  leadingVerbs: Record<string, string>;
  /** Two-word verbs whose meaning differs from their first word's ("set up", "let … know") → action classes. */
  phrases: Record<string, string>;
  /** Plain word → related API words, searched at reduced weight ("favorite" → "star"). */
  related: Record<string, string>;
  /** Words that describe arguments ("tomorrow") or say little ("details"). */
  weakWords: string;
  /** Everyday words that are not typos even though no tool uses them ("late", "anyone"). */
  commonWords: string;
  /** Words after which a request describes arguments, not the tool ("with", "about", "titled"). */
  qualifiers: string;
  /** What one item has rather than is ("status", "owner"): asked of an identified item ("the status of PAY-12"), the item is read. */
  attributes: string;
  /** Phrases that wrap a request and say nothing about it ("when you get a chance", "as discussed"), separated by "|". */
  fillers: string;
  /** Words that label the request before a colon ("task: …", "user request: …"), separated by "|". */
  labels: string;
  /** Nouns that name an act ("creation:create"): the action of a request that has no verb ("issue creation in GitHub"). */
  actionNouns: string;
  /**
   * Spans of the requester's own time ("my afternoon", "Friday morning", `words`) and what
   * fills them (`fill`, "event"): a request about nothing else is about those ("clear my
   * afternoon"). After a word that bounds a range (`bounds`: "since Friday", "by Monday") the
   * span only says when. What holds what fills a span (`holders`: "calendar") is about it too:
   * "what's on my calendar Thursday" asks for Thursday's events, not for calendars. A verb that
   * moves a thing (`movers`) to a span ("push the DFM review to Thursday at 2") moves what fills it.
   * A verb that keeps a span (`keepers`) with a time as its object ("hold Friday 11am for the
   * viewing", "block all of Saturday") makes what fills it.
   */
  timeSpans: { words: string; fill: string; bounds: string; holders: string; movers: string; keepers: string };
  /**
   * What a person has that a contact record holds, as people write it → the word the catalog
   * uses ("cell" → phone); asked of someone ("Melissa's cell", "Dana's phone number") the
   * request is about contacts (`fill`).
   */
  contactDetails: { words: Record<string, string>; fill: string };
  /**
   * A verb → who does it, as the catalog names them ("star" → "stargazer"): a question who did
   * it ("who starred acme/api?", "who joined the call?") asks for them.
   */
  doers: Record<string, string>;
  /**
   * What an email address stands for when a verb acts on it ("add bob@acme.com to the
   * newsletter", "subscribe kim@… to the audience"): a person, whom tools keep as a member, a
   * user, a contact (its related words).
   */
  addressObject: string;
}

/** A lexicon of another language, as catalog/vocabulary.ts defines it. */
export interface LanguageLexiconSource {
  stopWords: string[];
  words: Record<string, string>;
  separableParticles?: string[];
  indefiniteArticles?: string[];
  openingWords?: Record<string, string>;
  pluralEndings?: [string, string][];
  verbFinal?: boolean;
  objectMarkers?: string[];
}

/** The English vocabulary in the index: every key stemmed. */
export interface CompiledEnglish {
  /** Stemmed verb → action classes. */
  verbs: Record<string, string[]>;
  /** Action class → family. */
  families: Record<string, string>;
  /** Stemmed noun-verbs. */
  nounVerbs: string[];
  /** Plain word → action classes. */
  leadingVerbs: Record<string, string[]>;
  /** "first second" (plain words) → action classes. */
  phrases: Record<string, string[]>;
  /** Stemmed word → stemmed related terms. */
  related: Record<string, string[]>;
  /** Plain weak words. */
  weakWords: string[];
  /** Plain everyday words, never corrected as typos. */
  commonWords: string[];
  /** Plain qualifier words. */
  qualifiers: string[];
  /** Stemmed attribute words. */
  attributes: string[];
  /** Filler phrases as plain words, each phrase its words joined by a space. */
  fillers: string[];
  /** Labels as plain words, each its words joined by a space. */
  labels: string[];
  /** Plain noun → the action classes of the verb it names the act of. */
  actionNouns: Record<string, string[]>;
  /** Plain words of time spans, the stemmed terms of what fills them, the plain words that bound a range, and the plain verbs that move a thing to one or keep one. */
  timeSpans: { words: string[]; fill: string[]; bounds: string[]; holders: string[]; movers: string[]; keepers: string[] };
  /** Plain detail word → the plain word the catalog uses, and the stemmed terms of what holds them. */
  contactDetails: { words: Record<string, string>; fill: string[] };
  /** Stemmed verb → the stemmed terms of who does it. */
  doers: Record<string, string[]>;
  /** The stemmed terms of what an address a verb acts on stands for. */
  addressObject: string[];
}

/** Another language in the index: folded words and phrases → plain English words. */
export interface CompiledLexicon {
  code: string;
  stopWords: string[];
  words: Record<string, string[]>;
  /** Particles a verb leaves at the end of its clause, folded (German "ein", "weiter"); absent when none. */
  separableParticles?: string[];
  /** Indefinite articles, folded, read as English "a" (French "une", Dutch "een"); absent when none. */
  indefiniteArticles?: string[];
  /** Folded words read as a verb when they open a clause ("programa" → schedule), as plain English words; absent when none. */
  openingWords?: Record<string, string[]>;
  /** [singular ending, plural ending] pairs, folded (catalog/vocabulary.ts); absent when none. */
  pluralEndings?: [string, string][];
  /** The verb ends the clause (catalog/vocabulary.ts); absent when not. */
  verbFinal?: true;
  /** Words that bring the object before its verb, folded (catalog/vocabulary.ts); absent when none. */
  objectMarkers?: string[];
}

/** A toolkit's vocabulary in the index. */
export interface CompiledToolkitVocabulary {
  /** Other names, as one term each (words joined: "office 365" → "office365"). */
  names: string[];
  /** Names that count only when capitalised inside a sentence, lower-cased ("teams"); absent when none. */
  capitalisedNames?: string[];
  /** One of the everyday apps agents use most (catalog/vocabulary.ts); absent when not. */
  popular?: true;
  /** Stemmed keywords; two-word keywords as "first second". */
  keywords: string[];
  /** Stemmed user word (or "first second") → stemmed API terms, within this toolkit only. */
  synonyms: Record<string, string[]>;
  /** Regular expression source (matched on the request's text) → stemmed API terms. */
  patterns: Record<string, string[]>;
  /** Another toolkit's slug → the action classes its tools do to this toolkit's things; absent when none. */
  handledBy?: Record<string, string[]>;
}

/** A word or phrase as the index keys it: its stemmed terms joined by a space. */
export function termKey(text: string): string {
  return tokenize(text).join(" ");
}

/** "a b|c d" → ["a b", "c d"], each phrase as plain words. */
const phrases = (list: string): string[] => list.split("|").map((phrase) => rawWords(phrase).join(" ")).filter((phrase) => phrase.length > 0);

export function compileEnglish(source: EnglishVocabularySource): CompiledEnglish {
  const verbs: Record<string, string[]> = {};
  const families: Record<string, string> = {};
  for (const [action, { family, verbs: members }] of Object.entries(source.actions)) {
    families[action] = family;
    for (const verb of members.split(" ")) {
      const key = stem(verb);
      verbs[key] = [...new Set([...(verbs[key] ?? []), action])];
    }
  }
  const split = (text: string) => text.split(" ").filter((w) => w.length > 0);
  const related: Record<string, string[]> = {};
  for (const [word, terms] of Object.entries(source.related)) related[stem(word)] = tokenize(terms);
  return {
    verbs,
    families,
    nounVerbs: [...new Set(split(source.nounVerbs).map(stem))],
    leadingVerbs: Object.fromEntries(Object.entries(source.leadingVerbs).map(([word, classes]) => [word, split(classes)])),
    phrases: Object.fromEntries(Object.entries(source.phrases).map(([phrase, classes]) => [phrase, split(classes)])),
    related,
    weakWords: split(source.weakWords),
    commonWords: split(source.commonWords),
    qualifiers: split(source.qualifiers),
    attributes: [...new Set(split(source.attributes).map(stem))],
    fillers: phrases(source.fillers),
    labels: phrases(source.labels),
    actionNouns: Object.fromEntries(
      split(source.actionNouns).map((pair) => {
        const [noun = "", verb = ""] = pair.split(":");
        const classes = verbs[stem(verb)];
        // Not dropped quietly: a noun whose verb no action lists is a mistake in en.json.
        if (!classes) throw new Error(`en.json actionNouns: "${pair}" names no verb of an action`);
        return [noun, classes];
      }),
    ),
    timeSpans: { words: split(source.timeSpans.words), fill: tokenize(source.timeSpans.fill), bounds: split(source.timeSpans.bounds), holders: tokenize(source.timeSpans.holders), movers: split(source.timeSpans.movers), keepers: split(source.timeSpans.keepers) },
    contactDetails: { words: { ...source.contactDetails.words }, fill: tokenize(source.contactDetails.fill) },
    doers: Object.fromEntries(Object.entries(source.doers).map(([verb, who]) => [stem(verb), tokenize(who)])),
    addressObject: tokenize(source.addressObject),
  };
}

export function compileLexicon(code: string, source: LanguageLexiconSource): CompiledLexicon {
  const words: Record<string, string[]> = {};
  for (const [word, english] of Object.entries(source.words)) {
    const key = rawWords(word).join(" ");
    const value = rawWords(english);
    if (key.length > 0) words[key] = value;
  }
  const folded = (list: readonly string[] | undefined) => [...new Set((list ?? []).map((w) => fold(w)))].sort();
  const particles = folded(source.separableParticles);
  const articles = folded(source.indefiniteArticles);
  const opening = Object.entries(source.openingWords ?? {}).map(([word, english]) => [fold(word), rawWords(english)] as const);
  const plurals = (source.pluralEndings ?? []).map(([singular, plural]) => [fold(singular), fold(plural)] as [string, string]);
  return {
    code,
    stopWords: folded(source.stopWords),
    words,
    ...(particles.length > 0 ? { separableParticles: particles } : {}),
    ...(articles.length > 0 ? { indefiniteArticles: articles } : {}),
    ...(opening.length > 0 ? { openingWords: Object.fromEntries(opening) } : {}),
    ...(plurals.length > 0 ? { pluralEndings: plurals } : {}),
    ...(source.verbFinal === true ? { verbFinal: true as const } : {}),
    ...((source.objectMarkers ?? []).length > 0 ? { objectMarkers: folded(source.objectMarkers) } : {}),
  };
}

export function compileToolkitVocabulary(source: {
  names?: readonly string[];
  capitalisedNames?: readonly string[];
  popular?: boolean;
  keywords: readonly string[];
  synonyms: Record<string, string>;
  patterns?: Record<string, string>;
  handledBy?: Record<string, string>;
}): CompiledToolkitVocabulary {
  const names = [...new Set((source.names ?? []).map((name) => rawWords(name).join("")))].filter((n) => n.length > 0).sort();
  const keywords = [...new Set(source.keywords.map(termKey).filter((k) => k.length > 0))].sort();
  const synonyms: Record<string, string[]> = {};
  for (const [word, terms] of Object.entries(source.synonyms)) {
    const key = termKey(word);
    if (key.length > 0) synonyms[key] = [...new Set([...(synonyms[key] ?? []), ...tokenize(terms)])];
  }
  const patterns: Record<string, string[]> = {};
  for (const [pattern, terms] of Object.entries(source.patterns ?? {})) patterns[pattern] = tokenize(terms);
  const handledBy = Object.entries(source.handledBy ?? {}).map(([toolkit, classes]) => [toolkit, classes.split(" ")] as const);
  const capitalisedNames = (source.capitalisedNames ?? []).map((name) => name.toLowerCase());
  return {
    names,
    ...(capitalisedNames.length > 0 ? { capitalisedNames } : {}),
    ...(source.popular === true ? { popular: true as const } : {}),
    keywords,
    synonyms,
    patterns,
    ...(handledBy.length > 0 ? { handledBy: Object.fromEntries(handledBy) } : {}),
  };
}

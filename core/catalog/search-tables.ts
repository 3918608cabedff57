import { bloomKey, bloomReader, type BloomKey } from "./search-bloom.ts";
import { FuzzyVocabulary } from "./search-fuzzy.ts";
import { lexiconOf, scriptOfLexicon, SEARCH_INDEX_VERSION, TF_SCALE, type SearchIndex } from "./search-index.ts";
import { B, idf, K1, PHRASE_B, PHRASE_K1, type PhrasePostings, type Postings } from "./search-postings.ts";
import type { QueryTables } from "./search-query.ts";
import { segmenterOf, type Segmenter } from "./search-segment.ts";
import { inflectedForms, stem, type ScriptGroup } from "./search-text.ts";
import type { PreparedLexicon } from "./search-translate.ts";
import type { CompiledLexicon } from "./search-vocabulary.ts";

/**
 * What the search derives from an index before its first request, once per isolate (cached
 * in a WeakMap by index): BM25 length norms, each toolkit's documents, the words that name
 * toolkits, the vocabulary as lookup tables, the tools' action lists and slug terms, and the
 * caches of postings decoded on first use (search-postings.ts).
 */

/** The toolkit field's weight, like the other fields in half-units of tf. */
const TOOLKIT_FIELD_TF = 2 * TF_SCALE;
/** A name word stops naming its toolkit when more than this share of all tools elsewhere use it. */
const NAMING_TERM_MAX_OUTSIDE_SHARE = 0.003;

/** Per-index state derived lazily on first search and kept for the isolate's lifetime. */
export interface Prepared {
  docCount: number;
  /** k1·(1 − b + b·len/avgLen) per document. */
  norm: Float64Array;
  docToolkit: Uint16Array;
  /** The documents of each toolkit. */
  toolkitDocs: number[][];
  /** Each toolkit's documents as one range of numbers, [start, end) at 2t and 2t + 1 (the index sorts them by toolkit). */
  toolkitRange: Uint32Array;
  toolkitNumber: Map<string, number>;
  /** By toolkit: the toolkits whose tools do some of its things, and which actions (its vocabulary's `handledBy`). */
  handledBy: { toolkit: number; actions: ReadonlySet<string> }[][];
  /** The everyday apps agents use most (their vocabulary's `popular`), by toolkit number. */
  popularToolkits: number[];
  /** Toolkit-field score (idf × saturated tf) of each toolkit, for tools of a named toolkit. */
  toolkitFieldScore: Float64Array;
  /** Each document's action list, as a position in `actionLists` (tools share few distinct lists). */
  docActionList: Uint16Array;
  actionLists: string[][];
  /** By action list: whether its tools create. */
  createsByList: boolean[];
  important: Uint8Array;
  /** Slug term → its position in the index's slugVocabulary. */
  slugTermIds: Map<string, number>;
  /** The index's slugTerms, and where each document's run starts in it. */
  slugTerms: Int32Array;
  slugTermStart: Uint32Array;
  /** For each action class, the ids of the slug terms that are verbs of it ("create" → create, add, make…). */
  actionSlugTerms: Map<string, number[]>;
  /** The ids of the slug terms that are verbs of creating, as a set. */
  createVerbIds: Set<number>;
  postings: Map<string, Postings | null>;
  /** The tool of each phrasing, and k1·(1 − b + b·len/avgLen) per phrasing. */
  phraseDocs: Uint32Array;
  phraseNorm: Float64Array;
  phrasePostings: Map<string, PhrasePostings | null>;
  scores: Float64Array;
  /** Per phrasing, reused by every search: how well the request matches it. */
  phraseScores: Float64Array;
  /** Per document, reused by every search: its best-matching phrasing's score. */
  phraseBest: Float64Array;
  /** Per document, reused by every search: the request's content covered. */
  coverage: Float64Array;
  /** Per document, reused by every search: a content group's best share, for its word and its compound's other word. */
  firstShare: Float64Array;
  secondShare: Float64Array;
  tables: QueryTables;
}

const prepared = new WeakMap<SearchIndex, Prepared>();

function postingsCount(index: SearchIndex, term: string): number {
  return Object.hasOwn(index.postings, term) ? (index.postings[term]?.length ?? 0) / 2 : 0;
}

/**
 * A term names a toolkit if it is the toolkit's slug, or a word of its name that no other
 * toolkit's name has, that is not a verb, and that other toolkits' tools rarely use
 * ("calendar" names Google Calendar; "google" and the "new" of "Hacker News" name nothing).
 */
function toolkitNames(index: SearchIndex, docCount: number): Pick<QueryTables, "toolkitByTerm" | "sharedNameTerms" | "nameHints" | "capitalisedNames"> {
  const namers = new Map<string, number[]>();
  index.toolkitTerms.forEach((terms, t) => {
    for (const term of terms) namers.set(term, [...(namers.get(term) ?? []), t]);
  });
  const toolkitByTerm = new Map<string, number>();
  const sharedNameTerms = new Map<string, number[]>();
  const nameHints = new Map<string, number>();
  const maxOutsideUse = Math.ceil(docCount * NAMING_TERM_MAX_OUTSIDE_SHARE);
  const isVerb = (term: string) => Object.hasOwn(index.english.verbs, term);
  const bySlugTerm = new Map(index.toolkits.map((slug, t) => [stem(slug.replaceAll("_", "")), t]));
  /** How many tools outside the given toolkits hold the term. */
  const usedOutside = (term: string, own: readonly number[]): number => {
    const flat = Object.hasOwn(index.postings, term) ? (index.postings[term] ?? []) : [];
    let outside = 0;
    for (let i = 0, doc = 0; i < flat.length; i += 2) {
      doc += flat[i] ?? 0;
      if (!own.includes(index.docToolkit[doc] ?? -1)) outside++;
    }
    return outside;
  };
  for (const [term, ts] of namers) {
    // A toolkit's own slug names it, even when other toolkits share the word in their names
    // ("twilio" names Twilio; Twilio Messaging is only suggested by it) or its stem is a verb
    // too ("stripe" → "strip").
    const own = bySlugTerm.get(term);
    if (own !== undefined) toolkitByTerm.set(term, own);
    const t = ts[0];
    // A word several toolkits' names share names one of them ("google"), unless the rest of the
    // catalog uses it as much ("account", of Xero's and Apideck Accounting's names): then it is
    // the word it is.
    if (ts.length > 1 && !isVerb(term) && (own !== undefined || usedOutside(term, ts) <= maxOutsideUse)) sharedNameTerms.set(term, ts);
    if (ts.length !== 1 || t === undefined || own !== undefined || isVerb(term)) continue;
    // A name word other toolkits use too ("calendar" of Google Calendar, which Outlook has) only suggests its toolkit.
    if (usedOutside(term, ts) <= maxOutsideUse) toolkitByTerm.set(term, t);
    else nameHints.set(term, t);
  }
  // The other names a toolkit's vocabulary gives ("hotmail", "office365"), and their stems, which
  // a request's words are looked up by ("gdocs" → "gdoc").
  const capitalisedNames = new Map<string, number>();
  index.toolkitVocabulary.forEach((vocabulary, t) => {
    for (const name of vocabulary.names) {
      for (const key of new Set([name, stem(name)])) if (!toolkitByTerm.has(key) && !sharedNameTerms.has(key)) toolkitByTerm.set(key, t);
    }
    for (const name of vocabulary.capitalisedNames ?? []) capitalisedNames.set(name, t);
  });
  return { toolkitByTerm, sharedNameTerms, nameHints, capitalisedNames };
}

function vocabularyTables(index: SearchIndex): Pick<QueryTables, "keywordToolkits" | "synonyms" | "patterns" | "englishWords"> {
  const keywordToolkits = new Map<string, number[]>();
  const synonyms = new Map<string, { toolkit: number; terms: readonly string[] }[]>();
  const patterns: { pattern: RegExp; toolkit: number; terms: readonly string[] }[] = [];
  index.toolkitVocabulary.forEach((vocabulary, toolkit) => {
    for (const keyword of vocabulary.keywords) keywordToolkits.set(keyword, [...(keywordToolkits.get(keyword) ?? []), toolkit]);
    for (const [word, terms] of Object.entries(vocabulary.synonyms)) synonyms.set(word, [...(synonyms.get(word) ?? []), { toolkit, terms }]);
    for (const [source, terms] of Object.entries(vocabulary.patterns)) patterns.push({ pattern: new RegExp(source, "gu"), toolkit, terms });
  });
  const { english } = index;
  const words = [
    ...english.commonWords,
    ...english.weakWords,
    ...Object.keys(english.leadingVerbs),
    ...Object.keys(english.phrases).flatMap((phrase) => phrase.split(" ")),
  ];
  // Their stems too: "interns" is an English word as "intern" is, not a typo of "insert".
  const englishWords = new Set([...words, ...words.map(stem)]);
  return { keywordToolkits, synonyms, patterns, englishWords };
}

/** A lexicon with its word lists as sets, and the typo table of its one-word keys built on first use. */
function preparedLexicon(lexicon: CompiledLexicon): PreparedLexicon {
  let fuzzy: FuzzyVocabulary | undefined;
  let segmenter: Segmenter | undefined;
  const keys = () => Object.keys(lexicon.words).filter((key) => !key.includes(" "));
  return {
    ...lexicon,
    stops: new Set(lexicon.stopWords),
    articles: new Set(lexicon.indefiniteArticles),
    fuzzy: () => (fuzzy ??= new FuzzyVocabulary(keys(), () => 0)),
    segmenter: () => (segmenter ??= segmenterOf(lexicon)),
  };
}

export function prepare(index: SearchIndex): Prepared {
  const cached = prepared.get(index);
  if (cached) return cached;
  if (index.v !== SEARCH_INDEX_VERSION) {
    throw new Error(`search index version ${index.v} does not match ${SEARCH_INDEX_VERSION}: rebuild the catalog`);
  }
  const docCount = index.slugs.length;
  const avgLength = index.lengths.reduce((sum, l) => sum + l, 0) / Math.max(1, docCount);
  const norm = new Float64Array(docCount);
  for (let doc = 0; doc < docCount; doc++) norm[doc] = K1 * (1 - B + (B * (index.lengths[doc] ?? 0)) / avgLength);

  const toolkitDocs = index.toolkits.map((): number[] => []);
  index.docToolkit.forEach((t, doc) => toolkitDocs[t]?.push(doc));
  const toolkitRange = new Uint32Array(index.toolkits.length * 2);
  toolkitDocs.forEach((docs, t) => {
    const start = docs[0] ?? 0;
    const contiguous = docs.every((doc, i) => doc === start + i);
    // Not one run (an index not sorted by toolkit): the range is every document, and callers still check each.
    toolkitRange[2 * t] = contiguous ? start : 0;
    toolkitRange[2 * t + 1] = contiguous ? start + docs.length : docCount;
  });
  const toolkitFieldScore = new Float64Array(index.toolkits.length);
  for (let t = 0; t < index.toolkits.length; t++) {
    const size = toolkitDocs[t]?.length ?? 0;
    // A typical document's length normalisation (norm = k1 at avgLength).
    toolkitFieldScore[t] = (idf(docCount, size) * (TOOLKIT_FIELD_TF * (K1 + 1))) / (TOOLKIT_FIELD_TF + K1);
  }
  const important = new Uint8Array(docCount);
  for (const doc of index.important) important[doc] = 1;

  const slugTerms = slugTermTables(index);
  const slugTermIds = slugTerms.slugTermIds;
  let fuzzy: FuzzyVocabulary | undefined;
  const lexicons = new Map<string, PreparedLexicon>();
  const filters = new Map<string, (word: BloomKey) => boolean>();
  const keysByScript = new Map<ScriptGroup, string[]>();
  for (const key of Object.keys(index.lexicons)) {
    const script = scriptOfLexicon(key);
    const keys = keysByScript.get(script);
    if (keys) keys.push(key);
    else keysByScript.set(script, [key]);
  }
  const lexiconAt = (key: string) => {
    let lexicon = lexicons.get(key);
    if (!lexicon) lexicons.set(key, (lexicon = preparedLexicon(lexiconOf(index, key))));
    return lexicon;
  };
  const mayHold = (key: string, words: readonly BloomKey[]) => {
    let mayBe = filters.get(key);
    if (!mayBe) filters.set(key, (mayBe = bloomReader(index.lexiconWords[key] ?? "")));
    return words.filter(mayBe).length;
  };
  // Toolkits as the one word people write them ("googlecalendar", "hackernews").
  const toolkitSlugs = new Set(index.toolkits.map((slug) => slug.replaceAll("_", "")));
  const tables: QueryTables = {
    english: index.english,
    fillers: fillersByFirstWord(index.english.fillers),
    labels: new Set(index.english.labels),
    nounVerbs: new Set(index.english.nounVerbs),
    weakWords: new Set(index.english.weakWords),
    timeSpans: new Set(index.english.timeSpans.words),
    timeBounds: new Set(index.english.timeSpans.bounds),
    timeHolders: new Set(index.english.timeSpans.holders),
    timeMovers: new Set(index.english.timeSpans.movers),
    timeKeepers: new Set(index.english.timeSpans.keepers),
    qualifiers: new Set(index.english.qualifiers),
    attributes: new Set(index.english.attributes),
    // Read on the first request in their script with a word English does not know that may be theirs (see SearchIndex.lexicons).
    lexicons: (scripts) => scripts.flatMap((script) => (keysByScript.get(script) ?? []).map(lexiconAt)),
    lexiconCandidates: (scripts, words) => {
      // Each word hashed once for all the filters.
      const keys = words.map(bloomKey);
      return scripts.flatMap((script) => (keysByScript.get(script) ?? []).map((key) => ({ mayHold: mayHold(key, keys), lexicon: () => lexiconAt(key) })));
    },
    // Built on the first request with a word the index does not know. A typo is of a word
    // people ask with: a verb, a word tools are named with, a toolkit's name or vocabulary;
    // not of the rare words of descriptions.
    fuzzy: () =>
      (fuzzy ??= new FuzzyVocabulary(
        [
          ...index.slugVocabulary,
          ...Object.keys(index.english.verbs),
          ...Object.keys(index.english.related),
          ...toolkitSlugs,
          ...index.toolkitVocabulary.flatMap((v) => [...v.names, ...v.keywords, ...Object.keys(v.synonyms)].filter((w) => !w.includes(" "))),
        ],
        (term) => postingsCount(index, term),
        inflectedForms,
        toolkitSlugs,
      )),
    isVerb: (term) => Object.hasOwn(index.english.verbs, term) || Object.hasOwn(index.english.leadingVerbs, term),
    hasTerm: (term) => Object.hasOwn(index.postings, term),
    isSlugTerm: (term) => slugTermIds.has(term),
    compounds: slugCompounds(index),
    objectVerbs: objectVerbs(index),
    ...toolkitNames(index, docCount),
    toolkitSlugs,
    ...vocabularyTables(index),
  };

  const toolkitNumber = new Map(index.toolkits.map((slug, t) => [slug, t]));
  const state: Prepared = {
    docCount,
    norm,
    docToolkit: Uint16Array.from(index.docToolkit),
    toolkitDocs,
    toolkitRange,
    toolkitNumber,
    handledBy: index.toolkitVocabulary.map((vocabulary) =>
      Object.entries(vocabulary.handledBy ?? {}).flatMap(([slug, actions]) => {
        const toolkit = toolkitNumber.get(slug);
        return toolkit === undefined ? [] : [{ toolkit, actions: new Set(actions) }];
      }),
    ),
    popularToolkits: index.toolkitVocabulary.flatMap((vocabulary, t) => (vocabulary.popular ? [t] : [])),
    toolkitFieldScore,
    ...actionLists(index),
    important,
    ...slugTerms,
    postings: new Map(),
    ...phraseTables(index),
    phrasePostings: new Map(),
    scores: new Float64Array(docCount),
    phraseScores: new Float64Array(index.phraseDocs.length),
    phraseBest: new Float64Array(docCount),
    coverage: new Float64Array(docCount),
    firstShare: new Float64Array(docCount),
    secondShare: new Float64Array(docCount),
    tables,
  };
  prepared.set(index, state);
  return state;
}

function phraseTables(index: SearchIndex): Pick<Prepared, "phraseDocs" | "phraseNorm"> {
  const count = index.phraseLengths.length;
  const avgLength = index.phraseLengths.reduce((sum, l) => sum + l, 0) / Math.max(1, count);
  const phraseNorm = Float64Array.from(index.phraseLengths, (length) => PHRASE_K1 * (1 - PHRASE_B + (PHRASE_B * length) / avgLength));
  return { phraseDocs: Uint32Array.from(index.phraseDocs), phraseNorm };
}

function actionLists(index: SearchIndex): Pick<Prepared, "docActionList" | "actionLists" | "createsByList"> {
  const positions = new Map<string, number>();
  const docActionList = Uint16Array.from(index.actions, (actions) => {
    let position = positions.get(actions);
    if (position === undefined) positions.set(actions, (position = positions.size));
    return position;
  });
  const lists = [...positions.keys()].map((actions) => (actions === "" ? [] : actions.split(" ")));
  return { docActionList, actionLists: lists, createsByList: lists.map((actions) => actions.includes("create")) };
}

/** Filler phrases as word lists by their first word; longest first, so "thanks in advance" goes whole before "thanks" could. */
function fillersByFirstWord(phrases: readonly string[]): Map<string, string[][]> {
  const byFirst = new Map<string, string[][]>();
  for (const words of phrases.map((phrase) => phrase.split(" ")).sort((a, b) => b.length - a.length)) {
    const first = words[0] ?? "";
    const list = byFirst.get(first);
    if (list) list.push(words);
    else byFirst.set(first, [words]);
  }
  return byFirst;
}

function actionSlugTerms(index: SearchIndex): Map<string, number[]> {
  const byAction = new Map<string, number[]>();
  index.slugVocabulary.forEach((term, id) => {
    const actions = Object.hasOwn(index.english.verbs, term) ? index.english.verbs[term] : undefined;
    for (const action of actions ?? []) {
      const ids = byAction.get(action);
      if (ids) ids.push(id);
      else byAction.set(action, [id]);
    }
  });
  return byAction;
}

type SlugTermTables = Pick<Prepared, "slugTermIds" | "slugTerms" | "slugTermStart" | "actionSlugTerms" | "createVerbIds">;

function slugTermTables(index: SearchIndex): SlugTermTables {
  const slugTerms = Int32Array.from(index.slugTerms);
  const slugTermStart = new Uint32Array(index.slugs.length + 1);
  let doc = 1;
  for (let i = 0; i < slugTerms.length; i++) if (slugTerms[i] === -2) slugTermStart[doc++] = i + 1;
  const byAction = actionSlugTerms(index);
  return {
    slugTermIds: new Map(index.slugVocabulary.map((term, id) => [term, id])),
    slugTerms,
    slugTermStart,
    actionSlugTerms: byAction,
    createVerbIds: new Set(byAction.get("create") ?? []),
  };
}

/**
 * Verbs the catalog's slugs use more often as what a tool handles than as what it does
 * ("refund" in CREATE_REFUNDS, "comment" in CREATE_AN_ISSUE_COMMENT, "draft", "label"): a
 * request's verb among them also says what it is about ("refund the payment" is about refunds).
 */
function objectVerbs(index: SearchIndex): Set<string> {
  const first = new Map<number, number>();
  const later = new Map<number, number>();
  let position = 0;
  for (const id of index.slugTerms) {
    if (id < 0) {
      position = 0;
      continue;
    }
    const counts = position++ === 0 ? first : later;
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  const verbs = new Set<string>();
  index.slugVocabulary.forEach((term, id) => {
    if (Object.hasOwn(index.english.verbs, term) && (later.get(id) ?? 0) > (first.get(id) ?? 0)) verbs.add(term);
  });
  return verbs;
}

/** Two words that name one thing when they follow each other in this many slugs ("pull request", "direct message"). */
const COMPOUND_MIN_SLUGS = 3;

/**
 * Pairs of slug terms that stand for one thing: adjacent in at least COMPOUND_MIN_SLUGS slugs,
 * after the slug's first term (its verb: "create issue" is an action and its object, not a
 * compound; "pull" in LIST_PULL_REQUESTS is no verb). Derived from the catalog, so every
 * toolkit's compounds come without writing them down.
 */
function slugCompounds(index: SearchIndex): Set<string> {
  // Pairs are counted as numbers (first id × vocabulary size + second id): it runs once per
  // isolate over every slug, and strings are made only for the pairs that qualify.
  const size = index.slugVocabulary.length;
  const counts = new Map<number, number>();
  let previous = -1;
  let position = 0;
  for (const id of index.slugTerms) {
    if (id < 0) {
      previous = -1;
      position = 0;
      continue;
    }
    if (position++ >= 2) {
      const pair = previous * size + id;
      counts.set(pair, (counts.get(pair) ?? 0) + 1);
    }
    previous = id;
  }
  const compounds = new Set<string>();
  for (const [pair, count] of counts) {
    if (count < COMPOUND_MIN_SLUGS) continue;
    compounds.add(`${index.slugVocabulary[Math.floor(pair / size)] ?? ""} ${index.slugVocabulary[pair % size] ?? ""}`);
  }
  return compounds;
}

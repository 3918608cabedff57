import { addressesOneItem, type ToolDefinition } from "../../catalog/definition.ts";
import { sends } from "./search-action-cues.ts";
import { bloomOf } from "./search-bloom.ts";
import { canonicalWords, stem, tokenize, type ScriptGroup } from "./search-text.ts";
import type { CompiledEnglish, CompiledLexicon, CompiledToolkitVocabulary } from "./search-vocabulary.ts";

/**
 * The keyword search index over the tool catalog, built ahead of time by
 * `scripts/build-catalog.ts` (catalog/dist/search-index.json) and read by `searchTools`
 * inside the Worker. Documents are tools; their fields are folded into one weighted bag
 * of terms (a simplified BM25F): each occurrence in the slug or the name counts 3×, in an
 * alias slug 1.5×, in a tag 1.5×, in the description 1×. The toolkit field (2×) is not
 * stored per document: the search scores it at query time from `docToolkit`, which keeps
 * the index small (GitHub alone would otherwise add ~1000 postings per toolkit term).
 *
 * Beside the postings, each tool carries what the ranker weighs besides words: its action
 * (create, list, send, …, derived here from its slug verb, HTTP method and description) and
 * whether it is important. The vocabulary (search-vocabulary.ts) travels in the index too.
 *
 * Nothing here may import Node modules: it must also typecheck for the Worker.
 */

/** Bumped whenever tokenization or the layout changes (13: each lexicon as its own JSON text, with a Bloom filter); the search refuses other versions. */
export const SEARCH_INDEX_VERSION = 13;

/** Weighted term frequencies are integers in half-units (3× → 6, 1.5× → 3, 1× → 2). */
export const TF_SCALE = 2;

export interface SearchIndex {
  v: number;
  /** Tool slugs, by document number. */
  slugs: string[];
  /** Toolkit slugs, sorted; `docToolkit[doc]` indexes this array. */
  toolkits: string[];
  /** Stemmed terms that name each toolkit (its slug and the words of its name), parallel to `toolkits`. */
  toolkitTerms: string[][];
  docToolkit: number[];
  /** Weighted length of each document, in half-units. */
  lengths: number[];
  /** Action classes of each tool, space-separated ("list", "create", "" when unknown). */
  actions: string[];
  /** Documents tagged `important`, ascending. */
  important: number[];
  /** The distinct terms of all slugs and alias slugs; `slugTerms` refers to them by position. */
  slugVocabulary: string[];
  /**
   * For each tool in turn, the distinct terms of its slug body, then of each of its alias slugs,
   * as positions in `slugVocabulary`: -1 ends an alternative, -2 ends a tool. Lets the search
   * reward queries that cover a slug ("create a pull request" → CREATE_A_PULL_REQUEST).
   */
  slugTerms: number[];
  /**
   * Term → flat postings `[gap, tf, gap, tf, …]`: documents ascending, each written as the
   * difference from the previous document number (the first as its own number); tf in half-units.
   */
  postings: Record<string, number[]>;
  /**
   * Users' phrasings of the tools one by one, besides in their tools' bags (a request close to
   * one phrasing is closer to its tool than one whose words are spread over all of them):
   * the tool of each phrasing, ascending; its number of distinct terms; and term → the
   * phrasings holding it, ascending, each written as the difference from the previous.
   */
  phraseDocs: number[];
  phraseLengths: number[];
  phrasePostings: Record<string, number[]>;
  /** Each toolkit's vocabulary, parallel to `toolkits`. */
  toolkitVocabulary: CompiledToolkitVocabulary[];
  english: CompiledEnglish;
  /**
   * Other languages a query may be written in: each lexicon's `CompiledLexicon` as JSON text, by
   * `lexiconKey` (the script its words are written in and its language: "latin:es"), read by
   * `lexiconOf` on the first request that may use its words. Tens of thousands of short keys
   * are most of what parsing the index costs, and most requests never need them: as text, a fresh
   * isolate's first search parses the index in about half the time, and a request parses only the
   * lexicons of its own script that may hold its unknown words (`lexiconWords`). A lexicon with keys
   * in two scripts (Hindi in Devanagari and in Latin letters) is two, each with its own keys. The
   * Worker's copy of the index comes without them: they ship in a file of their own
   * (`packLexicons`), added back as read.
   */
  lexicons: Record<string, string>;
  /**
   * For each lexicon, by the same key, a Bloom filter over its one-word keys and stop words
   * (`search-bloom.ts`): the lexicons none of a request's unknown words may be a word of are not
   * read, and a request with no such word at all ("crete an isue") reads none.
   */
  lexiconWords: Record<string, string>;
}

/** A lexicon's key in the index: its script and its language ("latin:es", "devanagari:hi"). */
export function lexiconKey(script: ScriptGroup, code: string): string {
  return `${script}:${code}`;
}

/** The script of a lexicon by its key. */
export function scriptOfLexicon(key: string): ScriptGroup {
  return key.slice(0, key.indexOf(":")) as ScriptGroup;
}

/** What the builder needs besides the toolkits (the lexicons as objects, or as an index already holds them). */
export interface SearchLanguages {
  english: CompiledEnglish;
  /** By `lexiconKey`. */
  lexicons: Record<string, CompiledLexicon | string>;
  /** The lexicons' Bloom filters, where they come as text (an index's own); made from them otherwise. */
  lexiconWords?: Record<string, string>;
  /**
   * Terms the catalog's own texts misspell → the terms meant ("retreiv" → "retriev"), indexed as
   * the terms meant: a request's misspelling is then no word the index knows, and is corrected.
   * Derived by the build (scripts/lib/search-misspellings.ts); not kept in the index.
   */
  misspellings?: Readonly<Record<string, string>>;
}

const parsedLexicons = new WeakMap<SearchIndex, Map<string, CompiledLexicon>>();

/** One of the index's lexicons, by key, parsed once per index. */
export function lexiconOf(index: SearchIndex, key: string): CompiledLexicon {
  let byKey = parsedLexicons.get(index);
  if (!byKey) parsedLexicons.set(index, (byKey = new Map()));
  let lexicon = byKey.get(key);
  if (!lexicon) byKey.set(key, (lexicon = JSON.parse(index.lexicons[key] ?? "null") as CompiledLexicon));
  return lexicon;
}

/** A lexicon's one-word keys and stop words: the words detection counts. */
function* lexiconWordsOf(lexicon: CompiledLexicon): Generator<string> {
  for (const word of [...Object.keys(lexicon.words), ...lexicon.stopWords]) if (!word.includes(" ")) yield word;
}

/** The parts of a toolkit the index reads; a `ToolkitDefinition` fits. */
export interface SearchableToolkit {
  slug: string;
  name: string;
  tools: readonly (Pick<ToolDefinition, "slug" | "name" | "description" | "tags"> & { http: Pick<ToolDefinition["http"], "method" | "path"> })[];
  aliases?: Record<string, string>;
  vocabulary?: CompiledToolkitVocabulary;
  /** How users ask for each tool, by slug (the vocabulary's `phrases`): indexed with the tool. */
  phrases?: Readonly<Record<string, readonly string[]>>;
  /** Action classes by slug where the derivation from slug, method and description misleads (the vocabulary's `actions`). */
  actions?: Readonly<Record<string, string>>;
}

const FIELD_WEIGHT = { slug: 6, name: 6, alias: 3, phrase: 3, tags: 3, description: 2 } as const;

/** Cross-references to other tools (`GMAIL_FETCH_EMAILS`) and link targets are noise for ranking. */
function cleanDescription(description: string): string {
  return description
    .replace(/\]\([^)]*\)/g, "] ")
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b/g, " ");
}

/** A slug without its toolkit prefix: `GITHUB_CREATE_AN_ISSUE` → `CREATE_AN_ISSUE`. */
function slugBody(slug: string, toolkitSlug: string): string {
  const prefix = `${toolkitSlug.toUpperCase()}_`;
  return slug.startsWith(prefix) ? slug.slice(prefix.length) : slug;
}

/** The terms that name a toolkit: its slug ("googlecalendar") and the words of its name ("google", "calendar"). */
export function toolkitNameTerms(toolkit: Pick<SearchableToolkit, "slug" | "name">): string[] {
  return [...new Set([...tokenize(toolkit.slug.replaceAll("_", "")), ...tokenize(toolkit.name)])];
}

/** A catalog text's terms, its misspellings read as the terms meant. */
function catalogTerms(text: string, misspellings: Readonly<Record<string, string>>): string[] {
  return tokenize(text).map((term) => (Object.hasOwn(misspellings, term) ? (misspellings[term] as string) : term));
}

function addTerms(bag: Map<string, number>, terms: readonly string[], weight: number): void {
  for (const term of terms) bag.set(term, (bag.get(term) ?? 0) + weight);
}

/** The action classes a verb asks for, when the word is a verb. */
function verbActions(english: CompiledEnglish, word: string): string[] | undefined {
  const canonical = canonicalWords(word)?.[0] ?? word;
  return english.verbs[stem(canonical)];
}

/** Words that join two verbs of a slug. */
const JOINERS = new Set(["or", "and"]);

/** A description's first word as a verb's base form ("Accepts," → "accept"). */
function firstWord(description: string): string {
  return description.split(/[\s,.;:]/, 1)[0]?.toLowerCase().replace(/s$/, "") ?? "";
}

/** The last slug word of a tool that reads a count, and the actions such a tool's verb may give. */
const COUNTS = new Set(["count", "counts"]);
const READS = new Set(["get", "list", "search"]);

/** Slug words for a rule of who may access a thing. */
const ACCESS_RULES = new Set(["acl", "permission", "permissions"]);
/** …and the slug verbs that make one for someone (not "set", which configures a setting). */
const GRANTING = new Set(["insert", "create", "add", "grant"]);

/**
 * A tool's action classes: the first verb of its slug with any joined to it by "or" or "and"
 * (or, failing that, its description's first verb),
 * narrowed by the HTTP method where the verb is ambiguous ("fetch" lists on a collection and
 * gets on an item); without a verb, the method alone says it. A DELETE deletes whatever its
 * verb ("archive a contact" in HubSpot's API is a DELETE).
 */
export function toolActions(english: CompiledEnglish, body: string, http: { method: string; path: string }, description: string): string[] {
  const itemPath = addressesOneItem(http.path);
  let actions: string[] | undefined;
  const words = body.toLowerCase().split("_");
  for (const [i, word] of words.slice(0, 4).entries()) {
    actions = verbActions(english, word);
    if (!actions) continue;
    // Verbs joined by "or" or "and" are all the tool's ("CREATE_OR_UPDATE", "ADD_OR_REMOVE").
    for (let j = i + 1; JOINERS.has(words[j] ?? ""); j += 2) {
      const joined = verbActions(english, words[j + 1] ?? "");
      if (!joined) break;
      actions = [...new Set([...actions, ...joined])];
    }
    break;
  }
  actions ??= verbActions(english, firstWord(description));
  if (!actions) {
    if (http.method === "GET") return [itemPath ? "get" : "list"];
    if (http.method === "DELETE") return ["delete"];
    if (http.method === "PUT" || http.method === "PATCH") return ["update"];
    return ["create"];
  }
  if (http.method === "DELETE" && !actions.includes("delete")) return [...actions, "delete"];
  const described = verbActions(english, firstWord(description)) ?? [];
  // "Create a message" that the description says sends it (Twilio): the tool sends too.
  if (actions.includes("create") && described.includes("send")) return [...actions, "send"];
  // A new access rule on a thing (INSERT_ACL, CREATE_CALENDAR_PERMISSION) shares the thing.
  if (words.some((word) => ACCESS_RULES.has(word)) && words.some((word) => GRANTING.has(word))) return [...actions, "share"];
  // A reply that the description says accepts or declines ("Respond to invitation": "Accept,
  // tentatively accept or decline…"): the tool does what its description says as well; but
  // "Send a reply…" keeps it a reply, which answers a message and starts none.
  if (sends(actions)) {
    const more = actions.includes("reply") ? described.filter((action) => action !== "send") : described;
    if (more.some((action) => !actions.includes(action))) return [...new Set([...actions, ...more])];
  }
  // A read of a count ("GET_VERSIONS_UNRESOLVED_ISSUES_COUNT", "GET_STARGAZER_COUNT") counts: it lists
  // none of the things its slug names, so a request to list them is no match for it.
  if (COUNTS.has(words.at(-1) ?? "") && actions.every((action) => READS.has(action))) return ["count"];
  if (actions.includes("get") && actions.includes("list")) {
    const narrowed = actions.filter((a) => a !== (itemPath ? "list" : "get"));
    return http.method === "GET" ? narrowed : actions;
  }
  return actions;
}

/** Pure: the same catalog always gives the same index (toolkits sorted by slug, terms sorted). */
export function buildSearchIndex(toolkits: readonly SearchableToolkit[], languages: SearchLanguages): SearchIndex {
  const slugs: string[] = [];
  const docToolkit: number[] = [];
  const lengths: number[] = [];
  const actions: string[] = [];
  const important: number[] = [];
  const slugTerms: number[] = [];
  const slugVocabulary = new Map<string, number>();
  const lists = new Map<string, number[]>();
  const phraseDocs: number[] = [];
  const phraseLengths: number[] = [];
  const phraseLists = new Map<string, number[]>();
  const sorted = [...toolkits].sort((a, b) => a.slug.localeCompare(b.slug));
  const termsOf = (text: string) => catalogTerms(text, languages.misspellings ?? {});

  /** The action classes a vocabulary gives that en.json does not know. */
  const unknownActions = (classes: readonly string[]) => classes.filter((action) => !Object.hasOwn(languages.english.families, action));

  sorted.forEach((toolkit, toolkitNumber) => {
    for (const [slug, classes] of Object.entries(toolkit.actions ?? {})) {
      const unknown = unknownActions(classes.split(" "));
      if (unknown.length > 0) throw new Error(`vocabulary of ${toolkit.slug}: ${slug} has unknown action classes ${unknown.join(", ")}`);
    }
    for (const [other, classes] of Object.entries(toolkit.vocabulary?.handledBy ?? {})) {
      if (!sorted.some((t) => t.slug === other)) throw new Error(`vocabulary of ${toolkit.slug}: handledBy names ${other}, which is no toolkit of the catalog`);
      const unknown = unknownActions(classes);
      if (unknown.length > 0) throw new Error(`vocabulary of ${toolkit.slug}: handledBy ${other} has unknown action classes ${unknown.join(", ")}`);
    }
    const aliasesByTool = new Map<string, string[]>();
    for (const [alias, target] of Object.entries(toolkit.aliases ?? {})) {
      aliasesByTool.set(target, [...(aliasesByTool.get(target) ?? []), alias]);
    }
    for (const tool of toolkit.tools) {
      const doc = slugs.length;
      const body = slugBody(tool.slug, toolkit.slug);
      const bag = new Map<string, number>();
      addTerms(bag, termsOf(body), FIELD_WEIGHT.slug);
      addTerms(bag, termsOf(tool.name), FIELD_WEIGHT.name);
      for (const alias of aliasesByTool.get(tool.slug) ?? []) addTerms(bag, termsOf(slugBody(alias, toolkit.slug)), FIELD_WEIGHT.alias);
      for (const phrase of toolkit.phrases?.[tool.slug] ?? []) {
        const phraseTerms = termsOf(phrase);
        addTerms(bag, phraseTerms, FIELD_WEIGHT.phrase);
        const terms = new Set(phraseTerms);
        if (terms.size === 0) continue;
        for (const term of terms) {
          const list = phraseLists.get(term);
          if (list === undefined) phraseLists.set(term, [phraseDocs.length]);
          else list.push(phraseDocs.length);
        }
        phraseDocs.push(doc);
        phraseLengths.push(terms.size);
      }
      for (const tag of tool.tags) if (!tag.endsWith("Hint") && tag !== "important") addTerms(bag, termsOf(tag), FIELD_WEIGHT.tags);
      addTerms(bag, termsOf(cleanDescription(tool.description)), FIELD_WEIGHT.description);

      slugs.push(tool.slug);
      docToolkit.push(toolkitNumber);
      let length = 0;
      for (const [term, tf] of bag) {
        length += tf;
        const list = lists.get(term);
        if (list === undefined) lists.set(term, [doc, tf]);
        else list.push(doc, tf);
      }
      lengths.push(length);
      actions.push(toolkit.actions?.[tool.slug] ?? toolActions(languages.english, body, tool.http, tool.description).join(" "));
      if (tool.tags.includes("important")) important.push(doc);
      const aliases = (aliasesByTool.get(tool.slug) ?? []).sort();
      for (const alternative of [body, ...aliases.map((alias) => slugBody(alias, toolkit.slug))]) {
        for (const term of new Set(termsOf(alternative))) {
          let id = slugVocabulary.get(term);
          if (id === undefined) {
            id = slugVocabulary.size;
            slugVocabulary.set(term, id);
          }
          slugTerms.push(id);
        }
        slugTerms.push(-1);
      }
      slugTerms.push(-2);
    }
  });

  const postings: Record<string, number[]> = {};
  for (const term of [...lists.keys()].sort()) {
    const list = lists.get(term) ?? [];
    const encoded: number[] = [];
    let previous = 0;
    for (let i = 0; i < list.length; i += 2) {
      const doc = list[i] ?? 0;
      encoded.push(doc - previous, list[i + 1] ?? 0);
      previous = doc;
    }
    postings[term] = encoded;
  }

  const phrasePostings: Record<string, number[]> = {};
  for (const term of [...phraseLists.keys()].sort()) {
    const list = phraseLists.get(term) ?? [];
    phrasePostings[term] = list.map((phrase, i) => phrase - (list[i - 1] ?? 0));
  }

  return {
    v: SEARCH_INDEX_VERSION,
    slugs,
    toolkits: sorted.map((t) => t.slug),
    toolkitTerms: sorted.map((t) => toolkitNameTerms(t)),
    docToolkit,
    lengths,
    actions,
    important,
    slugVocabulary: [...slugVocabulary.keys()],
    slugTerms,
    postings,
    phraseDocs,
    phraseLengths,
    phrasePostings,
    toolkitVocabulary: sorted.map((t) => t.vocabulary ?? { names: [], keywords: [], synonyms: {}, patterns: {} }),
    english: languages.english,
    lexicons: Object.fromEntries(Object.entries(languages.lexicons).map(([key, lexicon]) => [key, typeof lexicon === "string" ? lexicon : JSON.stringify(lexicon)])),
    lexiconWords:
      languages.lexiconWords ??
      Object.fromEntries(Object.entries(languages.lexicons).map(([key, lexicon]) => [key, bloomOf(lexiconWordsOf(typeof lexicon === "string" ? (JSON.parse(lexicon) as CompiledLexicon) : lexicon))])),
  };
}

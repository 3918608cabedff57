import type { ContentGroup, QueryTables, QueryToken, WeightedTerm } from "./search-query.ts";
import { stem } from "./search-text.ts";

/**
 * What a request's words add up to for the ranker: weighted terms (its own words, related
 * words, a toolkit's synonyms searched only among that toolkit's tools) and the toolkits its
 * words hint at.
 */

/** What a word of the request weighs in its terms, by the part it plays (see `wordWeight`). */
export const WEIGHT = {
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
  /** …that a noun in a phrase after the head has, saying where the head is or whose ("the card on the Patel board"), as a share of its own. */
  modifier: 0.5,
} as const;

/** The terms, scoped terms and toolkit hints a request adds up to, as its words are read. */
export class TermCollector {
  readonly own = new Map<string, number>();
  readonly #related = new Map<string, number>();
  readonly #scoped = new Map<string, WeightedTerm>();
  readonly #hints = new Map<number, number>();

  related(terms: readonly string[], weight: number = WEIGHT.related): void {
    for (const term of terms) this.#related.set(term, Math.max(weight, this.#related.get(term) ?? 0));
  }

  /** A synonym's words share its weight: "archive" → "move message folder" is worth one word, not three. */
  scoped(toolkit: number, terms: readonly string[], worth: number = WEIGHT.synonym): void {
    const weight = worth / Math.sqrt(Math.max(1, terms.length));
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
export function readPairs(tables: QueryTables, tokens: readonly QueryToken[], collector: TermCollector, named: Set<number>): Set<QueryToken> {
  const inOtherVocabulary = new Set<QueryToken>();
  const content = tokens.filter((token) => !token.stop);
  for (let k = 0; k + 1 < content.length; k++) {
    const first = content[k];
    const second = content[k + 1];
    if (!first || !second) continue;
    // "Google Tasks" is the slug googletasks, whose term is the stem of the joined words.
    const joined = `${first.word}${second.word}`;
    const toolkit = tables.toolkitByTerm.get(joined) ?? tables.toolkitByTerm.get(stem(joined)) ?? tables.toolkitByTerm.get(`${first.term}${second.term}`);
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

/** What a word of the request is, for its weight. */
export interface WordRole {
  naming: boolean;
  weak: boolean;
  argument: boolean;
  action: boolean;
  corrected: boolean;
}

export function wordWeight(role: WordRole): number {
  if (role.naming) return WEIGHT.naming;
  if (role.weak) return WEIGHT.weak;
  if (role.argument) return WEIGHT.argument;
  if (role.action) return WEIGHT.action;
  return role.corrected ? WEIGHT.corrected : WEIGHT.own;
}

/** What the request is about without saying it (`fill`: a time span's events, a person's contact), weighed as implied. */
export function filledContent(fill: readonly string[], collector: TermCollector): ContentGroup {
  const terms = new Map<string, number>();
  for (const term of fill) {
    terms.set(term, 1);
    collector.own.set(term, Math.max(collector.own.get(term) ?? 0, WEIGHT.implied));
  }
  return { weight: WEIGHT.implied, terms };
}

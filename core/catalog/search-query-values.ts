import type { QueryTables } from "./search-query.ts";
import { rawWords } from "./search-text.ts";

/**
 * What a request's own text gives rather than asks: values (addresses, URLs, quoted text, what
 * toolkits' patterns recognise) and the names of people and things. Their words are arguments,
 * never typos, and never what the request is about.
 */

/** A capitalised word inside a sentence: a name ("Marta", "Umbrella Corp"), not a typo. */
const NAME = /(?<![.!?:]\s*|^\s*)\b\p{Lu}\p{Ll}+/gu;

/** An email address: a value of any request, and whom it names. */
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;

/** The first word of each email address in the request ("raj" of raj@acme.com): who it names. */
export function addressNames(text: string): string[] {
  return [...text.matchAll(EMAIL)].flatMap((match) => rawWords(match[0].split("@")[0] ?? "").slice(0, 1));
}

/**
 * A capitalised word opening a sentence, as its subject: a name when what follows is said of
 * someone ("Felipe just joined", "Tom is leaving", "Dana still hasn't confirmed", "Kim Studio is
 * no longer a client") or when it is a possessive ("Felipe's laptop"). A request's own first word
 * is its verb ("Create…", "Move…"), and one before a preposition may be a mistyped verb ("Comnent
 * on PR 12"), so that is no cue.
 */
const SUBJECT_NAME = /(?<=^|[.!?]\s+)\p{Lu}\p{Ll}+(?=(?:\s+\p{Lu}[\p{L}&]*)*(?:['’]s\s|\s+(?:is|was|has|had|just|still|needs|wants|started|joined|says|said|asked|will|keeps|got|(?:has|is|was|does|did|ca|wo)n['’]t)\b))/gu;

/** The words of names in the request ("the Payments team", "Umbrella Corp", "Felipe just joined"). */
export function nameWords(text: string): Set<string> {
  const words = new Set<string>();
  for (const pattern of [NAME, SUBJECT_NAME]) for (const match of text.matchAll(pattern)) for (const word of rawWords(match[0])) words.add(word);
  return words;
}

/** Values every request may carry, whatever the toolkits: email addresses, URLs and domain names. */
const GENERIC_VALUES = new RegExp(`${EMAIL.source}|\\bhttps?:\\/\\/\\S+|\\b(?:[a-z0-9-]+\\.)+(?:com|org|net|io|dev|app|co|ai)\\b`, "gi");

/**
 * Quoted text: a title, a name or words to look for ("a card \"Vendor onboarding\"", „Rechnungen
 * prüfen“, «Facture»), which the request gives the tool, not what it asks for. A single quote
 * counts only around whole words, so an apostrophe ("Sam's") opens nothing.
 */
const QUOTED = /"[^"\n]{1,100}"|“[^”\n]{1,100}”|„[^“”\n]{1,100}[“”]|«[^»\n]{1,100}»|(?<=^|\s)'[^'\n]{1,100}'(?=$|[\s,.;:!?])/gu;

/**
 * Values in the request's own text: addresses, URLs, quoted text, and what toolkits' patterns
 * recognise ("acme/api", "PAY-77"; each suggests its toolkit and searches its words there).
 * The words inside the values are arguments, not what the request is about, and never typos.
 */
export function readValues(tables: QueryTables, query: string): { words: Set<string>; matched: { text: string; toolkit: number; terms: readonly string[] }[] } {
  const words = new Set<string>();
  const matched: { text: string; toolkit: number; terms: readonly string[] }[] = [];
  // "dev@acme.com" is an address, not the DEV toolkit; "files.com" in a URL is not Files.com.
  for (const match of query.matchAll(GENERIC_VALUES)) for (const word of rawWords(match[0])) words.add(word);
  for (const match of query.matchAll(QUOTED)) for (const word of rawWords(match[0])) words.add(word);
  // Every value a pattern finds: "get him into #frontend and #standup" names two channels.
  for (const { pattern, toolkit, terms } of tables.patterns) {
    for (const match of query.matchAll(pattern)) {
      matched.push({ text: match[0].trim(), toolkit, terms });
      for (const word of rawWords(match[0])) words.add(word);
    }
  }
  return { words, matched };
}

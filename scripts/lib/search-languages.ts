import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { LanguageLexicon } from "../../catalog/vocabulary.ts";
import { lexiconKey, type SearchableToolkit, type SearchLanguages } from "../../core/catalog/search-index.ts";
import { isStopWord, scriptOf, stem, type ScriptGroup } from "../../core/catalog/search-text.ts";
import { compileEnglish, compileLexicon, type CompiledEnglish, type CompiledLexicon, type EnglishVocabularySource } from "../../core/catalog/search-vocabulary.ts";
import { projectRoot } from "./paths.ts";
import { synonymsOf } from "./wordnet.ts";

const languagesDir = path.join(projectRoot, "catalog/languages");

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(path.join(languagesDir, file), "utf8"));
}

/**
 * English verbs widened with WordNet, from data only: each verb of en.json lends its action
 * classes to the other words of its most frequent sense ("erase" → delete). Words en.json
 * already knows, and words tools are named with, keep their meaning: WordNet only fills gaps.
 * (Nouns are not widened: their first senses relate everyday words to the wrong API words,
 * "world" → "public".)
 */
function withWordNet(english: CompiledEnglish, source: EnglishVocabularySource, toolkits: readonly SearchableToolkit[]): CompiledEnglish {
  const slugWords = new Set<string>();
  for (const toolkit of toolkits) {
    for (const tool of toolkit.tools) {
      for (const word of tool.slug.toLowerCase().split("_").slice(1)) if (/^[a-z]{3,}$/.test(word)) slugWords.add(word);
    }
  }
  const everyday = new Set([...english.commonWords, ...english.weakWords]);
  const unknown = (word: string) => !isStopWord(word) && !everyday.has(word) && !Object.hasOwn(english.verbs, stem(word));
  const verbs = { ...english.verbs };
  for (const members of Object.values(source.actions)) {
    for (const verb of members.verbs.split(" ")) {
      const classes = english.verbs[stem(verb)] ?? [];
      for (const synonym of synonymsOf(verb, "verb")) {
        if (unknown(synonym) && !slugWords.has(synonym) && !Object.hasOwn(verbs, stem(synonym))) verbs[stem(synonym)] = classes;
      }
    }
  }
  return { ...english, verbs };
}

/** A script a tenth of a lexicon's keys are written in is one its requests are typed in (Hindi in Latin letters). */
const MIN_SCRIPT_SHARE = 0.1;

/**
 * A lexicon split by the script of its keys (`scriptOf`): most are in one script; Hindi's are in
 * Devanagari and in Latin letters. Each part keeps the lexicon's other fields. A few keys in
 * another script stay with the rest: Russian's "githube" (GitHub, inflected) is typed amid Cyrillic.
 */
function byScript(lexicon: LanguageLexicon): Map<ScriptGroup, LanguageLexicon> {
  const keys = [...Object.keys(lexicon.words), ...lexicon.stopWords];
  const counts = new Map<ScriptGroup, number>();
  for (const script of keys.map(scriptOf)) counts.set(script, (counts.get(script) ?? 0) + 1);
  const main = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "latin";
  const groupOf = (word: string) => {
    const script = scriptOf(word);
    return (counts.get(script) ?? 0) >= MIN_SCRIPT_SHARE * keys.length ? script : main;
  };
  const parts = new Map<ScriptGroup, LanguageLexicon>();
  const partOf = (word: string) => {
    const script = groupOf(word);
    let part = parts.get(script);
    if (!part) parts.set(script, (part = { ...lexicon, stopWords: [], words: {} }));
    return part;
  };
  for (const [word, english] of Object.entries(lexicon.words)) partOf(word).words[word] = english;
  for (const word of lexicon.stopWords) partOf(word).stopWords.push(word);
  return parts;
}

/** catalog/languages/, compiled for the search index: en.json (widened with WordNet for this catalog), then every other language's lexicon, grouped by script. */
export function searchLanguages(toolkits: readonly SearchableToolkit[]): SearchLanguages {
  const source = readJson("en.json") as EnglishVocabularySource;
  const lexicons: Record<string, CompiledLexicon> = {};
  for (const file of readdirSync(languagesDir).filter((name) => name.endsWith(".json") && name !== "en.json").sort()) {
    const code = path.basename(file, ".json");
    for (const [script, part] of byScript(LanguageLexicon.parse(readJson(file)))) lexicons[lexiconKey(script, code)] = compileLexicon(code, part);
  }
  return { english: withWordNet(compileEnglish(source), source, toolkits), lexicons };
}

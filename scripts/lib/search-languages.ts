import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { LanguageLexicon } from "../../catalog/vocabulary.ts";
import type { SearchableToolkit, SearchLanguages } from "../../core/catalog/search-index.ts";
import { isStopWord, stem } from "../../core/catalog/search-text.ts";
import { compileEnglish, compileLexicon, type CompiledEnglish, type EnglishVocabularySource } from "../../core/catalog/search-vocabulary.ts";
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

/** catalog/languages/, compiled for the search index: en.json (widened with WordNet for this catalog), then every other language's lexicon. */
export function searchLanguages(toolkits: readonly SearchableToolkit[]): SearchLanguages {
  const source = readJson("en.json") as EnglishVocabularySource;
  return {
    english: withWordNet(compileEnglish(source), source, toolkits),
    lexicons: readdirSync(languagesDir)
      .filter((file) => file.endsWith(".json") && file !== "en.json")
      .sort()
      .map((file) => compileLexicon(path.basename(file, ".json"), LanguageLexicon.parse(readJson(file)))),
  };
}

import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { LanguageLexicon } from "../../catalog/vocabulary.ts";
import type { SearchLanguages } from "../../worker/catalog/search-index.ts";
import { compileEnglish, compileLexicon, type EnglishVocabularySource } from "../../worker/catalog/search-vocabulary.ts";
import { projectRoot } from "./paths.ts";

const languagesDir = path.join(projectRoot, "catalog/languages");

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(path.join(languagesDir, file), "utf8"));
}

/** catalog/languages/, compiled for the search index: en.json, then every other language's lexicon. */
export function searchLanguages(): SearchLanguages {
  return {
    english: compileEnglish(readJson("en.json") as EnglishVocabularySource),
    lexicons: readdirSync(languagesDir)
      .filter((file) => file.endsWith(".json") && file !== "en.json")
      .sort()
      .map((file) => compileLexicon(path.basename(file, ".json"), LanguageLexicon.parse(readJson(file)))),
  };
}

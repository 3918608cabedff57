import { afterToolMention, clausesOf, markContext, withoutFillers, withoutLabel } from "./search-request.ts";
import type { QueryTables, QueryToken } from "./search-query.ts";
import { segmented } from "./search-segment.ts";
import { canonicalWords, isStopWord, joinedWithPrevious, requestScripts, SEGMENTED_SCRIPT, stem } from "./search-text.ts";
import { detectLanguage, translate } from "./search-translate.ts";

/**
 * A request as tokens: split into clauses, fillers dropped, translated when written in another
 * language, abbreviations written out, and words the search does not know corrected to the
 * nearest term it does (search-fuzzy.ts).
 */

/** Whether the search knows a term in any role: in a tool, as a verb, keyword, synonym or related word. */
function knownTerm(tables: QueryTables, word: string, term: string): boolean {
  return (
    tables.englishWords.has(word) ||
    tables.englishWords.has(term) ||
    tables.hasTerm(term) ||
    Object.hasOwn(tables.english.verbs, term) ||
    Object.hasOwn(tables.english.related, term) ||
    tables.keywordToolkits.has(term) ||
    tables.synonyms.has(term) ||
    tables.toolkitByTerm.has(term)
  );
}

export function tokensOf(tables: QueryTables, text: string, values: ReadonlySet<string>, names: ReadonlySet<string>): { tokens: QueryToken[]; language?: string } {
  // Never taken for typos: names, and the words of values (see readValues).
  const keep = new Set([...values, ...names]);
  const corrections = new Map<string, string | undefined>();
  const scripts = requestScripts(text);
  // Words of the scripts without spaces, or with particles joined, are cut into the lexicons' words first (search-segment.ts).
  const written = SEGMENTED_SCRIPT.test(text) ? clausesOf(text).map((clause) => ({ ...clause, words: segmented(tables.segmenter(scripts), clause.words) })) : clausesOf(text);
  const clauses = afterToolMention(tables, withoutLabel(tables.labels, written)).map((clause) => ({ ...clause, words: withoutFillers(tables.fillers, clause.words) }));
  const detected = detectLanguage(tables, scripts, clauses.flatMap((clause) => clause.words), values, names);
  const tokens: QueryToken[] = [];
  const sentences: number[] = [];
  for (const clause of clauses) {
    let opening = true;
    let previous: string | undefined;
    for (const rewritten of translate(tables, clause.words, detected, values, names)) {
      const { translated } = rewritten;
      // Words translated one by one may make a pair only English has as one ("antworte allen" → "reply all").
      const raw = (translated ? joinedWithPrevious(previous, rewritten.word) : undefined) ?? rewritten.word;
      previous = rewritten.word;
      // Decided on the word as written: "docs" in "acme/docs" is a value before it is "documentation".
      const value = !translated && (values.has(raw) || /^\d+$/.test(raw));
      const expansion = canonicalWords(raw);
      for (const word of expansion ?? [raw]) {
        const term = stem(word);
        const stop = isStopWord(word);
        const origin = translated ? "translated" : "own";
        let token: QueryToken = value ? { word, term, stop, origin, value } : { word, term, stop, origin };
        // "PR" is a noun: the "pull" it is written out with asks for nothing ("PR #88 has two approvals. ship it").
        if (expansion && expansion.length > 1) token.expanded = true;
        if (rewritten.plural) token.plural = true;
        if (clause.question) token.asking = true;
        if (!stop && !/\d/.test(word) && !keep.has(word) && !knownTerm(tables, word, term)) {
          // A repeated word is looked up once.
          // A three-letter word is corrected only where a verb stands, and only to a verb ("snd" → send).
          const key = word.length === 3 ? `${word}${opening ? "!" : ""}` : word;
          if (!corrections.has(key)) corrections.set(key, tables.fuzzy().nearest([word, term], opening ? tables.isVerb : undefined));
          const corrected = corrections.get(key);
          // A toolkit's name, corrected, names the toolkit as if typed right ("stirpe" → stripe).
          if (corrected && tables.toolkitSlugs.has(corrected)) token = { word: corrected, term: stem(corrected), stop: false, origin: "corrected" };
          // A misspelt participle still describes ("my asigned issues" lists them, it assigns nothing).
          else if (corrected) token = { word: "", term: corrected, stop: false, origin: "corrected", ...(word.endsWith("ed") && word.length > 4 ? { participle: true } : {}) };
        }
        if (opening && !token.stop) {
          token.clauseStart = true;
          if (clause.afterColon) token.afterColon = true;
          opening = false;
        }
        tokens.push(token);
        sentences.push(clause.sentence);
      }
    }
  }
  markContext(tables, tokens, sentences, new Set(clauses.flatMap((clause) => (clause.question ? [clause.sentence] : []))));
  return detected === undefined ? { tokens } : { tokens, language: detected.lexicon.code };
}

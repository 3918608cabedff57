import { afterToolMention, clausesOf, markContext, withoutFillers, withoutLabel, type Clause } from "./search-request.ts";
import type { QueryTables, QueryToken } from "./search-query.ts";
import { segmented } from "./search-segment.ts";
import { canonicalWords, isStopWord, joinedWithPrevious, rawWords, requestScripts, SEGMENTED_SCRIPT, stem } from "./search-text.ts";
import { detectLanguage, translate, type Detected } from "./search-translate.ts";

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

/**
 * Words typed in capitals ("HAR attached", "the SLA"): acronyms and names, never words of another
 * language ("har" is Hindi for every), unless the whole request is in capitals.
 */
function capitalisedWords(text: string): Set<string> {
  const letters = text.replace(/[^\p{L}]/gu, "");
  if (letters.length > 0 && letters === letters.toUpperCase()) return new Set();
  return new Set([...text.matchAll(/(?<![\p{L}\p{N}])\p{Lu}{2,}(?![\p{L}\p{N}])/gu)].flatMap((match) => rawWords(match[0])));
}

/**
 * The request's clauses and the language they are in. Words of the scripts without spaces, or
 * with particles joined, are first cut into the lexicons' words (search-segment.ts), by each
 * lexicon of the script in turn: Chinese and Japanese, or Arabic and Persian, cut one run of
 * letters differently, and the language whose words cover most of its letters keeps its own cut
 * (the one more of whose words it uses, where two cover as much).
 */
function readLanguage(tables: QueryTables, text: string, values: ReadonlySet<string>, notLanguage: ReadonlySet<string>): { clauses: Clause[]; detected: Detected | undefined } {
  const scripts = requestScripts(text);
  const clausesOfWords = (clauses: Clause[]) => afterToolMention(tables, withoutLabel(tables.labels, clauses)).map((clause) => ({ ...clause, words: withoutFillers(tables.fillers, clause.words) }));
  const written = clausesOf(text);
  if (!SEGMENTED_SCRIPT.test(text)) {
    const clauses = clausesOfWords(written);
    return { clauses, detected: detectLanguage(tables, (foreign) => tables.lexiconCandidates(scripts, foreign), clauses.flatMap((clause) => clause.words), values, notLanguage) };
  }
  let best: { clauses: Clause[]; detected: Detected | undefined; covered: number } | undefined;
  for (const lexicon of tables.lexicons(scripts)) {
    const cut = written.map((clause) => ({ ...clause, words: segmented(lexicon.segmenter(), clause.words) }));
    // The letters the lexicon's words cover: what it left out, it could not read.
    let covered = 0;
    for (const clause of cut) for (const word of clause.words) if (SEGMENTED_SCRIPT.test(word)) covered += word.length;
    if (best && covered < best.covered) continue;
    const clauses = clausesOfWords(cut);
    const detected = detectLanguage(tables, () => [{ mayHold: Number.POSITIVE_INFINITY, lexicon: () => lexicon }], clauses.flatMap((clause) => clause.words), values, notLanguage);
    if (!best || covered > best.covered || (detected?.score ?? 0) > (best.detected?.score ?? 0)) best = { clauses, detected, covered };
  }
  return best ?? { clauses: clausesOfWords(written), detected: undefined };
}

export function tokensOf(tables: QueryTables, text: string, values: ReadonlySet<string>, names: ReadonlySet<string>): { tokens: QueryToken[]; language?: string } {
  // Never taken for typos: names, and the words of values (see readValues).
  const keep = new Set([...values, ...names]);
  const corrections = new Map<string, string | undefined>();
  const notLanguage = new Set([...names, ...capitalisedWords(text)]);
  const { clauses, detected } = readLanguage(tables, text, values, notLanguage);
  const tokens: QueryToken[] = [];
  const sentences: number[] = [];
  for (const clause of clauses) {
    let opening = true;
    let previous: string | undefined;
    for (const rewritten of translate(tables, clause.words, detected, values, notLanguage)) {
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

import { CJK_RUN } from "./search-text.ts";
import type { CompiledLexicon } from "./search-vocabulary.ts";

/**
 * Chinese and Japanese write words without spaces, so a run of their characters is one word to
 * rawWords. Before the language is detected and the words translated, such a run is cut into the
 * words the lexicons know, the longest first from the left: "创建一个问题" is 创建 一个 问题,
 * "メールを送って" メール を 送って. Characters no word starts with are dropped: a name ("张伟") or a
 * word no lexicon has is nothing the search could read in any case.
 */
export interface Segmenter {
  words: ReadonlySet<string>;
  /** The length of the longest word, which bounds each match. */
  longest: number;
}

/** The lexicons' words and stop words written in CJK characters. */
export function segmenterOf(lexicons: readonly CompiledLexicon[]): Segmenter {
  const words = new Set<string>();
  for (const lexicon of lexicons) {
    for (const word of [...Object.keys(lexicon.words), ...lexicon.stopWords]) if (CJK_RUN.test(word) && !word.includes(" ")) words.add(word);
  }
  let longest = 0;
  for (const word of words) longest = Math.max(longest, word.length);
  return { words, longest };
}

/** The words with each CJK run cut into the segmenter's words (greedy longest match); other words as they are. */
export function segmented(segmenter: Segmenter, words: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    if (!CJK_RUN.test(word)) {
      out.push(word);
      continue;
    }
    for (let i = 0; i < word.length; ) {
      let length = Math.min(segmenter.longest, word.length - i);
      while (length > 0 && !segmenter.words.has(word.slice(i, i + length))) length--;
      if (length > 0) out.push(word.slice(i, i + length));
      i += Math.max(length, 1);
    }
  }
  return out;
}

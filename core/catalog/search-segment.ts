import { SEGMENTED_SCRIPT } from "./search-text.ts";
import type { CompiledLexicon } from "./search-vocabulary.ts";

/**
 * Chinese and Japanese write words without spaces, so a run of their characters is one word to
 * rawWords; Korean and Arabic write particles, prepositions and the article joined to their word.
 * Before the language is detected and the words translated, such a word is cut into the words the
 * lexicons know, the longest first from the left: "创建一个问题" is 创建 一个 问题, "メールを送って"
 * メール を 送って, "이메일을" 이메일 을, "والرسائل" و ال رسائل. Characters no word starts with are
 * dropped: a name ("张伟") or a word no lexicon has is nothing the search could read in any case.
 */
export interface Segmenter {
  words: ReadonlySet<string>;
  /** The length of the longest word, which bounds each match. */
  longest: number;
}

/**
 * A lexicon's words and stop words written in a segmented script, and the words of its phrases:
 * "안 읽은" (unread) is read as a phrase only if the cut keeps its "안" (not). Each lexicon cuts a
 * request by its own words (search-query-tokens.ts `readLanguage`).
 */
export function segmenterOf(lexicon: CompiledLexicon): Segmenter {
  const words = new Set<string>();
  for (const key of [...Object.keys(lexicon.words), ...lexicon.stopWords]) for (const word of key.split(" ")) if (SEGMENTED_SCRIPT.test(word)) words.add(word);
  let longest = 0;
  for (const word of words) longest = Math.max(longest, word.length);
  return { words, longest };
}

/** The words with each word of a segmented script cut into the segmenter's words (greedy longest match); other words as they are. */
export function segmented(segmenter: Segmenter, words: readonly string[]): string[] {
  const out: string[] = [];
  for (const word of words) {
    if (!SEGMENTED_SCRIPT.test(word)) {
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

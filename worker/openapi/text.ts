/**
 * Descriptions for a model's context: OpenAPI descriptions are markdown or HTML written for
 * a docs site, often pages long. We keep the first sentences as plain text.
 */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Sentences that point at docs rather than say what the operation does. */
const NAVIGATION = [/^For more (information|details)/i, /^See (the |our )?["[(]/i, /^Learn more/i, /^Read more/i, /^Refer to /i];

const ABBREVIATION = /\b(e\.g|i\.e|etc|vs|cf|approx|incl|Inc|No)\.$/i;

/** Plain text: HTML, markdown links, images, emphasis, headings and code marks removed. */
export function plainText(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<br\s*\/?>/gi, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
    .replace(/<https?:[^>\s]*>/g, " ")
    // Only tags: placeholders such as `heads/<branch name>` have a space or no letter start.
    .replace(/<\/?[a-zA-Z][a-zA-Z0-9-]*(\s[^<>]*)?\/?>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity: string, name: string) => {
      if (name.startsWith("#")) {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : " ";
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/^\s*>\s?/gm, "")
    .replace(/^\s*(?:#+|[*+-]|\d+\.)\s+/gm, "")
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, "$1")
    .replace(/\*\*|__|`+/g, "")
    .replace(/(^|[\s(])[*_](\S[^*_\n]*?)[*_](?=[\s.,;:)]|$)/g, "$1$2")
    .replace(/\s+/g, " ")
    .replace(/\s+([,.;:!?)]+)(?=\s|$)/g, "$1")
    .replace(/\(\s+/g, "(")
    .trim();
}

export function splitSentences(text: string): string[] {
  const pieces = text.split(/(?<=[.!?]["')]*)\s+/);
  const sentences: string[] = [];
  let current = "";
  pieces.forEach((piece, index) => {
    current = current ? `${current} ${piece}` : piece;
    const next = pieces[index + 1];
    // A boundary needs a sentence-like start next, and no "e.g." before it.
    if (next !== undefined && (ABBREVIATION.test(current) || !/^[A-Z0-9`"'(*_[]/.test(next))) return;
    sentences.push(current.trim());
    current = "";
  });
  return sentences.filter(Boolean);
}

/** At most `max` characters, cut at a word with an ellipsis. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:(-]+$/, "")}…`;
}

/**
 * The first whole sentences (at most `maxSentences`) of a markdown/HTML description within
 * `max` characters, docs navigation dropped. Paragraphs without a final stop still end a sentence.
 */
export function cleanDescription(raw: unknown, max: number, maxSentences = Infinity): string {
  if (typeof raw !== "string" || !raw.trim()) return "";
  const paragraphs = raw
    .replace(/\r\n?/g, "\n")
    .split(/\n\s*\n|\n(?=\s*[-*]\s)/)
    .map((paragraph) => plainText(paragraph))
    .filter(Boolean)
    .map((paragraph) => (/[.!?:]["')]*$/.test(paragraph) ? paragraph : `${paragraph}.`));
  const sentences = splitSentences(paragraphs.join(" ")).filter((sentence) => !NAVIGATION.some((pattern) => pattern.test(sentence)));
  return firstSentences(sentences, max, maxSentences);
}

/** The first whole `sentences` (at most `maxSentences`) within `max` characters; the first one cut when it alone is longer. */
export function firstSentences(sentences: readonly string[], max: number, maxSentences = Infinity): string {
  let out = "";
  let count = 0;
  for (const sentence of sentences) {
    if (count >= maxSentences) break;
    const next = out ? `${out} ${sentence}` : sentence;
    if (next.length > max) {
      if (!out) out = truncate(sentence, max);
      break;
    }
    out = next;
    count++;
  }
  return out.trim();
}

/** How a description is cleaned: `cleanDescription` unless a source's own texts need more (GitHub's token boilerplate). */
export type DescriptionCleaner = (raw: unknown, max: number) => string;

/** A description plus notes ("One of: string, integer."), the notes always kept. */
export function describe(raw: unknown, notes: readonly string[] | undefined, max: number, clean: DescriptionCleaner = cleanDescription): string | undefined {
  const suffix = (notes ?? []).join(" ");
  const room = suffix ? max - suffix.length - 1 : max;
  let main = clean(raw, Math.max(room, 40));
  if (main && suffix && !/[.!?…]$/.test(main)) main += ".";
  const text = [main, suffix].filter(Boolean).join(" ");
  return text ? truncate(text, max) : undefined;
}

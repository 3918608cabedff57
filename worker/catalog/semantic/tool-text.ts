import type { ToolDefinition, ToolkitDefinition } from "../../../catalog/definition.ts";

/** The parts of a catalog entry its embedding is made from. */
export interface EmbeddableTool {
  toolkit: Pick<ToolkitDefinition, "slug" | "name">;
  tool: Pick<ToolDefinition, "slug" | "name" | "description">;
}

/**
 * How much of the description is embedded. The opening sentences say what a tool does; the
 * rest (limits, argument hints) pulls the vector towards words a use case rarely contains.
 * 400 characters is also far below bge-m3's 8192-token input limit, so nothing is truncated.
 */
const MAX_DESCRIPTION_CHARS = 400;

/** The description's first sentences, whole, up to MAX_DESCRIPTION_CHARS; a longer first sentence is cut at a word. */
export function leadingSentences(description: string, maxChars = MAX_DESCRIPTION_CHARS): string {
  const text = description.replace(/\s+/g, " ").trim();
  if (text.length <= maxChars) return text;
  let kept = "";
  for (const sentence of text.split(/(?<=[.!?])\s+/)) {
    const next = kept ? `${kept} ${sentence}` : sentence;
    if (next.length > maxChars) break;
    kept = next;
  }
  if (kept) return kept;
  const cut = text.slice(0, maxChars);
  const lastSpace = cut.lastIndexOf(" ");
  return lastSpace > 0 ? cut.slice(0, lastSpace) : cut;
}

/** The text embedded for a tool: which app, what the tool is called, what it does. */
export function toolEmbeddingText({ toolkit, tool }: EmbeddableTool): string {
  return `${toolkit.name}: ${tool.name}. ${leadingSentences(tool.description)}`;
}

/**
 * The text embedded for one of a tool's users' phrasings: the app, then the phrasing ("Gmail:
 * let people who write know I'm away"). Phrasings rarely name their app, and many read alike
 * across apps ("post in the channel"); named, a request that says the app lands near its own
 * tools. Measured with the local stand-in model (`npm run search:semantic`): the semantic index
 * alone found an accepted tool in the top five for 0.325 → 0.357 of holdout requests (those
 * that name the app 0.38 → 0.66).
 */
export function phrasingEmbeddingText(toolkit: Pick<ToolkitDefinition, "name">, phrasing: string): string {
  return `${toolkit.name}: ${phrasing}`;
}

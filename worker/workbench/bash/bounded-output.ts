/** A stream cut to at most `maxChars`, with a last line that says how much was left out. */
export function boundOutput(stream: "stdout" | "stderr", text: string, maxChars: number): { text: string; truncated: boolean } {
  if (text.length <= maxChars) return { text, truncated: false };
  const kept = text.slice(0, maxChars);
  const separator = kept.endsWith("\n") ? "" : "\n";
  return { text: `${kept}${separator}…[${stream} truncated: ${text.length - maxChars} more characters]\n`, truncated: true };
}

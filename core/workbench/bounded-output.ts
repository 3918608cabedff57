/**
 * One output stream of a workbench run or shell command, kept up to a number of characters. What does not fit is counted,
 * not stored, so a cell printing in a loop costs memory only up to the limit.
 */
export class BoundedOutput {
  readonly #name: string;
  readonly #limit: number;
  #kept = "";
  #dropped = 0;

  constructor(name: "stdout" | "stderr", limit: number) {
    this.#name = name;
    this.#limit = limit;
  }

  write(text: string): void {
    const room = Math.max(0, this.#limit - this.#kept.length);
    if (text.length <= room) {
      this.#kept += text;
      return;
    }
    this.#kept += text.slice(0, room);
    this.#dropped += text.length - room;
  }

  get truncated(): boolean {
    return this.#dropped > 0;
  }

  /** The kept text, and when something was cut a last line that says how much. */
  text(): string {
    if (!this.truncated) return this.#kept;
    const separator = this.#kept === "" || this.#kept.endsWith("\n") ? "" : "\n";
    return `${this.#kept}${separator}…[${this.#name} truncated: ${this.#dropped} more characters]\n`;
  }
}

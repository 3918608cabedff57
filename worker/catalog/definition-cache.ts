import type { ToolDefinition } from "../../catalog/definition.ts";

/**
 * Full tool definitions kept in the isolate by slug, the least recently used dropped first.
 *
 * Kept per tool, not per shard: a request needs one or a few tools of a 16-tool shard, and the
 * tools asked for are skewed (a session's toolkits, what search ranks high), so the same heap
 * holds the tools in use rather than their shard neighbours. A miss reads the tool's shard.
 */
export class DefinitionCache {
  readonly #definitions = new Map<string, ToolDefinition>();
  readonly #capacity: number;

  constructor(capacity: number) {
    this.#capacity = capacity;
  }

  get(slug: string): ToolDefinition | undefined {
    const definition = this.#definitions.get(slug);
    if (definition) {
      // Re-inserted, so the Map's order stays least recently used first.
      this.#definitions.delete(slug);
      this.#definitions.set(slug, definition);
    }
    return definition;
  }

  set(definition: ToolDefinition): void {
    this.#definitions.delete(definition.slug);
    this.#definitions.set(definition.slug, definition);
    if (this.#definitions.size > this.#capacity) {
      const oldest = this.#definitions.keys().next().value;
      if (oldest !== undefined) this.#definitions.delete(oldest);
    }
  }

  get size(): number {
    return this.#definitions.size;
  }
}

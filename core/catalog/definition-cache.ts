import type { ToolDefinition } from "../../catalog/definition.ts";
import { getRecent, setBounded } from "../bounded-map.ts";

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
    return getRecent(this.#definitions, slug);
  }

  set(definition: ToolDefinition): void {
    setBounded(this.#definitions, definition.slug, definition, this.#capacity);
  }

  get size(): number {
    return this.#definitions.size;
  }
}

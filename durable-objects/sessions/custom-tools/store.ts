import { parseCustomTools, type StoredCustomTool } from "../../../core/sessions/custom-tools/definitions.ts";

/**
 * A session's custom tool definitions, in its Durable Object's SQLite beside (not inside)
 * its config: they are the SDK's, replaced whole on create and attach, and kept out of the
 * config so they are neither echoed in `config` nor copied into every config version.
 */

export const CUSTOM_TOOL_SCHEMA = [`CREATE TABLE IF NOT EXISTS custom_tools (id INTEGER PRIMARY KEY CHECK (id = 1), definitions TEXT NOT NULL)`];

export class CustomToolStore {
  readonly #storage: DurableObjectStorage;
  /** Every call reads the definitions; they are parsed again only when their text changed. */
  #parsed: { json: string | undefined; tools: StoredCustomTool[] } | undefined;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
  }

  /** The definitions as stored (JSON text), or undefined when the session has none. */
  readJson(): string | undefined {
    return this.#storage.sql.exec<{ definitions: string }>("SELECT definitions FROM custom_tools WHERE id = 1").toArray()[0]?.definitions;
  }

  /** Parsed again on the way out: what storage holds is checked like any input. */
  read(): StoredCustomTool[] {
    const json = this.readJson();
    if (!this.#parsed || this.#parsed.json !== json) this.#parsed = { json, tools: parseCustomTools(json) };
    return this.#parsed.tools;
  }

  replace(tools: readonly StoredCustomTool[]): void {
    if (tools.length === 0) this.#storage.sql.exec("DELETE FROM custom_tools");
    else this.#storage.sql.exec("INSERT OR REPLACE INTO custom_tools (id, definitions) VALUES (1, ?)", JSON.stringify(tools));
  }
}

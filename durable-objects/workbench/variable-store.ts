import type { WorkbenchVariables } from "../../core/sessions/context.ts";

export const VARIABLE_STORE_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS workbench_variables (name TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at INTEGER NOT NULL)`,
];

/**
 * The workbench's variables between runs: each a JSON value under its name, in the
 * session's Durable Object storage, so they outlive the isolate that computed them.
 * A run starts from all of them and ends by replacing all of them (a variable the code
 * deleted is gone).
 */
export class VariableStore implements WorkbenchVariables {
  readonly #storage: DurableObjectStorage;

  constructor(storage: DurableObjectStorage) {
    this.#storage = storage;
  }

  load(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const row of this.#storage.sql.exec<{ name: string; value: string }>("SELECT name, value FROM workbench_variables ORDER BY name")) {
      out[row.name] = JSON.parse(row.value);
    }
    return out;
  }

  replaceAll(variables: Record<string, unknown>): void {
    const now = Date.now();
    this.#storage.transactionSync(() => {
      this.#storage.sql.exec("DELETE FROM workbench_variables");
      for (const [name, value] of Object.entries(variables)) {
        this.#storage.sql.exec("INSERT INTO workbench_variables (name, value, updated_at) VALUES (?, ?, ?)", name, JSON.stringify(value), now);
      }
    });
  }
}

import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { FILE_STORE_SCHEMA, FileStore } from "../../../../core/workbench/file-store.ts";

let counter = 0;

/** Runs `use` inside a fresh SessionObject with a FileStore over its real SQLite storage. */
export async function withFileStore<T>(use: (files: FileStore, storage: DurableObjectStorage) => Promise<T> | T): Promise<T> {
  const stub = env.SESSIONS.getByName(`workbench-test-${Date.now()}-${counter++}`);
  return runInDurableObject(stub, async (_instance, state) => {
    for (const statement of FILE_STORE_SCHEMA) state.storage.sql.exec(statement);
    return use(new FileStore(state.storage), state.storage);
  });
}

import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import { d1Binding } from "./d1-binding.ts";
import * as schema from "./schema.ts";

export type Database = DrizzleD1Database<typeof schema>;

// Building a drizzle instance walks the whole schema; one per binding object is enough.
const instances = new WeakMap<D1Database, Database>();

export function database(env: Env): Database {
  const binding = d1Binding(env);
  let db = instances.get(binding);
  if (!db) {
    db = drizzle(binding, { schema });
    instances.set(binding, db);
  }
  return db;
}

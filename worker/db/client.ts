import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import { d1Binding } from "./d1-binding.ts";
import * as schema from "./schema.ts";

export type Database = DrizzleD1Database<typeof schema>;

export function database(env: Env): Database {
  return drizzle(d1Binding(env), { schema });
}

import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Tenants. Every other record hangs off a project id. */
export const projects = sqliteTable(
  "projects",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    // Production projects refuse the shared "default" user id (DESIGN.md §2).
    isProduction: integer("is_production", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("projects_name_unique").on(t.name),
    index("projects_created_at_id").on(t.createdAt, t.id),
  ],
);

/**
 * Project API keys. The key itself is never stored: `lookupPrefix` (its public first
 * characters) finds candidate rows, and a constant-time comparison of `keyHash`
 * (SHA-256 of the whole key) proves possession.
 */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    lookupPrefix: text("lookup_prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("api_keys_lookup_prefix").on(t.lookupPrefix),
    index("api_keys_project_created").on(t.projectId, t.createdAt, t.id),
  ],
);

export type ProjectRow = typeof projects.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

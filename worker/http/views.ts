import { z } from "@hono/zod-openapi";
import type { ApiKeyRow, ProjectRow } from "../db/schema.ts";

/** Public shapes of stored rows. A key's hash never leaves the repository layer. */
export const ProjectSchema = z
  .object({
    id: z.string().openapi({ example: "proj_3kT0Vq8yJ2mXb1Lw9RzN4A" }),
    name: z.string(),
    is_production: z.boolean(),
    allowed_callback_origins: z.array(z.string()).openapi({ description: "Where Connect Links may send users back to; empty allows any http(s) URL." }),
    session_ttl_seconds: z.number().int().openapi({ description: "Seconds a session may stay unused before it expires." }),
    log_retention_days: z.number().int().openapi({ description: "Days execution logs are kept before the scheduled cleanup deletes them." }),
    display_name: z.string().nullable().openapi({ description: "The app's name as the Connect page shows it to end users; null shows \"this app\"." }),
    logo_url: z.string().nullable().openapi({ description: "The app's logo (https) on the Connect page." }),
    privacy_url: z.string().nullable().openapi({ description: "The app's privacy policy (https), linked from the Connect page." }),
    created_at: z.string().datetime(),
  })
  .openapi("Project");

export const ApiKeySchema = z
  .object({
    id: z.string().openapi({ example: "key_Jw2kL0aP9cV7xN1mQ8sT5B" }),
    project_id: z.string(),
    name: z.string(),
    prefix: z.string().openapi({ example: "sk_AbC12dEf", description: "Public start of the key, to tell keys apart." }),
    created_at: z.string().datetime(),
    last_used_at: z.string().datetime().nullable().openapi({ description: "Accurate to about a minute." }),
    revoked_at: z.string().datetime().nullable(),
  })
  .openapi("ApiKey");

export function projectView(row: ProjectRow): z.infer<typeof ProjectSchema> {
  return {
    id: row.id,
    name: row.name,
    is_production: row.isProduction,
    allowed_callback_origins: row.allowedCallbackOrigins,
    session_ttl_seconds: row.sessionTtlSeconds,
    log_retention_days: row.logRetentionDays,
    display_name: row.displayName,
    logo_url: row.logoUrl,
    privacy_url: row.privacyUrl,
    created_at: row.createdAt.toISOString(),
  };
}

export function apiKeyView(row: ApiKeyRow): z.infer<typeof ApiKeySchema> {
  return {
    id: row.id,
    project_id: row.projectId,
    name: row.name,
    prefix: row.lookupPrefix,
    created_at: row.createdAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}

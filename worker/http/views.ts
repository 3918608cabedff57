import { z } from "@hono/zod-openapi";
import type { ApiKeyRow, ProjectRow } from "../../core/db/schema.ts";

/** Public shapes of stored rows. A key's hash never leaves the repository layer. */
export const ProjectSchema = z
  .object({
    id: z.string().openapi({ example: "proj_3kT0Vq8yJ2mXb1Lw9RzN4A", description: "The project's id: `proj_` and 22 URL-safe base64 characters." }),
    name: z.string().openapi({ description: "The operator's name for the project (letters, digits, spaces, `.`, `_`, `-`; at most 100 characters). Never shown to end users." }),
    is_production: z.boolean().openapi({ description: "Whether the project is marked production: its sessions refuse the shared `user_id` `default`." }),
    allowed_callback_origins: z.array(z.string()).openapi({ description: "Where Connect Links may send users back to; empty allows any http(s) URL." }),
    session_ttl_seconds: z.number().int().openapi({ description: "Seconds a session may stay unused before it expires." }),
    log_retention_days: z.number().int().openapi({ description: "Days execution logs are kept before the scheduled cleanup deletes them." }),
    display_name: z.string().nullable().openapi({ description: "The app's name as the Connect page shows it to end users; null shows \"this app\"." }),
    logo_url: z.string().nullable().openapi({ description: "The app's logo (https) on the Connect page." }),
    privacy_url: z.string().nullable().openapi({ description: "The app's privacy policy (https), linked from the Connect page." }),
    created_at: z.string().datetime().openapi({ description: "When the project was created (ISO 8601, UTC)." }),
  })
  .openapi("Project", { description: "A project: the tenant that owns its API keys, auth configs, connected accounts, sessions and logs." });

export const ApiKeySchema = z
  .object({
    id: z.string().openapi({ example: "key_Jw2kL0aP9cV7xN1mQ8sT5B", description: "The key's id (`key_…`), used to revoke it. Not the secret." }),
    project_id: z.string().openapi({ description: "The project (`proj_…`) the key opens." }),
    name: z.string().openapi({ description: "The operator's label for the key (`default` unless one was given)." }),
    prefix: z.string().openapi({ example: "sk_AbC12dEf", description: "Public start of the key, to tell keys apart." }),
    created_at: z.string().datetime().openapi({ description: "When the key was created (ISO 8601, UTC)." }),
    last_used_at: z.string().datetime().nullable().openapi({ description: "When the key last authenticated a request (ISO 8601, UTC), accurate to about a minute; null if never used." }),
    revoked_at: z.string().datetime().nullable().openapi({ description: "When the key was revoked (ISO 8601, UTC); null while it is valid. Revoking again keeps the first time." }),
  })
  .openapi("ApiKey", { description: "A project API key's public details; the secret itself is shown only once, when the key is created." });

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

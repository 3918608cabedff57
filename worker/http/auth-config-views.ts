import { z } from "@hono/zod-openapi";
import { findToolkit } from "../catalog/registry.ts";
import type { AuthConfigRow } from "../db/schema.ts";

/**
 * An auth config as `@composio/client` reads it (AuthConfigRetrieveResponse), plus
 * `base_url` and `scopes`. Secrets never appear: `credentials` holds only the
 * non-secret settings (scopes, endpoint overrides).
 */
export const AuthConfigSchema = z
  .object({
    id: z.string(),
    uuid: z.string().openapi({ description: "Deprecated in Composio; the same as `id`." }),
    name: z.string(),
    type: z.enum(["default", "custom"]).openapi({ description: "`default` uses the operator's OAuth app (DEFAULT_OAUTH_APPS); `custom` the project's own." }),
    toolkit: z.object({ slug: z.string(), logo: z.string() }),
    auth_scheme: z.string(),
    status: z.enum(["ENABLED", "DISABLED"]),
    is_composio_managed: z.boolean(),
    is_enabled_for_tool_router: z.boolean(),
    no_of_connections: z.number().int().openapi({ description: "ACTIVE connected accounts using this config." }),
    tool_access_config: z.object({}),
    credentials: z
      .object({
        scopes: z.array(z.string()),
        base_url: z.string().optional(),
        authorization_url: z.string().optional(),
        token_url: z.string().optional(),
        revoke_url: z.string().optional(),
      })
      .openapi({ description: "Non-secret settings only; client secrets and keys are never returned." }),
    base_url: z.string().nullable(),
    scopes: z.array(z.string()),
    created_at: z.string(),
    updated_at: z.string(),
    last_updated_at: z.string(),
  })
  .openapi("AuthConfig");

export type AuthConfigView = z.infer<typeof AuthConfigSchema>;

export function authConfigView(row: AuthConfigRow, connections: number): AuthConfigView {
  const overrides = row.oauthOverrides;
  return {
    id: row.id,
    uuid: row.id,
    name: row.name,
    type: row.isManaged ? "default" : "custom",
    toolkit: { slug: row.toolkitSlug, logo: findToolkit(row.toolkitSlug)?.logo ?? "" },
    auth_scheme: row.authScheme,
    status: row.status,
    is_composio_managed: row.isManaged,
    is_enabled_for_tool_router: true,
    no_of_connections: connections,
    tool_access_config: {},
    credentials: {
      scopes: row.scopes,
      ...(row.baseUrlOverride ? { base_url: row.baseUrlOverride } : {}),
      ...(overrides.authorize_url ? { authorization_url: overrides.authorize_url } : {}),
      ...(overrides.token_url ? { token_url: overrides.token_url } : {}),
      ...(overrides.revoke_url ? { revoke_url: overrides.revoke_url } : {}),
    },
    base_url: row.baseUrlOverride,
    scopes: row.scopes,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
    last_updated_at: row.updatedAt.toISOString(),
  };
}

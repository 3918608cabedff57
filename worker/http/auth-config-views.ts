import { z } from "@hono/zod-openapi";
import { findToolkit } from "../../core/catalog/registry.ts";
import type { AuthConfigRow } from "../../core/db/schema.ts";

/**
 * An auth config as `@composio/client` reads it (AuthConfigRetrieveResponse), plus
 * `base_url` and `scopes`. Secrets never appear: `credentials` holds only the
 * non-secret settings (scopes, endpoint overrides).
 */
export const AuthConfigSchema = z
  .object({
    id: z.string().openapi({ description: "The auth config's id (`ac_…`)." }),
    uuid: z.string().openapi({ description: "Deprecated in Composio; the same as `id`." }),
    name: z.string().openapi({ description: "Its label." }),
    type: z.enum(["default", "custom"]).openapi({ description: "`default` uses the operator's OAuth app (DEFAULT_OAUTH_APPS); `custom` the project's own." }),
    toolkit: z
      .object({
        slug: z.string().openapi({ description: "The toolkit's slug." }),
        logo: z.string().openapi({ description: "URL of the toolkit's logo; empty if the toolkit is no longer in the catalog." }),
      })
      .openapi({ description: "The toolkit it authenticates to." }),
    auth_scheme: z.string().openapi({ description: "`OAUTH2`, `API_KEY`, `BEARER_TOKEN`, `BASIC` or `NO_AUTH`." }),
    status: z
      .enum(["ENABLED", "DISABLED"])
      .openapi({ description: "`DISABLED` configs start no new connections and their accounts run no tools until enabled again (`PATCH /api/v3.1/auth_configs/{id}/{status}`)." }),
    is_composio_managed: z.boolean().openapi({ description: "Whether it uses the operator's default OAuth app (`type: default`)." }),
    is_enabled_for_tool_router: z.boolean().openapi({ description: "Always true: every config can be used in sessions." }),
    no_of_connections: z.number().int().openapi({ description: "ACTIVE connected accounts using this config." }),
    tool_access_config: z.object({}).openapi({ description: "Always `{}`; Composio's tool access settings are not supported." }),
    credentials: z
      .object({
        scopes: z.array(z.string()).openapi({ description: "OAuth scopes new connections request; empty means the toolkit's default scopes." }),
        base_url: z.string().optional().openapi({ description: "The API base URL override, when set." }),
        authorization_url: z.string().optional().openapi({ description: "The OAuth authorization endpoint override, when set." }),
        token_url: z.string().optional().openapi({ description: "The OAuth token endpoint override, when set." }),
        revoke_url: z.string().optional().openapi({ description: "The token revocation endpoint override, when set." }),
      })
      .openapi({ description: "Non-secret settings only; client secrets and keys are never returned." }),
    base_url: z.string().nullable().openapi({ description: "The API base URL override; null uses the toolkit's." }),
    scopes: z.array(z.string()).openapi({ description: "Same as `credentials.scopes`." }),
    created_at: z.string().openapi({ description: "When it was created (ISO 8601, UTC)." }),
    updated_at: z.string().openapi({ description: "When it last changed (ISO 8601, UTC)." }),
    last_updated_at: z.string().openapi({ description: "Same as `updated_at`, where Composio's older clients read it." }),
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

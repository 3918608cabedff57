import { z } from "@hono/zod-openapi";
import { CONNECTED_ACCOUNT_STATUSES, type AuthConfigRow, type ConnectedAccountRow } from "../../core/db/schema.ts";

/** A connected account as `@composio/client` reads it; credentials never appear. */
export const AccountSchema = z
  .object({
    id: z.string().openapi({ description: "The account's id (`ca_…`)." }),
    user_id: z.string().openapi({ description: "Your id for the end user who owns the account." }),
    alias: z.string().nullable().openapi({ description: "A name telling apart the user's accounts for the same toolkit (unique among them); null when unset." }),
    status: z.enum(CONNECTED_ACCOUNT_STATUSES).openapi({ description: "`INITIATED` (waiting for the user on a Connect Link), `ACTIVE` (usable), `FAILED` (the connection did not complete), `EXPIRED` (the link ran out, or the provider refused to refresh the token), `INACTIVE` (disabled through the API) or `REVOKED`. Only ACTIVE accounts run tools." }),
    status_reason: z.string().nullable().openapi({ description: "Why the account left ACTIVE (e.g. `the Connect Link expired`, the reason given when disabling); null otherwise." }),
    toolkit: z.object({ slug: z.string().openapi({ description: "The toolkit's slug." }) }).openapi({ description: "The toolkit the account is for." }),
    auth_config: z
      .object({
        id: z.string().openapi({ description: "The auth config's id (`ac_…`)." }),
        auth_scheme: z.string().openapi({ description: "Its scheme (`OAUTH2`, `API_KEY`, …); empty if the config is gone." }),
        is_composio_managed: z.boolean().openapi({ description: "Whether it uses the operator's default OAuth app." }),
        is_disabled: z.boolean().openapi({ description: "Whether the auth config is DISABLED (the account then runs no tools)." }),
      })
      .openapi({ description: "The auth config the account was connected through." }),
    is_disabled: z.boolean().openapi({ description: "Whether the account is INACTIVE (disabled through `PATCH …/{id}/status`)." }),
    created_at: z.string().openapi({ description: "When the account was created (ISO 8601, UTC)." }),
    updated_at: z.string().openapi({ description: "When it last changed (ISO 8601, UTC)." }),
  })
  .openapi("ConnectedAccount", { description: "An end user's connection to a toolkit through an auth config. Credentials are never returned." });

export type AccountView = z.infer<typeof AccountSchema>;

export function accountView(row: ConnectedAccountRow, authConfig: AuthConfigRow | undefined): AccountView {
  return {
    id: row.id,
    user_id: row.userId,
    alias: row.alias,
    status: row.status,
    status_reason: row.statusReason,
    toolkit: { slug: row.toolkitSlug },
    auth_config: {
      id: row.authConfigId,
      auth_scheme: authConfig?.authScheme ?? "",
      is_composio_managed: authConfig?.isManaged ?? false,
      is_disabled: authConfig?.status === "DISABLED",
    },
    is_disabled: row.status === "INACTIVE",
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

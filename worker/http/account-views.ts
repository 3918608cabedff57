import { z } from "@hono/zod-openapi";
import { CONNECTED_ACCOUNT_STATUSES, type AuthConfigRow, type ConnectedAccountRow } from "../db/schema.ts";

/** A connected account as `@composio/client` reads it; credentials never appear. */
export const AccountSchema = z
  .object({
    id: z.string(),
    user_id: z.string(),
    alias: z.string().nullable(),
    status: z.enum(CONNECTED_ACCOUNT_STATUSES),
    status_reason: z.string().nullable(),
    toolkit: z.object({ slug: z.string() }),
    auth_config: z.object({ id: z.string(), auth_scheme: z.string(), is_composio_managed: z.boolean(), is_disabled: z.boolean() }),
    is_disabled: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("ConnectedAccount");

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

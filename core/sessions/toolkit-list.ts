import { z } from "@hono/zod-openapi";
import { findToolkit } from "../catalog/registry.ts";
import type { ToolkitInfo } from "../catalog/registry.ts";
import { isNoAuth } from "../http/catalog-views.ts";
import { pageOfList } from "../http/pagination.ts";
import { hasManagedApp } from "../oauth/oauth-app.ts";
import { connectionState, isConnected } from "./connection-state.ts";
import type { SessionContext } from "./context.ts";
import { allowedToolkits, toolkitAllowed } from "./filters.ts";

const commaList = z
  .union([z.string(), z.array(z.string())])
  .transform((value) => (Array.isArray(value) ? value : value.split(",")).map((s) => s.trim().toLowerCase()).filter(Boolean));

export const ToolkitsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(20).openapi({ description: "Toolkits per page, 1–1000. Defaults to 20." }),
  cursor: z.string().max(200).optional().openapi({ description: "`next_cursor` from the previous page, unchanged; omit for the first page." }),
  toolkits: commaList.optional().openapi({ type: "string", description: "Comma-separated slugs: only these (even outside the session's filters; `enabled` says which are in)." }),
  is_connected: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "`true`: only toolkits whose tools can run now for the user (no-auth, or a usable account); `false`: only the others. Omitted: both." }),
  search: z.string().max(200).optional().openapi({ description: "Substring of the toolkit's slug, name or description." }),
});

export const SessionToolkitSchema = z
  .object({
    slug: z.string().openapi({ description: "The toolkit's slug, lower_snake_case." }),
    name: z.string().openapi({ description: "Display name; the list is sorted by it." }),
    enabled: z.boolean().openapi({ description: "Whether the session's `toolkits` filter allows it (false only for toolkits asked for with `toolkits=`)." }),
    is_no_auth: z.boolean().openapi({ description: "Whether its tools run without a connected account." }),
    composio_managed_auth_schemes: z.array(z.string()).openapi({ description: "`[\"OAUTH2\"]` when the operator configured a default OAuth app for it (DEFAULT_OAUTH_APPS), else `[]`." }),
    meta: z
      .object({
        logo: z.string().openapi({ description: "URL of the toolkit's logo." }),
        description: z.string().openapi({ description: "What the toolkit's app is and does." }),
      })
      .openapi({ description: "Descriptive details." }),
    connected_account: z
      .object({
        id: z.string().openapi({ description: "The account's id (`ca_…`)." }),
        user_id: z.string().openapi({ description: "The session's user." }),
        status: z.string().openapi({ description: "`INITIATED`, `ACTIVE`, `FAILED`, `EXPIRED`, `INACTIVE` or `REVOKED`; only ACTIVE runs tools." }),
        alias: z.string().nullable().openapi({ description: "The account's alias; null when unset." }),
        created_at: z.string().openapi({ description: "When the account was created (ISO 8601, UTC)." }),
        auth_config: z
          .object({
            id: z.string().openapi({ description: "The auth config's id (`ac_…`)." }),
            auth_scheme: z.string().openapi({ description: "Its scheme (`OAUTH2`, `API_KEY`, …)." }),
            is_composio_managed: z.boolean().openapi({ description: "Whether it uses the operator's default OAuth app." }),
          })
          .openapi({ description: "The auth config the account was connected through." }),
      })
      .nullable()
      .openapi({
        description:
          "The account a call would run as when one is usable, else the user's newest account that is not REVOKED (to show e.g. an EXPIRED one); null for no-auth toolkits and when the user has none.",
      }),
  })
  .openapi("SessionToolkit");

export type SessionToolkit = z.infer<typeof SessionToolkitSchema>;

/** `session.toolkits()`: the session's toolkits with the connection a call would use, for its user. */
export async function listSessionToolkits(ctx: SessionContext, query: z.output<typeof ToolkitsQuery>) {
  const base: ToolkitInfo[] = query.toolkits?.length
    ? query.toolkits.map((slug) => findToolkit(slug)).filter((t): t is ToolkitInfo => t !== undefined)
    : allowedToolkits(ctx.config);
  const needle = query.search?.toLowerCase();
  const candidates = base.filter((t) => !needle || `${t.slug} ${t.name} ${t.description}`.toLowerCase().includes(needle));
  const pool = await ctx.accounts();
  const items = candidates
    .map((toolkit) => {
      const state = connectionState(ctx.config, toolkit, pool, ctx.linkedAccount(toolkit.slug));
      const account = state.noAuth ? undefined : state.shown;
      const authConfig = account ? pool.authConfigs.get(account.authConfigId) : undefined;
      const item: SessionToolkit = {
        slug: toolkit.slug,
        name: toolkit.name,
        enabled: toolkitAllowed(ctx.config, toolkit.slug),
        is_no_auth: isNoAuth(toolkit),
        composio_managed_auth_schemes: hasManagedApp(ctx.env, toolkit.slug) ? ["OAUTH2"] : [],
        meta: { logo: toolkit.logo, description: toolkit.description },
        connected_account: account
          ? {
              id: account.id,
              user_id: account.userId,
              status: account.status,
              alias: account.alias,
              created_at: account.createdAt.toISOString(),
              auth_config: { id: account.authConfigId, auth_scheme: authConfig?.authScheme ?? "", is_composio_managed: authConfig?.isManaged ?? false },
            }
          : null,
      };
      return { item, connected: isConnected(state) };
    })
    .filter(({ connected }) => query.is_connected === undefined || connected === (query.is_connected === "true"))
    .map(({ item }) => item)
    .sort((a, b) => a.name.localeCompare(b.name));
  return pageOfList(items, query.limit, query.cursor);
}

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
  limit: z.coerce.number().int().min(1).max(1000).default(20),
  cursor: z.string().max(200).optional(),
  toolkits: commaList.optional().openapi({ type: "string", description: "Comma-separated slugs: only these (even outside the session's filters; `enabled` says which are in)." }),
  is_connected: z.enum(["true", "false"]).optional(),
  search: z.string().max(200).optional().openapi({ description: "Substring of the toolkit's slug, name or description." }),
});

export const SessionToolkitSchema = z
  .object({
    slug: z.string(),
    name: z.string(),
    enabled: z.boolean(),
    is_no_auth: z.boolean(),
    composio_managed_auth_schemes: z.array(z.string()),
    meta: z.object({ logo: z.string(), description: z.string() }),
    connected_account: z
      .object({
        id: z.string(),
        user_id: z.string(),
        status: z.string(),
        alias: z.string().nullable(),
        created_at: z.string(),
        auth_config: z.object({ id: z.string(), auth_scheme: z.string(), is_composio_managed: z.boolean() }),
      })
      .nullable(),
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

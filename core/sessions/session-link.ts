import type { ToolkitInfo } from "../catalog/registry.ts";
import { findToolkit } from "../catalog/registry.ts";
import { createConnectLink, linkTtlMs, type ConnectLink } from "../connect/create-link.ts";
import { isNoAuth } from "../http/catalog-views.ts";
import { ApiError } from "../http/errors.ts";
import { ensureManagedAuthConfig, getAuthConfig } from "../repositories/auth-configs.ts";
import { aliasInUse } from "../repositories/connected-accounts.ts";
import { accountsChanged } from "./account-events.ts";
import type { SessionContext } from "./context.ts";
import { toolkitAllowed } from "./filters.ts";

/** A toolkit the session may connect; anything else is the caller's mistake. */
export function connectableToolkit(ctx: SessionContext, slug: string): ToolkitInfo {
  const toolkit = findToolkit(slug);
  if (!toolkit) throw new ApiError(400, "toolkit_not_found", `No toolkit has the slug ${slug}.`);
  if (!toolkitAllowed(ctx.config, toolkit.slug)) {
    throw new ApiError(403, "toolkit_not_in_session", `${toolkit.slug} is not one of this session's toolkits.`);
  }
  if (isNoAuth(toolkit)) throw new ApiError(400, "no_auth_toolkit", `${toolkit.name} needs no connection.`);
  return toolkit;
}

/**
 * The session form of a Connect Link (`session.authorize()`, COMPOSIO_MANAGE_CONNECTIONS):
 * through the session's auth config override, else the project's newest enabled one (or
 * the operator's default app), back to the session's callback URL, remembered by the
 * session so COMPOSIO_WAIT_FOR_CONNECTIONS hears when it completes.
 */
export async function startSessionLink(ctx: SessionContext, toolkitSlug: string, options: { callbackUrl?: string | undefined; alias?: string | undefined } = {}): Promise<ConnectLink> {
  const toolkit = connectableToolkit(ctx, toolkitSlug);
  const override = ctx.config.auth_configs?.[toolkit.slug];
  const authConfig = override ? await getAuthConfig(ctx.db, ctx.projectId, override) : await ensureManagedAuthConfig(ctx.db, ctx.env, ctx.projectId, toolkit.slug);
  if (options.alias && (await aliasInUse(ctx.db, ctx.projectId, ctx.config.user_id, toolkit.slug, options.alias))) {
    throw new ApiError(409, "alias_taken", `User ${JSON.stringify(ctx.config.user_id)} already has a ${toolkit.slug} account called ${JSON.stringify(options.alias)}.`, {
      suggestedFix: "Choose another alias, or rename or revoke the other account first.",
    });
  }
  const callbackUrl = options.callbackUrl ?? ctx.config.manage_connections.callback_url;
  const link = await createConnectLink(ctx.db, ctx.projectId, ctx.config.experimental?.link_url_overwrite ?? ctx.publicUrl, {
    authConfigId: authConfig.id,
    userId: ctx.config.user_id,
    sessionId: ctx.sessionId,
    ttlMs: linkTtlMs(ctx.env),
    ...(callbackUrl ? { callbackUrl } : {}),
    ...(options.alias ? { alias: options.alias } : {}),
  });
  ctx.rememberLink(toolkit.slug, link);
  // The link's INITIATED account is news to this session's copy of the accounts, and to the user's other sessions.
  await accountsChanged(ctx.env, ctx.projectId, ctx.config.user_id);
  return link;
}

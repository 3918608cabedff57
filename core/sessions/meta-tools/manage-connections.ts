import { z } from "@hono/zod-openapi";
import { findToolkit } from "../../catalog/registry.ts";
import { ApiError } from "../../http/errors.ts";
import { connectionState, isConnected } from "../connection-state.ts";
import { toolkitAllowed } from "../filters.ts";
import { startSessionLink } from "../session-link.ts";
import { defineMetaTool, ok, sessionIdArg } from "./meta-tool.ts";

const Input = z.object({
  toolkits: z.array(z.string().min(1).max(100)).min(1).max(20).describe("Toolkit slugs to check or connect, e.g. ['gmail', 'github']."),
  reinitiate_all: z.boolean().default(false).describe("Start a new connection even where one is active (to switch or repair an account)."),
  session_id: sessionIdArg,
});

type Result = Record<string, unknown> & { status: "active" | "initiated" | "failed" };

export default defineMetaTool({
  slug: "COMPOSIO_MANAGE_CONNECTIONS",
  name: "Manage connections",
  description:
    "Checks whether the user has connected each toolkit and, for those not connected, creates a Connect Link. Give the user every redirect_url to open; the tools of that app work once they finish. Use it when a search shows an app without an active connection, or a tool fails for lack of one.",
  input: Input,
  enabled: (config) => config.manage_connections.enabled,
  async run(ctx, args) {
    const slugs = [...new Set(args.toolkits.map((s) => s.toLowerCase()))];
    const pool = await ctx.accounts();
    const results: Record<string, Result> = {};
    await Promise.all(
      slugs.map(async (slug) => {
        const toolkit = findToolkit(slug);
        const failed = (message: string): Result => ({ toolkit: slug, status: "failed", has_active_connection: false, error_message: message, was_reinitiated: false });
        if (!toolkit) return void (results[slug] = failed(`No toolkit has the slug "${slug}".`));
        if (!toolkitAllowed(ctx.config, slug)) return void (results[slug] = failed(`${toolkit.name} is not one of this session's toolkits.`));
        const state = connectionState(ctx.config, toolkit, pool, ctx.linkedAccount(slug));
        if (state.noAuth) {
          results[slug] = { toolkit: slug, status: "active", has_active_connection: true, instruction: `${toolkit.name} needs no connection.`, was_reinitiated: false };
          return;
        }
        if (isConnected(state) && !args.reinitiate_all) {
          const account = state.active;
          results[slug] = {
            toolkit: slug,
            status: "active",
            has_active_connection: true,
            ...(account ? { connected_account_id: account.id, auth_config_id: account.authConfigId } : {}),
            account_type: "PRIVATE",
            instruction: `${toolkit.name} is connected; its tools are ready.`,
            was_reinitiated: false,
          };
          return;
        }
        try {
          const link = await startSessionLink(ctx, slug);
          results[slug] = {
            toolkit: slug,
            status: "initiated",
            has_active_connection: false,
            redirect_url: link.redirect_url,
            connected_account_id: link.connected_account_id,
            expires_at: link.expires_at,
            account_type: "PRIVATE",
            instruction: `Ask the user to open ${link.redirect_url} to connect ${toolkit.name} (the link works once, for ten minutes).`,
            was_reinitiated: isConnected(state),
          };
        } catch (err) {
          if (!(err instanceof ApiError) || err.status >= 500) throw err;
          results[slug] = failed(err.suggestedFix ? `${err.message} ${err.suggestedFix}` : err.message);
        }
      }),
    );
    const counts = { active: 0, initiated: 0, failed: 0 };
    for (const result of Object.values(results)) counts[result.status] += 1;
    const parts = [
      counts.active ? `${counts.active} connected` : "",
      counts.initiated ? `${counts.initiated} waiting for the user to open a Connect Link` : "",
      counts.failed ? `${counts.failed} failed` : "",
    ].filter(Boolean);
    return ok({
      message: `${parts.join(", ")}.${counts.initiated && ctx.config.manage_connections.enable_wait_for_connections ? " After sharing the links, COMPOSIO_WAIT_FOR_CONNECTIONS returns as soon as the user finishes." : ""}`,
      results,
      summary: {
        total_toolkits: slugs.length,
        active_connections: counts.active,
        initiated_connections: counts.initiated,
        failed_connections: counts.failed,
      },
    });
  },
});

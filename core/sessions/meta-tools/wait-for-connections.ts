import { z } from "@hono/zod-openapi";
import { findToolkit } from "../../catalog/registry.ts";
import { connectionState, isConnected } from "../connection-state.ts";
import type { SessionContext } from "../context.ts";
import { toolkitAllowed } from "../filters.ts";
import { defineMetaTool, ok, sessionIdArg } from "./meta-tool.ts";

export const DEFAULT_WAIT_SECONDS = 60;
export const MAX_WAIT_SECONDS = 300;

const Input = z.object({
  toolkits: z.array(z.string().min(1).max(100)).min(1).max(20).describe("Toolkits whose Connect Links the user was given."),
  mode: z.enum(["any", "all"]).default("all").describe("Return when all of them (default) or any one of them is connected."),
  timeout_seconds: z.number().int().min(1).max(MAX_WAIT_SECONDS).default(DEFAULT_WAIT_SECONDS).describe("Longest wait, in seconds."),
  session_id: sessionIdArg,
});

type Status = "ACTIVE" | "INITIATED" | "FAILED" | "NOT_FOUND";

async function statuses(ctx: SessionContext, slugs: string[]): Promise<Record<string, { status: Status; connected_account_id?: string; message: string }>> {
  const pool = await ctx.accounts();
  const out: Record<string, { status: Status; connected_account_id?: string; message: string }> = {};
  for (const slug of slugs) {
    const toolkit = findToolkit(slug);
    if (!toolkit || !toolkitAllowed(ctx.config, slug)) {
      out[slug] = { status: "NOT_FOUND", message: `${slug} is not one of this session's toolkits.` };
      continue;
    }
    const state = connectionState(ctx.config, toolkit, pool, ctx.linkedAccount(slug));
    const newest = pool.accounts.find((a) => a.toolkitSlug === slug);
    if (isConnected(state)) {
      out[slug] = { status: "ACTIVE", ...(state.active ? { connected_account_id: state.active.id } : {}), message: `${toolkit.name} is connected.` };
    } else if (newest?.status === "INITIATED") {
      out[slug] = { status: "INITIATED", connected_account_id: newest.id, message: `Waiting for the user to finish connecting ${toolkit.name}.` };
    } else if (newest) {
      out[slug] = { status: "FAILED", connected_account_id: newest.id, message: `The last ${toolkit.name} connection is ${newest.status}${newest.statusReason ? `: ${newest.statusReason}` : ""}.` };
    } else {
      out[slug] = { status: "NOT_FOUND", message: `No ${toolkit.name} connection was started; call COMPOSIO_MANAGE_CONNECTIONS first.` };
    }
  }
  return out;
}

/**
 * COMPOSIO_WAIT_FOR_CONNECTIONS: reads the state once, then sleeps until the session's
 * object hears that a connection of this session completed (the OAuth callback notifies
 * it over RPC) or the timeout passes, reading again only after each such event. No polling.
 */
export default defineMetaTool({
  slug: "COMPOSIO_WAIT_FOR_CONNECTIONS",
  name: "Wait for connections",
  description:
    "After giving the user Connect Links from COMPOSIO_MANAGE_CONNECTIONS, waits until they finish connecting (or the timeout passes) and reports each toolkit's status: ACTIVE, INITIATED (still waiting), FAILED or NOT_FOUND.",
  input: Input,
  enabled: (config) => config.manage_connections.enabled && config.manage_connections.enable_wait_for_connections,
  async run(ctx, args) {
    const slugs = [...new Set(args.toolkits.map((s) => s.toLowerCase()))];
    const started = Date.now();
    const deadline = started + args.timeout_seconds * 1000;
    const settled = (all: Record<string, { status: Status }>) => {
      const list = Object.values(all);
      const done = list.filter((r) => r.status !== "INITIATED");
      return args.mode === "any" ? list.some((r) => r.status === "ACTIVE") || done.length === list.length : done.length === list.length;
    };
    let seen = ctx.connectionEpoch();
    let current = await statuses(ctx, slugs);
    let timedOut = false;
    while (!settled(current)) {
      const remaining = deadline - Date.now();
      const changed = remaining > 0 && (await ctx.nextConnectionEvent(remaining, seen));
      timedOut = !changed;
      seen = ctx.connectionEpoch();
      current = await statuses(ctx, slugs);
      if (timedOut) break;
    }
    const active = Object.values(current).filter((r) => r.status === "ACTIVE").length;
    return ok({
      results: current,
      mode: args.mode,
      timed_out: timedOut && !settled(current),
      waited_ms: Date.now() - started,
      message: timedOut && !settled(current)
        ? `Stopped waiting after ${args.timeout_seconds}s: ${active} of ${slugs.length} connected. Ask the user whether they finished, then call this again.`
        : `${active} of ${slugs.length} connected.`,
    });
  },
});

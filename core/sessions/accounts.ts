import { and, desc, eq, inArray, or } from "drizzle-orm";
import type { ToolkitInfo } from "../catalog/registry.ts";
import type { Database } from "../db/client.ts";
import { authConfigs, connectedAccounts, type AuthConfigRow, type ConnectedAccountRow } from "../db/schema.ts";
import { isNoAuth } from "../http/catalog-views.ts";
import type { SessionConfig } from "./config.ts";

/**
 * What a session needs to pick and use an account: the user's accounts (newest first), the
 * auth configs they belong to, and the project's enabled NO_AUTH configs (a no-auth toolkit's
 * base URL override). Kept in the session's object (durable-objects/sessions/account-cache.ts) between changes.
 */
export interface AccountPool {
  accounts: ConnectedAccountRow[];
  authConfigs: Map<string, AuthConfigRow>;
}

/** A user with more accounts than this has the newest ones considered. */
const MAX_POOL_ACCOUNTS = 1000;

/** The pool, in one D1 round trip (a batch of two reads). */
export async function loadAccountPool(db: Database, projectId: string, userId: string): Promise<AccountPool> {
  const usersConfigs = db
    .select({ id: connectedAccounts.authConfigId })
    .from(connectedAccounts)
    .where(and(eq(connectedAccounts.projectId, projectId), eq(connectedAccounts.userId, userId)));
  const [accounts, configs] = await db.batch([
    db
      .select()
      .from(connectedAccounts)
      .where(and(eq(connectedAccounts.projectId, projectId), eq(connectedAccounts.userId, userId)))
      .orderBy(desc(connectedAccounts.createdAt), desc(connectedAccounts.id))
      .limit(MAX_POOL_ACCOUNTS),
    db
      .select()
      .from(authConfigs)
      .where(
        and(
          eq(authConfigs.projectId, projectId),
          or(inArray(authConfigs.id, usersConfigs), and(eq(authConfigs.authScheme, "NO_AUTH"), eq(authConfigs.status, "ENABLED"))),
        ),
      ),
  ]);
  return { accounts, authConfigs: new Map(configs.map((row) => [row.id, row])) };
}

/** The project's newest enabled auth config for a toolkit, among those the pool holds (a no-auth toolkit's). */
export function poolConfigForToolkit(pool: AccountPool, toolkitSlug: string): AuthConfigRow | undefined {
  let newest: AuthConfigRow | undefined;
  for (const config of pool.authConfigs.values()) {
    if (config.toolkitSlug !== toolkitSlug || config.status !== "ENABLED") continue;
    if (!newest || config.createdAt > newest.createdAt || (config.createdAt.getTime() === newest.createdAt.getTime() && config.id > newest.id)) newest = config;
  }
  return newest;
}

export type ChoiceSource = "explicit" | "pinned" | "linked" | "auth_config" | "default" | "none";

export type AccountChoice =
  | { ok: true; account: ConnectedAccountRow | undefined; source: ChoiceSource }
  | { ok: false; code: "account_not_found" | "account_not_pinned" | "account_selection_required" | "no_connected_account"; message: string };

export function usable(pool: AccountPool, account: ConnectedAccountRow): boolean {
  return account.status === "ACTIVE" && pool.authConfigs.get(account.authConfigId)?.status === "ENABLED";
}

function describe(accounts: ConnectedAccountRow[]): string {
  return accounts.map((a) => `${a.id}${a.alias ? ` (${a.alias})` : ""}, ${a.status}`).join("; ");
}

/**
 * Picks the account a call runs as, in Composio's order: the one the call names (id or
 * alias), else the session's pinned `connected_accounts`, else one connected through this
 * session, else the newest ACTIVE one (through the session's `auth_configs` override when set).
 * With multi-account and `require_explicit_selection`, several candidates is an error.
 */
export function chooseAccount(
  config: SessionConfig,
  toolkit: ToolkitInfo,
  pool: AccountPool,
  options: { explicit?: string | undefined; linked?: string | undefined } = {},
): AccountChoice {
  const mine = pool.accounts.filter((a) => a.toolkitSlug === toolkit.slug);
  const pins = config.connected_accounts?.[toolkit.slug];
  const selectionRequired = config.multi_account.enable && config.multi_account.require_explicit_selection;
  if (options.explicit) {
    const wanted = options.explicit;
    const byAlias = mine.filter((a) => a.alias === wanted);
    const match = mine.find((a) => a.id === wanted) ?? byAlias.find((a) => usable(pool, a)) ?? byAlias[0];
    if (!match) {
      return {
        ok: false,
        code: "account_not_found",
        message: `User "${config.user_id}" has no ${toolkit.name} account "${wanted}".${mine.length ? ` Their accounts: ${describe(mine)}.` : ""}`,
      };
    }
    if (pins && !pins.includes(match.id)) {
      return { ok: false, code: "account_not_pinned", message: `This session is pinned to ${pins.join(", ")} for ${toolkit.name}; ${match.id} is not one of them.` };
    }
    return { ok: true, account: match, source: "explicit" };
  }
  if (pins?.length) {
    const pinned = pins.map((id) => mine.find((a) => a.id === id)).filter((a): a is ConnectedAccountRow => a !== undefined);
    if (pinned.length > 1 && selectionRequired) {
      return { ok: false, code: "account_selection_required", message: `Several ${toolkit.name} accounts are pinned to this session; name one with \`account\`: ${describe(pinned)}.` };
    }
    return { ok: true, account: pinned.find((a) => usable(pool, a)) ?? pinned[0], source: "pinned" };
  }
  if (isNoAuth(toolkit)) return { ok: true, account: undefined, source: "none" };
  const override = config.auth_configs?.[toolkit.slug];
  const linked = options.linked ? mine.find((a) => a.id === options.linked && usable(pool, a)) : undefined;
  if (linked && (!override || linked.authConfigId === override)) return { ok: true, account: linked, source: "linked" };
  const candidates = mine.filter((a) => usable(pool, a) && (!override || a.authConfigId === override));
  if (candidates.length > 1 && selectionRequired) {
    return { ok: false, code: "account_selection_required", message: `User "${config.user_id}" has several active ${toolkit.name} accounts; name one with \`account\`: ${describe(candidates)}.` };
  }
  const [newest] = candidates;
  if (newest) return { ok: true, account: newest, source: override ? "auth_config" : "default" };
  const connect = config.manage_connections.enabled
    ? `Call COMPOSIO_MANAGE_CONNECTIONS with toolkits ["${toolkit.slug}"] to get a Connect Link for the user, or use session.authorize("${toolkit.slug}").`
    : `Connect one with session.authorize("${toolkit.slug}").`;
  const others = mine.filter((a) => !override || a.authConfigId === override);
  return {
    ok: false,
    code: "no_connected_account",
    message: `User "${config.user_id}" has no active ${toolkit.name} connection${others.length ? ` (theirs: ${describe(others.slice(0, 5))})` : ""}. ${connect}`,
  };
}

/** The account that stands for the toolkit's connection state: the one a call would use, else the newest that is not revoked. */
export function accountInEffect(config: SessionConfig, toolkit: ToolkitInfo, pool: AccountPool, linked?: string): ConnectedAccountRow | undefined {
  const choice = chooseAccount(config, toolkit, pool, { linked });
  if (choice.ok && choice.account) return choice.account;
  const override = config.auth_configs?.[toolkit.slug];
  return pool.accounts.find((a) => a.toolkitSlug === toolkit.slug && a.status !== "REVOKED" && (!override || a.authConfigId === override));
}

import type { ToolkitInfo } from "../catalog/registry.ts";
import type { ConnectedAccountRow } from "../db/schema.ts";
import { isNoAuth } from "../http/catalog-views.ts";
import { accountInEffect, chooseAccount, usable, type AccountPool } from "./accounts.ts";
import type { SessionConfig } from "./config.ts";

/** One toolkit's connection, as the session sees it for its user. */
export interface ConnectionState {
  toolkit: ToolkitInfo;
  noAuth: boolean;
  /** The account a call would run as, when it is usable. */
  active: ConnectedAccountRow | undefined;
  /** What to show for the toolkit: the active account, else the newest one that is not revoked. */
  shown: ConnectedAccountRow | undefined;
  /** Several usable accounts and the session insists on an explicit choice. */
  selectionRequired: boolean;
  /** Every usable account of the toolkit (for multi-account sessions). */
  usableAccounts: ConnectedAccountRow[];
}

export function connectionState(config: SessionConfig, toolkit: ToolkitInfo, pool: AccountPool, linked?: string): ConnectionState {
  const noAuth = isNoAuth(toolkit);
  const choice = chooseAccount(config, toolkit, pool, { linked });
  const usableAccounts = pool.accounts.filter((a) => a.toolkitSlug === toolkit.slug && usable(pool, a));
  const active = choice.ok && choice.account && usable(pool, choice.account) ? choice.account : undefined;
  return {
    toolkit,
    noAuth,
    active,
    shown: active ?? accountInEffect(config, toolkit, pool, linked),
    selectionRequired: !choice.ok && choice.code === "account_selection_required",
    usableAccounts,
  };
}

/** Whether tools of the toolkit can run now (a choice still to make counts: accounts exist). */
export function isConnected(state: ConnectionState): boolean {
  return state.noAuth || state.active !== undefined || state.selectionRequired;
}

import { and, desc, eq, inArray, or } from "drizzle-orm";
import type { ToolkitInfo } from "../catalog/registry.ts";
import { accountAad } from "../crypto/aad.ts";
import { KeyRingError, type KeyRing } from "../crypto/keyring.ts";
import type { Database } from "../db/client.ts";
import { authConfigs, connectedAccounts, type AuthConfigRow, type ConnectedAccountRow } from "../db/schema.ts";
import { isNoAuth } from "../http/catalog-views.ts";
import { ApiError } from "../http/errors.ts";
import { findAuthConfigForToolkit } from "../repositories/auth-configs.ts";
import { StoredCredentials } from "./credentials.ts";

/** The account a call runs as, decrypted, with the auth config that says where it goes. */
export interface ResolvedAccount {
  account: ConnectedAccountRow | undefined;
  authConfig: AuthConfigRow | undefined;
  credentials: StoredCredentials;
}

export { accountAad } from "../crypto/aad.ts";

const withAuthConfig = { account: connectedAccounts, authConfig: authConfigs };
const sameProjectConfig = and(eq(authConfigs.id, connectedAccounts.authConfigId), eq(authConfigs.projectId, connectedAccounts.projectId));

/** An account of the project with its auth config, in one round trip; 404 when the project has no such account. */
export async function findAccountWithAuthConfig(db: Database, projectId: string, id: string): Promise<{ account: ConnectedAccountRow; authConfig: AuthConfigRow | undefined }> {
  const [found] = await db
    .select(withAuthConfig)
    .from(connectedAccounts)
    .leftJoin(authConfigs, sameProjectConfig)
    .where(and(eq(connectedAccounts.projectId, projectId), eq(connectedAccounts.id, id)))
    .limit(1);
  if (!found) throw new ApiError(404, "connected_account_not_found", `This project has no connected account ${id}.`);
  return { account: found.account, authConfig: found.authConfig ?? undefined };
}

/**
 * Picks the account for a direct call in one D1 round trip: the explicit id, else the user's
 * most recent ACTIVE account for the toolkit whose auth config is enabled, each read with its
 * auth config; a no-auth toolkit's project config (its base URL override) comes in the same
 * round trip. Any mismatch is the caller's mistake, so a 4xx.
 */
export async function resolveAccount(
  db: Database,
  keyRing: KeyRing,
  projectId: string,
  toolkit: ToolkitInfo,
  request: { userId?: string | undefined; connectedAccountId?: string | undefined },
): Promise<ResolvedAccount> {
  if (request.connectedAccountId) {
    const { account, authConfig } = await findAccountWithAuthConfig(db, projectId, request.connectedAccountId);
    if (account.toolkitSlug !== toolkit.slug) {
      throw new ApiError(400, "connected_account_toolkit_mismatch", `Connected account ${account.id} is for ${account.toolkitSlug}, not ${toolkit.slug}.`);
    }
    if (request.userId !== undefined && account.userId !== request.userId) {
      throw new ApiError(400, "connected_account_user_mismatch", `Connected account ${account.id} belongs to another user.`);
    }
    return openAccount(keyRing, account, authConfig);
  }
  if (request.userId === undefined) {
    if (!isNoAuth(toolkit)) throw noAccount(toolkit, request.userId);
    return noAuthAccount(await findAuthConfigForToolkit(db, projectId, toolkit.slug));
  }
  // Two plain reads in one batch (drizzle cannot map a joined select inside a batch): the newest
  // usable account, and the configs it or a no-auth call could need.
  const usersAccounts = and(
    eq(connectedAccounts.projectId, projectId),
    eq(connectedAccounts.userId, request.userId),
    eq(connectedAccounts.toolkitSlug, toolkit.slug),
    eq(connectedAccounts.status, "ACTIVE"),
  );
  const enabledConfigs = db.select({ id: authConfigs.id }).from(authConfigs).where(and(eq(authConfigs.projectId, projectId), eq(authConfigs.status, "ENABLED")));
  const [accounts, configs] = await db.batch([
    db
      .select()
      .from(connectedAccounts)
      .where(and(usersAccounts, inArray(connectedAccounts.authConfigId, enabledConfigs)))
      .orderBy(desc(connectedAccounts.createdAt), desc(connectedAccounts.id))
      .limit(1),
    db
      .select()
      .from(authConfigs)
      .where(
        and(
          eq(authConfigs.projectId, projectId),
          or(
            inArray(authConfigs.id, db.select({ id: connectedAccounts.authConfigId }).from(connectedAccounts).where(usersAccounts)),
            and(eq(authConfigs.toolkitSlug, toolkit.slug), eq(authConfigs.status, "ENABLED")),
          ),
        ),
      )
      .orderBy(desc(authConfigs.createdAt), desc(authConfigs.id)),
  ]);
  const [account] = accounts;
  if (account) return openAccount(keyRing, account, configs.find((config) => config.id === account.authConfigId));
  if (isNoAuth(toolkit)) return noAuthAccount(configs.find((config) => config.toolkitSlug === toolkit.slug && config.status === "ENABLED"));
  throw noAccount(toolkit, request.userId);
}

function noAccount(toolkit: ToolkitInfo, userId: string | undefined): ApiError {
  return new ApiError(400, "no_connected_account", `User ${JSON.stringify(userId ?? "")} has no active ${toolkit.name} account in this project.`, {
    suggestedFix: `Connect one first (POST /api/v3.1/connected_accounts), or pass connected_account_id.`,
  });
}

/** A call to a no-auth toolkit without an account: no credentials, the project's config (if any) for its base URL. */
export function noAuthAccount(authConfig: AuthConfigRow | undefined): ResolvedAccount {
  return { account: undefined, authConfig, credentials: { type: "NO_AUTH" } };
}

/**
 * Checks that an account may run calls now (ACTIVE, under an enabled auth config; a disabled
 * config runs nothing, even by explicit id) and decrypts its credentials. Shared by direct
 * calls (read from D1) and sessions (from their cached pool), so both refuse alike.
 */
export async function openAccount(keyRing: KeyRing, account: ConnectedAccountRow, authConfig: AuthConfigRow | undefined): Promise<ResolvedAccount> {
  if (account.status !== "ACTIVE") {
    throw new ApiError(400, "connected_account_not_active", `Connected account ${account.id} is ${account.status}, not ACTIVE.`, {
      suggestedFix: "Ask the user to reconnect the account.",
    });
  }
  if (!authConfig) throw new ApiError(404, "auth_config_not_found", `This project has no auth config ${account.authConfigId}.`);
  if (authConfig.status !== "ENABLED") {
    throw new ApiError(400, "auth_config_disabled", `Connected account ${account.id} belongs to auth config ${authConfig.id}, which is disabled.`, {
      suggestedFix: `Enable it (PATCH /api/v3.1/auth_configs/${authConfig.id}/ENABLED), or use an account of an enabled auth config.`,
    });
  }
  let plaintext = '{"type":"NO_AUTH"}';
  if (account.credentialsEnc) {
    try {
      plaintext = await keyRing.decrypt(account.credentialsEnc, accountAad(account));
    } catch (err) {
      if (!(err instanceof KeyRingError)) throw err;
      throw new ApiError(409, "credentials_unreadable", `The stored credentials of ${account.id} cannot be decrypted: ${err.message}`, {
        suggestedFix: "Reconnect the account; if keys were rotated, keep the old key in ENCRYPTION_KEYS until rotation finishes.",
      });
    }
  }
  return { account, authConfig, credentials: StoredCredentials.parse(JSON.parse(plaintext)) };
}

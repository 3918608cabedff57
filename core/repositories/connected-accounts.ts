import { and, asc, count, eq, gt, inArray, isNull, lte, ne, notExists, or, type SQL } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { afterCursor } from "../db/keyset.ts";
import { connectedAccounts, linkRequests, type ConnectedAccountRow, type ConnectedAccountStatus } from "../db/schema.ts";
import { ApiError } from "../http/errors.ts";
import type { Cursor } from "../http/pagination.ts";
import { newId } from "../ids.ts";

export interface NewConnectedAccount {
  userId: string;
  toolkitSlug: string;
  authConfigId: string;
  status: ConnectedAccountStatus;
  alias?: string | null;
  expiresAt?: Date | null;
  /** Encrypts the credentials with the new row's id as associated data. */
  credentialsEnc: (id: string) => Promise<string | null>;
}

export async function createConnectedAccount(db: Database, projectId: string, input: NewConnectedAccount): Promise<ConnectedAccountRow> {
  const id = newId("ca");
  const now = new Date();
  const row: ConnectedAccountRow = {
    id,
    projectId,
    userId: input.userId,
    toolkitSlug: input.toolkitSlug,
    authConfigId: input.authConfigId,
    status: input.status,
    statusReason: null,
    alias: input.alias ?? null,
    credentialsEnc: await input.credentialsEnc(id),
    expiresAt: input.expiresAt ?? null,
    createdAt: now,
    updatedAt: now,
  };
  await db.insert(connectedAccounts).values(row);
  return row;
}

export async function getConnectedAccount(db: Database, projectId: string, id: string): Promise<ConnectedAccountRow> {
  const row = await db.query.connectedAccounts.findFirst({
    where: and(eq(connectedAccounts.projectId, projectId), eq(connectedAccounts.id, id)),
  });
  if (!row) throw new ApiError(404, "connected_account_not_found", `This project has no connected account ${id}.`);
  return row;
}

/**
 * Whether another of the user's established accounts for the toolkit already goes by
 * `alias`. Unfinished (INITIATED), FAILED and REVOKED ones do not hold on to their alias,
 * so an abandoned Connect Link never blocks a retry.
 */
export async function aliasInUse(db: Database, projectId: string, userId: string, toolkitSlug: string, alias: string, exceptId?: string): Promise<boolean> {
  const row = await db.query.connectedAccounts.findFirst({
    where: and(
      eq(connectedAccounts.projectId, projectId),
      eq(connectedAccounts.userId, userId),
      eq(connectedAccounts.toolkitSlug, toolkitSlug),
      eq(connectedAccounts.alias, alias),
      inArray(connectedAccounts.status, ["ACTIVE", "INACTIVE", "EXPIRED"]),
      exceptId ? ne(connectedAccounts.id, exceptId) : undefined,
    ),
    columns: { id: true },
  });
  return row !== undefined;
}

/** ACTIVE accounts per auth config, for the configs' `no_of_connections`. */
export async function countActiveByAuthConfig(db: Database, projectId: string, authConfigIds: string[]): Promise<Map<string, number>> {
  if (authConfigIds.length === 0) return new Map();
  const rows = await db
    .select({ id: connectedAccounts.authConfigId, n: count() })
    .from(connectedAccounts)
    .where(and(eq(connectedAccounts.projectId, projectId), inArray(connectedAccounts.authConfigId, authConfigIds), eq(connectedAccounts.status, "ACTIVE")))
    .groupBy(connectedAccounts.authConfigId);
  return new Map(rows.map((row) => [row.id, row.n]));
}

export async function deleteConnectedAccount(db: Database, projectId: string, id: string): Promise<void> {
  const deleted = await db
    .delete(connectedAccounts)
    .where(and(eq(connectedAccounts.projectId, projectId), eq(connectedAccounts.id, id)))
    .returning({ id: connectedAccounts.id });
  if (deleted.length === 0) throw new ApiError(404, "connected_account_not_found", `This project has no connected account ${id}.`);
}

export interface AccountFilters {
  userIds?: string[];
  toolkitSlugs?: string[];
  authConfigIds?: string[];
  statuses?: ConnectedAccountStatus[];
  aliases?: string[];
}

function matching(projectId: string, filters: AccountFilters): SQL | undefined {
  return and(
    eq(connectedAccounts.projectId, projectId),
    filters.userIds?.length ? inArray(connectedAccounts.userId, filters.userIds) : undefined,
    filters.toolkitSlugs?.length ? inArray(connectedAccounts.toolkitSlug, filters.toolkitSlugs) : undefined,
    filters.authConfigIds?.length ? inArray(connectedAccounts.authConfigId, filters.authConfigIds) : undefined,
    filters.statuses?.length ? inArray(connectedAccounts.status, filters.statuses) : undefined,
    filters.aliases?.length ? inArray(connectedAccounts.alias, filters.aliases) : undefined,
  );
}

/** Returns up to `limit + 1` rows so the caller can tell whether another page exists. */
export async function listConnectedAccounts(
  db: Database,
  projectId: string,
  filters: AccountFilters,
  page: { limit: number; after?: Cursor },
): Promise<ConnectedAccountRow[]> {
  return db
    .select()
    .from(connectedAccounts)
    .where(and(matching(projectId, filters), afterCursor(connectedAccounts.createdAt, connectedAccounts.id, page.after)))
    .orderBy(asc(connectedAccounts.createdAt), asc(connectedAccounts.id))
    .limit(page.limit + 1);
}

export async function countConnectedAccounts(db: Database, projectId: string, filters: AccountFilters): Promise<number> {
  const [row] = await db.select({ n: count() }).from(connectedAccounts).where(matching(projectId, filters));
  return row?.n ?? 0;
}

export interface AccountUpdate {
  status?: ConnectedAccountStatus;
  alias?: string | null;
  statusReason?: string | null;
  credentialsEnc?: string | null;
  expiresAt?: Date | null;
}

/** What an INITIATED account becomes once its Connect Link ran out: the Connect page and the scheduled cleanup write the same. */
export const LINK_EXPIRED = { status: "EXPIRED", statusReason: "the Connect Link expired" } as const satisfies AccountUpdate;

/** Conditions that make an update optimistic: it applies only while the row still matches. */
export interface AccountPrecondition {
  credentialsEnc?: string | null;
  status?: ConnectedAccountStatus;
}

/** Changes an account's state; with a precondition, only if the row still matches it. */
export async function updateConnectedAccount(
  db: Database,
  projectId: string,
  id: string,
  changes: AccountUpdate,
  precondition: AccountPrecondition = {},
): Promise<boolean> {
  const expected = precondition.credentialsEnc;
  const updated = await db
    .update(connectedAccounts)
    .set({ ...changes, updatedAt: new Date() })
    .where(
      and(
        eq(connectedAccounts.projectId, projectId),
        eq(connectedAccounts.id, id),
        expected === undefined ? undefined : expected === null ? isNull(connectedAccounts.credentialsEnc) : eq(connectedAccounts.credentialsEnc, expected),
        precondition.status === undefined ? undefined : eq(connectedAccounts.status, precondition.status),
      ),
    )
    .returning({ id: connectedAccounts.id });
  return updated.length === 1;
}

/**
 * Marks EXPIRED up to `limit` INITIATED accounts started before `startedBefore` that nothing
 * can complete any more: no PENDING link still valid at `now`, and no link used since
 * `startedBefore` (its callback may still be exchanging the code). The age bound also covers
 * the instant between a new account's insert and its link's. Returns whose accounts changed.
 */
export async function expireAbandonedAccounts(
  db: Database,
  at: { now: Date; startedBefore: Date; limit: number },
): Promise<{ projectId: string; userId: string }[]> {
  const stillCompletable = db
    .select({ id: linkRequests.id })
    .from(linkRequests)
    .where(
      and(
        eq(linkRequests.connectedAccountId, connectedAccounts.id),
        or(and(eq(linkRequests.status, "PENDING"), gt(linkRequests.expiresAt, at.now)), and(eq(linkRequests.status, "USED"), gt(linkRequests.usedAt, at.startedBefore))),
      ),
    );
  // Found through connected_accounts_status_created (status, created_at).
  const abandoned = db
    .select({ id: connectedAccounts.id })
    .from(connectedAccounts)
    .where(and(eq(connectedAccounts.status, "INITIATED"), lte(connectedAccounts.createdAt, at.startedBefore), notExists(stillCompletable)))
    .limit(at.limit);
  return db
    .update(connectedAccounts)
    .set({ status: "EXPIRED", statusReason: "the connection was never finished", updatedAt: at.now })
    .where(and(eq(connectedAccounts.status, "INITIATED"), inArray(connectedAccounts.id, abandoned)))
    .returning({ projectId: connectedAccounts.projectId, userId: connectedAccounts.userId });
}

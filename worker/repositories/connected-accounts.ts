import { and, asc, count, desc, eq, inArray, type SQL } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { afterCursor } from "../db/keyset.ts";
import { connectedAccounts, type ConnectedAccountRow, type ConnectedAccountStatus } from "../db/schema.ts";
import { ApiError } from "../http/errors.ts";
import type { Cursor } from "../http/pagination.ts";
import { newId } from "../ids.ts";

export interface NewConnectedAccount {
  userId: string;
  toolkitSlug: string;
  authConfigId: string;
  status: ConnectedAccountStatus;
  alias?: string | null;
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
    expiresAt: null,
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

/** The user's most recently created ACTIVE account for a toolkit: the default choice. */
export async function findActiveAccount(db: Database, projectId: string, userId: string, toolkitSlug: string): Promise<ConnectedAccountRow | undefined> {
  return db.query.connectedAccounts.findFirst({
    where: and(
      eq(connectedAccounts.projectId, projectId),
      eq(connectedAccounts.userId, userId),
      eq(connectedAccounts.toolkitSlug, toolkitSlug),
      eq(connectedAccounts.status, "ACTIVE"),
    ),
    orderBy: [desc(connectedAccounts.createdAt), desc(connectedAccounts.id)],
  });
}

export interface AccountFilters {
  userIds?: string[];
  toolkitSlugs?: string[];
  authConfigIds?: string[];
  statuses?: ConnectedAccountStatus[];
}

function matching(projectId: string, filters: AccountFilters): SQL | undefined {
  return and(
    eq(connectedAccounts.projectId, projectId),
    filters.userIds?.length ? inArray(connectedAccounts.userId, filters.userIds) : undefined,
    filters.toolkitSlugs?.length ? inArray(connectedAccounts.toolkitSlug, filters.toolkitSlugs) : undefined,
    filters.authConfigIds?.length ? inArray(connectedAccounts.authConfigId, filters.authConfigIds) : undefined,
    filters.statuses?.length ? inArray(connectedAccounts.status, filters.statuses) : undefined,
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

import { and, asc, eq, gt, inArray, lte } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { connectedAccounts, linkRequests, type LinkRequestRow } from "../db/schema.ts";
import { LINK_EXPIRED } from "./connected-accounts.ts";

export async function insertLinkRequest(db: Database, row: LinkRequestRow): Promise<void> {
  await db.insert(linkRequests).values(row);
}

/**
 * Looked up by the link token alone: the token in the URL is the only credential the
 * person holding the link has. It carries 128 random bits and expires in ten minutes.
 */
export async function findLinkRequest(db: Database, linkId: string): Promise<LinkRequestRow | undefined> {
  return db.query.linkRequests.findFirst({ where: eq(linkRequests.id, linkId) });
}

/** Records a fresh OAuth attempt (state and verifier) on a link that is still pending. */
export async function startOAuthAttempt(db: Database, linkId: string, state: string, pkceVerifierEnc: string | null): Promise<boolean> {
  const updated = await db
    .update(linkRequests)
    .set({ oauthState: state, pkceVerifierEnc })
    .where(and(eq(linkRequests.id, linkId), eq(linkRequests.status, "PENDING"), gt(linkRequests.expiresAt, new Date())))
    .returning({ id: linkRequests.id });
  return updated.length === 1;
}

/** The link an OAuth attempt belongs to, whatever its state, to explain a late callback. */
export async function findLinkByState(db: Database, state: string): Promise<LinkRequestRow | undefined> {
  return db.query.linkRequests.findFirst({ where: eq(linkRequests.oauthState, state) });
}

/** Consumes the pending, unexpired link with this OAuth state. One statement: it works once. */
export async function consumeLinkByState(db: Database, state: string): Promise<LinkRequestRow | undefined> {
  const [row] = await db
    .update(linkRequests)
    .set({ status: "USED", usedAt: new Date() })
    .where(and(eq(linkRequests.oauthState, state), eq(linkRequests.status, "PENDING"), gt(linkRequests.expiresAt, new Date())))
    .returning();
  return row;
}

/** Consumes a pending, unexpired link by its token (key-based forms). */
export async function consumeLink(db: Database, linkId: string): Promise<LinkRequestRow | undefined> {
  const [row] = await db
    .update(linkRequests)
    .set({ status: "USED", usedAt: new Date() })
    .where(and(eq(linkRequests.id, linkId), eq(linkRequests.status, "PENDING"), gt(linkRequests.expiresAt, new Date())))
    .returning();
  return row;
}

/** The oldest `limit` links past their expiry (index link_requests_expires), as a subquery. */
function expiredLinkIds(db: Database, now: Date, limit: number) {
  return db.select({ id: linkRequests.id }).from(linkRequests).where(lte(linkRequests.expiresAt, now)).orderBy(asc(linkRequests.expiresAt), asc(linkRequests.id)).limit(limit);
}

/**
 * Deletes up to `limit` expired links, first marking EXPIRED the INITIATED accounts their
 * PENDING ones started (a USED link's account is the callback's to finish). Both statements
 * go in one D1 batch, which D1 runs as a transaction: they pick the same links, and a link is
 * never gone while its account still waits on it. Returns the links removed and whose
 * accounts changed, for the sessions to be told.
 */
export async function removeExpiredLinks(db: Database, now: Date, limit: number): Promise<{ removed: number; expired: { projectId: string; userId: string }[] }> {
  const pendingAccounts = db
    .select({ id: linkRequests.connectedAccountId })
    .from(linkRequests)
    .where(and(inArray(linkRequests.id, expiredLinkIds(db, now, limit)), eq(linkRequests.status, "PENDING")));
  const [expired, removed] = await db.batch([
    db
      .update(connectedAccounts)
      .set({ ...LINK_EXPIRED, updatedAt: now })
      .where(and(eq(connectedAccounts.status, "INITIATED"), inArray(connectedAccounts.id, pendingAccounts)))
      .returning({ projectId: connectedAccounts.projectId, userId: connectedAccounts.userId }),
    db.delete(linkRequests).where(inArray(linkRequests.id, expiredLinkIds(db, now, limit))).returning({ id: linkRequests.id }),
  ]);
  return { removed: removed.length, expired };
}

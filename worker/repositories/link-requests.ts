import { and, eq, gt } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { linkRequests, type LinkRequestRow } from "../db/schema.ts";

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

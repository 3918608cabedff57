import { and, count, desc, eq, gt, inArray, isNull, lte } from "drizzle-orm";
import { mcpCredentialPrefix, mintMcpCredential } from "../auth/mcp-credential-format.ts";
import type { Database } from "../../core/db/client.ts";
import { beforeCursor } from "../../core/db/keyset.ts";
import { mcpCredentials, projects, type McpCredentialRow, type McpCredentialScope } from "../../core/db/schema.ts";
import { sha256Hex, timingSafeEqualText } from "../../core/encoding.ts";
import { ApiError } from "../../core/http/errors.ts";
import type { Cursor } from "../../core/http/pagination.ts";
import { newId } from "../../core/ids.ts";

/** The one moment the plaintext credential exists outside its holder's hands. */
export interface CreatedMcpCredential {
  row: McpCredentialRow;
  secret: string;
}

export type McpCredentialTarget = { scope: "session"; sessionId: string; userId: string } | { scope: "user"; userId: string };

export async function createMcpCredential(
  db: Database,
  projectId: string,
  target: McpCredentialTarget,
  input: { name: string; expiresAt: Date; now: Date },
): Promise<CreatedMcpCredential> {
  const minted = await mintMcpCredential();
  const row: McpCredentialRow = {
    id: newId("mcc"),
    projectId,
    scope: target.scope,
    sessionId: target.scope === "session" ? target.sessionId : null,
    userId: target.userId,
    name: input.name,
    lookupPrefix: minted.prefix,
    secretHash: minted.hash,
    createdAt: input.now,
    expiresAt: input.expiresAt,
    lastUsedAt: null,
    revokedAt: null,
  };
  await db.insert(mcpCredentials).values(row);
  return { row, secret: minted.secret };
}

/** Credentials of the target neither revoked nor expired: what the per-target cap counts. */
export async function countLiveMcpCredentials(db: Database, projectId: string, target: McpCredentialTarget, now: Date): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(mcpCredentials)
    .where(
      and(
        eq(mcpCredentials.projectId, projectId),
        target.scope === "session" ? eq(mcpCredentials.sessionId, target.sessionId) : eq(mcpCredentials.userId, target.userId),
        eq(mcpCredentials.scope, target.scope),
        isNull(mcpCredentials.revokedAt),
        gt(mcpCredentials.expiresAt, now),
      ),
    );
  return row?.n ?? 0;
}

export interface McpCredentialFilters {
  sessionId?: string | undefined;
  userId?: string | undefined;
  scope?: McpCredentialScope | undefined;
}

/**
 * The project's credentials, newest first, revoked and expired ones included, up to `limit + 1`
 * rows so the caller can tell whether another page exists. One range scan of the index that
 * starts with the filter given (session, user, or the project's own).
 */
export function listMcpCredentials(db: Database, projectId: string, filters: McpCredentialFilters, page: { limit: number; before?: Cursor | undefined }) {
  return db
    .select()
    .from(mcpCredentials)
    .where(
      and(
        eq(mcpCredentials.projectId, projectId),
        filters.sessionId !== undefined ? eq(mcpCredentials.sessionId, filters.sessionId) : undefined,
        filters.userId !== undefined ? eq(mcpCredentials.userId, filters.userId) : undefined,
        filters.scope !== undefined ? eq(mcpCredentials.scope, filters.scope) : undefined,
        beforeCursor(mcpCredentials.createdAt, mcpCredentials.id, page.before),
      ),
    )
    .orderBy(desc(mcpCredentials.createdAt), desc(mcpCredentials.id))
    .limit(page.limit + 1);
}

const notFound = (id: string, where: string) =>
  new ApiError(404, "mcp_credential_not_found", `${where} has no MCP credential ${id}.`, {
    suggestedFix: "List the credentials (GET /api/v3.1/mcp_credentials) for the right id: `mcc_…`, not the secret.",
  });

/** The credential, this project's only; with `sessionId`, only if it is that session's. */
export async function getMcpCredential(db: Database, projectId: string, id: string, sessionId?: string): Promise<McpCredentialRow> {
  const row = await db.query.mcpCredentials.findFirst({
    where: and(eq(mcpCredentials.projectId, projectId), eq(mcpCredentials.id, id), sessionId === undefined ? undefined : eq(mcpCredentials.sessionId, sessionId)),
  });
  if (!row) throw notFound(id, sessionId === undefined ? "This project" : `Session ${sessionId}`);
  return row;
}

/** Revoking twice is harmless: the first revocation time is kept. */
export async function revokeMcpCredential(db: Database, projectId: string, id: string, sessionId?: string): Promise<McpCredentialRow> {
  const row = await getMcpCredential(db, projectId, id, sessionId);
  if (row.revokedAt) return row;
  const [updated] = await db
    .update(mcpCredentials)
    .set({ revokedAt: new Date() })
    .where(and(eq(mcpCredentials.projectId, projectId), eq(mcpCredentials.id, id), isNull(mcpCredentials.revokedAt)))
    .returning();
  // Lost a race with another revoke: read the time that one wrote.
  return updated ?? getMcpCredential(db, projectId, id, sessionId);
}

/** The credential with the one project setting an MCP request needs, read in the same round trip. */
export type McpCredentialWithProject = McpCredentialRow & { sessionTtlSeconds: number };

/**
 * The one lookup not scoped by project: it is how an MCP request finds its project. Candidates
 * share the credential's public prefix; the hash comparison is constant-time. A deleted
 * project's credentials are not found.
 */
export async function findMcpCredentialBySecret(db: Database, secret: string): Promise<McpCredentialWithProject | undefined> {
  const hash = await sha256Hex(secret);
  const candidates = await db
    .select({ credential: mcpCredentials, sessionTtlSeconds: projects.sessionTtlSeconds })
    .from(mcpCredentials)
    .innerJoin(projects, and(eq(projects.id, mcpCredentials.projectId), isNull(projects.deletedAt)))
    .where(eq(mcpCredentials.lookupPrefix, mcpCredentialPrefix(secret)));
  const found = candidates.find((row) => timingSafeEqualText(row.credential.secretHash, hash));
  return found && { ...found.credential, sessionTtlSeconds: found.sessionTtlSeconds };
}

export async function recordMcpCredentialUse(db: Database, projectId: string, id: string, at: Date): Promise<void> {
  await db
    .update(mcpCredentials)
    .set({ lastUsedAt: at })
    .where(and(eq(mcpCredentials.projectId, projectId), eq(mcpCredentials.id, id)));
}

/**
 * Deletes up to `limit` credentials that stopped working at or before `cutoff` (expired, or
 * revoked), by the index on each; returns how many. They stay listed, with their status, until then.
 */
export async function deleteEndedMcpCredentials(db: Database, cutoff: Date, limit: number): Promise<number> {
  let deleted = 0;
  for (const ended of [lte(mcpCredentials.expiresAt, cutoff), lte(mcpCredentials.revokedAt, cutoff)]) {
    if (deleted >= limit) break;
    const ids = db.select({ id: mcpCredentials.id }).from(mcpCredentials).where(ended).limit(limit - deleted);
    deleted += (await db.delete(mcpCredentials).where(inArray(mcpCredentials.id, ids)).returning({ id: mcpCredentials.id })).length;
  }
  return deleted;
}

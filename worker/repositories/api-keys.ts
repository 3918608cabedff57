import { and, asc, eq, isNull } from "drizzle-orm";
import { keyPrefix, mintApiKey } from "../auth/api-key-format.ts";
import type { Database } from "../../core/db/client.ts";
import { afterCursor } from "../../core/db/keyset.ts";
import { apiKeys, projects, type ApiKeyRow } from "../../core/db/schema.ts";
import { sha256Hex, timingSafeEqualText } from "../../core/encoding.ts";
import { ApiError } from "../../core/http/errors.ts";
import type { Cursor } from "../../core/http/pagination.ts";
import { newId } from "../../core/ids.ts";

/** The one moment the plaintext key exists outside its owner's hands. */
export interface CreatedApiKey {
  row: ApiKeyRow;
  key: string;
}

export async function createApiKey(db: Database, projectId: string, input: { name: string }): Promise<CreatedApiKey> {
  const minted = await mintApiKey();
  const row: ApiKeyRow = {
    id: newId("key"),
    projectId,
    name: input.name,
    lookupPrefix: minted.prefix,
    keyHash: minted.hash,
    createdAt: new Date(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await db.insert(apiKeys).values(row);
  return { row, key: minted.key };
}

/** Returns up to `limit + 1` rows so the caller can tell whether another page exists. */
export async function listApiKeys(db: Database, projectId: string, page: { limit: number; after?: Cursor }): Promise<ApiKeyRow[]> {
  return db
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.projectId, projectId), afterCursor(apiKeys.createdAt, apiKeys.id, page.after)))
    .orderBy(asc(apiKeys.createdAt), asc(apiKeys.id))
    .limit(page.limit + 1);
}

/** Revoking twice is harmless: the first revocation time is kept. */
export async function revokeApiKey(db: Database, projectId: string, keyId: string): Promise<ApiKeyRow> {
  await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.projectId, projectId), eq(apiKeys.id, keyId), isNull(apiKeys.revokedAt)));
  return getApiKey(db, projectId, keyId);
}

export async function getApiKey(db: Database, projectId: string, keyId: string): Promise<ApiKeyRow> {
  const row = await db.query.apiKeys.findFirst({ where: and(eq(apiKeys.projectId, projectId), eq(apiKeys.id, keyId)) });
  if (!row) throw new ApiError(404, "api_key_not_found", `Project ${projectId} has no API key with the id ${keyId}.`);
  return row;
}

/** The key with the one project setting every session request needs, read in the same round trip. */
export type ApiKeyWithProject = ApiKeyRow & { sessionTtlSeconds: number };

/**
 * The one lookup not scoped by project: it is how a request finds its project.
 * Candidates share the key's public prefix; the hash comparison is constant-time.
 */
export async function findApiKeyBySecret(db: Database, key: string): Promise<ApiKeyWithProject | undefined> {
  const hash = await sha256Hex(key);
  const candidates = await db
    .select({ key: apiKeys, sessionTtlSeconds: projects.sessionTtlSeconds })
    .from(apiKeys)
    // A deleted project's keys open nothing, even one whose revocation has not reached this row.
    .innerJoin(projects, and(eq(projects.id, apiKeys.projectId), isNull(projects.deletedAt)))
    .where(eq(apiKeys.lookupPrefix, keyPrefix(key)));
  const found = candidates.find((row) => timingSafeEqualText(row.key.keyHash, hash));
  return found && { ...found.key, sessionTtlSeconds: found.sessionTtlSeconds };
}

export async function recordApiKeyUse(db: Database, projectId: string, keyId: string, at: Date): Promise<void> {
  await db
    .update(apiKeys)
    .set({ lastUsedAt: at })
    .where(and(eq(apiKeys.projectId, projectId), eq(apiKeys.id, keyId)));
}

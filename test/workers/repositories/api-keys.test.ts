import { beforeAll, describe, expect, it } from "vitest";
import { database } from "../../../core/db/client.ts";
import type { ProjectRow } from "../../../core/db/schema.ts";
import { sha256Hex } from "../../../core/encoding.ts";
import { ApiError } from "../../../core/http/errors.ts";
import {
  createApiKey,
  findApiKeyBySecret,
  getApiKey,
  listApiKeys,
  recordApiKeyUse,
  revokeApiKey,
} from "../../../worker/repositories/api-keys.ts";
import { createProject } from "../../../core/repositories/projects.ts";
import { env } from "../helpers.ts";

const db = () => database(env);

async function apiErrorOf(promise: Promise<unknown>): Promise<ApiError> {
  const err: unknown = await promise.then(() => undefined, (e: unknown) => e);
  if (!(err instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(err)}`);
  return err;
}

let a: ProjectRow;
let b: ProjectRow;

beforeAll(async () => {
  a = await createProject(db(), { name: "keys-a", isProduction: false });
  b = await createProject(db(), { name: "keys-b", isProduction: false });
});

describe("api-keys repository", () => {
  it("stores a hash, never the key", async () => {
    const { row, key } = await createApiKey(db(), a.id, { name: "hashed" });
    expect(row.keyHash).toBe(await sha256Hex(key));
    expect(row.keyHash).not.toContain(key);
    expect(row.lookupPrefix).toBe(key.slice(0, 11));
    const stored = await env.DB.prepare("SELECT * FROM api_keys WHERE id = ?").bind(row.id).first<Record<string, unknown>>();
    expect(Object.values(stored ?? {}).some((v) => String(v).includes(key))).toBe(false);
  });

  it("gets a key only through its own project", async () => {
    const { row } = await createApiKey(db(), a.id, { name: "scoped" });
    expect((await getApiKey(db(), a.id, row.id)).id).toBe(row.id);
    const err = await apiErrorOf(getApiKey(db(), b.id, row.id));
    expect([err.status, err.code]).toEqual([404, "api_key_not_found"]);
  });

  it("lists only the project's own keys", async () => {
    const mine = await createApiKey(db(), a.id, { name: "mine" });
    const theirs = await createApiKey(db(), b.id, { name: "theirs" });
    const listedA = (await listApiKeys(db(), a.id, { limit: 100 })).map((r) => r.id);
    const listedB = (await listApiKeys(db(), b.id, { limit: 100 })).map((r) => r.id);
    expect(listedA).toContain(mine.row.id);
    expect(listedA).not.toContain(theirs.row.id);
    expect(listedB).toEqual([theirs.row.id]);
  });

  it("revokes only through the key's own project, and keeps the first revocation time", async () => {
    const { row } = await createApiKey(db(), b.id, { name: "target" });
    const err = await apiErrorOf(revokeApiKey(db(), a.id, row.id));
    expect([err.status, err.code]).toEqual([404, "api_key_not_found"]);
    expect((await getApiKey(db(), b.id, row.id)).revokedAt).toBeNull();

    const first = await revokeApiKey(db(), b.id, row.id);
    expect(first.revokedAt).toBeInstanceOf(Date);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = await revokeApiKey(db(), b.id, row.id);
    expect(second.revokedAt).toEqual(first.revokedAt);
  });

  it("records use only through the key's own project", async () => {
    const { row } = await createApiKey(db(), a.id, { name: "used" });
    await recordApiKeyUse(db(), b.id, row.id, new Date(5_000));
    expect((await getApiKey(db(), a.id, row.id)).lastUsedAt).toBeNull();
    await recordApiKeyUse(db(), a.id, row.id, new Date(5_000));
    expect((await getApiKey(db(), a.id, row.id)).lastUsedAt).toEqual(new Date(5_000));
  });

  it("finds a key by its secret", async () => {
    const { row, key } = await createApiKey(db(), a.id, { name: "findable" });
    expect((await findApiKeyBySecret(db(), key))?.id).toBe(row.id);
  });

  it("does not find a key from its prefix with a different tail", async () => {
    const { key } = await createApiKey(db(), a.id, { name: "prefix-only" });
    const tail = key.slice(11);
    const forged = key.slice(0, 11) + (tail.startsWith("A") ? "B" : "A") + tail.slice(1);
    expect(forged).not.toBe(key);
    expect(forged.length).toBe(key.length);
    expect(await findApiKeyBySecret(db(), forged)).toBeUndefined();
  });

  it("picks the right row when two keys share a prefix", async () => {
    const { row, key } = await createApiKey(db(), a.id, { name: "real" });
    const twin = `${key.slice(0, 11)}${"Z".repeat(key.length - 11)}`;
    // A second row with the same public prefix, in another project, as a collision would give.
    await env.DB.prepare("INSERT INTO api_keys (id, project_id, name, lookup_prefix, key_hash, created_at) VALUES (?, ?, 'twin', ?, ?, ?)")
      .bind("key_prefixTwin0000000000", b.id, row.lookupPrefix, await sha256Hex(twin), Date.now())
      .run();
    expect((await findApiKeyBySecret(db(), key))?.id).toBe(row.id);
    expect((await findApiKeyBySecret(db(), twin))?.id).toBe("key_prefixTwin0000000000");
  });

  it("finds a revoked key too, so the caller can say it is revoked", async () => {
    const { row, key } = await createApiKey(db(), a.id, { name: "revoked" });
    await revokeApiKey(db(), a.id, row.id);
    expect((await findApiKeyBySecret(db(), key))?.revokedAt).toBeInstanceOf(Date);
  });
});

import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { mintApiKey } from "../../../worker/auth/api-key-format.ts";
import worker from "../../../worker/index.ts";
import { ADMIN_KEY, type ApiKey, call, env, type ErrorPayload, json, newProjectWithKey, type Page } from "../helpers.ts";

const INFO = "/api/v3.1/auth/session/info";

/**
 * Calls the real Worker directly and waits for its `waitUntil` work (the last-used write),
 * which `exports.default.fetch` does not wait for. The key cache is module state, shared with
 * `exports.default`, so both paths see the same cache.
 */
async function settledCall(key: string, cacheTtlSeconds?: string): Promise<{ status: number; code?: string }> {
  const ctx = createExecutionContext();
  const request = new Request(`http://gateway.test${INFO}`, { headers: { "x-api-key": key } });
  // `wrangler types` narrows the var to its configured "30"; a deployment may set any number.
  const testEnv = (cacheTtlSeconds === undefined ? env : { ...env, API_KEY_CACHE_TTL_SECONDS: cacheTtlSeconds }) as Env;
  const response = await worker.fetch(request, testEnv, ctx);
  await waitOnExecutionContext(ctx);
  if (response.ok) return { status: response.status };
  return { status: response.status, code: ((await response.json()) as ErrorPayload).error.code };
}

async function lastUsedAt(keyId: string): Promise<number | null> {
  const row = await env.DB.prepare("SELECT last_used_at FROM api_keys WHERE id = ?").bind(keyId).first<{ last_used_at: number | null }>();
  return row?.last_used_at ?? null;
}

/** Changes the row behind the Worker's back (no admin route, so no cache invalidation). */
async function tamper(keyId: string, set: string, ...params: unknown[]): Promise<void> {
  await env.DB.prepare(`UPDATE api_keys SET ${set} WHERE id = ?`).bind(...params, keyId).run();
}

function advanceClock(ms: number): void {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Date.now() + ms);
}

afterEach(() => {
  vi.useRealTimers();
});

describe("requireApiKey: the per-isolate key cache", () => {
  it("answers a repeat request from the cache, without looking the key up in D1 again", async () => {
    const { keyId, key } = await newProjectWithKey();
    expect(await settledCall(key)).toEqual({ status: 200 });
    // Were the key looked up again, neither the broken hash nor the revocation could be missed.
    await tamper(keyId, "key_hash = 'broken', revoked_at = ?", Date.now());
    expect(await settledCall(key)).toEqual({ status: 200 });
    // Once the entry expires (API_KEY_CACHE_TTL_SECONDS = 30), D1 is asked again and the key no longer matches.
    advanceClock(31_000);
    expect(await settledCall(key)).toEqual({ status: 401, code: "api_key_invalid" });
  });

  it("sees a revocation made in another isolate within the ttl", async () => {
    const { keyId, key } = await newProjectWithKey();
    expect(await settledCall(key)).toEqual({ status: 200 });
    await tamper(keyId, "revoked_at = ?", Date.now());
    expect(await settledCall(key)).toEqual({ status: 200 }); // stale, by design, for up to the ttl
    advanceClock(30_000);
    expect(await settledCall(key)).toEqual({ status: 401, code: "api_key_revoked" });
  });

  it("does not cache at all when API_KEY_CACHE_TTL_SECONDS is 0", async () => {
    const { keyId, key } = await newProjectWithKey();
    const noCache = "0";
    expect(await settledCall(key, noCache)).toEqual({ status: 200 });
    await tamper(keyId, "revoked_at = ?", Date.now());
    expect(await settledCall(key, noCache)).toEqual({ status: 401, code: "api_key_revoked" });
  });

  it("remembers an unknown key as unknown for 5 seconds only", async () => {
    const { projectId } = await newProjectWithKey();
    const minted = await mintApiKey();
    expect(await settledCall(minted.key)).toEqual({ status: 401, code: "api_key_invalid" });
    // The key now appears in D1, as if another isolate had just created it.
    await env.DB.prepare("INSERT INTO api_keys (id, project_id, name, lookup_prefix, key_hash, created_at) VALUES (?, ?, 'late', ?, ?, ?)")
      .bind("key_createdElsewhere000000", projectId, minted.prefix, minted.hash, Date.now())
      .run();
    expect(await settledCall(minted.key)).toEqual({ status: 401, code: "api_key_invalid" });
    advanceClock(5_000);
    expect(await settledCall(minted.key)).toEqual({ status: 200 });
  });

  it("stops accepting a key revoked through the operator API at once, though it is cached", async () => {
    const { projectId, keyId, key } = await newProjectWithKey();
    expect(await settledCall(key)).toEqual({ status: 200 });
    const revoked = await call("POST", `/api/admin/projects/${projectId}/api_keys/${keyId}/revoke`, { admin: ADMIN_KEY });
    expect(revoked.status).toBe(200);
    expect(await settledCall(key)).toEqual({ status: 401, code: "api_key_revoked" });
  });
});

describe("requireApiKey: last_used_at", () => {
  it("is written on first use", async () => {
    const { projectId, keyId, key } = await newProjectWithKey();
    expect(await lastUsedAt(keyId)).toBeNull();
    const before = Date.now();
    await settledCall(key);
    const written = await lastUsedAt(keyId);
    expect(written).not.toBeNull();
    expect(written ?? 0).toBeGreaterThanOrEqual(before - 1000);
    const listed = await json<Page<ApiKey>>(await call("GET", `/api/admin/projects/${projectId}/api_keys`, { admin: ADMIN_KEY }));
    expect(listed.items.find((k) => k.id === keyId)?.last_used_at).toBe(new Date(written ?? 0).toISOString());
  });

  it("is not rewritten by an immediate second use", async () => {
    const { keyId, key } = await newProjectWithKey();
    await settledCall(key);
    expect(await lastUsedAt(keyId)).not.toBeNull();
    const SENTINEL = 1_000; // any write would replace it
    await tamper(keyId, "last_used_at = ?", SENTINEL);
    for (let i = 0; i < 3; i++) expect(await settledCall(key)).toEqual({ status: 200 });
    expect(await lastUsedAt(keyId)).toBe(SENTINEL);
  });

  it("is rewritten once a minute has passed, even while the key stays cached", async () => {
    const { keyId, key } = await newProjectWithKey();
    const longCache = "3600";
    await settledCall(key, longCache);
    const first = await lastUsedAt(keyId);
    advanceClock(59_000);
    await settledCall(key, longCache);
    expect(await lastUsedAt(keyId)).toBe(first);
    advanceClock(2_000);
    await settledCall(key, longCache);
    expect(await lastUsedAt(keyId)).toBe(Date.now());
  });

  it("is not written for a revoked key", async () => {
    const { projectId, keyId, key } = await newProjectWithKey();
    const response = await call("POST", `/api/admin/projects/${projectId}/api_keys/${keyId}/revoke`, { admin: ADMIN_KEY });
    expect(response.status).toBe(200);
    expect(await settledCall(key)).toEqual({ status: 401, code: "api_key_revoked" });
    expect(await lastUsedAt(keyId)).toBeNull();
  });
});

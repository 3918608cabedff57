import { describe, expect, it } from "vitest";
import { KeyCache, type KnownKey } from "../../../worker/auth/key-cache.ts";

const TTL = 30_000;
const known = (keyId = "key_1"): KnownKey => ({ projectId: "proj_1", keyId, revoked: false, sessionTtlMs: 604_800_000, lastUsedRecordedAt: null });

describe("KeyCache", () => {
  it("answers undefined for a hash it has never seen", () => {
    expect(new KeyCache().get("h", 0)).toBeUndefined();
  });

  it("serves a known key until its ttl runs out, then forgets it", () => {
    const cache = new KeyCache();
    cache.set("h", known(), 1_000, TTL);
    expect(cache.get("h", 1_000)).toEqual(known());
    expect(cache.get("h", 1_000 + TTL - 1)).toEqual(known());
    expect(cache.get("h", 1_000 + TTL)).toBeUndefined();
    // Expired entries are dropped, not revived by an earlier clock.
    expect(cache.get("h", 1_000)).toBeUndefined();
  });

  it("remembers an unknown key (null) for at most 5 seconds", () => {
    const cache = new KeyCache();
    cache.set("nobody", null, 0, TTL);
    expect(cache.get("nobody", 4_999)).toBeNull();
    expect(cache.get("nobody", 5_000)).toBeUndefined();
  });

  it("never keeps an unknown key longer than the ttl itself", () => {
    const cache = new KeyCache();
    cache.set("nobody", null, 0, 1_000);
    expect(cache.get("nobody", 999)).toBeNull();
    expect(cache.get("nobody", 1_000)).toBeUndefined();
  });

  it("with a ttl of 0 caches nothing", () => {
    const cache = new KeyCache();
    cache.set("h", known(), 0, 0);
    expect(cache.get("h", 0)).toBeUndefined();
  });

  it("markRevoked flips every entry for that key id, and only those", () => {
    const cache = new KeyCache();
    cache.set("a", known("key_a"), 0, TTL);
    cache.set("b", known("key_b"), 0, TTL);
    cache.set("nobody", null, 0, TTL);
    cache.markRevoked("key_a");
    expect(cache.get("a", 1)?.revoked).toBe(true);
    expect(cache.get("b", 1)?.revoked).toBe(false);
    expect(cache.get("nobody", 1)).toBeNull();
    cache.markRevoked("key_unknown"); // nothing cached: nothing to do
  });

  it("replaces an entry set again for the same hash", () => {
    const cache = new KeyCache();
    cache.set("h", known("key_old"), 0, TTL);
    cache.set("h", known("key_new"), 10, TTL);
    expect(cache.get("h", 10 + TTL - 1)?.keyId).toBe("key_new");
  });

  it("holds at most 10,000 entries, dropping the oldest first", () => {
    const cache = new KeyCache();
    for (let i = 0; i < 10_000; i++) cache.set(`h${i}`, known(`key_${i}`), 0, TTL);
    expect(cache.get("h0", 1)?.keyId).toBe("key_0");
    cache.set("h10000", known("key_10000"), 0, TTL);
    expect(cache.get("h0", 1)).toBeUndefined();
    expect(cache.get("h1", 1)?.keyId).toBe("key_1");
    expect(cache.get("h10000", 1)?.keyId).toBe("key_10000");
    cache.set("h10001", known("key_10001"), 0, TTL);
    expect(cache.get("h1", 1)).toBeUndefined();
    expect(cache.get("h2", 1)?.keyId).toBe("key_2");
  });
});

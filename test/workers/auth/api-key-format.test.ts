import { describe, expect, it } from "vitest";
import { isWellFormedApiKey, keyPrefix, mintApiKey } from "../../../worker/auth/api-key-format.ts";
import { sha256Hex } from "../../../core/encoding.ts";

describe("API key format", () => {
  it("mints sk_ + 43 URL-safe characters, with its prefix and SHA-256", async () => {
    const minted = await mintApiKey();
    expect(minted.key).toMatch(/^sk_[A-Za-z0-9_-]{43}$/);
    expect(isWellFormedApiKey(minted.key)).toBe(true);
    expect(minted.prefix).toBe(minted.key.slice(0, 11));
    expect(keyPrefix(minted.key)).toBe(minted.prefix);
    expect(minted.hash).toBe(await sha256Hex(minted.key));
    expect(minted.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("never mints the same key twice", async () => {
    const keys = new Set(await Promise.all(Array.from({ length: 50 }, async () => (await mintApiKey()).key)));
    expect(keys.size).toBe(50);
  });

  it.each(["", "sk_", `sk_${"a".repeat(42)}`, `sk_${"a".repeat(44)}`, `pk_${"a".repeat(43)}`, `sk_${"a".repeat(42)}=`, ` sk_${"a".repeat(43)}`, "test-admin-key"])(
    "rejects %j as not well formed",
    (value) => {
      expect(isWellFormedApiKey(value)).toBe(false);
    },
  );
});

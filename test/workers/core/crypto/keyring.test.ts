import { describe, expect, it } from "vitest";
import { KeyRing, KeyRingError } from "../../../../core/crypto/keyring.ts";

const bytes = (fill: number) => btoa(String.fromCharCode(...new Uint8Array(32).fill(fill)));
const K1 = bytes(1);
const K2 = bytes(2);
const ring = (keys: Record<string, string>, current: string) => new KeyRing(JSON.stringify(keys), current);
const AAD = "connected_accounts:proj_A:ca_1";

describe("KeyRing", () => {
  it("round-trips text, including non-ASCII, with a fresh IV each time", async () => {
    const keyRing = ring({ k1: K1 }, "k1");
    const plaintext = '{"type":"BEARER_TOKEN","token":"ghp_ünïcode_🔑"}';
    const first = await keyRing.encrypt(plaintext, AAD);
    const second = await keyRing.encrypt(plaintext, AAD);
    expect(first).not.toBe(second);
    expect(first).toMatch(/^v1\.k1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(first).not.toContain("ghp_");
    expect(await keyRing.decrypt(first, AAD)).toBe(plaintext);
    expect(await keyRing.decrypt(second, AAD)).toBe(plaintext);
    expect(await keyRing.decrypt(await keyRing.encrypt("", AAD), AAD)).toBe("");
  });

  it("fails when the associated data differs: the ciphertext was moved to another row", async () => {
    const keyRing = ring({ k1: K1 }, "k1");
    const blob = await keyRing.encrypt("secret", AAD);
    await expect(keyRing.decrypt(blob, "connected_accounts:proj_A:ca_2")).rejects.toThrow(KeyRingError);
    await expect(keyRing.decrypt(blob, "connected_accounts:proj_B:ca_1")).rejects.toThrow("moved between rows");
  });

  it("fails when the ciphertext or IV was altered", async () => {
    const keyRing = ring({ k1: K1 }, "k1");
    const [version, kid, iv, ciphertext] = (await keyRing.encrypt("secret value", AAD)).split(".") as [string, string, string, string];
    const flip = (text: string) => `${text.slice(0, -2)}${text.at(-2) === "A" ? "B" : "A"}${text.at(-1)}`;
    await expect(keyRing.decrypt([version, kid, iv, flip(ciphertext)].join("."), AAD)).rejects.toThrow(KeyRingError);
    await expect(keyRing.decrypt([version, kid, flip(iv), ciphertext].join("."), AAD)).rejects.toThrow(KeyRingError);
  });

  it("fails under a key with the same id but other bytes", async () => {
    const blob = await ring({ k1: K1 }, "k1").encrypt("secret", AAD);
    await expect(ring({ k1: K2 }, "k1").decrypt(blob, AAD)).rejects.toThrow(KeyRingError);
  });

  it("fails, naming the key, when the key id is no longer in the ring", async () => {
    const blob = await ring({ k1: K1 }, "k1").encrypt("secret", AAD);
    await expect(ring({ k2: K2 }, "k2").decrypt(blob, AAD)).rejects.toThrow("Encryption key k1 is no longer in ENCRYPTION_KEYS.");
  });

  it.each([["plaintext", "secret"], ["another version", "v2.k1.aaaa.bbbb"], ["a missing part", "v1.k1.aaaa"], ["an empty string", ""]])(
    "refuses %s as a blob",
    async (_, blob) => {
      await expect(ring({ k1: K1 }, "k1").decrypt(blob, AAD)).rejects.toThrow("Not an encrypted value this gateway wrote.");
    },
  );

  it("rotates: a blob written under k1 still decrypts once k2 is current, and new writes use k2", async () => {
    const before = ring({ k1: K1 }, "k1");
    const old = await before.encrypt("written under k1", AAD);
    expect(KeyRing.keyIdOf(old)).toBe("k1");

    const after = ring({ k1: K1, k2: K2 }, "k2");
    expect(after.currentKeyId).toBe("k2");
    expect(await after.decrypt(old, AAD)).toBe("written under k1");
    const fresh = await after.encrypt("written under k2", AAD);
    expect(KeyRing.keyIdOf(fresh)).toBe("k2");
    expect(await after.decrypt(fresh, AAD)).toBe("written under k2");
    // The old ring cannot read what the new key wrote.
    await expect(before.decrypt(fresh, AAD)).rejects.toThrow("Encryption key k2 is no longer in ENCRYPTION_KEYS.");
  });

  it.each([
    ["no keys at all", undefined, "k1"],
    ["keys that are not JSON", "k1=abc", "k1"],
    ["keys that are not an object of strings", '{"k1": 5}', "k1"],
    ["a key id with a dot, which would break the blob format", JSON.stringify({ "k.1": K1 }), "k.1"],
  ])("refuses %s", (_, keys, current) => {
    expect(() => new KeyRing(keys, current)).toThrow('ENCRYPTION_KEYS must be JSON like {"k1":"<32 bytes, base64>"}.');
  });

  it("refuses a current key id that is missing or not in the ring", () => {
    expect(() => ring({ k1: K1 }, "k2")).toThrow("ENCRYPTION_KEY_ID must name a key in ENCRYPTION_KEYS.");
    expect(() => new KeyRing(JSON.stringify({ k1: K1 }), undefined)).toThrow(KeyRingError);
  });

  it("refuses a key that is not 32 bytes when it is first used", async () => {
    const short = ring({ k1: btoa("too short") }, "k1");
    await expect(short.encrypt("x", AAD)).rejects.toThrow("Encryption key k1 must be 32 bytes (base64), got 9.");
  });
});

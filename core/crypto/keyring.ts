import { z } from "zod";
import { fromBase64Url, toBase64Url } from "../encoding.ts";

/**
 * Envelope for secrets at rest: AES-256-GCM under a key ring held in secrets
 * (`ENCRYPTION_KEYS` = {"k1": "<32 bytes base64>", …}, `ENCRYPTION_KEY_ID` = the key for
 * new writes). A blob is `v1.<key id>.<iv>.<ciphertext>` so any key still in the ring
 * can read it, and the caller's associated data (the row's identity) must match, so a
 * ciphertext copied onto another row does not decrypt.
 */
const VERSION = "v1";
const KeyRingSecret = z.record(z.string().regex(/^[A-Za-z0-9_-]+$/), z.string());

export class KeyRingError extends Error {
  override readonly name = "KeyRingError";
}

const importedKeys = new Map<string, Promise<CryptoKey>>();

function importKey(kid: string, base64: string): Promise<CryptoKey> {
  const cacheKey = `${kid}:${base64}`;
  let key = importedKeys.get(cacheKey);
  if (!key) {
    const raw = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    if (raw.byteLength !== 32) throw new KeyRingError(`Encryption key ${kid} must be 32 bytes (base64), got ${raw.byteLength}.`);
    key = crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
    importedKeys.set(cacheKey, key);
  }
  return key;
}

export class KeyRing {
  readonly #keys: Record<string, string>;
  readonly currentKeyId: string;

  constructor(keysJson: string | undefined, currentKeyId: string | undefined) {
    let parsed: Record<string, string>;
    try {
      parsed = KeyRingSecret.parse(JSON.parse(keysJson ?? ""));
    } catch {
      throw new KeyRingError('ENCRYPTION_KEYS must be JSON like {"k1":"<32 bytes, base64>"}.');
    }
    if (!currentKeyId || !parsed[currentKeyId]) throw new KeyRingError("ENCRYPTION_KEY_ID must name a key in ENCRYPTION_KEYS.");
    this.#keys = parsed;
    this.currentKeyId = currentKeyId;
  }

  /** Every key id in the ring, the current one included. */
  get keyIds(): string[] {
    return Object.keys(this.#keys);
  }

  static fromEnv(env: Env): KeyRing {
    return new KeyRing(env.ENCRYPTION_KEYS, env.ENCRYPTION_KEY_ID);
  }

  async encrypt(plaintext: string, associatedData: string): Promise<string> {
    const key = await importKey(this.currentKeyId, this.#keys[this.currentKeyId] ?? "");
    const iv = crypto.getRandomValues(new Uint8Array(12));
    const ciphertext = await crypto.subtle.encrypt(
      { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(associatedData) },
      key,
      new TextEncoder().encode(plaintext),
    );
    return [VERSION, this.currentKeyId, toBase64Url(iv), toBase64Url(new Uint8Array(ciphertext))].join(".");
  }

  async decrypt(blob: string, associatedData: string): Promise<string> {
    const [version, kid, iv, ciphertext] = blob.split(".");
    if (version !== VERSION || !kid || !iv || !ciphertext) throw new KeyRingError("Not an encrypted value this gateway wrote.");
    const base64 = this.#keys[kid];
    if (!base64) throw new KeyRingError(`Encryption key ${kid} is no longer in ENCRYPTION_KEYS.`);
    try {
      const plaintext = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: fromBase64Url(iv), additionalData: new TextEncoder().encode(associatedData) },
        await importKey(kid, base64),
        fromBase64Url(ciphertext),
      );
      return new TextDecoder().decode(plaintext);
    } catch {
      throw new KeyRingError("A stored secret failed to decrypt (wrong key or moved between rows).");
    }
  }

  /** The key id a blob was written with, for rotation. */
  static keyIdOf(blob: string): string | undefined {
    return blob.split(".")[1];
  }
}

import { sha256Hex, toBase64Url } from "../../core/encoding.ts";

/**
 * A project API key is `sk_` + 43 URL-safe characters (256 random bits). Its first
 * characters are public: they are listed so a person can tell keys apart, and they
 * find the row; the rest is only ever seen by the person who created the key.
 */
const KEY_PATTERN = /^sk_[A-Za-z0-9_-]{43}$/;
const PREFIX_LENGTH = "sk_".length + 8;

export interface MintedKey {
  key: string;
  prefix: string;
  hash: string;
}

export async function mintApiKey(): Promise<MintedKey> {
  const key = `sk_${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
  return { key, prefix: keyPrefix(key), hash: await sha256Hex(key) };
}

export function isWellFormedApiKey(value: string): boolean {
  return KEY_PATTERN.test(value);
}

export function keyPrefix(key: string): string {
  return key.slice(0, PREFIX_LENGTH);
}

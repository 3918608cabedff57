const BASE64URL_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
/** Every byte's two hex digits, by value. */
const HEX_PAIRS = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/**
 * URL-safe base64 without padding, the alphabet of every token Switchboard mints. Written out
 * rather than btoa and three replacements: every request mints an id with it.
 */
export function toBase64Url(bytes: Uint8Array): string {
  let text = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const triple = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    text += BASE64URL_ALPHABET.charAt(triple >> 18) + BASE64URL_ALPHABET.charAt((triple >> 12) & 63) + BASE64URL_ALPHABET.charAt((triple >> 6) & 63) + BASE64URL_ALPHABET.charAt(triple & 63);
  }
  const rest = bytes.length - i;
  if (rest > 0) {
    const pair = ((bytes[i] ?? 0) << 16) | (rest === 2 ? (bytes[i + 1] ?? 0) << 8 : 0);
    text += BASE64URL_ALPHABET.charAt(pair >> 18) + BASE64URL_ALPHABET.charAt((pair >> 12) & 63);
    if (rest === 2) text += BASE64URL_ALPHABET.charAt((pair >> 6) & 63);
  }
  return text;
}

export function toHex(bytes: ArrayBuffer | Uint8Array): string {
  let text = "";
  for (const byte of bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes)) text += HEX_PAIRS[byte] ?? "";
  return text;
}

export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text)));
}

/** Compares two strings without leaking where they differ; lengths are not secret here. */
export function timingSafeEqualText(a: string, b: string): boolean {
  const left = new TextEncoder().encode(a);
  const right = new TextEncoder().encode(b);
  if (left.byteLength !== right.byteLength) return false;
  return crypto.subtle.timingSafeEqual(left, right);
}

export function fromBase64Url(text: string): Uint8Array {
  const base64 = text.replaceAll("-", "+").replaceAll("_", "/");
  return Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, "=")), (c) => c.charCodeAt(0));
}

/** RFC 7636 S256: base64url(SHA-256(verifier)). */
export async function sha256Base64Url(text: string): Promise<string> {
  return toBase64Url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}

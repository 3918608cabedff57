import type { BufferEncoding } from "just-bash/browser";
import { toHex } from "../../encoding.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One byte per character, as Node's `latin1`/`binary`; built in slices so big files stay off the call stack. */
function bytesToLatin1(bytes: Uint8Array): string {
  let out = "";
  for (let i = 0; i < bytes.length; i += 0x8000) out += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return out;
}

function latin1ToBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) out[i] = text.charCodeAt(i) & 0xff;
  return out;
}

export function decodeBytes(bytes: Uint8Array, encoding: BufferEncoding | null | undefined): string {
  switch (encoding ?? "utf8") {
    case "ascii":
    case "binary":
    case "latin1":
      return bytesToLatin1(bytes);
    case "base64":
      return btoa(bytesToLatin1(bytes));
    case "hex":
      return toHex(bytes);
    default:
      return decoder.decode(bytes);
  }
}

export function encodeText(text: string, encoding: BufferEncoding | null | undefined): Uint8Array {
  switch (encoding ?? "utf8") {
    case "ascii":
    case "binary":
    case "latin1":
      return latin1ToBytes(text);
    case "base64":
      return latin1ToBytes(atob(text));
    case "hex":
      return Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
    default:
      return encoder.encode(text);
  }
}

import { toBase64Url } from "./encoding.ts";

/** Prefixes of every id Switchboard issues (DESIGN.md §2). */
export type IdPrefix = "proj" | "key" | "req" | "ac" | "ca" | "log" | "lk" | "trs" | "ptk" | "mcc" | "mcd";

/** A prefixed id carrying 128 random bits, e.g. `proj_3kT0…`. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${toBase64Url(crypto.getRandomValues(new Uint8Array(16)))}`;
}

/** Matches exactly the ids `newId(prefix)` produces. */
export function idPattern(prefix: IdPrefix): RegExp {
  return new RegExp(`^${prefix}_[A-Za-z0-9_-]{22}$`);
}

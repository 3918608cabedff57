import { plainText } from "./text.ts";
import type { Method } from "./types.ts";

/**
 * Tool slugs, names and argument names. Slugs read like Composio's (`STRIPE_CREATE_A_CUSTOMER`):
 * from the summary, else the operationId, else the method and path; at most 64 characters.
 */

export const MAX_SLUG = 64;
const ARG_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/;
const SENTENCE_END = /(?<!\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|Inc|No))[.!?](?=\s+["'([`A-Z0-9]|$)/;

/** ASCII words of an identifier or a phrase: camelCase, dots, dashes and underscores split. */
export function words(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['’]/g, "")
    .replace(/OAuth/g, "Oauth")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** The summary's first sentence as plain text, without a trailing stop. */
export function summaryHead(summary: unknown): string {
  if (typeof summary !== "string") return "";
  const text = plainText(summary);
  return (text.split(SENTENCE_END, 1)[0] ?? "").replace(/[.:\s]+$/, "").trim();
}

/** Words from an operationId; Google's `service.resource.method` ids read method first, service dropped. */
export function operationIdWords(operationId: unknown): string[] {
  if (typeof operationId !== "string") return [];
  let id = operationId.replace(/^(?:GET|POST|PUT|PATCH|DELETE)_/i, "");
  const parts = id.split(".");
  const verb = parts.at(-1) ?? "";
  if (parts.length >= 3 && /^[a-z]/.test(verb)) id = [verb, ...parts.slice(1, -1)].join(" ");
  return words(id);
}

/** Words from the method and path: `GET /users/{id}/posts` → get users posts; RPC paths (`POST /sendMessage`) keep only the path. */
export function pathWords(method: Method, path: string): string[] {
  const segments = path
    .split("/")
    .filter((segment) => segment && !segment.startsWith("{"))
    .map((segment) => segment.replace(/\.(?:json|xml)$/, ""));
  const rpc = method === "POST" && /^[a-z]+(?:[A-Z_.-]|$)/.test(segments.at(-1) ?? "") && /[A-Z_.]/.test(segments.at(-1) ?? "");
  return words([...(rpc ? [] : [method.toLowerCase()]), ...segments].join(" "));
}

const HTTP_VERBS = new Set(["get", "post", "put", "patch", "delete"]);
const VERSION_SEGMENT = /^(v\d+(\.\d+)*[a-z]*|\d+(\.\d+)*)$/i;

/** `customers` → `customer`, for the item a path like /customers/{id} addresses. */
function singular(word: string): string {
  if (/ies$/i.test(word)) return word.replace(/ies$/i, "y");
  if (/(ss|us|is)$/i.test(word)) return word;
  if (/(sh|ch|x|ss)es$/i.test(word)) return word.replace(/es$/i, "");
  return word.replace(/s$/i, "");
}

/**
 * REST words for an operation named only by its method: GET on a collection lists, on an
 * item gets; POST on a collection creates, on an item updates; PUT and PATCH update.
 * `GET /v1/customers/{customer}` → get customer.
 */
export function restWords(method: Method, path: string): string[] {
  const segments = path.split("/").filter(Boolean);
  const statics = segments.filter((s) => !s.includes("{") && !VERSION_SEGMENT.test(s)).map((s) => s.replace(/\.(?:json|xml)$/, ""));
  const onItem = segments.at(-1)?.includes("{") === true;
  const verb = { GET: onItem ? "get" : "list", POST: onItem ? "update" : "create", PUT: "update", PATCH: "update", DELETE: "delete" }[method];
  const nouns = onItem && statics.length ? [...statics.slice(0, -1), singular(statics.at(-1)!)] : statics;
  return words([verb, ...nouns].join(" "));
}

/** Whether identifier words only say the HTTP method and the path (`GetCustomersCustomer`, `post_v1_charges`). */
export function isMethodNamed(parts: readonly string[]): boolean {
  return parts.length > 0 && HTTP_VERBS.has(parts[0]!.toLowerCase());
}

/** `<PREFIX><WORDS>` cut at a word to fit 64 characters; empty when there are no words. */
export function slugFromWords(prefix: string, parts: readonly string[]): string {
  const room = MAX_SLUG - prefix.length;
  let body = "";
  for (const word of parts) {
    const next = body ? `${body}_${word.toUpperCase()}` : word.toUpperCase();
    if (next.length > room) break;
    body = next;
  }
  if (!body && parts[0]) body = parts[0].toUpperCase().slice(0, room);
  return body ? prefix + body : "";
}

/** `slug`, or `slug_2`, `slug_3`… (cut to fit) — the first not in `used`. */
export function numbered(slug: string, used: ReadonlySet<string>): string {
  if (!used.has(slug)) return slug;
  for (let n = 2; ; n++) {
    const suffix = `_${n}`;
    const candidate = `${slug.slice(0, MAX_SLUG - suffix.length).replace(/_+$/, "")}${suffix}`;
    if (!used.has(candidate)) return candidate;
  }
}

/** A sentence-case name from words: `list users messages` → "List users messages". */
export function humanize(parts: readonly string[]): string {
  const text = parts.map((w) => (/^[A-Z0-9]+$/.test(w) && w.length > 1 ? w : w.toLowerCase())).join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A valid argument name for a wire name: itself when it already is one, else snake_case (`labels[]` → `labels`, `$top` → `top`). */
export function argumentName(wire: string): string {
  if (ARG_NAME.test(wire)) return wire;
  const snake = wire
    .replace(/\[\]$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^a-zA-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
  if (!snake) return "arg";
  return /^[a-z_]/.test(snake) ? snake.slice(0, 64) : `arg_${snake}`.slice(0, 64);
}

export function isArgumentName(name: string): boolean {
  return ARG_NAME.test(name);
}

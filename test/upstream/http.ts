/**
 * HTTP plumbing shared by every simulated API: the request context handlers receive,
 * the reply they return, body reading, pagination and small parsing helpers.
 */
import type { IncomingMessage } from "node:http";
import type { State } from "./store/types.ts";

/** What a handler gets: the parsed request plus the simulator's state. */
export interface Ctx {
  method: string;
  /** Path without the query string, percent-decoding left to the router. */
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  /** Parsed JSON body, or undefined when there was none or it was not JSON. */
  body: unknown;
  bodyText: string;
  /** True when a body was sent with a JSON content type but did not parse. */
  bodyInvalidJson: boolean;
  /** `http://127.0.0.1:port`, used where the real API puts its own URLs (url, Link). */
  origin: string;
  state: State;
}

/** What a handler returns; the server writes it. `json` wins over `text`. */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  json?: unknown;
  text?: string | Buffer;
}

export type Handler = (ctx: Ctx, params: Record<string, string>) => Reply | Promise<Reply>;

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Reply {
  return { status, json: body, headers };
}

export function empty(status: number, headers: Record<string, string> = {}): Reply {
  return { status, headers };
}

export async function readBody(req: IncomingMessage, limit = 64 * 1024 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > limit) throw new Error(`request body over ${limit} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/** Parses a body the way the real APIs do: JSON when it looks like JSON or says so. */
export function parseBody(text: string, contentType: string | undefined): { body: unknown; invalid: boolean } {
  if (text === "") return { body: undefined, invalid: false };
  const looksJson = /^\s*[[{"]/.test(text) || (contentType ?? "").includes("json");
  if (!looksJson) return { body: text, invalid: false };
  try {
    return { body: JSON.parse(text) as unknown, invalid: false };
  } catch {
    return { body: text, invalid: true };
  }
}

/** The token from `Authorization: Bearer x` or `Authorization: token x` (GitHub's older form). */
export function bearerToken(headers: IncomingMessage["headers"], schemes: readonly string[] = ["bearer"]): string | undefined {
  const value = headers.authorization;
  if (!value) return undefined;
  const match = /^(\S+)\s+(\S+)\s*$/.exec(value);
  if (!match || !schemes.includes((match[1] ?? "").toLowerCase())) return undefined;
  return match[2];
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A non-negative integer query parameter, or the fallback when absent or malformed. */
export function intParam(query: URLSearchParams, name: string, fallback: number): number {
  const raw = query.get(name);
  if (raw === null || raw.trim() === "") return fallback;
  const n = Number(raw);
  return Number.isFinite(n) ? Math.trunc(n) : fallback;
}

/** Values of a parameter given repeatedly (`labelIds=A&labelIds=B`) or comma-joined. */
export function listParam(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter((v) => v !== "");
}

/** Splits a search query into words, keeping "quoted phrases" together and stripping the quotes. */
export function tokenize(q: string): string[] {
  const tokens: string[] = [];
  const re = /(\S*?"[^"]*"\S*|\S+)/g;
  for (const match of q.matchAll(re)) tokens.push(match[0].replaceAll('"', ""));
  return tokens;
}

/** Splits `key:value` search qualifiers from free-text terms. */
export function parseSearch(q: string): { terms: string[]; qualifiers: { key: string; value: string; negated: boolean }[] } {
  const terms: string[] = [];
  const qualifiers: { key: string; value: string; negated: boolean }[] = [];
  for (const token of tokenize(q)) {
    const negated = token.startsWith("-") && token.length > 1;
    const bare = negated ? token.slice(1) : token;
    const colon = bare.indexOf(":");
    if (colon > 0 && colon < bare.length - 1) {
      qualifiers.push({ key: bare.slice(0, colon).toLowerCase(), value: bare.slice(colon + 1), negated });
    } else if (bare !== "") {
      terms.push(token);
    }
  }
  return { terms, qualifiers };
}

/** Matches free-text terms (case-insensitive substrings; a leading `-` negates) against text. */
export function matchesTerms(terms: readonly string[], haystack: string): boolean {
  const text = haystack.toLowerCase();
  return terms.every((term) => {
    if (term.startsWith("-") && term.length > 1) return !text.includes(term.slice(1).toLowerCase());
    return text.includes(term.toLowerCase());
  });
}

/**
 * GitHub-style page slicing plus its `Link` header, built from the request's own URL so
 * a client can follow it back to the simulator.
 */
export function paginate<T>(ctx: Ctx, items: readonly T[], defaultPerPage = 30): { page: T[]; link?: string } {
  const perPage = Math.min(Math.max(intParam(ctx.query, "per_page", defaultPerPage), 1), 100);
  const page = Math.max(intParam(ctx.query, "page", 1), 1);
  const last = Math.max(Math.ceil(items.length / perPage), 1);
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const href = (p: number): string => {
    const q = new URLSearchParams(ctx.query);
    q.set("per_page", String(perPage));
    q.set("page", String(p));
    return `<${ctx.origin}${ctx.path}?${q.toString()}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${href(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) rels.push(`${href(page + 1)}; rel="next"`, `${href(last)}; rel="last"`);
  if (page > 1) rels.push(`${href(1)}; rel="first"`);
  return rels.length > 0 ? { page: slice, link: rels.join(", ") } : { page: slice };
}

export function base64url(input: string | Buffer): string {
  return Buffer.from(input).toString("base64url");
}

/** Decodes base64url or plain base64 (both reach Gmail in practice). */
export function decodeBase64Any(input: string): Buffer {
  return Buffer.from(input.replace(/\s+/g, ""), "base64");
}

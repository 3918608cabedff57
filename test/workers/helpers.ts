import type { z } from "@hono/zod-openapi";
import { env, exports } from "cloudflare:workers";
import { expect } from "vitest";
import type { ApiKeySchema, ProjectSchema } from "../../worker/http/views.ts";

export const ADMIN_KEY = "test-admin-key";
/** Well formed (`sk_` + 43 characters) but never issued by any project. */
export const UNKNOWN_KEY = `sk_${"A".repeat(43)}`;

export type Project = z.infer<typeof ProjectSchema>;
export type ApiKey = z.infer<typeof ApiKeySchema>;
export type CreatedApiKey = ApiKey & { key: string };
export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface CallOptions {
  /** A project API key, sent as `x-api-key`. */
  key?: string;
  /** Sent as `Authorization: Bearer …` to admin routes. */
  admin?: string;
  body?: unknown;
  headers?: Record<string, string>;
}

/** Every API key this file has minted or presented: no later response may contain one. */
const secretKeys = new Set<string>();
const API_KEY = /^sk_[A-Za-z0-9_-]{43}$/;

/** Calls the real Worker entrypoint, as a client on the network would, and checks what must hold for every response. */
export async function call(method: string, path: string, options: CallOptions = {}): Promise<Response> {
  const headers = new Headers(options.headers);
  if (options.key !== undefined) headers.set("x-api-key", options.key);
  if (options.admin !== undefined) headers.set("authorization", `Bearer ${options.admin}`);
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  for (const name of ["x-api-key", "x-admin-key", "authorization"]) {
    const value = headers.get(name)?.replace(/^Bearer\s+/i, "").trim();
    if (value && API_KEY.test(value)) secretKeys.add(value);
  }
  const response = await exports.default.fetch(new Request(`http://gateway.test${path}`, { method, headers, body }));
  await checkInvariants(`${method} ${path}`, response);
  return response;
}

async function checkInvariants(where: string, response: Response): Promise<void> {
  expect(response.status, `${where} must never answer 500`).not.toBe(500);
  const requestId = response.headers.get("x-request-id");
  expect(requestId, `${where} has no x-request-id`).toBeTruthy();
  const text = await response.clone().text();
  expect(text.includes(ADMIN_KEY), `${where} echoed the admin key`).toBe(false);
  // The create-key response is the one place a key may appear: its own, once.
  const minted = /^POST \/api\/admin\/projects\/[^/]+\/api_keys$/.test(where) && response.status === 201
    ? (JSON.parse(text) as { key: string }).key
    : undefined;
  for (const secret of secretKeys) expect(text.includes(secret), `${where} leaked an API key`).toBe(false);
  if (minted) secretKeys.add(minted);
  // /health answers 503 with its own readiness body rather than the error envelope.
  if (response.status >= 400 && !where.endsWith(" /health")) {
    expect(response.headers.get("content-type"), `${where} error is not JSON`).toMatch(/^application\/json/);
    const { error } = JSON.parse(text) as ErrorPayload;
    expect(error.code, `${where} error has no code`).toMatch(/^[a-z_]+$/);
    expect(error.message.length, `${where} error has no message`).toBeGreaterThan(0);
    expect(error.status, `${where} error.status differs from the HTTP status`).toBe(response.status);
    expect(error.request_id, `${where} error.request_id differs from x-request-id`).toBe(requestId);
  }
}

export async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

export interface ErrorPayload {
  error: { code: string; message: string; status: number; request_id: string; suggested_fix?: string; errors?: { path: string; message: string }[] };
}

/** Asserts nothing; returns the parsed error envelope for the test to check. */
export async function errorOf(response: Response): Promise<ErrorPayload["error"]> {
  return (await json<ErrorPayload>(response)).error;
}

/** Asserts the status and the stable error code together, so a failure shows both. */
export async function expectError(response: Response, status: number, code: string): Promise<ErrorPayload["error"]> {
  const error = await errorOf(response);
  expect({ status: response.status, code: error.code }).toEqual({ status, code });
  return error;
}

let projectCounter = 0;

export async function newProject(prefix = "project"): Promise<Project> {
  projectCounter += 1;
  const name = `${prefix}-${projectCounter}-${crypto.randomUUID().slice(0, 8)}`;
  const response = await call("POST", "/api/admin/projects", { admin: ADMIN_KEY, body: { name } });
  expect(response.status).toBe(201);
  return json<Project>(response);
}

export async function createKey(projectId: string, name = "test"): Promise<CreatedApiKey> {
  const response = await call("POST", `/api/admin/projects/${projectId}/api_keys`, { admin: ADMIN_KEY, body: { name } });
  expect(response.status).toBe(201);
  return json<CreatedApiKey>(response);
}

/** A fresh project with one key, created through the operator API. */
export async function newProjectWithKey(prefix = "project"): Promise<{ projectId: string; keyId: string; key: string }> {
  const project = await newProject(prefix);
  const created = await createKey(project.id);
  return { projectId: project.id, keyId: created.id, key: created.key };
}

export async function revokeKey(projectId: string, keyId: string): Promise<void> {
  const response = await call("POST", `/api/admin/projects/${projectId}/api_keys/${keyId}/revoke`, { admin: ADMIN_KEY });
  if (!response.ok) throw new Error(`revoke failed: ${response.status}`);
}

/** Follows `next_cursor` from the first page to the last, returning every item and the page count. */
export async function walkPages<T>(path: string, limit: number): Promise<{ items: T[]; pages: number }> {
  const items: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const query: string = `limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const response = await call("GET", `${path}?${query}`, { admin: ADMIN_KEY });
    expect(response.status).toBe(200);
    const page = await json<Page<T>>(response);
    expect(page.items.length).toBeLessThanOrEqual(limit);
    items.push(...page.items);
    cursor = page.next_cursor;
    pages += 1;
    expect(pages, "pagination does not end").toBeLessThan(1000);
  } while (cursor);
  return { items, pages };
}

export { env };

export interface Refusal {
  caller: string;
  headers: Record<string, string>;
  status: number;
  code: string;
}

/**
 * Every caller an operator route must turn away. `own` is a key of the project the
 * route is about; the others are made here: a revoked key and another project's key.
 */
export async function adminRefusals(own: { projectId: string; key: string }): Promise<Refusal[]> {
  const other = await newProjectWithKey("other");
  const revoked = await createKey(own.projectId, "revoked");
  await revokeKey(own.projectId, revoked.id);
  const forbidden = { status: 403, code: "admin_key_required" };
  return [
    { caller: "no key", headers: {}, status: 401, code: "admin_key_missing" },
    { caller: "a non-Bearer Authorization", headers: { authorization: `Basic ${btoa(`admin:${ADMIN_KEY}`)}` }, status: 401, code: "admin_key_missing" },
    { caller: "a wrong admin key", headers: { authorization: "Bearer wrong-admin-key" }, status: 401, code: "admin_key_invalid" },
    { caller: "a wrong x-admin-key", headers: { "x-admin-key": `${ADMIN_KEY}x` }, status: 401, code: "admin_key_invalid" },
    { caller: "the project's own API key", headers: { authorization: `Bearer ${own.key}` }, ...forbidden },
    { caller: "a project key as x-admin-key", headers: { "x-admin-key": own.key }, ...forbidden },
    { caller: "a revoked project key", headers: { authorization: `Bearer ${revoked.key}` }, ...forbidden },
    { caller: "another project's key", headers: { authorization: `Bearer ${other.key}` }, ...forbidden },
    { caller: "an unknown well-formed key", headers: { authorization: `Bearer ${UNKNOWN_KEY}` }, ...forbidden },
    { caller: "a project key as x-api-key", headers: { "x-api-key": own.key }, ...forbidden },
  ];
}

/** Sends one request per refusal and checks each is turned away with its own status and code. */
export async function expectRefusals(
  refusals: Refusal[],
  method: string,
  path: string,
  body?: unknown,
): Promise<void> {
  for (const refusal of refusals) {
    const response = await call(method, path, { headers: refusal.headers, body });
    const error = await errorOf(response);
    expect({ caller: refusal.caller, status: response.status, code: error.code }).toEqual({
      caller: refusal.caller,
      status: refusal.status,
      code: refusal.code,
    });
  }
}

export async function countRows(table: "projects" | "api_keys", where = "1 = 1", ...params: unknown[]): Promise<number> {
  const row = await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE ${where}`).bind(...params).first<{ n: number }>();
  return row?.n ?? 0;
}

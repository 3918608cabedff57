/**
 * The console's only way to the gateway: the public API, with the key the operator signed in
 * with. Failures keep the API's stable `code` and its suggested fix, so the page can show the
 * same words a developer would see with curl.
 */

export interface ProjectSignIn {
  key: string;
  id: string;
  name: string;
}

export interface SignIn {
  /** The operator's ADMIN_API_KEY: manages projects and their keys. */
  admin?: string;
  /** A project key: everything inside one project. */
  project?: ProjectSignIn;
}

export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly suggestedFix?: string,
  ) {
    super(message);
  }
}

// sessionStorage, not localStorage: the key is gone when the tab closes, and other tabs never see it.
const STORAGE_KEY = "switchboard.console.sign-in";

export function loadSignIn(): SignIn {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? "{}") as SignIn;
  } catch {
    return {};
  }
}

export function saveSignIn(signIn: SignIn): void {
  if (!signIn.admin && !signIn.project) sessionStorage.removeItem(STORAGE_KEY);
  else sessionStorage.setItem(STORAGE_KEY, JSON.stringify(signIn));
}

export type Audience = "admin" | "project";

interface CallOptions {
  method?: string;
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  signal?: AbortSignal;
}

function headersFor(audience: Audience, signIn: SignIn): Record<string, string> {
  if (audience === "admin") {
    if (!signIn.admin) throw new ApiFailure(401, "admin_key_missing", "Sign in with the admin key to manage projects.");
    return { "x-admin-key": signIn.admin };
  }
  if (!signIn.project) throw new ApiFailure(401, "api_key_missing", "Open a project first: sign in with its API key, or pick it under Projects.");
  return { "x-api-key": signIn.project.key };
}

export function withQuery(path: string, query: CallOptions["query"]): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) if (value !== undefined && value !== "") params.set(name, String(value));
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function failureOf(response: Response): Promise<ApiFailure> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string; suggested_fix?: string } } | null;
  const error = body?.error;
  return new ApiFailure(response.status, error?.code ?? `http_${response.status}`, error?.message ?? `The gateway answered ${response.status}.`, error?.suggested_fix);
}

/** Sends a request with the signed-in key for `audience`; an answer outside 2xx throws ApiFailure. */
export async function request(audience: Audience, signIn: SignIn, path: string, options: CallOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { ...headersFor(audience, signIn) };
  if (options.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(withQuery(path, options.query), {
    method: options.method ?? "GET",
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  if (!response.ok) throw await failureOf(response);
  return response;
}

export async function call<T>(audience: Audience, signIn: SignIn, path: string, options: CallOptions = {}): Promise<T> {
  const response = await request(audience, signIn, path, options);
  return (await response.json()) as T;
}

/** A project key is `sk_` and 43 characters; anything else is taken for the admin key. */
export const looksLikeProjectKey = (key: string) => /^sk_[A-Za-z0-9_-]{43}$/.test(key);

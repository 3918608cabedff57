/**
 * What Gmail and Calendar share: Google's OAuth bearer-token check (with the scope each
 * API needs) and Google's JSON error envelope.
 */
import { type Ctx, type Handler, type Reply, bearerToken, json } from "./http.ts";
import type { GoogleAccount, GoogleScope } from "./store/types.ts";

const HEADERS = { "content-type": "application/json; charset=UTF-8", vary: "Origin, X-Origin, Referer" };
const REALM = 'Bearer realm="https://accounts.google.com/"';

export interface GoogleErrorOptions {
  status?: string;
  reason?: string;
  domain?: string;
  /** Calendar v3 still answers in the older envelope, without `status`. */
  legacy?: boolean;
  extra?: Record<string, unknown>;
  /** Extra fields of the single `errors[]` entry, e.g. `location`. */
  detail?: Record<string, unknown>;
  headers?: Record<string, string>;
}

const STATUS_BY_CODE: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ABORTED",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
};

const REASON_BY_CODE: Record<number, string> = {
  400: "invalidArgument",
  401: "authError",
  403: "forbidden",
  404: "notFound",
  409: "duplicate",
  429: "rateLimitExceeded",
  500: "backendError",
  503: "backendError",
};

export function googleError(code: number, message: string, options: GoogleErrorOptions = {}): Reply {
  const detail = { message, domain: options.domain ?? "global", reason: options.reason ?? REASON_BY_CODE[code] ?? "unknown", ...options.detail };
  const error: Record<string, unknown> = options.legacy
    ? { errors: [detail], code, message }
    : { code, message, errors: [detail], status: options.status ?? STATUS_BY_CODE[code] ?? "UNKNOWN" };
  return json(code, { error: { ...error, ...options.extra } }, { ...HEADERS, ...options.headers });
}

export interface GoogleCall {
  account: GoogleAccount;
  /** Whether the path's `userId` / `calendarId` means this account (`me`, `primary`, or its address). */
  isSelf(id: string): boolean;
}

type GoogleHandler = (ctx: Ctx, params: Record<string, string>, call: GoogleCall) => Reply;

const SERVICE: Record<GoogleScope, { host: string; scope: string }> = {
  gmail: { host: "gmail.googleapis.com", scope: "https://www.googleapis.com/auth/gmail.modify" },
  calendar: { host: "calendar-json.googleapis.com", scope: "https://www.googleapis.com/auth/calendar" },
};

/** Wraps a handler with the token check for one Google API, answering as Google does. */
export function google(scope: GoogleScope, method: string, handler: GoogleHandler): Handler {
  return (ctx, params) => {
    const accountFor = ctx.state.google;
    const authorization = ctx.headers.authorization;
    const token = bearerToken(ctx.headers) ?? ctx.query.get("access_token") ?? undefined;
    if (!token && !authorization) {
      return googleError(
        401,
        "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
        {
          reason: "required",
          detail: { message: "Login Required.", location: "Authorization", locationType: "header" },
          headers: { "www-authenticate": REALM },
        },
      );
    }
    const grant = token ? accountFor.tokens.get(token) : undefined;
    const account = grant && accountFor.accounts.find((a) => a.email === grant.email);
    if (!grant || !account) {
      return googleError(
        401,
        "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.",
        {
          reason: "authError",
          detail: { message: "Invalid Credentials", location: "Authorization", locationType: "header" },
          headers: { "www-authenticate": `${REALM}, error="invalid_token"` },
        },
      );
    }
    if (!grant.scopes.includes(scope)) {
      const service = SERVICE[scope];
      return googleError(403, "Request had insufficient authentication scopes.", {
        reason: "insufficientPermissions",
        detail: { message: "Insufficient Permission" },
        extra: {
          details: [
            {
              "@type": "type.googleapis.com/google.rpc.ErrorInfo",
              reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
              domain: "googleapis.com",
              metadata: { service: service.host, method },
            },
          ],
        },
        headers: { "www-authenticate": `${REALM}, error="insufficient_scope", scope="${service.scope}"` },
      });
    }
    if (ctx.bodyInvalidJson) {
      return googleError(400, `Invalid JSON payload received. Unexpected token.\n${ctx.bodyText.slice(0, 40)}\n^`, { reason: "invalid", legacy: scope === "calendar" });
    }
    const email = account.email.toLowerCase();
    const call: GoogleCall = { account, isSelf: (id) => id === "me" || id === "primary" || id.toLowerCase() === email };
    const reply = handler(ctx, params, call);
    return { ...reply, headers: { ...HEADERS, ...reply.headers } };
  };
}

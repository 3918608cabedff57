import type { NamedNeed, SchemeNeed, SecurityAlternative } from "./security-schemes.ts";

/**
 * Whether a request carries the credentials an operation's `security` asks for, in form:
 * the right header, query parameter or cookie with something in it. The simulator accepts
 * any value; which token is valid is the business of the API it stands in for.
 */

export interface IncomingAuth {
  headers: Record<string, string>;
  query: URLSearchParams;
}

function carries(need: SchemeNeed, request: IncomingAuth): boolean {
  const authorization = request.headers.authorization ?? "";
  switch (need.kind) {
    case "bearer":
      return /^Bearer\s+\S+/i.test(authorization);
    case "basic": {
      const encoded = /^Basic\s+(\S+)$/i.exec(authorization)?.[1];
      return encoded !== undefined && Buffer.from(encoded, "base64").toString("utf8").includes(":");
    }
    case "http":
      return authorization.toLowerCase().startsWith(`${need.scheme} `);
    case "apiKey":
      if (need.in === "query") return (request.query.get(need.name) ?? "") !== "";
      if (need.in === "header") return (request.headers[need.name.toLowerCase()] ?? "") !== "";
      return (request.headers.cookie ?? "").split(/;\s*/).some((pair) => pair.startsWith(`${need.name}=`) && pair.length > need.name.length + 1);
  }
}

function describeNeed({ need }: NamedNeed): string {
  switch (need.kind) {
    case "bearer":
      return "Authorization: Bearer <token>";
    case "basic":
      return "Authorization: Basic <base64 user:password>";
    case "http":
      return `Authorization: ${need.scheme} …`;
    case "apiKey":
      return need.in === "header" ? `header ${need.name}` : need.in === "query" ? `query parameter ${need.name}` : `cookie ${need.name}`;
  }
}

/** `undefined` when one alternative is satisfied (or none is asked for), else what was expected. */
export function authProblem(security: SecurityAlternative[], request: IncomingAuth): string | undefined {
  if (security.length === 0) return undefined;
  if (security.some((alternative) => alternative.every((named) => carries(named.need, request)))) return undefined;
  const expected = security.map((alternative) => alternative.map(describeNeed).join(" and ")).join(", or ");
  return `missing credentials: expected ${expected}`;
}

/** Query parameter names that carry credentials, so they are not reported as unknown parameters. */
export function credentialQueryNames(security: SecurityAlternative[]): Set<string> {
  return new Set(security.flat().flatMap(({ need }) => (need.kind === "apiKey" && need.in === "query" ? [need.name] : [])));
}

const TOKEN_FIELDS = new Set(["token", "access_token"]);
const AUTH_TOKEN = /^\W*(an? |the |your )?auth(entication|orization)? token\b/i;

/**
 * Whether the request authenticates with a bearer token the operation accepts. Slack's Web
 * API declares its token as a required parameter (and form field) as well, and reads it
 * from `Authorization: Bearer` just the same: with one, that field is not missing.
 */
export function carriesBearer(security: SecurityAlternative[], request: IncomingAuth): boolean {
  return security.some((alternative) => alternative.length > 0 && alternative.every((named) => named.need.kind === "bearer" && carries(named.need, request)));
}

/** A field that is the auth token itself: named `token` / `access_token` and described as the authentication token. */
export function isAuthTokenField(name: string, description: unknown): boolean {
  return TOKEN_FIELDS.has(name.toLowerCase()) && typeof description === "string" && AUTH_TOKEN.test(description);
}

import type { AuthScheme } from "../../catalog/definition.ts";
import { additionalCredentials, apiKeyGroups, mainKeyFirst, type ApiKeyPart } from "./combined-keys.ts";
import type { DocumentVersion, Operation } from "./normalize.ts";
import type { OpenApiDocument, SecurityRequirement } from "./types.ts";

/**
 * securitySchemes (3.x) / securityDefinitions (2.0) → the catalog's auth schemes:
 * OAuth2 with an authorization-code flow → OAUTH2 (plus BEARER_TOKEN for a token pasted by
 * hand), apiKey in a header or the query → API_KEY (keys required together → one API_KEY
 * with additional fields, see combined-keys.ts), http bearer → BEARER_TOKEN, http basic →
 * BASIC. Nothing declared → NO_AUTH. Cookie keys, OpenID Connect discovery and flows without
 * an authorization URL cannot be driven by the gateway; a token for them is BEARER_TOKEN.
 */

interface RawScheme {
  type?: string;
  scheme?: string;
  in?: string;
  name?: string;
  description?: string;
  flow?: string;
  authorizationUrl?: string;
  tokenUrl?: string;
  scopes?: Record<string, string>;
  flows?: Record<string, { authorizationUrl?: string; tokenUrl?: string; refreshUrl?: string; scopes?: Record<string, string> }>;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function rawSchemes(document: OpenApiDocument, version: DocumentVersion): Record<string, RawScheme> {
  const source = version === "swagger2" ? document.securityDefinitions : isObject(document.components) ? document.components.securitySchemes : undefined;
  if (!isObject(source)) return {};
  return Object.fromEntries(Object.entries(source).filter(([, scheme]) => isObject(scheme))) as Record<string, RawScheme>;
}

function absoluteUrl(url: unknown): string | undefined {
  if (typeof url !== "string") return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : undefined;
  } catch {
    return undefined;
  }
}

/** The authorization-code flow of an OAuth2 scheme, whichever version wrote it. */
function authorizationCodeFlow(scheme: RawScheme): { authorizeUrl: string; tokenUrl: string } | undefined {
  const flow = scheme.flows?.authorizationCode ?? (scheme.flow === "accessCode" ? scheme : undefined);
  const authorizeUrl = absoluteUrl(flow?.authorizationUrl);
  const tokenUrl = absoluteUrl(flow?.tokenUrl);
  return authorizeUrl && tokenUrl ? { authorizeUrl, tokenUrl } : undefined;
}

function oauthSchemeNames(schemes: Record<string, RawScheme>): Set<string> {
  return new Set(Object.entries(schemes).filter(([, scheme]) => scheme.type === "oauth2").map(([name]) => name));
}

/** The OAuth2 scopes one alternative of a security requirement asks for. */
function scopesOf(requirement: SecurityRequirement, oauthNames: Set<string>): string[] | undefined {
  const names = Object.keys(requirement).filter((name) => oauthNames.has(name));
  if (!names.length) return undefined;
  return [...new Set(names.flatMap((name) => (Array.isArray(requirement[name]) ? requirement[name]!.filter((s) => typeof s === "string") : [])))].sort();
}

/**
 * Default scopes: few scopes that let every operation run. Greedily the scope that lets the
 * most operations run that no chosen scope lets run yet, until every operation is covered or `max` scopes are chosen. An operation
 * runs when all scopes of one of its security alternatives are granted.
 */
export function defaultScopes(operations: readonly Operation[], schemes: Record<string, RawScheme>, max: number): string[] {
  const oauthNames = oauthSchemeNames(schemes);
  const needs = operations
    .map((op) => (op.security ?? []).map((requirement) => scopesOf(requirement, oauthNames)).filter((s): s is string[] => s !== undefined))
    .filter((alternatives) => alternatives.length > 0 && alternatives.every((scopes) => scopes.length > 0));
  const chosen: string[] = [];
  const satisfied = (alternatives: string[][], granted: Set<string>) => alternatives.some((scopes) => scopes.every((scope) => granted.has(scope)));
  let open = needs;
  while (open.length && chosen.length < max) {
    const granted = new Set(chosen);
    const gains = new Map<string, number>();
    for (const alternatives of open) {
      for (const scope of new Set(alternatives.flat())) {
        if (granted.has(scope)) continue;
        granted.add(scope);
        if (satisfied(alternatives, granted)) gains.set(scope, (gains.get(scope) ?? 0) + 1);
        granted.delete(scope);
      }
    }
    // Ties go to the scope more operations mention (the everyday one), then alphabetically.
    const mentions = (scope: string) => needs.filter((alternatives) => alternatives.some((scopes) => scopes.includes(scope))).length;
    const best = [...gains].sort((a, b) => b[1] - a[1] || mentions(b[0]) - mentions(a[0]) || (a[0] < b[0] ? -1 : 1))[0];
    if (!best) break;
    chosen.push(best[0]);
    const now = new Set(chosen);
    open = open.filter((alternatives) => !satisfied(alternatives, now));
  }
  return chosen.sort();
}

/** The scopes a tool needs: the alternative the default scopes satisfy, else the smallest. */
export function operationScopes(operation: Operation, schemes: Record<string, RawScheme>, granted: readonly string[]): string[] {
  const oauthNames = oauthSchemeNames(schemes);
  const alternatives = (operation.security ?? []).map((requirement) => scopesOf(requirement, oauthNames)).filter((s): s is string[] => s !== undefined && s.length > 0);
  if (!alternatives.length) return [];
  const grantedSet = new Set(granted);
  const ordered = [...alternatives].sort((a, b) => a.length - b.length || a.join(" ").localeCompare(b.join(" ")));
  return ordered.find((scopes) => scopes.every((scope) => grantedSet.has(scope))) ?? ordered[0]!;
}

/** The apiKey schemes the executor can send (in a header or the query), by scheme name. */
function apiKeyParts(raw: Record<string, RawScheme>): Map<string, ApiKeyPart> {
  const parts = new Map<string, ApiKeyPart>();
  for (const name of Object.keys(raw).sort()) {
    const scheme = raw[name]!;
    if (scheme.type?.toLowerCase() !== "apikey" || (scheme.in !== "header" && scheme.in !== "query") || typeof scheme.name !== "string" || !scheme.name) continue;
    parts.set(name, { scheme: name, in: scheme.in, name: scheme.name, ...(scheme.description ? { description: scheme.description } : {}) });
  }
  return parts;
}

/** One API_KEY scheme for keys sent together: the main key, the others as additional credentials. */
function combinedScheme(group: readonly ApiKeyPart[]): AuthScheme {
  const [main, ...others] = mainKeyFirst(group);
  const bearer = main!.in === "header" && /^authorization$/i.test(main!.name) && /\bbearer\b/i.test(main!.description ?? "");
  const scheme: Extract<AuthScheme, { type: "API_KEY" }> = { type: "API_KEY", in: main!.in, name: main!.name, prefix: bearer ? "Bearer " : "" };
  if (others.length) scheme.additionalFields = additionalCredentials(others);
  return scheme;
}

/** Whether one of the operation's security alternatives is a token: OAuth2, OpenID Connect or http bearer. */
export function takesToken(operation: Operation, schemes: Record<string, RawScheme>): boolean {
  const isToken = (scheme: RawScheme | undefined) => {
    const type = scheme?.type?.toLowerCase();
    return type === "oauth2" || type === "openidconnect" || (type === "http" && scheme?.scheme?.toLowerCase() === "bearer");
  };
  return (operation.security ?? []).some((requirement) => Object.keys(requirement).some((name) => isToken(schemes[name])));
}

export interface AuthResult {
  schemes: AuthScheme[];
  /** `in:name` of API key parameters: the executor adds them, so tools must not ask for them. */
  credentialParameters: Set<string>;
  warnings: string[];
  raw: Record<string, RawScheme>;
}

export function readAuth(document: OpenApiDocument, version: DocumentVersion, operations: readonly Operation[], maxDefaultScopes: number): AuthResult {
  const raw = rawSchemes(document, version);
  const schemes: AuthScheme[] = [];
  const credentialParameters = new Set<string>();
  const warnings: string[] = [];
  const add = (scheme: AuthScheme) => {
    if (!schemes.some((existing) => JSON.stringify(existing) === JSON.stringify(scheme))) schemes.push(scheme);
  };
  const oauth: AuthScheme[] = [];
  const implicitOnly: string[] = [];
  const others: AuthScheme[] = [];
  const parts = apiKeyParts(raw);
  const groups = apiKeyGroups(parts, Array.isArray(document.security) ? (document.security as SecurityRequirement[]) : [], operations);
  for (const name of Object.keys(raw).sort()) {
    const scheme = raw[name]!;
    const type = scheme.type?.toLowerCase();
    const group = groups.find((members) => members.includes(name));
    if (group) {
      if (group[0] === name) {
        others.push(combinedScheme(group.map((member) => parts.get(member)!)));
        for (const member of group) credentialParameters.add(`${parts.get(member)!.in}:${parts.get(member)!.name.toLowerCase()}`);
      }
      continue;
    }
    if (type === "oauth2") {
      const flow = authorizationCodeFlow(scheme);
      if (flow) {
        oauth.push({
          type: "OAUTH2",
          ...flow,
          defaultScopes: defaultScopes(operations, { [name]: scheme }, maxDefaultScopes),
          scopeSeparator: " ",
          pkce: false,
          tokenEndpointAuthMethod: "client_secret_post",
          authorizeParams: {},
        });
      } else implicitOnly.push(name);
      others.push({ type: "BEARER_TOKEN" });
    } else if (type === "apikey") {
      const part = parts.get(name);
      if (part) {
        others.push(combinedScheme([part]));
        credentialParameters.add(`${part.in}:${part.name.toLowerCase()}`);
      } else warnings.push(`security scheme ${name}: API key in ${String(scheme.in)} is not supported`);
    } else if (type === "http" && scheme.scheme?.toLowerCase() === "bearer") others.push({ type: "BEARER_TOKEN" });
    else if ((type === "http" && scheme.scheme?.toLowerCase() === "basic") || type === "basic") others.push({ type: "BASIC" });
    else if (type === "openidconnect") {
      warnings.push(`security scheme ${name}: OpenID Connect discovery is not supported; only a pasted token (BEARER_TOKEN) is offered`);
      others.push({ type: "BEARER_TOKEN" });
    } else warnings.push(`security scheme ${name}: type ${String(scheme.type)}${scheme.scheme ? `/${scheme.scheme}` : ""} is not supported`);
  }
  // Google declares an implicit twin of its authorization-code scheme: only worth a word when it is all there is.
  if (implicitOnly.length && !oauth.length) warnings.push(`OAuth2 (${implicitOnly.join(", ")}) without an authorization-code flow: only a pasted token (BEARER_TOKEN) is offered`);
  for (const scheme of [...oauth, ...others]) add(scheme);
  if (!schemes.length) {
    if (Object.keys(raw).length) {
      warnings.push("no usable security scheme: offering BEARER_TOKEN");
      schemes.push({ type: "BEARER_TOKEN" });
    } else schemes.push({ type: "NO_AUTH" });
  }
  return { schemes, credentialParameters, warnings, raw };
}

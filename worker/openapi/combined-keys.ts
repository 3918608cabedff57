import type { AdditionalCredential } from "../../catalog/definition.ts";
import type { Operation } from "./normalize.ts";
import { cleanDescription } from "./text.ts";
import type { SecurityRequirement } from "./types.ts";

/**
 * API keys that travel together. A security requirement naming several apiKey schemes ANDs
 * them (Plaid: client id, secret and version headers on every call); the catalog offers
 * such a group as one API_KEY scheme, its main key plus `additionalFields`, so an account
 * holds all of them and the executor sends all of them.
 *
 * Some descriptions write the AND as an operation's required parameters instead: Trello's
 * security ORs `key` and `token`, yet every operation declares both as required query
 * parameters (and the API refuses a call without either). Several apiKey parameters one
 * operation requires are read as a group too.
 */

export interface ApiKeyPart {
  /** The scheme's name in securitySchemes / securityDefinitions. */
  scheme: string;
  in: "header" | "query";
  name: string;
  description?: string;
}

/** Names a stored API_KEY credential already uses: a part must not take them. */
const RESERVED_FIELDS = new Set(["api_key", "generic_api_key", "type", "additional", "base_url"]);

/** Groups of two or more scheme names, disjoint, each in document order. */
export function apiKeyGroups(parts: ReadonlyMap<string, ApiKeyPart>, documentSecurity: readonly SecurityRequirement[], operations: readonly Operation[]): string[][] {
  const found: Set<string>[] = [];
  const consider = (names: Iterable<string>) => {
    const group = new Set([...names].filter((name) => parts.has(name)));
    if (group.size > 1) found.push(group);
  };
  for (const requirement of [...documentSecurity, ...operations.flatMap((op) => op.security ?? [])]) consider(Object.keys(requirement));
  for (const op of operations) {
    const required = new Set(op.parameters.filter((p) => p.required === true && typeof p.name === "string").map((p) => `${p.in}:${p.name!.toLowerCase()}`));
    consider([...parts].filter(([, part]) => required.has(`${part.in}:${part.name.toLowerCase()}`)).map(([name]) => name));
  }
  // Overlapping groups are one: a scheme is sent with everything it was ever required with.
  const merged: Set<string>[] = [];
  for (const group of found) {
    const overlapping = merged.filter((existing) => [...group].some((name) => existing.has(name)));
    const union = new Set([...overlapping.flatMap((existing) => [...existing]), ...group]);
    for (const existing of overlapping) merged.splice(merged.indexOf(existing), 1);
    merged.push(union);
  }
  const order = [...parts.keys()];
  return merged.map((group) => order.filter((name) => group.has(name))).sort((a, b) => order.indexOf(a[0]!) - order.indexOf(b[0]!));
}

/** How much a part looks like the group's main key: the Authorization header, a secret, a key; else the first. */
function mainKeyRank(part: ApiKeyPart): number {
  if (/^authorization$/i.test(part.name)) return 0;
  if (/secret/i.test(part.name) || /secret/i.test(part.scheme)) return 1;
  if (/(^|[^a-z])key$|api[-_]?key/i.test(part.name) || /(^|[^a-z])key$|api[-_]?key/i.test(part.scheme)) return 2;
  return 3;
}

export function mainKeyFirst(group: readonly ApiKeyPart[]): ApiKeyPart[] {
  return [...group].sort((a, b) => mainKeyRank(a) - mainKeyRank(b));
}

/** `clientId` → `client_id`. */
function snakeCase(text: string): string {
  return text
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^a-zA-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
}

/**
 * Where an account keeps a part: its wire name when that reads as a field already
 * (Trello's `token`), else its scheme's name (`clientId` → `client_id`, not `plaid_client_id`).
 */
function fieldName(part: ApiKeyPart, taken: Set<string>): string {
  const base = /^[a-z][a-z0-9_]*$/.test(part.name) ? part.name : snakeCase(part.scheme) || snakeCase(part.name) || "credential";
  let field = /^[a-z]/.test(base) ? base : `key_${base}`;
  for (let n = 2; RESERVED_FIELDS.has(field) || taken.has(field); n++) field = `${base}_${n}`;
  taken.add(field);
  return field;
}

function displayName(field: string): string {
  const text = field
    .split("_")
    .map((word) => (word === "id" ? "ID" : word))
    .join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The parts after the main key, as the catalog's additional credentials. */
export function additionalCredentials(others: readonly ApiKeyPart[]): AdditionalCredential[] {
  const taken = new Set<string>();
  return others.map((part) => {
    const field = fieldName(part, taken);
    const description = cleanDescription(part.description, 200, 1);
    return { in: part.in, name: part.name, field, displayName: displayName(field), ...(description ? { description } : {}) };
  });
}

import type { AuthScheme } from "../../../catalog/definition.ts";

/**
 * A source file's `auth` says what the description gets wrong about credentials (GitLab's
 * spec names its token header `PRIVATE_HEADER`; the API reads `PRIVATE-TOKEN`). The
 * simulator judges credentials by the description, so it is given the corrected one: the
 * source's schemes as the document's and every secured operation's `security`, each
 * API_KEY scheme one requirement with its additional credentials ANDed. Operations the
 * description leaves open (`security: []`) stay open.
 */

type Json = Record<string, unknown>;
const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function securityFromSchemes(schemes: readonly AuthScheme[]): { definitions: Json; requirements: Json[] } {
  const definitions: Json = {};
  const requirements: Json[] = [];
  schemes.forEach((scheme, i) => {
    const name = `source_auth_${i}`;
    if (scheme.type === "API_KEY") {
      const parts = [scheme, ...(scheme.additionalFields ?? [])];
      parts.forEach((part, j) => (definitions[`${name}_${j}`] = { type: "apiKey", in: part.in, name: part.name }));
      requirements.push(Object.fromEntries(parts.map((_, j) => [`${name}_${j}`, []])));
    } else if (scheme.type === "BASIC") {
      definitions[name] = { type: "basic" };
      requirements.push({ [name]: [] });
    } else if (scheme.type === "NO_AUTH") requirements.push({});
    else {
      // A pasted token or an OAuth2 one: both arrive as `Authorization: Bearer …`.
      definitions[name] = { type: "oauth2" };
      requirements.push({ [name]: [] });
    }
  });
  return { definitions, requirements };
}

export function withSourceAuth(document: object, schemes: readonly AuthScheme[] | undefined): object {
  if (!schemes?.length) return document;
  const doc = structuredClone(document) as Json;
  const { definitions, requirements } = securityFromSchemes(schemes);
  if (typeof doc.swagger === "string") doc.securityDefinitions = definitions;
  else doc.components = { ...(isObject(doc.components) ? doc.components : {}), securitySchemes: definitions };
  doc.security = requirements;
  for (const item of Object.values(isObject(doc.paths) ? doc.paths : {})) {
    if (!isObject(item)) continue;
    for (const method of METHODS) {
      const operation = item[method];
      if (isObject(operation) && Array.isArray(operation.security) && operation.security.length) operation.security = requirements;
    }
  }
  return doc;
}

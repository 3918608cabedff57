import { deref, isObject, type JsonObject } from "./refs.ts";

/**
 * What an operation's `security` asks a request to carry, per scheme, in wire terms:
 * a bearer token, basic credentials, an API key in a named header, query parameter or
 * cookie. OAuth2 and OpenID Connect tokens travel as bearer tokens (RFC 6750 §2.1).
 */

export type SchemeNeed =
  | { kind: "bearer" }
  | { kind: "basic" }
  | { kind: "apiKey"; in: "header" | "query" | "cookie"; name: string }
  /** Other HTTP schemes (`digest`, `hoba`…): an Authorization header naming the scheme. */
  | { kind: "http"; scheme: string };

export interface NamedNeed {
  name: string;
  need: SchemeNeed;
}

/** Every scheme of one alternative is needed at once; `[]` is the "anonymous is fine" alternative. */
export type SecurityAlternative = NamedNeed[];

function needOf(scheme: JsonObject): SchemeNeed | undefined {
  const type = typeof scheme.type === "string" ? scheme.type.toLowerCase() : "";
  if (type === "oauth2" || type === "openidconnect") return { kind: "bearer" };
  if (type === "basic") return { kind: "basic" };
  if (type === "apikey" && typeof scheme.name === "string" && (scheme.in === "header" || scheme.in === "query" || scheme.in === "cookie")) {
    return { kind: "apiKey", in: scheme.in, name: scheme.name };
  }
  if (type === "http") {
    const name = typeof scheme.scheme === "string" ? scheme.scheme.toLowerCase() : "";
    return name === "bearer" ? { kind: "bearer" } : name === "basic" ? { kind: "basic" } : { kind: "http", scheme: name };
  }
  return undefined;
}

/** The operation's own `security`, else the document's; an unknown scheme name is left out. */
export function securityOf(document: JsonObject, operation: JsonObject, isSwagger2: boolean): SecurityAlternative[] {
  const requirements = Array.isArray(operation.security) ? operation.security : Array.isArray(document.security) ? document.security : [];
  const components = isObject(document.components) ? document.components : {};
  const definitions = isSwagger2 ? document.securityDefinitions : components.securitySchemes;
  const schemes = isObject(definitions) ? definitions : {};
  return requirements.filter(isObject).map((requirement) =>
    Object.keys(requirement).flatMap((name) => {
      const need = schemes[name] === undefined ? undefined : needOf(deref(document, schemes[name]));
      return need ? [{ name, need }] : [];
    }),
  );
}

import type { ApiDescription, OperationSpec } from "./document.ts";

/**
 * Finds the operation a request is for: the server's path prefix stripped, then the path
 * templates tried most literal first, so `/users/me` wins over `/users/{id}` as servers
 * route it. A parameter spans one segment only, as OpenAPI path templating defines.
 */

export type MatchResult =
  | { kind: "found"; operation: OperationSpec; pathParams: Record<string, string> }
  /** The path is known, the method is not one of its operations. */
  | { kind: "method"; allowed: string[] }
  | { kind: "none" };

interface CompiledRoute {
  operation: OperationSpec;
  pattern: RegExp;
  names: string[];
  literalLength: number;
  prefixes: string[];
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function compile(operation: OperationSpec, prefixes: string[]): CompiledRoute {
  const names: string[] = [];
  let literalLength = 0;
  const source = operation.template
    .split(/(\{[^}]+\})/)
    .map((part) => {
      const name = /^\{([^}]+)\}$/.exec(part)?.[1];
      if (name !== undefined) {
        names.push(name);
        return "([^/]+)";
      }
      literalLength += part.length;
      return escape(part);
    })
    .join("");
  return { operation, pattern: new RegExp(`^${source}/?$`), names, literalLength, prefixes };
}

export function createMatcher(apis: ApiDescription[]): (method: string, pathname: string) => MatchResult {
  const routes = apis
    .flatMap((api) => api.operations.map((operation) => compile(operation, api.prefixes)))
    .sort((a, b) => b.literalLength - a.literalLength);

  return (method, pathname) => {
    const allowed = new Set<string>();
    for (const route of routes) {
      for (const prefix of route.prefixes) {
        if (prefix && pathname !== prefix && !pathname.startsWith(`${prefix}/`)) continue;
        const match = route.pattern.exec(pathname.slice(prefix.length) || "/");
        if (!match) continue;
        if (route.operation.method !== method.toUpperCase()) {
          allowed.add(route.operation.method);
          continue;
        }
        const pathParams = Object.fromEntries(route.names.map((name, i) => [name, safeDecode(match[i + 1] ?? "")]));
        return { kind: "found", operation: route.operation, pathParams };
      }
    }
    return allowed.size ? { kind: "method", allowed: [...allowed].sort() } : { kind: "none" };
  };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

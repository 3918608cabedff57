import { OpenApiImportError, type OpenApiDocument } from "./types.ts";

/**
 * Local `$ref` resolution (`#/components/schemas/Pet`, `#/definitions/Pet`, `#/$defs/…`).
 * External references (other files, URLs) are not fetched: the import must be pure and
 * offline, so they resolve to `undefined` and the caller decides what that costs.
 */

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** RFC 6901 pointer tokens, also percent-decoded as they appear in URI fragments. */
function pointerTokens(ref: string): string[] | undefined {
  if (!ref.startsWith("#")) return undefined;
  const fragment = ref.slice(1);
  if (fragment === "") return [];
  if (!fragment.startsWith("/")) return undefined;
  let decoded: string;
  try {
    decoded = decodeURIComponent(fragment);
  } catch {
    return undefined;
  }
  return decoded
    .slice(1)
    .split("/")
    .map((token) => token.replace(/~1/g, "/").replace(/~0/g, "~"));
}

export interface RefResolver {
  /**
   * Follows `$ref` hops from `node` to a node without one. Returns the target and the refs
   * passed through (for cycle guards), or `undefined` when a reference cannot be resolved.
   * Throws when a chain of references is longer than the limit (a hostile document).
   */
  follow<T>(node: T): { node: T; refs: string[] } | undefined;
}

export function createRefResolver(document: OpenApiDocument, maxRefDepth: number): RefResolver {
  const cache = new Map<string, unknown>();
  function lookup(ref: string): unknown {
    if (cache.has(ref)) return cache.get(ref);
    const tokens = pointerTokens(ref);
    let node: unknown = tokens ? document : undefined;
    for (const token of tokens ?? []) {
      if (Array.isArray(node) && /^\d+$/.test(token)) node = node[Number(token)];
      else if (isObject(node) && Object.prototype.hasOwnProperty.call(node, token)) node = node[token];
      else {
        node = undefined;
        break;
      }
    }
    cache.set(ref, node);
    return node;
  }
  return {
    follow<T>(start: T) {
      let node: unknown = start;
      const refs: string[] = [];
      while (isObject(node) && typeof node.$ref === "string") {
        const ref = node.$ref;
        if (refs.includes(ref)) return undefined; // a reference that points back at itself
        if (refs.length >= maxRefDepth) throw new OpenApiImportError(`$ref chain longer than ${maxRefDepth} hops at ${refs[0]}`);
        refs.push(ref);
        node = lookup(ref);
      }
      return node === undefined ? undefined : { node: node as T, refs };
    },
  };
}

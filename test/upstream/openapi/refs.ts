/**
 * Local `$ref`s (`#/components/schemas/Pet`) followed on demand rather than inlined up
 * front: real documents (Stripe's) are cyclic, so a fully dereferenced copy would never end.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** RFC 6901: `~1` is `/` and `~0` is `~`, in that order. */
function pointer(document: JsonObject, ref: string): Json | undefined {
  if (!ref.startsWith("#")) return undefined;
  let node: Json | undefined = document;
  for (const raw of ref.slice(1).split("/").filter(Boolean)) {
    const key = decodeURIComponent(raw).replace(/~1/g, "/").replace(/~0/g, "~");
    node = Array.isArray(node) ? node[Number(key)] : isObject(node) ? node[key] : undefined;
    if (node === undefined) return undefined;
  }
  return node;
}

/** The node itself, or what its `$ref` chain points at; an external or dangling ref resolves to `{}`. */
export function deref(document: JsonObject, node: Json | undefined): JsonObject {
  let current = node;
  for (let hops = 0; hops < 32 && isObject(current) && typeof current.$ref === "string"; hops++) {
    current = pointer(document, current.$ref);
  }
  return isObject(current) && typeof current.$ref !== "string" ? current : {};
}

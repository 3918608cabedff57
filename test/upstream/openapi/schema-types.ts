import { deref, isObject, type Json, type JsonObject } from "./refs.ts";

/**
 * The primitive-type side of JSON Schema, as far as a request's form goes: which types a
 * schema allows (through `$ref`, `nullable`, 3.1 type arrays, and `oneOf`/`anyOf`/`allOf`),
 * and whether a JSON value, or a string off the wire (path, query, form field), is one of
 * them. Deeper validation (formats, lengths, nested objects) is the real API's business.
 */

/** The allowed types, or `undefined` when the schema allows anything. */
export function allowedTypes(document: JsonObject, raw: Json | undefined, depth = 0): Set<string> | undefined {
  const schema = deref(document, raw);
  if (depth > 8) return undefined;
  const types = new Set<string>();
  if (typeof schema.type === "string") types.add(schema.type);
  if (Array.isArray(schema.type)) for (const t of schema.type) if (typeof t === "string") types.add(t);
  if (types.size) {
    if (schema.nullable === true) types.add("null");
    return types;
  }
  const alternatives = [...(Array.isArray(schema.oneOf) ? schema.oneOf : []), ...(Array.isArray(schema.anyOf) ? schema.anyOf : [])];
  if (alternatives.length) {
    for (const alternative of alternatives) {
      const inner = allowedTypes(document, alternative, depth + 1);
      if (!inner) return undefined;
      for (const t of inner) types.add(t);
    }
    return types;
  }
  for (const part of Array.isArray(schema.allOf) ? schema.allOf : []) {
    const inner = allowedTypes(document, part, depth + 1);
    if (inner) return inner;
  }
  if (isObject(schema.properties)) return new Set(["object"]);
  return undefined;
}

function jsonTypeOf(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  if (typeof value === "number") return Number.isInteger(value) ? "integer" : "number";
  return typeof value;
}

function describe(types: Set<string>): string {
  return [...types].join(" or ");
}

/** Primitive enum values, when the schema lists only those. */
function enumOf(document: JsonObject, raw: Json | undefined): Json[] | undefined {
  const values = deref(document, raw).enum;
  return Array.isArray(values) && values.every((v) => v === null || typeof v !== "object") ? values : undefined;
}

/** Why a JSON value does not fit the schema's type (or enum), or `undefined` when it does. */
export function jsonTypeProblem(document: JsonObject, schema: Json | undefined, value: unknown): string | undefined {
  const types = allowedTypes(document, schema);
  const actual = jsonTypeOf(value);
  if (types && !types.has(actual) && !(actual === "integer" && types.has("number"))) return `is ${actual}, expected ${describe(types)}`;
  const values = enumOf(document, schema);
  if (values && value !== null && !values.includes(value as Json)) return `is ${JSON.stringify(value)}, not one of ${JSON.stringify(values)}`;
  return undefined;
}

const WIRE_FORMS: Record<string, RegExp> = {
  integer: /^-?\d+$/,
  number: /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/,
  boolean: /^(true|false)$/,
  null: /^(null)?$/,
};

/** The same for a string as it arrives in a path segment, query or form field. */
export function wireTypeProblem(document: JsonObject, schema: Json | undefined, value: string): string | undefined {
  const types = allowedTypes(document, schema);
  if (types && !types.has("string") && !types.has("object") && !types.has("array")) {
    const fits = [...types].some((type) => WIRE_FORMS[type]?.test(value) ?? false);
    if (!fits) return `is ${JSON.stringify(value)}, expected ${describe(types)}`;
  }
  const values = enumOf(document, schema);
  if (values && !values.map(String).includes(value)) return `is ${JSON.stringify(value)}, not one of ${JSON.stringify(values)}`;
  return undefined;
}

export interface ObjectShape {
  properties: Record<string, Json>;
  required: string[];
  /** False when the schema forbids properties it does not list. */
  openEnded: boolean;
}

/**
 * An object schema's top level, `allOf` parts merged. With `oneOf`/`anyOf`, their
 * properties are all known but none required, since any one alternative may be meant.
 */
export function objectShape(document: JsonObject, raw: Json | undefined, depth = 0): ObjectShape {
  const schema = deref(document, raw);
  const allOf = Array.isArray(schema.allOf) ? schema.allOf : [];
  const alternatives = [...(Array.isArray(schema.oneOf) ? schema.oneOf : []), ...(Array.isArray(schema.anyOf) ? schema.anyOf : [])];
  const shape: ObjectShape = {
    properties: { ...(isObject(schema.properties) ? schema.properties : {}) },
    required: Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === "string") : [],
    // A schema that lists nothing at all says nothing about which names are allowed.
    openEnded:
      schema.additionalProperties === true ||
      isObject(schema.additionalProperties) ||
      (!isObject(schema.properties) && allOf.length === 0 && alternatives.length === 0),
  };
  if (depth > 8) return { ...shape, openEnded: true };
  for (const part of allOf) {
    const inner = objectShape(document, part, depth + 1);
    Object.assign(shape.properties, inner.properties);
    shape.required.push(...inner.required);
    shape.openEnded ||= inner.openEnded;
  }
  for (const part of alternatives) {
    const inner = objectShape(document, part, depth + 1);
    Object.assign(shape.properties, inner.properties);
    shape.openEnded ||= inner.openEnded;
  }
  return shape;
}

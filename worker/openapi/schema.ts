import type { RefResolver } from "./refs.ts";
import { describe, truncate, type DescriptionCleaner } from "./text.ts";
import { OpenApiImportError, type JsonSchema, type Limits, type OpenApiSchema } from "./types.ts";

/**
 * OpenAPI / JSON Schema → the subset OpenAI function calling, Anthropic tool use and Gemini
 * function declarations all accept: no $ref, no combinators, string-only enums, property names
 * of ^[a-zA-Z0-9_.-]{1,64}$, bounded depth. Three steps: `inline` resolves references into a
 * finite tree (cycles cut, size bounded), `collapse` folds allOf/oneOf/anyOf into one schema,
 * `convert` keeps the portable keywords.
 */

export const MAX_PARAM_DESCRIPTION = 300;
/** Objects nested deeper than this (top-level arguments are depth 1; arrays don't count) become free-form objects. */
export const MAX_OBJECT_DEPTH = 4;
/** Property/items levels `inline` expands; `convert` needs one level past MAX_OBJECT_DEPTH for key names, arrays add levels. */
const MAX_INLINE_LEVEL = 12;
const PROPERTY_NAME = /^[a-zA-Z0-9_.-]{1,64}$/;

type Kind = JsonSchema["type"];
const SCALARS = new Set<Kind>(["string", "integer", "number", "boolean"]);
const KINDS = new Set<string>(["object", "array", "string", "integer", "number", "boolean"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Per-operation reading state: the node budget and whether a reference could not be resolved. */
export interface SchemaContext {
  resolver: RefResolver;
  limits: Limits;
  nodes: number;
  unresolved: number;
}

export function schemaContext(resolver: RefResolver, limits: Limits): SchemaContext {
  return { resolver, limits, nodes: 0, unresolved: 0 };
}

const RECURSIVE_NOTE = "A recursive structure, sent as JSON.";

/**
 * A copy of `raw` with every reference replaced by its target, recursively. A reference to
 * one of its own ancestors (a cycle) becomes a free-form object; past the node budget or
 * MAX_INLINE_LEVEL, objects keep only their property names.
 */
export function inline(raw: unknown, ctx: SchemaContext, level = 0, stack: readonly string[] = [], depth = 0): OpenApiSchema {
  if (depth > ctx.limits.maxSchemaDepth) throw new OpenApiImportError(`a schema is nested deeper than ${ctx.limits.maxSchemaDepth} levels`);
  const followed = ctx.resolver.follow(raw);
  if (!followed || !isObject(followed.node)) {
    if (isObject(raw) && typeof raw.$ref === "string") ctx.unresolved++;
    return {};
  }
  const source = followed.node as OpenApiSchema;
  if (followed.refs.some((ref) => stack.includes(ref))) {
    const description = (isObject(raw) && typeof raw.description === "string" ? raw.description : undefined) ?? source.description;
    return { type: "object", ...(description ? { description } : {}), notes: [RECURSIVE_NOTE] };
  }
  const path = followed.refs.length ? [...stack, ...followed.refs] : stack;
  ctx.nodes++;
  const shallow = level >= MAX_INLINE_LEVEL || ctx.nodes > ctx.limits.maxSchemaNodes;
  const out: OpenApiSchema = {};
  for (const key of ["type", "nullable", "title", "description", "required", "enum", "const", "default", "format", "readOnly"] as const) {
    if (source[key] !== undefined) (out as Record<string, unknown>)[key] = source[key];
  }
  // A sibling description next to a $ref (3.1) describes this use of the target.
  if (isObject(raw) && typeof raw.$ref === "string" && typeof raw.description === "string") out.description = raw.description;
  if (isObject(source.properties)) {
    out.properties = {};
    for (const [name, property] of Object.entries(source.properties)) {
      out.properties[name] = shallow ? {} : inline(property, ctx, level + 1, path, depth + 1);
    }
  }
  if (source.items !== undefined) out.items = shallow || !isObject(source.items) ? {} : inline(source.items, ctx, level + 1, path, depth + 1);
  if (isObject(source.additionalProperties)) out.additionalProperties = shallow ? {} : inline(source.additionalProperties, ctx, level + 1, path, depth + 1);
  for (const keyword of ["allOf", "oneOf", "anyOf"] as const) {
    const parts = source[keyword];
    if (Array.isArray(parts)) out[keyword] = shallow ? [] : parts.map((part) => inline(part, ctx, level, path, depth + 1));
  }
  return out;
}

function kindOf(schema: OpenApiSchema): Kind | undefined {
  const types = (Array.isArray(schema.type) ? schema.type : typeof schema.type === "string" ? [schema.type] : []).filter((t) => t !== "null");
  const declared = types.find((t) => KINDS.has(t));
  if (declared) return declared as Kind;
  if (schema.properties) return "object";
  if (schema.items) return "array";
  const values = [...(Array.isArray(schema.enum) ? schema.enum : []), ...(schema.const !== undefined ? [schema.const] : [])].filter((v) => v !== null);
  if (values.length) {
    if (values.every((v) => typeof v === "string")) return "string";
    if (values.every((v) => Number.isInteger(v))) return "integer";
    if (values.every((v) => typeof v === "number")) return "number";
    if (values.every((v) => typeof v === "boolean")) return "boolean";
  }
  return undefined;
}

function isNullSchema(schema: OpenApiSchema): boolean {
  if (schema.type === "null") return true;
  if (Array.isArray(schema.type) && schema.type.length > 0 && schema.type.every((t) => t === "null")) return true;
  return Array.isArray(schema.enum) && schema.enum.length > 0 && schema.enum.every((v) => v === null);
}

/** `{ required: [...] }` variants of a oneOf/anyOf: constraints on the outer object, no shape. */
function isConstraintOnly(schema: OpenApiSchema): boolean {
  return !schema.type && !schema.properties && !schema.items && !schema.enum && (schema.required?.length ?? 0) > 0;
}

type MergeMode = "all" | "any";

/**
 * Merges two object schemas. "all" (allOf): required is the union. "any" (variants of a
 * oneOf/anyOf): required is the intersection, and same-named properties merge recursively
 * (string enums union) so every variant stays expressible.
 */
function mergeObjects(a: OpenApiSchema, b: OpenApiSchema, mode: MergeMode): OpenApiSchema {
  const properties: Record<string, OpenApiSchema> = { ...(a.properties ?? {}) };
  for (const [name, schema] of Object.entries(b.properties ?? {})) {
    const existing = properties[name];
    if (!existing) {
      properties[name] = schema;
      continue;
    }
    const left = collapse(existing);
    const right = collapse(schema);
    const leftKind = kindOf(left);
    const rightKind = kindOf(right);
    if (leftKind === "object" && rightKind === "object") properties[name] = mergeObjects(left, right, mode);
    else if (leftKind === "string" && rightKind === "string" && left.enum && right.enum) {
      properties[name] = { ...left, enum: [...new Set([...left.enum, ...right.enum])] };
    } else if (leftKind === undefined && rightKind !== undefined) properties[name] = { ...right, description: left.description ?? right.description };
    else properties[name] = left;
  }
  const requiredA = Array.isArray(a.required) ? a.required : [];
  const requiredB = Array.isArray(b.required) ? b.required : [];
  const required = mode === "all" ? [...new Set([...requiredA, ...requiredB])] : requiredA.filter((name) => requiredB.includes(name));
  const merged: OpenApiSchema = { type: "object", properties, required };
  const description = a.description ?? b.description;
  if (description) merged.description = description;
  const notes = [...(a.notes ?? []), ...(b.notes ?? [])];
  if (notes.length) merged.notes = notes;
  return merged;
}

/** Resolves allOf / oneOf / anyOf at the top of an inlined schema into one plain schema. */
export function collapse(schema: OpenApiSchema): OpenApiSchema {
  if (!schema.allOf && !schema.oneOf && !schema.anyOf) return schema;
  const { allOf, oneOf, anyOf, ...rest } = schema;
  let out: OpenApiSchema = rest;
  const notes: string[] = [...(rest.notes ?? [])];

  for (const part of allOf ?? []) {
    const flat = collapse(part);
    // `allOf: [{ $ref: <a string schema> }]` (a description beside a reference, 3.0 style) is
    // that string: only objects, or parts that say nothing of their type, merge as objects.
    const outKind = kindOf(out);
    const flatKind = kindOf(flat);
    if (flatKind === "object" || outKind === "object" || (outKind === undefined && flatKind === undefined)) {
      out = { ...mergeObjects(out, flat, "all"), description: out.description ?? flat.description };
      if (out.description === undefined) delete out.description;
    } else out = { ...flat, ...out };
  }

  for (const [keyword, variants] of [["oneOf", oneOf], ["anyOf", anyOf]] as const) {
    if (!variants) continue;
    const flat = variants.map(collapse).filter((v) => !isNullSchema(v));
    const constraints = flat.filter(isConstraintOnly);
    const shapes = flat.filter((v) => !isConstraintOnly(v));
    if (constraints.length > 1) {
      const options = constraints.map((v) => (v.required ?? []).join(" + ")).join("; ");
      notes.push(`${keyword === "oneOf" ? "Provide exactly one of" : "Provide at least one of"}: ${options}.`);
    }
    if (!shapes.length) continue;
    const kinds = shapes.map((v) => kindOf(v));
    if (kinds.every((k) => k === "object")) {
      const merged = shapes.slice(1).reduce((acc, v) => mergeObjects(acc, v, "any"), { ...shapes[0]!, type: "object" } as OpenApiSchema);
      out = kindOf(out) === "object" || out.properties ? mergeObjects(out, merged, "all") : { ...merged, description: out.description ?? merged.description };
      if (rest.description) out.description = rest.description;
      if (out.description === undefined) delete out.description;
      continue;
    }
    const distinct = [...new Set(kinds.map((k) => k ?? "string"))];
    let chosen: OpenApiSchema;
    if (kinds.every((k) => k !== undefined && SCALARS.has(k))) {
      if (distinct.length === 1) {
        const enums = shapes.every((v) => Array.isArray(v.enum)) ? [...new Set(shapes.flatMap((v) => v.enum ?? []))] : undefined;
        chosen = enums ? { ...shapes[0]!, enum: enums } : (shapes.find((v) => !v.enum) ?? shapes[0]!);
      } else {
        // Mixed scalars (an id or a name): a string carries them all.
        chosen = { type: "string" };
        const description = shapes.find((v) => v.description)?.description;
        if (description) chosen.description = description;
        notes.push(`One of: ${distinct.join(", ")} (send as a string).`);
      }
    } else {
      // A scalar or a structure: the first form, usually the common one; schemas cannot say "or" portably.
      chosen = shapes[0]!;
      if (!chosen.description) {
        const description = shapes.find((v) => v.description)?.description;
        if (description) chosen = { ...chosen, description };
      }
    }
    const description = rest.description ?? chosen.description;
    out = { ...chosen, notes: [...(chosen.notes ?? [])] };
    if (description) out.description = description;
    else delete out.description;
  }
  if (notes.length) out.notes = [...new Set([...(out.notes ?? []), ...notes])];
  return out;
}

function validDefault(value: unknown, kind: Kind, values: string[] | undefined): value is string | number | boolean {
  if (value === null || value === undefined || !SCALARS.has(kind)) return false;
  if (kind === "string" && typeof value !== "string") return false;
  if (kind === "integer" && !Number.isInteger(value)) return false;
  if (kind === "number" && typeof value !== "number") return false;
  if (kind === "boolean" && typeof value !== "boolean") return false;
  return !values || values.includes(value as string);
}

export interface ConvertOptions {
  /** Said instead of the schema's own description (a parameter's). */
  description?: string;
  /** Appended to the description (pagination hints, for instance). */
  notes?: readonly string[];
  maxObjectDepth?: number;
  clean?: DescriptionCleaner;
}

/** Converts an inlined schema to the portable subset. `depth` is 1 for top-level arguments. */
export function convert(raw: OpenApiSchema, depth: number, options: ConvertOptions = {}): JsonSchema {
  const { maxObjectDepth = MAX_OBJECT_DEPTH, clean } = options;
  const nested = { maxObjectDepth, clean };
  const schema = collapse(raw);
  const kind: Kind = kindOf(schema) ?? "string";
  const notes = [...(schema.notes ?? []), ...(options.notes ?? [])];
  const out: JsonSchema = { type: kind };
  const text = options.description ?? schema.description ?? schema.title;

  if (kind === "object") {
    // readOnly properties are response-only: a request never carries them.
    const names = Object.keys(schema.properties ?? {}).filter((name) => !schema.properties![name]!.readOnly);
    const portable = names.every((name) => PROPERTY_NAME.test(name));
    if (names.length === 0 || depth > maxObjectDepth || !portable) {
      if (names.length) notes.push(`Keys: ${truncate(names.join(", "), 160)}.`);
      else if (schema.additionalProperties && typeof schema.additionalProperties === "object") {
        const values = collapse(schema.additionalProperties);
        const valueKind = kindOf(values);
        const itemKind = values.items ? kindOf(collapse(values.items)) : undefined;
        const valueKeys = Object.keys(values.properties ?? {});
        if (valueKind === "object" && valueKeys.length) notes.push(`A map whose values are objects with keys: ${truncate(valueKeys.join(", "), 120)}.`);
        else if (valueKind) notes.push(`A map whose values are ${valueKind === "array" && itemKind ? `arrays of ${itemKind}s` : `${valueKind}s`}.`);
      }
      const description = describe(text, notes, MAX_PARAM_DESCRIPTION, clean);
      return description ? { type: "object", description } : { type: "object" };
    }
    const description = describe(text, notes, MAX_PARAM_DESCRIPTION, clean);
    if (description) out.description = description;
    out.properties = {};
    for (const name of names) out.properties[name] = convert(schema.properties![name]!, depth + 1, nested);
    const required = [...new Set(Array.isArray(schema.required) ? schema.required : [])].filter((name) => names.includes(name));
    if (required.length) out.required = required;
    return out;
  }

  if (kind === "array") {
    const description = describe(text, notes, MAX_PARAM_DESCRIPTION, clean);
    if (description) out.description = description;
    // Depth counts objects: an array's items sit at the array's own depth.
    out.items = schema.items ? convert(schema.items, depth, nested) : { type: "string" };
    return out;
  }

  // Scalars. Gemini only takes enums on strings: other enums become a note.
  let values: string[] | undefined;
  const enumValues = [...(Array.isArray(schema.enum) ? schema.enum : []), ...(schema.const !== undefined ? [schema.const] : [])].filter((v) => v !== null);
  if (enumValues.length) {
    if (kind === "string") values = [...new Set(enumValues.filter((v): v is string => typeof v === "string"))];
    else if (kind !== "boolean") notes.push(`Allowed values: ${truncate(enumValues.map(String).join(", "), 160)}.`);
  }
  const description = describe(text, notes, MAX_PARAM_DESCRIPTION, clean);
  if (description) out.description = description;
  if (values?.length) out.enum = values;
  if (kind === "string" && (schema.format === "date-time" || schema.format === "date")) out.format = schema.format;
  if (validDefault(schema.default, kind, values)) out.default = schema.default;
  return out;
}

/** Whether the (inlined, collapsed) schema is an object with named properties: a body we can flatten. */
export function objectProperties(schema: OpenApiSchema): { properties: [string, OpenApiSchema][]; required: Set<string>; notes: string[] } | undefined {
  const flat = collapse(schema);
  if (kindOf(flat) !== "object") return undefined;
  const properties = Object.entries(flat.properties ?? {}).filter(([, property]) => !property.readOnly);
  if (properties.length === 0) return undefined;
  return { properties, required: new Set(Array.isArray(flat.required) ? flat.required : []), notes: flat.notes ?? [] };
}

export { kindOf };

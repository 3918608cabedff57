import type { MediaSpec, OperationSpec } from "./document.ts";
import { deref, isObject, type Json, type JsonObject } from "./refs.ts";

/**
 * The answer to a valid request, from the description alone and the same every time: the
 * lowest success status the operation declares, with the response's example if it has one,
 * else a value built from its schema (example, default, first enum value, or a plain value
 * of the type). Depth and breadth are capped so cyclic schemas (Stripe's) stay small.
 */

export interface FakeResponse {
  status: number;
  contentType?: string;
  body?: string;
}

const MAX_DEPTH = 4;
const MAX_PROPERTIES = 12;

const FORMATTED: Record<string, string> = {
  "date-time": "2024-01-02T03:04:05Z",
  date: "2024-01-02",
  email: "user@example.com",
  uri: "https://example.com/resource",
  url: "https://example.com/resource",
  uuid: "00000000-0000-4000-8000-000000000001",
  hostname: "example.com",
  ipv4: "192.0.2.1",
};

function sample(document: JsonObject, raw: Json | undefined, depth: number): Json {
  const schema = deref(document, raw);
  if (schema.example !== undefined) return schema.example;
  if (schema.default !== undefined) return schema.default;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum[0]!;
  const parts = Array.isArray(schema.allOf) ? schema.allOf : [];
  const alternative = [schema.oneOf, schema.anyOf].find((list) => Array.isArray(list) && list.length);
  if (Array.isArray(alternative)) return sample(document, alternative[0], depth);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  if (parts.length && type === undefined) {
    const merged: JsonObject = {};
    for (const part of parts) {
      const value = sample(document, part, depth);
      if (isObject(value)) Object.assign(merged, value);
    }
    return merged;
  }
  switch (type) {
    case "string":
      return FORMATTED[String(schema.format)] ?? "string";
    case "integer":
      return typeof schema.minimum === "number" ? Math.ceil(schema.minimum) : 1;
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1.5;
    case "boolean":
      return true;
    case "array":
      return depth >= MAX_DEPTH ? [] : [sample(document, schema.items, depth + 1)];
    default: {
      if (depth >= MAX_DEPTH) return {};
      const properties = Object.entries(isObject(schema.properties) ? schema.properties : {});
      const required = new Set(Array.isArray(schema.required) ? schema.required : []);
      // Required properties first, so a capped object still has what a client may rely on.
      properties.sort(([a], [b]) => Number(required.has(b)) - Number(required.has(a)));
      return Object.fromEntries(properties.slice(0, MAX_PROPERTIES).map(([name, value]) => [name, sample(document, value, depth + 1)]));
    }
  }
}

/** `200` before `201` before `2XX` before `default`; a spec with none answers a bare 200. */
function successStatus(operation: OperationSpec): [string, number] {
  const codes = Object.keys(operation.responses);
  const exact = codes.filter((code) => /^2\d\d$/.test(code)).sort()[0];
  if (exact) return [exact, Number(exact)];
  if (codes.includes("2XX")) return ["2XX", 200];
  return ["default", 200];
}

export function fakeResponse(operation: OperationSpec): FakeResponse {
  const [key, status] = successStatus(operation);
  const content: Record<string, MediaSpec> = operation.responses[key] ?? {};
  const type = Object.keys(content).find((t) => /json/i.test(t)) ?? Object.keys(content)[0];
  if (status === 204 || type === undefined) return { status };
  const media = content[type]!;
  const value = media.example !== undefined ? media.example : media.schema ? sample(operation.document, media.schema, 0) : {};
  if (/json/i.test(type)) return { status, contentType: "application/json", body: JSON.stringify(value) };
  return { status, contentType: type, body: typeof value === "string" ? value : JSON.stringify(value) };
}

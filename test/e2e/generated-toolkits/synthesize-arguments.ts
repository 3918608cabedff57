/**
 * Arguments a tool's input schema accepts, made up from the schema alone: the required
 * ones (and any the caller names) filled with the simplest value of the right type. Enum,
 * const and default values come first, so the gateway's own validation never refuses them.
 */

type Schema = Record<string, unknown>;

const FORMATTED: Record<string, string> = {
  "date-time": "2024-01-02T03:04:05Z",
  date: "2024-01-02",
  time: "03:04:05",
  email: "user@example.com",
  uri: "https://example.com/resource",
  url: "https://example.com/resource",
  uuid: "00000000-0000-4000-8000-000000000001",
  hostname: "example.com",
  ipv4: "192.0.2.1",
  ipv6: "2001:db8::1",
};

function asSchema(value: unknown): Schema {
  return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Schema) : {};
}

function stringFor(schema: Schema): string {
  const formatted = FORMATTED[String(schema.format)];
  if (formatted) return formatted;
  let text = "sample1";
  if (typeof schema.minLength === "number" && text.length < schema.minLength) text = text.padEnd(schema.minLength, "x");
  if (typeof schema.maxLength === "number" && text.length > schema.maxLength) text = text.slice(0, Math.max(schema.maxLength, 1));
  return text;
}

export function sampleValue(raw: unknown, depth = 0): unknown {
  const schema = asSchema(raw);
  if ("const" in schema) return schema.const;
  if (Array.isArray(schema.enum) && schema.enum.length) return schema.enum.find((v) => v !== null) ?? schema.enum[0];
  if (schema.default !== undefined && schema.default !== null) return schema.default;
  const alternatives = [schema.anyOf, schema.oneOf].find((list): list is unknown[] => Array.isArray(list) && list.length > 0);
  if (alternatives) return sampleValue(alternatives.find((a) => asSchema(a).type !== "null") ?? alternatives[0], depth);
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== "null") : schema.type;
  switch (type) {
    case "string":
      return stringFor(schema);
    case "integer":
      return typeof schema.minimum === "number" ? Math.ceil(schema.minimum) : 1;
    case "number":
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    case "boolean":
      return true;
    case "array": {
      const count = typeof schema.minItems === "number" ? Math.max(schema.minItems, 1) : 1;
      return depth > 6 ? [] : Array.from({ length: count }, () => sampleValue(schema.items, depth + 1));
    }
    case "null":
      return null;
    default:
      return depth > 6 ? {} : requiredArguments(schema, [], depth + 1);
  }
}

/** The schema's required properties filled in, plus the `extra` ones it declares. */
export function requiredArguments(raw: unknown, extra: readonly string[] = [], depth = 0): Record<string, unknown> {
  const schema = asSchema(raw);
  const properties = asSchema(schema.properties);
  const required = Array.isArray(schema.required) ? schema.required.filter((r): r is string => typeof r === "string") : [];
  const names = [...new Set([...required, ...extra.filter((name) => name in properties)])];
  return Object.fromEntries(names.map((name) => [name, sampleValue(properties[name], depth)]));
}

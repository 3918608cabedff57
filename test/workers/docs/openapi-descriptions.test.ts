import { describe, expect, it } from "vitest";
import app from "../../../worker/app.ts";
import { openApiDocument } from "../../../worker/docs/openapi-document.ts";

type Schema = Record<string, unknown>;
interface Parameter {
  name: string;
  in: string;
  description?: string;
  schema?: Schema;
}
interface Operation {
  summary?: string;
  parameters?: Parameter[];
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const doc = JSON.parse(JSON.stringify(openApiDocument(app, "https://switchboard.example"))) as Document;

const hasText = (node: Schema) => typeof node.description === "string" && node.description.trim().length > 0;
const component = (ref: unknown) => doc.components.schemas[String(ref).split("/").at(-1) ?? ""] ?? {};
/** A field is described by its own description, or, when it is a bare `$ref`, by the shared schema's. */
const described = (node: Schema) => hasText(node) || (typeof node.$ref === "string" && hasText(component(node.$ref)));

/** Every property of `node` (nested objects, array items, unions, maps), with whether it says what it is. */
function fields(node: unknown, where: string): { where: string; described: boolean }[] {
  if (!node || typeof node !== "object") return [];
  const schema = node as Schema;
  const out: { where: string; described: boolean }[] = [];
  for (const [name, property] of Object.entries((schema.properties ?? {}) as Record<string, Schema>)) {
    out.push({ where: `${where}.${name}`, described: described(property) }, ...fields(property, `${where}.${name}`));
  }
  if (schema.items) out.push(...fields(schema.items, `${where}[]`));
  if (typeof schema.additionalProperties === "object") out.push(...fields(schema.additionalProperties, `${where}{}`));
  for (const key of ["anyOf", "oneOf", "allOf"]) {
    for (const branch of (schema[key] ?? []) as Schema[]) out.push(...fields(branch, where));
  }
  return out;
}

function allFields(): { where: string; described: boolean }[] {
  const out = Object.entries(doc.components.schemas).flatMap(([name, schema]) => fields(schema, name));
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      const at = `${method} ${path}`;
      out.push({ where: `${at} (summary)`, described: Boolean(op.summary?.trim()) });
      for (const p of op.parameters ?? []) {
        out.push({ where: `${at} ${p.in}.${p.name}`, described: Boolean(p.description?.trim() || (p.schema && described(p.schema))) });
      }
      for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) out.push(...fields(media.schema, `${at} body(${type})`));
      for (const [status, response] of Object.entries(op.responses)) {
        for (const [type, media] of Object.entries(response.content ?? {})) out.push(...fields(media.schema, `${at} ${status}(${type})`));
      }
    }
  }
  return out;
}

describe("the OpenAPI document's descriptions", () => {
  it("gives every route a summary and every parameter and field a description", () => {
    const all = allFields();
    const missing = all.filter((f) => !f.described).map((f) => f.where);
    if (missing.length) console.log(`${missing.length} of ${all.length} fields have no description:\n${missing.join("\n")}`);
    expect(missing).toEqual([]);
  });
});

import type { MediaSpec, OperationSpec } from "./document.ts";
import { isAuthTokenField } from "./auth-check.ts";
import { deref, type Json } from "./refs.ts";
import { jsonTypeProblem, objectShape, wireTypeProblem } from "./schema-types.ts";
import type { Findings } from "./validate-parameters.ts";

/**
 * The request body in form: sent when required, in a media type the operation accepts,
 * parseable, its required top-level properties there and of the right primitive type, and
 * no top-level names the schema does not list (unless it allows extra ones). JSON and
 * url-encoded forms are read; multipart bodies only have their media type checked.
 */

function mediaType(contentType: string | undefined): string {
  return (contentType ?? "").split(";")[0]!.trim().toLowerCase();
}

const isJson = (type: string) => type === "application/json" || /\+json$/.test(type) || type.endsWith("/json");

/** The declared media type the sent one fits, by exact name, wildcard, or as one of the JSON family. */
function declaredFor(content: Record<string, MediaSpec>, sent: string, findings: Findings): MediaSpec | undefined {
  const declared = Object.keys(content).map((type) => [mediaType(type), type] as const);
  const exact = declared.find(([type]) => type === sent || type === "*/*" || (type.endsWith("/*") && sent.startsWith(type.slice(0, -1))));
  if (exact) return content[exact[1]];
  const family = declared.find(([type]) => isJson(type) && isJson(sent));
  if (family) {
    findings.notes.push(`body sent as ${sent}, the operation declares ${family[0]}`);
    return content[family[1]];
  }
  return undefined;
}

type Fields = { kind: "json"; value: unknown } | { kind: "form"; value: Record<string, string> };

function parse(type: string, text: string, findings: Findings): Fields | undefined {
  if (isJson(type)) {
    try {
      return { kind: "json", value: JSON.parse(text) };
    } catch {
      findings.problems.push("body is not valid JSON");
      return undefined;
    }
  }
  if (type === "application/x-www-form-urlencoded") {
    const fields: Record<string, string> = {};
    for (const [key, value] of new URLSearchParams(text)) fields[key] ??= value;
    return { kind: "form", value: fields };
  }
  findings.notes.push(`body of type ${type} not inspected`);
  return undefined;
}

function checkFields(operation: OperationSpec, schema: Json | undefined, fields: Fields, findings: Findings, bearer: boolean): void {
  const document = operation.document;
  if (fields.kind === "json" && (typeof fields.value !== "object" || fields.value === null || Array.isArray(fields.value))) {
    const problem = jsonTypeProblem(document, schema, fields.value);
    if (problem) findings.problems.push(`body ${problem}`);
    return;
  }
  const value = fields.value as Record<string, unknown>;
  const shape = objectShape(document, schema);
  // Form bodies name nested fields with brackets: `metadata[key]`, `items[0][price]`.
  const present = new Map<string, unknown>();
  for (const [key, item] of Object.entries(value)) {
    const base = fields.kind === "form" ? key.replace(/\[.*$/, "") : key;
    present.set(base, present.has(base) || base !== key ? undefined : item);
  }
  for (const name of new Set(shape.required)) {
    const carried = bearer && isAuthTokenField(name, deref(document, shape.properties[name]).description);
    if (!present.has(name) && !carried) findings.problems.push(`body property ${name} is required`);
  }
  for (const [name, item] of present) {
    if (!(name in shape.properties)) {
      (shape.openEnded ? findings.notes : findings.problems).push(`body property ${name} is not in the schema`);
      continue;
    }
    if (item === undefined) continue;
    const property = shape.properties[name];
    const problem = fields.kind === "json" ? jsonTypeProblem(document, property, item) : wireTypeProblem(document, property, String(item));
    if (problem) findings.problems.push(`body property ${name} ${problem}`);
  }
}

export function checkBody(operation: OperationSpec, contentType: string | undefined, text: string, findings: Findings, bearer = false): void {
  const sent = text.trim() !== "";
  if (!operation.body) {
    if (sent) findings.notes.push(`a body was sent, the operation declares none`);
    return;
  }
  if (!sent) {
    if (operation.body.required) findings.problems.push("body is required");
    return;
  }
  const type = mediaType(contentType);
  const media = declaredFor(operation.body.content, type, findings);
  if (!media) {
    findings.problems.push(`body sent as ${type || "no content-type"}, the operation accepts ${Object.keys(operation.body.content).join(", ") || "nothing"}`);
    return;
  }
  const fields = parse(type, text, findings);
  if (fields) checkFields(operation, media.schema, fields, findings, bearer);
}

import { deref, isObject, type Json, type JsonObject } from "./refs.ts";
import { securityOf, type SecurityAlternative } from "./security-schemes.ts";

/**
 * One OpenAPI description (3.0, 3.1 or Swagger 2.0) read into the few facts the simulator
 * checks requests against. Swagger 2.0's body and formData parameters become a request
 * body and its response `schema`/`examples` become `content`, so the checks see one shape.
 */

export type ParameterLocation = "path" | "query" | "header" | "cookie";

export interface ParameterSpec {
  name: string;
  in: ParameterLocation;
  required: boolean;
  schema: JsonObject;
  style?: string;
  explode?: boolean;
  description?: string;
}

export interface MediaSpec {
  schema?: JsonObject;
  example?: Json;
}

export interface BodySpec {
  required: boolean;
  /** Media type → what it carries, e.g. `application/x-www-form-urlencoded`. */
  content: Record<string, MediaSpec>;
}

export interface OperationSpec {
  method: string;
  /** The path template as the document writes it, without the server's path prefix. */
  template: string;
  operationId?: string;
  parameters: ParameterSpec[];
  body?: BodySpec;
  /** Any one alternative satisfied lets the request in; none at all means no auth. */
  security: SecurityAlternative[];
  /** Status (`200`, `2XX`, `default`) → media type → what the answer carries. */
  responses: Record<string, Record<string, MediaSpec>>;
  document: JsonObject;
}

export interface ApiDescription {
  title: string;
  /** Path prefixes of the servers (`/api/1.0`, `/v2`); `""` when a server sits at the root. */
  prefixes: string[];
  operations: OperationSpec[];
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** A server URL's path, `{variables}` replaced by their defaults. */
function serverPath(server: JsonObject): string {
  let url = typeof server.url === "string" ? server.url : "/";
  for (const [name, variable] of Object.entries(isObject(server.variables) ? server.variables : {})) {
    const fallback = isObject(variable) && typeof variable.default === "string" ? variable.default : "";
    url = url.replaceAll(`{${name}}`, fallback);
  }
  // Absolute (`https://host/v1`) and protocol-relative (`//host/v1`) URLs alike.
  const path = /^([a-z][a-z0-9+.-]*:)?\/\//i.test(url) ? new URL(url, "https://server.invalid").pathname : url;
  return path.replace(/\/+$/, "");
}

function prefixesOf(document: JsonObject, isSwagger2: boolean): string[] {
  if (isSwagger2) return [typeof document.basePath === "string" ? document.basePath.replace(/\/+$/, "") : ""];
  const servers = Array.isArray(document.servers) ? document.servers.filter(isObject) : [];
  return servers.length ? [...new Set(servers.map(serverPath))] : [""];
}

function parameterOf(document: JsonObject, raw: Json, isSwagger2: boolean): ParameterSpec | { body: JsonObject } | undefined {
  const p = deref(document, raw);
  if (typeof p.name !== "string" || typeof p.in !== "string") return undefined;
  if (p.in === "body" || p.in === "formData") return { body: p };
  if (!["path", "query", "header", "cookie"].includes(p.in)) return undefined;
  // 2.0 puts type, format, items and enum on the parameter itself.
  const schema = isSwagger2 ? deref(document, { type: p.type ?? "string", ...(p.items ? { items: p.items } : {}), ...(p.enum ? { enum: p.enum } : {}) }) : deref(document, p.schema);
  return {
    name: p.name,
    in: p.in as ParameterLocation,
    required: p.in === "path" || p.required === true,
    ...(typeof p.description === "string" ? { description: p.description } : {}),
    schema,
    ...(typeof p.style === "string" ? { style: p.style } : isSwagger2 && p.collectionFormat === "multi" ? { style: "form", explode: true } : {}),
    ...(typeof p.explode === "boolean" ? { explode: p.explode } : {}),
  };
}

/** 2.0: one `in: body` parameter, or `in: formData` parameters gathered into an object schema. */
function swagger2Body(bodyParams: JsonObject[], consumes: string[]): BodySpec | undefined {
  const body = bodyParams.find((p) => p.in === "body");
  if (body) {
    const schema = isObject(body.schema) ? body.schema : {};
    return { required: body.required === true, content: Object.fromEntries(consumes.map((type) => [type, { schema }])) };
  }
  const fields = bodyParams.filter((p) => p.in === "formData");
  if (!fields.length) return undefined;
  const properties = Object.fromEntries(fields.map((p) => [String(p.name), { type: p.type === "file" ? "string" : (p.type ?? "string") } as Json]));
  const required = fields.filter((p) => p.required === true).map((p) => String(p.name));
  const types = consumes.filter((type) => type.includes("form"));
  const schema: JsonObject = { type: "object", properties, required };
  return { required: required.length > 0, content: Object.fromEntries((types.length ? types : ["application/x-www-form-urlencoded"]).map((type) => [type, { schema }])) };
}

/** 3.x `content`: the first of `examples` stands in when there is no single `example`. */
function contentOf(document: JsonObject, raw: Json | undefined): Record<string, MediaSpec> {
  const content: Record<string, MediaSpec> = {};
  for (const [type, value] of Object.entries(isObject(raw) ? raw : {})) {
    const media = deref(document, value);
    const examples = isObject(media.examples) ? Object.values(media.examples) : [];
    const example = media.example !== undefined ? media.example : examples.length ? deref(document, examples[0]).value : undefined;
    content[type] = { ...(media.schema !== undefined ? { schema: deref(document, media.schema) } : {}), ...(example !== undefined ? { example } : {}) };
  }
  return content;
}

function openapi3Body(document: JsonObject, raw: Json | undefined): BodySpec | undefined {
  if (raw === undefined) return undefined;
  const body = deref(document, raw);
  return { required: body.required === true, content: contentOf(document, body.content) };
}

function responsesOf(document: JsonObject, raw: Json | undefined, produces: string[], isSwagger2: boolean): OperationSpec["responses"] {
  const out: OperationSpec["responses"] = {};
  for (const [status, value] of Object.entries(isObject(raw) ? raw : {})) {
    const response = deref(document, value);
    if (!isSwagger2) {
      out[status] = contentOf(document, response.content);
      continue;
    }
    const examples = isObject(response.examples) ? response.examples : {};
    out[status] =
      response.schema === undefined
        ? {}
        : Object.fromEntries(produces.map((type) => [type, { schema: deref(document, response.schema), ...(examples[type] !== undefined ? { example: examples[type] } : {}) }]));
  }
  return out;
}

function strings(value: Json | undefined): string[] | undefined {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;
}

/** Reads one document; throws only when it is not an OpenAPI or Swagger document at all. */
export function describeApi(document: JsonObject): ApiDescription {
  const isSwagger2 = document.swagger === "2.0";
  if (!isSwagger2 && typeof document.openapi !== "string") throw new Error("not an OpenAPI 3.x or Swagger 2.0 document");
  const operations: OperationSpec[] = [];
  for (const [template, rawItem] of Object.entries(isObject(document.paths) ? document.paths : {})) {
    const item = deref(document, rawItem);
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op)) continue;
      // Operation parameters override path-level ones of the same name and location.
      const byKey = new Map<string, ParameterSpec>();
      const bodyParams: JsonObject[] = [];
      for (const raw of [...shared, ...(Array.isArray(op.parameters) ? op.parameters : [])]) {
        const parameter = parameterOf(document, raw, isSwagger2);
        if (parameter && "body" in parameter) bodyParams.push(parameter.body);
        else if (parameter) byKey.set(`${parameter.in}:${parameter.name}`, parameter);
      }
      const consumes = strings(op.consumes) ?? strings(document.consumes) ?? ["application/json"];
      const produces = strings(op.produces) ?? strings(document.produces) ?? ["application/json"];
      const body = isSwagger2 ? swagger2Body(bodyParams, consumes) : openapi3Body(document, op.requestBody);
      operations.push({
        method: method.toUpperCase(),
        template,
        ...(typeof op.operationId === "string" ? { operationId: op.operationId } : {}),
        parameters: [...byKey.values()],
        ...(body ? { body } : {}),
        security: securityOf(document, op, isSwagger2),
        responses: responsesOf(document, op.responses, produces, isSwagger2),
        document,
      });
    }
  }
  const info = isObject(document.info) ? document.info : {};
  return { title: typeof info.title === "string" ? info.title : "API", prefixes: prefixesOf(document, isSwagger2), operations };
}

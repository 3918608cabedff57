import type { RefResolver } from "./refs.ts";
import {
  METHODS,
  OpenApiImportError,
  type Method,
  type OpenApiDocument,
  type OpenApiOperation,
  type OpenApiParameter,
  type OpenApiSchema,
  type SecurityRequirement,
  type SkipReason,
} from "./types.ts";

/**
 * One shape for the operations of OpenAPI 3.0, 3.1 and Swagger 2.0: parameters resolved and
 * merged with the path item's, the request body reduced to JSON, a form, or the reason it
 * cannot be sent (the executor sends JSON or form fields, never files or raw bytes).
 */

export type DocumentVersion = "swagger2" | "openapi3";

export interface RequestBody {
  encoding: "json" | "form";
  schema: OpenApiSchema;
  required: boolean;
  description?: string;
  /** Form fields whose `encoding` says `style: deepObject` (Stripe): their lists go as `name[]`. */
  deepObjectFields?: string[];
}

export interface Operation {
  method: Method;
  path: string;
  /** `"GET /users/{id}"`, how skip lists, slug fixes and important lists name an operation. */
  key: string;
  operation: OpenApiOperation;
  parameters: OpenApiParameter[];
  body?: RequestBody;
  /** Why the operation cannot become a tool, found while reading it. */
  problem?: SkipReason;
  security?: SecurityRequirement[];
  servers?: OpenApiOperation["servers"];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export function documentVersion(document: unknown): DocumentVersion {
  if (!isObject(document)) throw new OpenApiImportError("the OpenAPI document must be a JSON object");
  if (typeof document.swagger === "string" && document.swagger.startsWith("2.")) return "swagger2";
  if (typeof document.openapi === "string" && /^3\.[01]\./.test(document.openapi)) return "openapi3";
  throw new OpenApiImportError("not an OpenAPI 3.0/3.1 or Swagger 2.0 document (no `openapi: 3.x` or `swagger: 2.0` field)");
}

const JSON_MEDIA = /^application\/(?:[\w.+-]*\+)?json\b|^\*\/\*$/i;
const FORM_MEDIA = /^application\/x-www-form-urlencoded\b/i;
const MULTIPART_MEDIA = /^multipart\//i;
const BINARY_MEDIA = /^(application\/octet-stream|image\/|audio\/|video\/|application\/pdf|application\/zip)/i;

/** 3.x `requestBody.content` → the body we can send, or why not. */
type MediaType = { schema?: OpenApiSchema; encoding?: Record<string, { style?: unknown }> };

/** The fields a form media type's `encoding` marks `style: deepObject`. */
function deepObjectFields(media: MediaType | undefined): string[] {
  const encoding = isObject(media?.encoding) ? media.encoding : {};
  return Object.entries(encoding)
    .filter(([, field]) => isObject(field) && field.style === "deepObject")
    .map(([name]) => name)
    .sort();
}

function readContent(content: Record<string, MediaType>, required: boolean, description: string | undefined): RequestBody | SkipReason {
  const types = Object.keys(content);
  const json = types.find((type) => JSON_MEDIA.test(type));
  if (json) return { encoding: "json", schema: content[json]?.schema ?? {}, required, description };
  const form = types.find((type) => FORM_MEDIA.test(type));
  if (form) {
    const deep = deepObjectFields(content[form]);
    return { encoding: "form", schema: content[form]?.schema ?? {}, required, description, ...(deep.length ? { deepObjectFields: deep } : {}) };
  }
  if (types.some((type) => MULTIPART_MEDIA.test(type))) return "multipart upload";
  if (types.some((type) => BINARY_MEDIA.test(type))) return "binary body (octet-stream)";
  return types.length ? "unsupported body media type" : { encoding: "json", schema: {}, required, description };
}

/** A Swagger 2.0 non-body parameter's inline schema fields as a schema. */
function swaggerParameterSchema(parameter: OpenApiParameter): OpenApiSchema {
  const schema: OpenApiSchema = {};
  if (parameter.type) schema.type = parameter.type;
  if (parameter.items) schema.items = parameter.items;
  if (parameter.enum) schema.enum = parameter.enum;
  if (parameter.default !== undefined) schema.default = parameter.default;
  if (parameter.format) schema.format = parameter.format;
  return schema;
}

/** Swagger 2.0 `in: body` / `in: formData` parameters → the body, or why it cannot be sent. */
function swaggerBody(parameters: OpenApiParameter[], consumes: string[]): RequestBody | SkipReason | undefined {
  const body = parameters.find((p) => p.in === "body");
  if (body) {
    if (consumes.length && !consumes.some((type) => JSON_MEDIA.test(type))) {
      return consumes.some((type) => BINARY_MEDIA.test(type)) ? "binary body (octet-stream)" : "unsupported body media type";
    }
    return { encoding: "json", schema: body.schema ?? {}, required: body.required === true, description: body.description };
  }
  const fields = parameters.filter((p) => p.in === "formData");
  if (!fields.length) return undefined;
  if (fields.some((p) => p.type === "file") || (consumes.length && !consumes.some((type) => FORM_MEDIA.test(type)))) return "multipart upload";
  const properties: Record<string, OpenApiSchema> = {};
  for (const field of fields) properties[field.name!] = { ...swaggerParameterSchema(field), ...(field.description ? { description: field.description } : {}) };
  const required = fields.filter((p) => p.required).map((p) => p.name!);
  return { encoding: "form", schema: { type: "object", properties, required }, required: required.length > 0 };
}

/** Path-level parameters overridden by operation-level ones of the same name and location. */
function mergedParameters(resolver: RefResolver, pathLevel: unknown, operationLevel: unknown): OpenApiParameter[] | undefined {
  const merged = new Map<string, OpenApiParameter>();
  for (const list of [pathLevel, operationLevel]) {
    if (list === undefined) continue;
    if (!Array.isArray(list)) return undefined;
    for (const raw of list) {
      const followed = resolver.follow(raw);
      if (!followed || !isObject(followed.node)) return undefined;
      const parameter = followed.node as OpenApiParameter;
      if (typeof parameter.name !== "string" || typeof parameter.in !== "string") return undefined;
      merged.set(`${parameter.in}:${parameter.name}`, parameter);
    }
  }
  return [...merged.values()];
}

export function readOperations(document: OpenApiDocument, version: DocumentVersion, resolver: RefResolver, maxOperations: number): {
  operations: Operation[];
  unsupportedMethods: { method: string; path: string }[];
  webhooks: { method: string; path: string }[];
} {
  const paths = document.paths;
  const webhookItems = isObject(document.webhooks) ? document.webhooks : {};
  if (!isObject(paths) || (Object.keys(paths).length === 0 && Object.keys(webhookItems).length === 0)) {
    throw new OpenApiImportError("the document has no `paths`: nothing to import");
  }
  const operations: Operation[] = [];
  const unsupportedMethods: { method: string; path: string }[] = [];
  const webhooks: { method: string; path: string }[] = [];
  const documentSecurity = Array.isArray(document.security) ? (document.security as SecurityRequirement[]) : undefined;
  const documentConsumes = Array.isArray(document.consumes) ? (document.consumes as string[]) : [];
  let count = 0;

  for (const [name, item] of Object.entries(webhookItems)) {
    for (const method of Object.keys(isObject(item) ? item : {})) if (/^(get|put|post|delete|options|head|patch|trace)$/.test(method)) webhooks.push({ method: method.toUpperCase(), path: name });
  }

  for (const path of Object.keys(paths).sort()) {
    const followed = resolver.follow(paths[path]);
    if (!followed || !isObject(followed.node)) continue;
    const item = followed.node;
    for (const rawMethod of Object.keys(item).sort()) {
      const lower = rawMethod.toLowerCase();
      if (!/^(get|put|post|delete|options|head|patch|trace)$/.test(lower)) continue;
      if (++count > maxOperations) throw new OpenApiImportError(`the document has more than ${maxOperations} operations (limits.maxOperations)`);
      const operation = item[rawMethod];
      if (!isObject(operation)) continue;
      const method = lower.toUpperCase() as Method;
      if (!METHODS.includes(method)) {
        unsupportedMethods.push({ method, path });
        continue;
      }
      const op = operation as OpenApiOperation;
      for (const callbacks of Object.values(isObject(op.callbacks) ? op.callbacks : {})) {
        for (const [expression, callbackItem] of Object.entries(isObject(callbacks) ? callbacks : {})) {
          for (const callbackMethod of Object.keys(isObject(callbackItem) ? callbackItem : {})) webhooks.push({ method: callbackMethod.toUpperCase(), path: expression });
        }
      }
      const entry: Operation = { method, path, key: `${method} ${path}`, operation: op, parameters: [] };
      entry.security = Array.isArray(op.security) ? op.security : documentSecurity;
      const servers = Array.isArray(op.servers) && op.servers.length ? op.servers : Array.isArray(item.servers) && item.servers.length ? (item.servers as Operation["servers"]) : undefined;
      if (servers) entry.servers = servers;
      const parameters = mergedParameters(resolver, item.parameters, op.parameters);
      if (!parameters) {
        entry.problem = "unresolvable $ref";
        operations.push(entry);
        continue;
      }
      let body: RequestBody | SkipReason | undefined;
      if (version === "swagger2") {
        body = swaggerBody(parameters, Array.isArray(op.consumes) ? op.consumes : documentConsumes);
        entry.parameters = parameters.filter((p) => p.in !== "body" && p.in !== "formData").map((p) => (p.schema ? p : { ...p, schema: swaggerParameterSchema(p) }));
      } else {
        entry.parameters = parameters.map((p) => {
          if (p.schema || !isObject((p as Record<string, unknown>).content)) return p;
          // `content` instead of `schema`: the first media type's schema.
          const content = Object.values((p as Record<string, unknown>).content as Record<string, { schema?: OpenApiSchema }>)[0];
          return { ...p, schema: content?.schema ?? {} };
        });
        if (op.requestBody !== undefined) {
          const requestBody = resolver.follow(op.requestBody);
          if (!requestBody || !isObject(requestBody.node)) body = "unresolvable $ref";
          else {
            const node = requestBody.node as NonNullable<OpenApiOperation["requestBody"]>;
            body = readContent(isObject(node.content) ? node.content : {}, node.required === true, node.description);
          }
        }
      }
      if (typeof body === "string") entry.problem = body;
      else if (body) entry.body = body;
      operations.push(entry);
    }
  }
  return { operations, unsupportedMethods, webhooks };
}

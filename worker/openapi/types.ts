import type { AuthScheme, ToolkitInput } from "../../catalog/definition.ts";

/**
 * The shapes of OpenAPI 3.0 / 3.1 and Swagger 2.0 documents this module reads. Every field is
 * optional and checked where it is used: the input is untrusted (a project's own upload).
 */
export interface OpenApiSchema {
  $ref?: string;
  type?: string | string[];
  nullable?: boolean;
  title?: string;
  description?: string;
  properties?: Record<string, OpenApiSchema>;
  required?: string[];
  items?: OpenApiSchema;
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  oneOf?: OpenApiSchema[];
  anyOf?: OpenApiSchema[];
  allOf?: OpenApiSchema[];
  additionalProperties?: boolean | OpenApiSchema;
  readOnly?: boolean;
  /** Ours: notes gathered while collapsing combinators, appended to the description. */
  notes?: string[];
}

export interface OpenApiParameter {
  $ref?: string;
  name?: string;
  in?: string;
  description?: string;
  required?: boolean;
  deprecated?: boolean;
  schema?: OpenApiSchema;
  /** Swagger 2.0: the schema fields sit on the parameter itself, `schema` only for `in: body`. */
  type?: string;
  items?: OpenApiSchema;
  enum?: unknown[];
  default?: unknown;
  format?: string;
}

export type SecurityRequirement = Record<string, string[]>;

export interface OpenApiOperation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters?: OpenApiParameter[];
  requestBody?: { $ref?: string; required?: boolean; description?: string; content?: Record<string, { schema?: OpenApiSchema }> };
  /** Swagger 2.0 */
  consumes?: string[];
  security?: SecurityRequirement[];
  servers?: { url?: string; variables?: Record<string, { default?: unknown; enum?: unknown[] }> }[];
  callbacks?: unknown;
}

export type OpenApiDocument = Record<string, unknown>;

/** HTTP methods a tool can use; others (HEAD, OPTIONS, TRACE) are skipped. */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export const METHODS: readonly Method[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];

export type Location = "path" | "query" | "header" | "body";

/** The portable JSON Schema subset every tool input is written in. */
export interface JsonSchema {
  type: "object" | "array" | "string" | "integer" | "number" | "boolean";
  description?: string;
  enum?: string[];
  format?: string;
  default?: string | number | boolean;
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: false;
}

export interface Limits {
  /** Operations (method + path pairs) in the document, before filtering. */
  maxOperations: number;
  /** Hops of a `$ref` pointing at another `$ref`. */
  maxRefDepth: number;
  /** Nesting of combinators and properties while reading one schema. */
  maxSchemaDepth: number;
  /** Schema nodes read for one operation; past it, references are no longer followed. */
  maxSchemaNodes: number;
}

export const DEFAULT_LIMITS: Limits = { maxOperations: 5000, maxRefDepth: 32, maxSchemaDepth: 64, maxSchemaNodes: 20000 };

export interface GenerateOptions {
  /** lower_snake_case toolkit slug; tool slugs start with its upper-case form. */
  slug: string;
  name?: string;
  description?: string;
  categories?: string[];
  logo?: string;
  /** Replaces the base URL read from `servers` / `host`. */
  baseUrl?: string;
  /** Replaces the auth schemes read from `securitySchemes`. */
  authSchemes?: AuthScheme[];
  /**
   * Prepended to every path, e.g. `/{cloud_id}` when the base URL the gateway uses is a
   * proxy in front of the document's server (Atlassian's api.atlassian.com/ex/jira/{cloud_id}).
   */
  pathPrefix?: string;
  /** Descriptions of the placeholders in `pathPrefix`: each becomes a required path argument. */
  pathPrefixParameters?: Record<string, string>;
  /** Operations to leave out: `"<METHOD> <path>"` or an operationId. */
  skip?: string[];
  /** Regular expressions (sources): only operations whose path matches one are taken. */
  includePaths?: string[];
  /** Regular expressions (sources): operations whose path matches one are left out. */
  excludePaths?: string[];
  /** Parameters to drop wherever they appear (e.g. Google's `alt`, `prettyPrint`, `quotaUser`). */
  ignoreParameters?: string[];
  /** Slug fixes: `"<METHOD> <path>"` or operationId → the tool slug to use. */
  slugs?: Record<string, string>;
  /** When given, exactly these operations (`"<METHOD> <path>"` or operationId) are important. */
  important?: string[];
  /** Share of the toolkit the importance rule may mark (default 0.15). 0 marks none. */
  importantShare?: number;
  /** Slugs already taken (a curated toolkit's), never handed out. */
  reservedSlugs?: string[];
  /** The most scopes the OAuth2 scheme asks for by default (default 10). */
  maxDefaultScopes?: number;
  version?: string;
  limits?: Partial<Limits>;
}

export interface SkippedOperation {
  method: string;
  path: string;
  reason: SkipReason;
}

export type SkipReason =
  | "deprecated"
  | "unsupported HTTP method"
  | "excluded by source"
  | "multipart upload"
  | "binary body (octet-stream)"
  | "unsupported body media type"
  | "unsupported path"
  | "unmappable path placeholder"
  | "unresolvable $ref"
  | "rejected by catalog checks"
  | "webhook or callback";

export interface GenerateReport {
  imported: number;
  important: number;
  skipped: Partial<Record<SkipReason, number>>;
  skippedOperations: SkippedOperation[];
  /** Things that did not stop the import but need a look (e.g. no usable auth scheme). */
  warnings: string[];
}

export interface GenerateResult {
  toolkit: ToolkitInput;
  report: GenerateReport;
}

export class OpenApiImportError extends Error {
  override readonly name = "OpenApiImportError";
}

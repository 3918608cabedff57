import type { Operation } from "./normalize.ts";
import { argumentName } from "./naming.ts";
import { paginationNote, paginationRole, paginationSentence, type PaginationRole } from "./pagination.ts";
import { convert, inline, kindOf, collapse, objectProperties, type SchemaContext } from "./schema.ts";
import { cleanDescription, truncate } from "./text.ts";
import type { JsonSchema, Location, Method, OpenApiSchema, SkipReason } from "./types.ts";

/**
 * One operation → one tool's input schema and HTTP mapping. Path, query and header
 * parameters and the top-level fields of an object body are flattened into one input
 * object; each argument's location is recorded in `http.args`, and its wire name in
 * `http.wireNames` when the argument name must differ (characters a provider rejects, or the
 * same name in two locations). A body that is not an object is one argument, `rawBodyArg`.
 */

export const MAX_TOOL_DESCRIPTION = 400;
const TOOL_SENTENCES = 2;

/** Headers the executor sets itself: a tool never asks for them. */
const TRANSPORT_HEADERS = new Set(["accept", "content-type", "content-length", "authorization", "user-agent", "host", "accept-encoding"]);

export interface BuiltTool {
  description: string;
  inputSchema: JsonSchema & { type: "object"; properties: Record<string, JsonSchema>; required: string[] };
  tags: string[];
  scopes: string[];
  http: {
    method: Method;
    path: string;
    args: Record<string, Location>;
    rawBodyArg?: string;
    bodyEncoding?: "json" | "form";
    baseUrl?: string;
    wireNames?: Record<string, string>;
  };
}

export interface BuildContext {
  schema: SchemaContext;
  /** `in:name` (lower-case) of parameters to leave out: credentials and ignored ones. */
  dropParameters: Set<string>;
  /** Parameter names dropped wherever they appear. */
  ignoreNames: Set<string>;
  /** The operation's security takes a token (OAuth2, http bearer, OpenID Connect): a `token` parameter that is the auth token is that. */
  tokenSecured: boolean;
  /** Objects nested deeper become free-form (lowered for tools whose schema would be too big). */
  maxObjectDepth: number;
}

/** An object schema that allows no properties at all. */
function isEmptyObject(schema: OpenApiSchema): boolean {
  return kindOf(schema) === "object" && Object.keys(schema.properties ?? {}).length === 0 && (schema.additionalProperties === undefined || schema.additionalProperties === false);
}

export function hintTags(method: Method): string[] {
  const tags: string[] = [];
  if (method === "GET") tags.push("readOnlyHint");
  if (method === "DELETE") tags.push("destructiveHint");
  if (method === "GET" || method === "PUT" || method === "DELETE") tags.push("idempotentHint");
  tags.push("openWorldHint");
  return tags;
}

const AUTH_TOKEN_NAMES = new Set(["token", "access_token"]);
// "Authentication token" (Slack); not "an access token to pre-authenticate a shared link" or "the token to revoke", which are data.
const AUTH_TOKEN_DESCRIPTION = /^\W*(an? |the |your )?auth(entication|orization)? token\b/i;

/**
 * A header or query parameter that is the operation's credentials: the executor adds those
 * from the connected account, so a tool asking the model for them would leak or misplace
 * them. An apiKey scheme's parameter, `Authorization`, and under token security a `token` /
 * `access_token` described as the auth token (Slack's Web API declares one on every method,
 * as a header, query or form field).
 */
function carriesCredentials(location: string, wire: string, description: string | undefined, ctx: BuildContext): boolean {
  const name = wire.toLowerCase();
  if (ctx.dropParameters.has(`${location}:${name}`) || name === "authorization") return true;
  return ctx.tokenSecured && isAuthToken(wire, description);
}

function isAuthToken(wire: string, description: string | undefined): boolean {
  return AUTH_TOKEN_NAMES.has(wire.toLowerCase()) && AUTH_TOKEN_DESCRIPTION.test(description ?? "");
}

export function buildTool(op: Operation, ctx: BuildContext): BuiltTool | SkipReason {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const args: Record<string, Location> = {};
  const wireNames: Record<string, string> = {};
  const pagination = new Map<PaginationRole, string>();
  const placeholderArgs = new Map<string, string>();
  let rawBodyArg: string | undefined;
  let notes: string[] = [];
  // A parameter or body whose schema is a reference we cannot resolve would be guessed at.
  const unresolvable = (schema: unknown) => typeof schema === "object" && schema !== null && "$ref" in schema && ctx.schema.resolver.follow(schema) === undefined;
  if (op.parameters.some((p) => unresolvable(p.schema)) || (op.body && unresolvable(op.body.schema))) return "unresolvable $ref";

  const claim = (wire: string, location: Location): string => {
    const base = argumentName(wire);
    let name = base;
    if (name in properties) name = argumentName(`${location}_${base}`);
    for (let n = 2; name in properties; n++) name = `${argumentName(`${location}_${base}`).slice(0, 60)}_${n}`;
    if (name !== wire) wireNames[name] = wire;
    return name;
  };

  const placeholders = new Set([...op.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]!));
  if (/\{[^}]*\{|\}[^{]*\}|\{\}/.test(op.path)) return "unsupported path";

  for (const parameter of op.parameters) {
    const wire = parameter.name!;
    const location = parameter.in as string;
    if (location !== "path" && location !== "query" && location !== "header") continue; // cookies cannot be sent
    if (parameter.deprecated && !parameter.required) continue;
    if (location === "path" && !placeholders.has(wire)) continue; // declared but not in the template
    if (location !== "path" && (carriesCredentials(location, wire, parameter.description, ctx) || ctx.ignoreNames.has(wire))) continue;
    if (location === "header" && TRANSPORT_HEADERS.has(wire.toLowerCase())) continue;
    const schema = inline(parameter.schema ?? {}, ctx.schema);
    const role = location === "query" ? paginationRole(wire, schema, parameter.description) : undefined;
    const name = claim(wire, location);
    properties[name] = convert(schema, 1, { description: parameter.description, notes: role ? [paginationNote(role)] : [], maxObjectDepth: ctx.maxObjectDepth });
    args[name] = location;
    if (role && !pagination.has(role)) pagination.set(role, name);
    if (location === "path") {
      // The executor fills `{name}` from the argument of that name: the template uses argument names.
      placeholderArgs.set(wire, name);
      delete wireNames[name];
    }
    if (parameter.required === true || location === "path") required.push(name);
  }

  for (const wire of placeholders) if (!placeholderArgs.has(wire)) return "unmappable path placeholder";

  if (op.body) {
    const schema = inline(op.body.schema, ctx.schema);
    const flat = objectProperties(schema);
    if (flat) {
      const deep = new Set(op.body.encoding === "form" ? (op.body.deepObjectFields ?? []) : []);
      for (const [wire, property] of flat.properties) {
        // Slack's Web API repeats the token among the form fields too.
        if (ctx.tokenSecured && isAuthToken(wire, property.description)) continue;
        const converted = convert(property, 1, { maxObjectDepth: ctx.maxObjectDepth });
        // A deepObject-styled list of plain values is read as `expand[]=a&expand[]=b` (Stripe
        // ignores a bare repeated `expand=`): the executor repeats a list's key as it is
        // named on the wire, so the brackets go in the wire name. Lists of objects are
        // bracketed with indexes by the executor already.
        const bracketed = deep.has(wire) && converted.type === "array" && converted.items?.type !== "object" && converted.items?.type !== "array";
        const name = claim(bracketed ? `${wire}[]` : wire, "body");
        properties[name] = converted;
        args[name] = "body";
        if (flat.required.has(wire)) required.push(name);
      }
      notes = [...flat.notes];
    } else if (isEmptyObject(collapse(schema))) {
      // `{ type: object, properties: {} }` (Stripe declares one on reads): nothing to send.
    } else {
      if (op.body.encoding === "form") return "unsupported body media type"; // form fields need names
      const collapsed = collapse(schema);
      const bodySchema = kindOf(collapsed) === undefined ? { ...collapsed, type: "object" } : collapsed;
      const name = claim("body", "body");
      delete wireNames[name];
      properties[name] = convert(bodySchema, 1, { description: op.body.description ?? collapsed.description ?? "The request body.", maxObjectDepth: ctx.maxObjectDepth });
      args[name] = "body";
      rawBodyArg = name;
      if (op.body.required) required.push(name);
    }
  }

  const path = op.path.replace(/\{([^}]*)\}/g, (_, wire: string) => `{${placeholderArgs.get(wire)}}`);
  const tags = hintTags(op.method);
  const firstTag = op.operation.tags?.find((tag) => typeof tag === "string" && tag.trim());
  if (firstTag) tags.push(truncate(firstTag.trim().toLowerCase(), 60));
  const pageSentence = paginationSentence(pagination);
  if (pageSentence) tags.push("paginated");

  const tail = [...notes, ...(pageSentence ? [pageSentence] : [])].join(" ");
  const room = MAX_TOOL_DESCRIPTION - (tail ? tail.length + 1 : 0);
  let main = cleanDescription(op.operation.description, Math.max(room, 80), TOOL_SENTENCES) || cleanDescription(op.operation.summary, Math.max(room, 80), TOOL_SENTENCES);
  if (main && tail && !/[.!?…]$/.test(main)) main += ".";
  const description = truncate([main, tail].filter(Boolean).join(" "), MAX_TOOL_DESCRIPTION);

  const http: BuiltTool["http"] = { method: op.method, path, args };
  if (rawBodyArg) http.rawBodyArg = rawBodyArg;
  // Form fields (Stripe, Twilio): the executor encodes the body arguments as the API reads them.
  if (op.body?.encoding === "form" && Object.values(args).includes("body")) http.bodyEncoding = "form";
  if (Object.keys(wireNames).length) http.wireNames = Object.fromEntries(Object.entries(wireNames).sort(([a], [b]) => (a < b ? -1 : 1)));
  return {
    description,
    inputSchema: { type: "object", properties, required: [...new Set(required)], additionalProperties: false },
    tags,
    scopes: [],
    http,
  };
}

import { z } from "zod";
import { ToolkitVocabulary } from "./vocabulary.ts";

/**
 * The catalog's definition format: toolkits and their tools, declared as data and
 * validated in CI. Hand-curated toolkits are TypeScript modules exporting a
 * `ToolkitDefinition`; generated ones (GitHub) are JSON files of the same shape.
 */

/** The hint tags of MCP tool annotations; tools may carry other, free-form tags too. */
export const HINT_TAGS = ["readOnlyHint", "destructiveHint", "idempotentHint", "openWorldHint"] as const;

const slug = z.string().regex(/^[a-z][a-z0-9_]*$/, "toolkit slugs are lower_snake_case");
// OpenAI, Anthropic and Gemini all accept ^[a-zA-Z0-9_-]{1,64}$; upper snake case keeps Composio's style.
const toolSlug = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, "tool slugs are UPPER_SNAKE_CASE, at most 64 characters");
const url = z.string().url();

export const OAuth2Scheme = z
  .object({
    type: z.literal("OAUTH2"),
    authorizeUrl: url,
    tokenUrl: url,
    /** Where the provider lets a client revoke a token (RFC 7009), if it does. */
    revokeUrl: url.optional(),
    defaultScopes: z.array(z.string()),
    scopeSeparator: z.enum([" ", ","]).default(" "),
    pkce: z.boolean(),
    tokenEndpointAuthMethod: z.enum(["client_secret_basic", "client_secret_post"]),
    /** Extra query parameters for the authorize URL (e.g. Google's `access_type=offline`). */
    authorizeParams: z.record(z.string(), z.string()).default({}),
  })
  .strict();

/**
 * A credential sent together with the API key, for APIs that want several at once (Trello's
 * `key` and `token`, Plaid's client id and secret): the account stores it under `field`.
 */
export const AdditionalCredential = z
  .object({
    in: z.enum(["header", "query"]),
    /** Header or query parameter name on the wire, e.g. `PLAID-CLIENT-ID` or `token`. */
    name: z.string().min(1),
    /** Key in the connection's `state.val` and in the stored credentials, e.g. `client_id`. */
    field: z.string().regex(/^[a-z][a-z0-9_]*$/, "credential fields are lower_snake_case"),
    displayName: z.string().min(1),
    description: z.string().optional(),
    /** A non-secret constant the API requires (Plaid's `Plaid-Version`): sent when the account stores none. */
    default: z.string().optional(),
  })
  .strict();

export const ApiKeyScheme = z
  .object({
    type: z.literal("API_KEY"),
    in: z.enum(["header", "query"]),
    /** Header or query parameter name, e.g. `X-Api-Key` or `api_key`. */
    name: z.string().min(1),
    /** Prepended to the key in a header, e.g. `Token ` or `Bearer `. */
    prefix: z.string().default(""),
    /** Credentials every request carries besides the key (the spec's security requirement ANDs them). */
    additionalFields: z.array(AdditionalCredential).optional(),
  })
  .strict();

export const AuthScheme = z.discriminatedUnion("type", [
  OAuth2Scheme,
  ApiKeyScheme,
  z.object({ type: z.literal("BEARER_TOKEN") }).strict(),
  z.object({ type: z.literal("BASIC") }).strict(),
  z.object({ type: z.literal("NO_AUTH") }).strict(),
]);

/** Where each input argument goes in the upstream request. */
export const ArgumentLocation = z.enum(["path", "query", "header", "body"]);

export const HttpMapping = z
  .object({
    method: z.enum(["GET", "POST", "PUT", "PATCH", "DELETE"]),
    /** Path template relative to the base URL, with `{arg}` placeholders, e.g. `/repos/{owner}/{repo}/issues`. */
    path: z.string().startsWith("/"),
    /** Arguments not listed here go in the body (POST/PUT/PATCH) or the query (GET/DELETE). */
    args: z.record(z.string(), ArgumentLocation).default({}),
    /** When set, this argument's value is sent as the whole JSON body instead of an object of body arguments. */
    rawBodyArg: z.string().optional(),
    /** How body arguments go on the wire: JSON (the default) or `application/x-www-form-urlencoded` (Stripe, Twilio, Slack's Web API). */
    bodyEncoding: z.enum(["json", "form"]).optional(),
    /** Overrides the toolkit's base URL for this tool (some APIs span hosts). */
    baseUrl: url.optional(),
    /** Rename arguments on the wire, e.g. `{ "per_page": "per-page" }`. */
    wireNames: z.record(z.string(), z.string()).default({}),
    /**
     * For GraphQL APIs (Linear): the body is `{ query, variables }`, with the body
     * arguments as the variables. The method is then POST and `path` the endpoint.
     */
    graphqlQuery: z.string().optional(),
  })
  .strict();

/** A JSON Schema object schema (draft 2020-12); deeper checks live in the catalog tests. */
export const ObjectSchema = z.looseObject({ type: z.literal("object"), properties: z.record(z.string(), z.unknown()).optional() });

export const ToolDefinition = z
  .object({
    slug: toolSlug,
    name: z.string().min(1),
    description: z.string().min(1).max(1024),
    inputSchema: ObjectSchema,
    outputSchema: ObjectSchema.optional(),
    tags: z.array(z.string()).default([]),
    version: z.string().regex(/^\d{8}_\d{2}$/, "versions look like YYYYMMDD_NN"),
    scopes: z.array(z.string()).default([]),
    http: HttpMapping,
  })
  .strict();

export const ToolkitDefinition = z
  .object({
    slug,
    name: z.string().min(1),
    description: z.string().min(1),
    categories: z.array(z.string()).min(1),
    logo: url,
    baseUrl: url,
    authSchemes: z.array(AuthScheme).min(1),
    tools: z.array(ToolDefinition).min(1),
    /** Other slugs a tool answers to (e.g. the ones the Composio docs use): alias → tool slug. */
    aliases: z.record(toolSlug, toolSlug).default({}),
    /**
     * Slugs tools had before a rename: old → new. They keep answering, as aliases do, so a caller
     * that pinned one still works; but they are not names of the tool, so search never reads them
     * (GOOGLEKEEP_GET would tie the tool to every request that says "get").
     */
    formerSlugs: z.record(toolSlug, toolSlug).default({}),
    /** How people talk about the toolkit, for search (catalog/vocabulary/<slug>.json, merged in by the build). */
    vocabulary: ToolkitVocabulary.prefault({}),
  })
  .strict();

export type AuthScheme = z.infer<typeof AuthScheme>;
export type AdditionalCredential = z.infer<typeof AdditionalCredential>;
export type HttpMapping = z.infer<typeof HttpMapping>;
export type ToolDefinition = z.infer<typeof ToolDefinition>;
export type ToolkitDefinition = z.infer<typeof ToolkitDefinition>;
/** What a hand-written toolkit module exports: defaults may be omitted. */
export type ToolkitInput = z.input<typeof ToolkitDefinition>;

/** The other slugs a toolkit's tools answer to, its aliases and former slugs, as [other slug, tool slug]. */
export function otherSlugs(toolkit: Pick<ToolkitInput, "aliases" | "formerSlugs">): [string, string][] {
  return [...Object.entries(toolkit.aliases ?? {}), ...Object.entries(toolkit.formerSlugs ?? {})];
}

/**
 * Whether an HTTP path addresses one item: it ends in a placeholder, or in one with a format
 * suffix (Salesloft's `/v2/notes/{id}.json`).
 */
export function addressesOneItem(path: string): boolean {
  return /\}(?:\.[A-Za-z0-9]+)?$/.test(path);
}

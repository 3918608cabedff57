import { z } from "@hono/zod-openapi";
import type { AuthScheme } from "../../catalog/definition.ts";
import { hasManagedApp } from "../../core/oauth/oauth-app.ts";

/**
 * What a toolkit tells clients about authenticating to it (Composio's `auth_config_details`
 * and `composio_managed_auth`), derived from the catalog's auth schemes. The field names are
 * the ones this gateway reads back: `credentials` of POST /auth_configs
 * (worker/auth-configs/credentials.ts) and `connection.state.val` of POST /connected_accounts
 * (core/connect/key-credentials.ts), so a form built from them just works.
 */

export const AuthFieldSchema = z
  .object({
    name: z.string().openapi({ description: "Key to send the value under.", example: "client_id" }),
    displayName: z.string().openapi({ description: "Label to show next to the input." }),
    description: z.string().openapi({ description: "What the value is and where to find it." }),
    type: z.string().openapi({ description: "Value type; always `string` here." }),
    required: z.boolean().openapi({ description: "Whether the request fails without it." }),
    default: z.string().nullable().openapi({ description: "Value used when the field is left out, or null." }),
    is_secret: z.boolean().openapi({ description: "Whether to mask the input: the value is a credential, stored encrypted and never returned." }),
  })
  .openapi("ToolkitAuthField");

const FieldGroupSchema = z.object({
  required: z.array(AuthFieldSchema).openapi({ description: "Fields that must be sent." }),
  optional: z.array(AuthFieldSchema).openapi({ description: "Fields that may be sent." }),
});

export const AuthConfigDetailSchema = z
  .object({
    mode: z.string().openapi({ description: "The auth scheme: `OAUTH2`, `API_KEY`, `BEARER_TOKEN`, `BASIC` or `NO_AUTH`.", example: "OAUTH2" }),
    name: z.string().openapi({ description: "Display name of the scheme." }),
    auth_hint_url: z.string().nullable().openapi({ description: "Where users get credentials for this scheme; null when the catalog does not know." }),
    fields: z
      .object({
        auth_config_creation: FieldGroupSchema.openapi({ description: "`credentials` of POST /api/v3.1/auth_configs (type `use_custom_auth`)." }),
        connected_account_initiation: FieldGroupSchema.openapi({
          description: "`connection.state.val` of POST /api/v3.1/connected_accounts. Empty for OAuth 2.0: those accounts are connected through a Connect Link.",
        }),
      })
      .openapi({ description: "Form fields for each step of connecting with this scheme." }),
    proxy: z.object({ base_url: z.string().openapi({ description: "Base URL that tool calls and proxied requests go to." }) }).openapi({ description: "Where requests with this scheme are sent." }),
  })
  .openapi("ToolkitAuthConfigDetail");

export const ManagedAuthSchema = z
  .object({
    mode: z.string().openapi({ description: "The auth scheme the operator's app serves; always `OAUTH2` on this gateway.", example: "OAUTH2" }),
    scopes: z
      .object({ available: z.array(z.string()).openapi({ description: "Scopes requested by default." }) })
      .openapi({ description: "OAuth scopes of the operator's app for this toolkit." }),
  })
  .openapi("ToolkitManagedAuth");

type AuthField = z.infer<typeof AuthFieldSchema>;
type AuthConfigDetail = z.infer<typeof AuthConfigDetailSchema>;

const field = (name: string, displayName: string, description: string, options: { required: boolean; secret?: boolean; default?: string }): AuthField => ({
  name,
  displayName,
  description,
  type: "string",
  required: options.required,
  default: options.default ?? null,
  is_secret: options.secret ?? false,
});

const split = (fields: AuthField[]) => ({ required: fields.filter((f) => f.required), optional: fields.filter((f) => !f.required) });

const SCHEME_NAMES: Record<AuthScheme["type"], string> = {
  OAUTH2: "OAuth 2.0",
  API_KEY: "API key",
  BEARER_TOKEN: "Bearer token",
  BASIC: "Username and password",
  NO_AUTH: "No authentication",
};

function creationFields(scheme: AuthScheme, baseUrl: string): AuthField[] {
  if (scheme.type === "NO_AUTH") return [];
  const baseUrlField = field("base_url", "Base URL", "Send this toolkit's requests to another host, e.g. a self-hosted or enterprise instance.", { required: false, default: baseUrl });
  if (scheme.type !== "OAUTH2") return [baseUrlField];
  return [
    field("client_id", "Client ID", "Client ID of your OAuth app.", { required: true }),
    field("client_secret", "Client secret", "Client secret of your OAuth app.", { required: true, secret: true }),
    field("scopes", "Scopes", "Scopes to request, separated by spaces or commas; the default is used when left out.", {
      required: false,
      default: scheme.defaultScopes.join(scheme.scopeSeparator),
    }),
    field("authorization_url", "Authorization URL", "The provider's authorization endpoint, if not the usual one.", { required: false, default: scheme.authorizeUrl }),
    field("token_url", "Token URL", "The provider's token endpoint, if not the usual one.", { required: false, default: scheme.tokenUrl }),
    baseUrlField,
  ];
}

const where = (location: "header" | "query") => (location === "header" ? "header" : "query parameter");

function initiationFields(scheme: AuthScheme): AuthField[] {
  switch (scheme.type) {
    case "API_KEY":
      return [
        field("generic_api_key", "API key", `The key, sent in the ${scheme.name} ${where(scheme.in)}.`, { required: true, secret: true }),
        // Sent with the key on every request; a constant with a default (an API version) is no secret.
        ...(scheme.additionalFields ?? []).map((part) =>
          field(part.field, part.displayName, `${part.description ? `${part.description} ` : ""}Sent in the ${part.name} ${where(part.in)}.`, {
            required: part.default === undefined,
            secret: part.default === undefined,
            ...(part.default !== undefined ? { default: part.default } : {}),
          }),
        ),
      ];
    case "BEARER_TOKEN":
      return [field("token", "Bearer token", "The access token, sent as `Authorization: Bearer …`.", { required: true, secret: true })];
    case "BASIC":
      return [
        field("username", "Username", "The username (or whatever the API takes in its place, such as an e-mail address).", { required: true }),
        field("password", "Password", "The password or API token; empty when the API takes none.", { required: false, secret: true, default: "" }),
      ];
    default:
      return [];
  }
}

export function authConfigDetails(toolkit: { authSchemes: readonly AuthScheme[]; baseUrl: string }): AuthConfigDetail[] {
  return toolkit.authSchemes.map((scheme) => ({
    mode: scheme.type,
    name: SCHEME_NAMES[scheme.type],
    auth_hint_url: null,
    fields: { auth_config_creation: split(creationFields(scheme, toolkit.baseUrl)), connected_account_initiation: split(initiationFields(scheme)) },
    proxy: { base_url: toolkit.baseUrl },
  }));
}

/**
 * The schemes `use_composio_managed_auth` works for: OAuth 2.0, where the operator put an app
 * for the toolkit in DEFAULT_OAUTH_APPS (the same check POST /auth_configs makes).
 */
export function managedAuthSchemes(env: Env, toolkit: { slug: string; authSchemes: readonly AuthScheme[] }): AuthScheme["type"][] {
  return toolkit.authSchemes.some((scheme) => scheme.type === "OAUTH2") && hasManagedApp(env, toolkit.slug) ? ["OAUTH2"] : [];
}

export function managedAuth(toolkit: { authSchemes: readonly AuthScheme[] }, managed: readonly string[]): z.infer<typeof ManagedAuthSchema>[] {
  return toolkit.authSchemes.flatMap((scheme) =>
    scheme.type === "OAUTH2" && managed.includes(scheme.type) ? [{ mode: scheme.type, scopes: { available: [...scheme.defaultScopes] } }] : [],
  );
}

import { createRoute, z } from "@hono/zod-openapi";
import { requireApiKey } from "../auth/require-api-key.ts";
import { findToolkit } from "../catalog/registry.ts";
import { KeyRing } from "../crypto/keyring.ts";
import { database } from "../db/client.ts";
import type { AuthConfigRow } from "../db/schema.ts";
import { ApiError } from "../http/errors.ts";
import { idPattern } from "../ids.ts";
import { createRouter } from "../http/openapi-app.ts";
import { commonErrors, jsonBody, jsonResponse, notFound, projectKeySecurity } from "../http/schemas.ts";
import { createAuthConfig, getAuthConfig } from "../repositories/auth-configs.ts";

const AUTH_SCHEMES = ["OAUTH2", "API_KEY", "BEARER_TOKEN", "BASIC", "NO_AUTH"] as const;

const Credentials = z
  .object({
    client_id: z.string().max(500).optional(),
    client_secret: z.string().max(2000).optional(),
    scopes: z.union([z.string(), z.array(z.string())]).optional(),
    base_url: z.url({ protocol: /^https?$/ }).optional().openapi({ description: "Overrides the toolkit's API base URL (GitHub Enterprise, tests)." }),
    authorization_url: z.url({ protocol: /^https?$/ }).optional(),
    token_url: z.url({ protocol: /^https?$/ }).optional(),
  })
  .catchall(z.unknown());

const CreateBody = z
  .object({
    toolkit: z.object({ slug: z.string().min(1).max(100) }),
    auth_config: z
      .object({
        type: z.enum(["use_custom_auth", "use_composio_managed_auth"]),
        authScheme: z.enum(AUTH_SCHEMES).optional(),
        name: z.string().max(200).optional(),
        credentials: Credentials.optional(),
        is_enabled_for_tool_router: z.boolean().optional(),
        restrict_to_following_tools: z.array(z.string()).optional(),
        tool_access_config: z.unknown().optional(),
        shared_credentials: z.unknown().optional(),
        proxy_config: z.unknown().optional(),
      })
      .optional(),
  })
  .openapi("CreateAuthConfig");

const AuthConfigSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    toolkit: z.object({ slug: z.string(), logo: z.string() }),
    auth_scheme: z.string(),
    status: z.enum(["ENABLED", "DISABLED"]),
    is_composio_managed: z.boolean(),
    base_url: z.string().nullable(),
    scopes: z.array(z.string()),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("AuthConfig");

const CreatedSchema = z
  .object({
    auth_config: z.object({ id: z.string(), auth_scheme: z.string(), is_composio_managed: z.boolean() }),
    toolkit: z.object({ slug: z.string() }),
  })
  .openapi("CreatedAuthConfig");

export function authConfigAad(row: Pick<AuthConfigRow, "id" | "projectId">): string {
  return `auth_configs:${row.projectId}:${row.id}`;
}

function view(row: AuthConfigRow): z.infer<typeof AuthConfigSchema> {
  return {
    id: row.id,
    name: row.name,
    toolkit: { slug: row.toolkitSlug, logo: findToolkit(row.toolkitSlug)?.logo ?? "" },
    auth_scheme: row.authScheme,
    status: row.status,
    is_composio_managed: false,
    base_url: row.baseUrlOverride,
    scopes: row.scopes,
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const tags = ["Auth configs"];

const app = createRouter();
app.use("*", requireApiKey);

app.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    security: projectKeySecurity,
    summary: "Create an auth config",
    description: "How this project authenticates to a toolkit. Client secrets are encrypted at rest and never returned.",
    request: { body: jsonBody(CreateBody) },
    responses: { 201: jsonResponse(CreatedSchema, "The new auth config."), ...commonErrors },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const toolkit = findToolkit(body.toolkit.slug);
    if (!toolkit) throw new ApiError(400, "toolkit_not_found", `No toolkit has the slug ${body.toolkit.slug}.`);
    const requested = body.auth_config?.authScheme ?? toolkit.authSchemes[0]?.type ?? "NO_AUTH";
    if (!toolkit.authSchemes.some((scheme) => scheme.type === requested)) {
      throw new ApiError(400, "auth_scheme_not_supported", `${toolkit.name} does not support ${requested}; it supports ${toolkit.authSchemes.map((s) => s.type).join(", ")}.`);
    }
    const { base_url, authorization_url, token_url, scopes, ...secrets } = body.auth_config?.credentials ?? {};
    const keyRing = KeyRing.fromEnv(c.env);
    const projectId = c.get("caller").projectId;
    const row = await createAuthConfig(database(c.env), projectId, {
      toolkitSlug: toolkit.slug,
      name: body.auth_config?.name ?? `${toolkit.name} ${requested}`,
      authScheme: requested,
      credentialsEnc: Object.keys(secrets).length > 0 ? (id) => keyRing.encrypt(JSON.stringify(secrets), authConfigAad({ id, projectId })) : undefined,
      scopes: typeof scopes === "string" ? scopes.split(/[ ,]+/).filter(Boolean) : (scopes ?? []),
      baseUrlOverride: base_url ?? null,
      oauthOverrides: { ...(authorization_url ? { authorize_url: authorization_url } : {}), ...(token_url ? { token_url } : {}) },
    });
    return c.json({ auth_config: { id: row.id, auth_scheme: row.authScheme, is_composio_managed: false }, toolkit: { slug: toolkit.slug } }, 201);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    security: projectKeySecurity,
    summary: "Get an auth config",
    request: { params: z.object({ id: z.string().regex(idPattern("ac"), "must be an auth config id (ac_…)").openapi({ param: { in: "path", name: "id" } }) }) },
    responses: { 200: jsonResponse(AuthConfigSchema, "The auth config, without secrets."), ...commonErrors, ...notFound },
  }),
  async (c) => c.json(view(await getAuthConfig(database(c.env), c.get("caller").projectId, c.req.valid("param").id)), 200),
);

export default app;

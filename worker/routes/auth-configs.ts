import { createRoute, z } from "@hono/zod-openapi";
import { Credentials, CredentialChanges, credentialChanges, oauthOverridesOf, parseScopes, secretsOf } from "../auth-configs/credentials.ts";
import { findToolkit } from "../../core/catalog/registry.ts";
import { authConfigAad } from "../../core/crypto/aad.ts";
import { KeyRing } from "../../core/crypto/keyring.ts";
import { database } from "../../core/db/client.ts";
import { AuthConfigSchema, authConfigView } from "../http/auth-config-views.ts";
import { ApiError } from "../../core/http/errors.ts";
import { idPattern } from "../../core/ids.ts";
import { createRouter } from "../http/openapi-app.ts";
import { countedPageOf, decodeCursor, toPage } from "../../core/http/pagination.ts";
import { commaList, queryBoolean } from "../http/query.ts";
import { commonErrors, jsonBody, jsonResponse, notFound, projectKeySecurity } from "../http/schemas.ts";
import { hasManagedApp } from "../../core/oauth/oauth-app.ts";
import {
  countAuthConfigs,
  createAuthConfig,
  deleteAuthConfig,
  getAuthConfig,
  listAuthConfigs,
  updateAuthConfig,
  type AuthConfigChanges,
} from "../../core/repositories/auth-configs.ts";
import { authConfigsChanged } from "../../core/sessions/account-events.ts";
import { countActiveByAuthConfig, countConnectedAccounts } from "../../core/repositories/connected-accounts.ts";

const AUTH_SCHEMES = ["OAUTH2", "API_KEY", "BEARER_TOKEN", "BASIC", "NO_AUTH"] as const;

// Fields the SDK sends that Switchboard accepts and does not act on (yet).
const sdkExtras = {
  is_enabled_for_tool_router: z.boolean().optional().openapi({ description: "Composio's switch for use in sessions. Accepted and ignored: every auth config can be used in sessions." }),
  restrict_to_following_tools: z.array(z.string()).optional().openapi({ description: "Composio's tool allow-list. Accepted and ignored: restrict tools per session with `tools` instead." }),
  tool_access_config: z.unknown().optional().openapi({ description: "Composio's tool access settings. Accepted and ignored." }),
  shared_credentials: z.unknown().optional().openapi({ description: "Composio's credentials shared by every account. Accepted and ignored." }),
  proxy_config: z.unknown().optional().openapi({ description: "Composio's proxy settings. Accepted and ignored." }),
};

const CreateBody = z
  .object({
    toolkit: z
      .object({ slug: z.string().min(1).max(100).openapi({ description: "The toolkit's slug (e.g. `github`), from the catalog or the project's imported toolkits.", example: "github" }) })
      .openapi({ description: "The toolkit the config authenticates to." }),
    auth_config: z
      .object({
        type: z.enum(["use_custom_auth", "use_composio_managed_auth"]).openapi({
          description:
            "`use_custom_auth`: the project's own OAuth app or a key-based scheme. `use_composio_managed_auth`: the operator's default OAuth app (OAUTH2, only where DEFAULT_OAUTH_APPS has one for the toolkit; no credentials but `scopes`).",
        }),
        authScheme: z
          .enum(AUTH_SCHEMES)
          .optional()
          .openapi({ description: "The scheme, one the toolkit supports (see its `auth_schemes`). Defaults to the toolkit's first; always `OAUTH2` for `use_composio_managed_auth`." }),
        name: z.string().max(200).optional().openapi({ description: "A label (at most 200 characters). Defaults to `<Toolkit> <SCHEME>`, or `<Toolkit> (operator default)`." }),
        credentials: Credentials.optional().openapi({
          description:
            "The scheme's settings and secrets: for OAUTH2 `client_id`, `client_secret`, `scopes` and endpoint overrides; `base_url` for any scheme. Any other field is stored as a secret. Secrets are encrypted at rest and never returned.",
        }),
        ...sdkExtras,
      })
      .optional()
      .openapi({ description: "How to authenticate. Omitted: `use_custom_auth` with the toolkit's first scheme and no credentials." }),
  })
  .openapi("CreateAuthConfig");

const UpdateBody = z
  .object({
    type: z.enum(["custom", "default"]).optional().openapi({ description: "`custom` for the project's own app or key scheme, `default` for an operator-default config." }),
    name: z.string().min(1).max(200).optional().openapi({ description: "A new label (1–200 characters)." }),
    credentials: CredentialChanges.optional().openapi({ description: "`custom` only. Secrets given replace the stored ones (re-encrypted); `null` removes one." }),
    scopes: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .openapi({ description: "`default` only; `custom` configs take `credentials.scopes`. Replaces the scopes to request: a space- or comma-separated string, or an array." }),
    user_scopes: z.unknown().optional().openapi({ description: "Accepted for compatibility; not used." }),
    ...sdkExtras,
  })
  .openapi("UpdateAuthConfig");

const CreatedSchema = z
  .object({
    auth_config: z
      .object({
        id: z.string().openapi({ description: "The new config's id (`ac_…`): pass it to Connect Links, connected accounts and sessions' `auth_configs`." }),
        auth_scheme: z.string().openapi({ description: "The scheme it uses: `OAUTH2`, `API_KEY`, `BEARER_TOKEN`, `BASIC` or `NO_AUTH`." }),
        is_composio_managed: z.boolean().openapi({ description: "Whether it uses the operator's default OAuth app (`use_composio_managed_auth`)." }),
      })
      .openapi({ description: "The auth config created." }),
    toolkit: z.object({ slug: z.string().openapi({ description: "The toolkit's slug, lower-case." }) }).openapi({ description: "The toolkit it authenticates to." }),
  })
  .openapi("CreatedAuthConfig");

const ListQuery = z.object({
  toolkit_slug: commaList.optional().openapi({ type: "string", description: "Comma-separated toolkit slugs." }),
  is_composio_managed: queryBoolean
    .optional()
    .openapi({ type: "string", enum: ["true", "false"], description: "`true`: only operator-default configs; `false`: only the project's own. Omitted: both." }),
  show_disabled: queryBoolean.optional().openapi({ type: "string", enum: ["true", "false"], description: "Include DISABLED configs (left out by default)." }),
  search: z.string().max(200).optional().openapi({ description: "Case-insensitive part of the name or id." }),
  limit: z.coerce.number().int().min(1).max(1000).default(20).openapi({ description: "Auth configs per page, 1–1000. Defaults to 20." }),
  cursor: z.string().max(200).optional().openapi({ description: "`next_cursor` from the previous page, unchanged; omit for the first page." }),
});

const PageSchema = countedPageOf(AuthConfigSchema, "AuthConfigPage");

export { authConfigAad } from "../../core/crypto/aad.ts";

const tags = ["Auth configs"];
const IdParam = z.object({
  id: z
    .string()
    .regex(idPattern("ac"), "must be an auth config id (ac_…)")
    .openapi({ param: { in: "path", name: "id" }, description: "The auth config's id (`ac_…`).", example: "ac_Jw2kL0aP9cV7xN1mQ8sT5B" }),
});

const app = createRouter();

app.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    security: projectKeySecurity,
    summary: "Create an auth config",
    description:
      "How this project authenticates to a toolkit: its own OAuth app or a key-based scheme (`use_custom_auth`), or the operator's default OAuth app (`use_composio_managed_auth`, only where DEFAULT_OAUTH_APPS has one for the toolkit). Client secrets are encrypted at rest and never returned.",
    request: { body: jsonBody(CreateBody) },
    responses: { 201: jsonResponse(CreatedSchema, "The new auth config."), ...commonErrors },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const toolkit = findToolkit(body.toolkit.slug);
    if (!toolkit) throw new ApiError(400, "toolkit_not_found", `No toolkit has the slug ${body.toolkit.slug}.`);
    const managed = body.auth_config?.type === "use_composio_managed_auth";
    const requested = managed ? "OAUTH2" : (body.auth_config?.authScheme ?? toolkit.authSchemes[0]?.type ?? "NO_AUTH");
    const credentials = body.auth_config?.credentials ?? {};
    const secrets = secretsOf(credentials);
    if (managed && (!toolkit.authSchemes.some((s) => s.type === "OAUTH2") || !hasManagedApp(c.env, toolkit.slug))) {
      throw new ApiError(400, "managed_auth_unavailable", `This gateway's operator offers no default OAuth app for ${toolkit.name}.`, {
        suggestedFix: `Create the auth config with your own app: { type: "use_custom_auth", authScheme: "${toolkit.authSchemes[0]?.type ?? "OAUTH2"}", credentials: { client_id, client_secret } }, or ask the operator to add ${toolkit.slug} to DEFAULT_OAUTH_APPS.`,
      });
    }
    if (managed && Object.keys(secrets).length > 0) {
      throw new ApiError(400, "managed_auth_credentials", "An operator-default auth config takes no credentials of its own, only `scopes`.", {
        suggestedFix: 'To use your own OAuth client, send type "use_custom_auth" with authScheme "OAUTH2".',
      });
    }
    if (!toolkit.authSchemes.some((scheme) => scheme.type === requested)) {
      throw new ApiError(400, "auth_scheme_not_supported", `${toolkit.name} does not support ${requested}; it supports ${toolkit.authSchemes.map((s) => s.type).join(", ")}.`);
    }
    const keyRing = KeyRing.fromEnv(c.env);
    const projectId = c.get("caller").projectId;
    const row = await createAuthConfig(database(c.env), projectId, {
      toolkitSlug: toolkit.slug,
      name: body.auth_config?.name ?? (managed ? `${toolkit.name} (operator default)` : `${toolkit.name} ${requested}`),
      authScheme: requested,
      isManaged: managed,
      credentialsEnc: Object.keys(secrets).length > 0 ? (id) => keyRing.encrypt(JSON.stringify(secrets), authConfigAad({ id, projectId })) : undefined,
      scopes: credentials.scopes === undefined ? [] : parseScopes(credentials.scopes),
      baseUrlOverride: managed ? null : (credentials.base_url ?? null),
      oauthOverrides: managed ? {} : oauthOverridesOf(credentials),
    });
    // Sessions hold the project's no-auth configs (their base URL); other new configs have no accounts yet.
    if (row.authScheme === "NO_AUTH") await authConfigsChanged(c.env, projectId);
    return c.json({ auth_config: { id: row.id, auth_scheme: row.authScheme, is_composio_managed: row.isManaged }, toolkit: { slug: toolkit.slug } }, 201);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    security: projectKeySecurity,
    summary: "List auth configs",
    description: "The project's auth configs, newest first (the first is the one new connections use by default). DISABLED ones only with `show_disabled=true`.",
    request: { query: ListQuery },
    responses: { 200: jsonResponse(PageSchema, "A page of auth configs, without secrets."), ...commonErrors },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const db = database(c.env);
    const projectId = c.get("caller").projectId;
    const after = decodeCursor(q.cursor);
    const filters = { toolkitSlugs: q.toolkit_slug?.map((s) => s.toLowerCase()), isManaged: q.is_composio_managed, search: q.search, includeDisabled: q.show_disabled };
    const [rows, counts] = await Promise.all([listAuthConfigs(db, projectId, filters, { limit: q.limit, after }), countAuthConfigs(db, projectId, filters, after)]);
    const page = toPage(rows, q.limit);
    const connections = await countActiveByAuthConfig(db, projectId, page.items.map((row) => row.id));
    return c.json(
      {
        items: page.items.map((row) => authConfigView(row, connections.get(row.id) ?? 0)),
        next_cursor: page.nextCursor,
        total_items: counts.total,
        total_pages: Math.max(1, Math.ceil(counts.total / q.limit)),
        current_page: Math.floor(counts.before / q.limit) + 1,
      },
      200,
    );
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    tags,
    security: projectKeySecurity,
    summary: "Get an auth config",
    request: { params: IdParam },
    responses: { 200: jsonResponse(AuthConfigSchema, "The auth config, without secrets."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const db = database(c.env);
    const projectId = c.get("caller").projectId;
    const row = await getAuthConfig(db, projectId, c.req.valid("param").id);
    const connections = await countActiveByAuthConfig(db, projectId, [row.id]);
    return c.json(authConfigView(row, connections.get(row.id) ?? 0), 200);
  },
);

app.openapi(
  createRoute({
    method: "patch",
    path: "/{id}",
    tags,
    security: projectKeySecurity,
    summary: "Update an auth config",
    description:
      "Changes only what is sent: the name, scopes, and for `custom` configs the credentials — a new `client_secret` replaces the stored one, re-encrypted; `base_url` and the OAuth endpoints can be set or cleared with `null`. Existing connected accounts keep working with the new settings.",
    request: { params: IdParam, body: jsonBody(UpdateBody) },
    responses: { 200: jsonResponse(AuthConfigSchema, "The updated auth config, without secrets."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const db = database(c.env);
    const projectId = c.get("caller").projectId;
    const row = await getAuthConfig(db, projectId, c.req.valid("param").id);
    const kind = row.isManaged ? "default" : "custom";
    if (body.type !== undefined && body.type !== kind) {
      throw new ApiError(400, "auth_config_type_mismatch", `Auth config ${row.id} is a ${kind} config, not ${body.type}.`, { suggestedFix: `Send type "${kind}".` });
    }
    if (row.isManaged && body.credentials !== undefined) {
      throw new ApiError(400, "managed_auth_credentials", "An operator-default auth config takes no credentials of its own, only `scopes`.", {
        suggestedFix: 'Create a "use_custom_auth" config to use your own OAuth client.',
      });
    }
    const changes: AuthConfigChanges = {
      ...(body.name === undefined ? {} : { name: body.name }),
      ...(body.scopes === undefined ? {} : { scopes: parseScopes(body.scopes) }),
      ...(body.credentials === undefined ? {} : await credentialChanges(KeyRing.fromEnv(c.env), row, body.credentials)),
    };
    const updated = await updateAuthConfig(db, projectId, row.id, changes);
    await authConfigsChanged(c.env, projectId);
    const connections = await countActiveByAuthConfig(db, projectId, [row.id]);
    return c.json(authConfigView(updated, connections.get(row.id) ?? 0), 200);
  },
);

app.openapi(
  createRoute({
    method: "patch",
    path: "/{id}/{status}",
    tags,
    security: projectKeySecurity,
    summary: "Enable or disable an auth config",
    description:
      "A DISABLED config can start no new connections (Connect Links, key-based accounts) and its accounts run no tools until it is ENABLED again. Its accounts and their credentials are kept.",
    request: {
      params: IdParam.extend({
        status: z.enum(["ENABLED", "DISABLED"]).openapi({ param: { in: "path", name: "status" }, description: "The new status: `ENABLED` or `DISABLED` (upper case)." }),
      }),
    },
    responses: { 200: jsonResponse(AuthConfigSchema, "The auth config with its new status."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const { id, status } = c.req.valid("param");
    const db = database(c.env);
    const projectId = c.get("caller").projectId;
    const updated = await updateAuthConfig(db, projectId, id, { status });
    await authConfigsChanged(c.env, projectId);
    const connections = await countActiveByAuthConfig(db, projectId, [id]);
    return c.json(authConfigView(updated, connections.get(id) ?? 0), 200);
  },
);

app.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    security: projectKeySecurity,
    summary: "Delete an auth config",
    description:
      "Deletes the config **and every connected account made through it** (with their stored credentials and pending Connect Links), at once and for good. Tokens are not revoked at the provider: revoke accounts first (POST /api/v3.1/connected_accounts/{id}/revoke) where that matters. `revoke_on_delete=true` is refused rather than ignored.",
    request: {
      params: IdParam,
      query: z.object({ revoke_on_delete: z.enum(["true", "false"]).optional().openapi({ description: "Only `false` is supported." }) }),
    },
    responses: {
      200: jsonResponse(z
          .object({
            success: z.boolean().openapi({ description: "Always true." }),
            deleted_connected_accounts: z.number().int().openapi({ description: "How many connected accounts were deleted with the config." }),
          })
          .openapi("DeletedAuthConfig"), "Deleted."),
      ...commonErrors,
      ...notFound,
    },
  }),
  async (c) => {
    const { id } = c.req.valid("param");
    if (c.req.valid("query").revoke_on_delete === "true") {
      throw new ApiError(400, "revoke_on_delete_unsupported", "Deleting an auth config does not revoke its accounts' tokens at the provider.", {
        suggestedFix: "Revoke each account first with POST /api/v3.1/connected_accounts/{id}/revoke, then delete the auth config.",
      });
    }
    const db = database(c.env);
    const projectId = c.get("caller").projectId;
    await getAuthConfig(db, projectId, id);
    const accounts = await countConnectedAccounts(db, projectId, { authConfigIds: [id] });
    await deleteAuthConfig(db, projectId, id);
    await authConfigsChanged(c.env, projectId);
    return c.json({ success: true, deleted_connected_accounts: accounts }, 200);
  },
);

export default app;

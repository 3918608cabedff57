import { createRoute, z } from "@hono/zod-openapi";
import { findToolkit } from "../catalog/registry.ts";
import { KeyRing } from "../crypto/keyring.ts";
import { database, type Database } from "../db/client.ts";
import { CONNECTED_ACCOUNT_STATUSES, type AuthConfigRow, type ConnectedAccountRow } from "../db/schema.ts";
import { createConnectLink, linkTtlMs, publicUrl } from "../connect/create-link.ts";
import { ConnectionState, credentialsFromState, toolkitScheme } from "../connect/key-credentials.ts";
import { refreshAccount } from "../connect/refresh-account.ts";
import { revokeAccount, revokeStoredTokens } from "../connect/revoke-account.ts";
import { accountAad } from "../executor/resolve-account.ts";
import { AccountSchema, accountView } from "../http/account-views.ts";
import { ApiError } from "../http/errors.ts";
import { createRouter } from "../http/openapi-app.ts";
import { decodeCursor, toPage } from "../http/pagination.ts";
import { commaList } from "../http/query.ts";
import { commonErrors, conflict, ErrorSchema, jsonBody, jsonResponse, notFound, projectKeySecurity } from "../http/schemas.ts";
import { idPattern } from "../ids.ts";
import { getAuthConfig, getAuthConfigsByIds } from "../repositories/auth-configs.ts";
import { accountsChanged } from "../sessions/account-events.ts";
import {
  aliasInUse,
  countConnectedAccounts,
  createConnectedAccount,
  deleteConnectedAccount,
  getConnectedAccount,
  listConnectedAccounts,
  updateConnectedAccount,
} from "../repositories/connected-accounts.ts";

const CreateBody = z
  .object({
    auth_config: z.object({ id: z.string().regex(idPattern("ac"), "must be an auth config id (ac_…)") }),
    connection: z.object({
      user_id: z.string().min(1).max(256),
      alias: z.string().max(100).optional(),
      state: ConnectionState.optional(),
      data: z.record(z.string(), z.unknown()).optional(),
      callback_url: z.string().optional(),
      redirect_uri: z.string().optional(),
    }),
    validate_credentials: z.boolean().optional(),
  })
  .openapi("CreateConnectedAccount");

const CreatedSchema = z
  .object({
    id: z.string(),
    status: z.enum(CONNECTED_ACCOUNT_STATUSES),
    redirect_url: z.string().nullable(),
    redirect_uri: z.string().nullable(),
    connectionData: z.object({ authScheme: z.string(), val: z.object({ status: z.string() }) }),
  })
  .openapi("CreatedConnectedAccount");

const ListQuery = z.object({
  user_ids: commaList.optional().openapi({ type: "string" }),
  toolkit_slugs: commaList.optional().openapi({ type: "string" }),
  auth_config_ids: commaList.optional().openapi({ type: "string" }),
  statuses: commaList.pipe(z.array(z.enum(CONNECTED_ACCOUNT_STATUSES))).optional().openapi({ type: "string" }),
  aliases: commaList.optional().openapi({ type: "string", description: "Comma-separated aliases (a Switchboard addition)." }),
  order_by: z.enum(["created_at", "updated_at"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(20),
  cursor: z.string().max(200).optional(),
});

const LinkBody = z
  .object({
    auth_config_id: z.string().regex(idPattern("ac"), "must be an auth config id (ac_…)"),
    user_id: z.string().min(1).max(256),
    callback_url: z.string().max(2000).optional().openapi({ description: "http(s) URL the user returns to, with `status` and `connected_account_id`." }),
    alias: z.string().max(100).optional(),
    connection_data: z.record(z.string(), z.unknown()).optional(),
  })
  .openapi("CreateConnectLink");

const LinkSchema = z
  .object({ link_token: z.string(), redirect_url: z.string(), connected_account_id: z.string(), expires_at: z.string() })
  .openapi("ConnectLink");

const tags = ["Connected accounts"];
const IdParam = z.object({ id: z.string().regex(idPattern("ca"), "must be a connected account id (ca_…)").openapi({ param: { in: "path", name: "id" } }) });

/** New connections go only through enabled auth configs. */
function ensureEnabled(authConfig: AuthConfigRow): void {
  if (authConfig.status !== "ENABLED") {
    throw new ApiError(400, "auth_config_disabled", `Auth config ${authConfig.id} is disabled.`, {
      suggestedFix: `Enable it (PATCH /api/v3.1/auth_configs/${authConfig.id}/ENABLED), or use another auth config.`,
    });
  }
}

/** An alias names one of a user's accounts for a toolkit, so it must be unique there. */
async function ensureAliasFree(db: Database, account: Pick<ConnectedAccountRow, "projectId" | "userId" | "toolkitSlug">, alias: string | null, exceptId?: string) {
  if (alias && (await aliasInUse(db, account.projectId, account.userId, account.toolkitSlug, alias, exceptId))) {
    throw new ApiError(409, "alias_taken", `User ${JSON.stringify(account.userId)} already has a ${account.toolkitSlug} account called ${JSON.stringify(alias)}.`, {
      suggestedFix: "Choose another alias, or rename or revoke the other account first.",
    });
  }
}

const upstreamFailure = { 502: { description: "The provider did not refresh the token.", content: { "application/json": { schema: ErrorSchema } } } } as const;

const app = createRouter();

app.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    security: projectKeySecurity,
    summary: "Connect an account with a key, token or password",
    description: "For API-key, bearer, basic and no-auth schemes. Credentials are encrypted at rest and never returned.",
    request: { body: jsonBody(CreateBody) },
    responses: { 201: jsonResponse(CreatedSchema, "The new, ACTIVE account."), ...commonErrors, ...notFound, ...conflict },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const db = database(c.env);
    const projectId = c.get("caller").projectId;
    const authConfig = await getAuthConfig(db, projectId, body.auth_config.id);
    ensureEnabled(authConfig);
    const credentials = credentialsFromState(authConfig.authScheme, body.connection.state, toolkitScheme(findToolkit(authConfig.toolkitSlug), authConfig.authScheme));
    const alias = body.connection.alias || null;
    await ensureAliasFree(db, { projectId, userId: body.connection.user_id, toolkitSlug: authConfig.toolkitSlug }, alias);
    const keyRing = KeyRing.fromEnv(c.env);
    const row = await createConnectedAccount(db, projectId, {
      userId: body.connection.user_id,
      toolkitSlug: authConfig.toolkitSlug,
      authConfigId: authConfig.id,
      status: "ACTIVE",
      alias,
      credentialsEnc: (id) => keyRing.encrypt(JSON.stringify(credentials), accountAad({ id, projectId })),
    });
    await accountsChanged(c.env, projectId, row.userId);
    return c.json(
      { id: row.id, status: row.status, redirect_url: null, redirect_uri: null, connectionData: { authScheme: authConfig.authScheme, val: { status: row.status } } },
      201,
    );
  },
);

app.openapi(
  createRoute({
    method: "post",
    path: "/link",
    tags,
    security: projectKeySecurity,
    summary: "Create a Connect Link",
    description: "An INITIATED account and a link to the gateway's Connect page, valid ten minutes, once. Send the user to `redirect_url`.",
    request: { body: jsonBody(LinkBody) },
    responses: { 201: jsonResponse(LinkSchema, "The link."), ...commonErrors, ...notFound, ...conflict },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const db = database(c.env);
    const projectId = c.get("caller").projectId;
    if (body.alias) {
      const authConfig = await getAuthConfig(db, projectId, body.auth_config_id);
      await ensureAliasFree(db, { projectId, userId: body.user_id, toolkitSlug: authConfig.toolkitSlug }, body.alias);
    }
    const link = await createConnectLink(db, projectId, publicUrl(c.env, c.req.url), {
      authConfigId: body.auth_config_id,
      userId: body.user_id,
      ttlMs: linkTtlMs(c.env),
      ...(body.callback_url === undefined ? {} : { callbackUrl: body.callback_url }),
      ...(body.alias ? { alias: body.alias } : {}),
    });
    // The new account waits as INITIATED: sessions waiting on the user's connections should see it.
    await accountsChanged(c.env, projectId, body.user_id);
    return c.json(link, 201);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    security: projectKeySecurity,
    summary: "List connected accounts",
    request: { query: ListQuery },
    responses: {
      200: jsonResponse(
        z.object({
          items: z.array(AccountSchema),
          next_cursor: z.string().nullable(),
          total_items: z.number().int(),
          total_pages: z.number().int(),
        }),
        "A page of accounts, oldest first. A user may have several per toolkit, told apart by `alias`.",
      ),
      ...commonErrors,
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const db = database(c.env);
    const projectId = c.get("caller").projectId;
    const filters = { userIds: q.user_ids, toolkitSlugs: q.toolkit_slugs, authConfigIds: q.auth_config_ids, statuses: q.statuses, aliases: q.aliases };
    const [rows, total] = await Promise.all([
      listConnectedAccounts(db, projectId, filters, { limit: q.limit, after: decodeCursor(q.cursor) }),
      countConnectedAccounts(db, projectId, filters),
    ]);
    const page = toPage(rows, q.limit);
    const authConfigs = await getAuthConfigsByIds(db, projectId, page.items.map((row) => row.authConfigId));
    return c.json(
      {
        items: page.items.map((row) => accountView(row, authConfigs.get(row.authConfigId))),
        next_cursor: page.nextCursor,
        total_items: total,
        total_pages: Math.max(1, Math.ceil(total / q.limit)),
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
    summary: "Get a connected account",
    request: { params: IdParam },
    responses: { 200: jsonResponse(AccountSchema, "The account, without credentials."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const db = database(c.env);
    const projectId = c.get("caller").projectId;
    const row = await getConnectedAccount(db, projectId, c.req.valid("param").id);
    return c.json(accountView(row, await getAuthConfig(db, projectId, row.authConfigId)), 200);
  },
);

const StatusBody = z
  .object({
    enabled: z.boolean(),
    reason: z.string().max(500).optional().openapi({ description: "Kept as the account's `status_reason` when disabling." }),
  })
  .openapi("UpdateConnectedAccountStatus");

const PatchBody = z
  .object({
    alias: z.string().max(100).optional().openapi({ description: "An empty string clears the alias." }),
    connection: z.unknown().optional().openapi({ description: "Not supported yet: connect a new account to change credentials." }),
    experimental: z.unknown().optional(),
  })
  .openapi("UpdateConnectedAccount");

const RevokedSchema = z
  .object({
    revoked_tokens: z.array(z.enum(["refresh_token", "access_token"])).openapi({ description: "Tokens the provider confirmed revoked." }),
    connected_account: AccountSchema,
    provider_revocation: z.object({
      supported: z.boolean().openapi({ description: "Whether the provider offers token revocation (RFC 7009)." }),
      failed: z.array(z.object({ token_type: z.enum(["refresh_token", "access_token"]), error: z.string() })),
    }),
  })
  .openapi("RevokedConnectedAccount");

async function accountWithConfig(db: Database, projectId: string, id: string): Promise<{ account: ConnectedAccountRow; authConfig: AuthConfigRow }> {
  const account = await getConnectedAccount(db, projectId, id);
  return { account, authConfig: await getAuthConfig(db, projectId, account.authConfigId) };
}

app.openapi(
  createRoute({
    method: "delete",
    path: "/{id}",
    tags,
    security: projectKeySecurity,
    summary: "Delete a connected account",
    description:
      "Deletes the account and its stored credentials for good. Its tokens stay valid at the provider unless `revoke_on_delete=true`, which first revokes them there (best effort, as POST …/revoke does).",
    request: { params: IdParam, query: z.object({ revoke_on_delete: z.enum(["true", "false"]).optional() }) },
    responses: {
      200: jsonResponse(
        z.object({ success: z.boolean(), revoked_tokens: z.array(z.string()).optional() }).openapi("DeletedConnectedAccount"),
        "Deleted.",
      ),
      ...commonErrors,
      ...notFound,
    },
  }),
  async (c) => {
    const db = database(c.env);
    const projectId = c.get("caller").projectId;
    const { account, authConfig } = await accountWithConfig(db, projectId, c.req.valid("param").id);
    const revocation = c.req.valid("query").revoke_on_delete === "true" ? await revokeStoredTokens(c.env, account, authConfig) : undefined;
    await deleteConnectedAccount(db, projectId, account.id);
    await accountsChanged(c.env, projectId, account.userId);
    return c.json({ success: true, ...(revocation ? { revoked_tokens: revocation.revoked } : {}) }, 200);
  },
);

app.openapi(
  createRoute({
    method: "patch",
    path: "/{id}/status",
    tags,
    security: projectKeySecurity,
    summary: "Enable or disable a connected account",
    description:
      "Disabling turns an ACTIVE account INACTIVE: it runs no tools and is passed over when an account is picked, but keeps its credentials. Enabling turns it ACTIVE again. Accounts in any other state need reconnecting instead.",
    request: { params: IdParam, body: jsonBody(StatusBody) },
    responses: {
      200: jsonResponse(z.object({ success: z.boolean(), connected_account: AccountSchema }).openapi("ConnectedAccountStatusChanged"), "The account's new state."),
      ...commonErrors,
      ...notFound,
    },
  }),
  async (c) => {
    const { enabled, reason } = c.req.valid("json");
    const db = database(c.env);
    const projectId = c.get("caller").projectId;
    const { account, authConfig } = await accountWithConfig(db, projectId, c.req.valid("param").id);
    const [from, to] = enabled ? (["INACTIVE", "ACTIVE"] as const) : (["ACTIVE", "INACTIVE"] as const);
    if (account.status !== from && account.status !== to) {
      throw new ApiError(400, "invalid_status_transition", `Connected account ${account.id} is ${account.status}; only ${from} accounts can be ${enabled ? "enabled" : "disabled"}.`, {
        suggestedFix: "Send the user a new Connect Link (POST /api/v3.1/connected_accounts/link) to connect it again.",
      });
    }
    if (account.status === from) {
      await updateConnectedAccount(db, projectId, account.id, { status: to, statusReason: enabled ? null : (reason ?? "disabled through the API") });
      await accountsChanged(c.env, projectId, account.userId);
    }
    return c.json({ success: true, connected_account: accountView(await getConnectedAccount(db, projectId, account.id), authConfig) }, 200);
  },
);

app.openapi(
  createRoute({
    method: "patch",
    path: "/{id}",
    tags,
    security: projectKeySecurity,
    summary: "Update a connected account",
    description: "Sets or clears (`\"\"`) the account's alias, unique among the user's accounts for the toolkit.",
    request: { params: IdParam, body: jsonBody(PatchBody) },
    responses: {
      200: jsonResponse(z.object({ id: z.string(), status: z.string(), success: z.boolean(), connected_account: AccountSchema }).openapi("UpdatedConnectedAccount"), "Updated."),
      ...commonErrors,
      ...notFound,
      ...conflict,
    },
  }),
  async (c) => {
    const body = c.req.valid("json");
    if (body.connection !== undefined) {
      throw new ApiError(400, "credential_update_not_supported", "Changing a connected account's credentials is not supported.", {
        suggestedFix: "Connect a new account with the new credentials, then delete or revoke this one.",
      });
    }
    const db = database(c.env);
    const projectId = c.get("caller").projectId;
    const { account, authConfig } = await accountWithConfig(db, projectId, c.req.valid("param").id);
    if (body.alias !== undefined) {
      const alias = body.alias || null;
      await ensureAliasFree(db, account, alias, account.id);
      await updateConnectedAccount(db, projectId, account.id, { alias });
      await accountsChanged(c.env, projectId, account.userId);
    }
    const row = await getConnectedAccount(db, projectId, account.id);
    return c.json({ id: row.id, status: row.status, success: true, connected_account: accountView(row, authConfig) }, 200);
  },
);

app.openapi(
  createRoute({
    method: "post",
    path: "/{id}/refresh",
    tags,
    security: projectKeySecurity,
    summary: "Refresh a connected account's OAuth token",
    description:
      "Forces a token refresh now, through the same single-flight path tool calls use. The account stays ACTIVE (it is never sent back to INITIATED). Key-based accounts have nothing to refresh (400 not_refreshable); an account the provider refuses to refresh becomes EXPIRED and needs a new Connect Link.",
    request: { params: IdParam, query: z.object({ redirect_url: z.string().max(2000).optional().openapi({ description: "Accepted for compatibility; unused." }) }) },
    responses: {
      200: jsonResponse(
        z.object({ id: z.string(), status: z.enum(CONNECTED_ACCOUNT_STATUSES), redirect_url: z.string().nullable() }).openapi("RefreshedConnectedAccount"),
        "Refreshed; still ACTIVE.",
      ),
      ...commonErrors,
      ...notFound,
      ...upstreamFailure,
    },
  }),
  async (c) => {
    const db = database(c.env);
    const projectId = c.get("caller").projectId;
    const { account, authConfig } = await accountWithConfig(db, projectId, c.req.valid("param").id);
    await refreshAccount(c.env, account, authConfig);
    const row = await getConnectedAccount(db, projectId, account.id);
    return c.json({ id: row.id, status: row.status, redirect_url: null }, 200);
  },
);

app.openapi(
  createRoute({
    method: "post",
    path: "/{id}/revoke",
    tags,
    security: projectKeySecurity,
    summary: "Revoke a connected account",
    description:
      "Revokes the account's tokens at the provider where it offers revocation (RFC 7009), then marks it REVOKED and drops its stored credentials. A provider failure is reported in `provider_revocation` but does not stop the local revocation. Revoking twice is harmless.",
    request: { params: IdParam },
    responses: { 200: jsonResponse(RevokedSchema, "Revoked."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const db = database(c.env);
    const projectId = c.get("caller").projectId;
    const { account, authConfig } = await accountWithConfig(db, projectId, c.req.valid("param").id);
    const revocation = await revokeAccount(c.env, db, account, authConfig);
    const row = await getConnectedAccount(db, projectId, account.id);
    return c.json(
      {
        revoked_tokens: revocation.revoked,
        connected_account: accountView(row, authConfig),
        provider_revocation: { supported: revocation.supported, failed: revocation.failed },
      },
      200,
    );
  },
);

export default app;

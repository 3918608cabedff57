import { createRoute, z } from "@hono/zod-openapi";
import { findToolkit } from "../../core/catalog/registry.ts";
import { KeyRing } from "../../core/crypto/keyring.ts";
import { database, type Database } from "../../core/db/client.ts";
import { CONNECTED_ACCOUNT_STATUSES, type AuthConfigRow, type ConnectedAccountRow } from "../../core/db/schema.ts";
import { createConnectLink, linkTtlMs, publicUrl } from "../../core/connect/create-link.ts";
import { ConnectionState, credentialsFromState, toolkitScheme } from "../../core/connect/key-credentials.ts";
import { refreshAccount } from "../connect/refresh-account.ts";
import { revokeAccount, revokeStoredTokens } from "../connect/revoke-account.ts";
import { accountAad } from "../../core/executor/resolve-account.ts";
import { AccountSchema, accountView } from "../http/account-views.ts";
import { ApiError } from "../../core/http/errors.ts";
import { createRouter } from "../http/openapi-app.ts";
import { decodeCursor, toPage } from "../../core/http/pagination.ts";
import { commaList } from "../http/query.ts";
import { commonErrors, conflict, ErrorSchema, jsonBody, jsonResponse, notFound, projectKeySecurity } from "../http/schemas.ts";
import { idPattern } from "../../core/ids.ts";
import { getAuthConfig, getAuthConfigsByIds } from "../../core/repositories/auth-configs.ts";
import { accountsChanged } from "../../core/sessions/account-events.ts";
import {
  aliasInUse,
  countConnectedAccounts,
  createConnectedAccount,
  deleteConnectedAccount,
  getConnectedAccount,
  listConnectedAccounts,
  updateConnectedAccount,
} from "../../core/repositories/connected-accounts.ts";

const CreateBody = z
  .object({
    auth_config: z
      .object({ id: z.string().regex(idPattern("ac"), "must be an auth config id (ac_…)").openapi({ description: "The auth config's id (`ac_…`); it must be ENABLED." }) })
      .openapi({ description: "The auth config to connect through; its scheme decides which credentials `connection.state` carries." }),
    connection: z
      .object({
        user_id: z.string().min(1).max(256).openapi({ description: "Your id for the end user (1–256 characters) who will own the account.", example: "user_42" }),
        alias: z.string().max(100).optional().openapi({ description: "A name for the account (at most 100 characters), unique among the user's accounts for the toolkit (409 otherwise). Empty: none." }),
        state: ConnectionState.optional().openapi({ description: "The credentials, as Composio's `{ authScheme, val }`. Omitted: no credentials (only enough for NO_AUTH)." }),
        data: z.record(z.string(), z.unknown()).optional().openapi({ description: "Composio's connection data. Accepted and ignored: credentials go in `state`." }),
        callback_url: z.string().optional().openapi({ description: "Accepted and ignored: key-based accounts are ACTIVE at once, with no redirect. Use a Connect Link for OAuth." }),
        redirect_uri: z.string().optional().openapi({ description: "Older name of `callback_url`; accepted and ignored." }),
      })
      .openapi({ description: "Whose account it is and its credentials." }),
    validate_credentials: z.boolean().optional().openapi({ description: "Composio's check of the credentials against the provider. Accepted and ignored: they are stored as given." }),
  })
  .openapi("CreateConnectedAccount");

const CreatedSchema = z
  .object({
    id: z.string().openapi({ description: "The new account's id (`ca_…`)." }),
    status: z.enum(CONNECTED_ACCOUNT_STATUSES).openapi({ description: "Always `ACTIVE`: key-based accounts are usable at once." }),
    redirect_url: z.string().nullable().openapi({ description: "Always null: there is no page to send the user to." }),
    redirect_uri: z.string().nullable().openapi({ description: "Always null; older name of `redirect_url`." }),
    connectionData: z
      .object({
        authScheme: z.string().openapi({ description: "The auth config's scheme." }),
        val: z.object({ status: z.string().openapi({ description: "The account's status again (`ACTIVE`)." }) }).openapi({ description: "Only the status; credentials are never returned." }),
      })
      .openapi({ description: "Composio's connection summary, without credentials." }),
  })
  .openapi("CreatedConnectedAccount");

const ListQuery = z.object({
  user_ids: commaList.optional().openapi({ type: "string", description: "Only these users' accounts: comma-separated ids, or the parameter repeated." }),
  toolkit_slugs: commaList.optional().openapi({ type: "string", description: "Only accounts for these toolkits: comma-separated slugs, or repeated." }),
  auth_config_ids: commaList.optional().openapi({ type: "string", description: "Only accounts connected through these auth configs: comma-separated `ac_…` ids, or repeated." }),
  statuses: commaList
    .pipe(z.array(z.enum(CONNECTED_ACCOUNT_STATUSES)))
    .optional()
    .openapi({ type: "string", description: "Only accounts in these states, comma-separated: `INITIATED`, `ACTIVE`, `FAILED`, `EXPIRED`, `INACTIVE`, `REVOKED`." }),
  aliases: commaList.optional().openapi({ type: "string", description: "Comma-separated aliases (a Switchboard addition)." }),
  order_by: z
    .enum(["created_at", "updated_at"])
    .optional()
    .openapi({ description: "Composio's sort field. Accepted and ignored: accounts are listed oldest first (by creation)." }),
  limit: z.coerce.number().int().min(1).max(1000).default(20).openapi({ description: "Accounts per page, 1–1000. Defaults to 20." }),
  cursor: z.string().max(200).optional().openapi({ description: "`next_cursor` from the previous page, unchanged; omit for the first page." }),
});

const LinkBody = z
  .object({
    auth_config_id: z
      .string()
      .regex(idPattern("ac"), "must be an auth config id (ac_…)")
      .openapi({ description: "The auth config (`ac_…`) the user connects through; it must be ENABLED." }),
    user_id: z.string().min(1).max(256).openapi({ description: "Your id for the end user (1–256 characters) who will own the account.", example: "user_42" }),
    callback_url: z.string().max(2000).optional().openapi({
      description:
        "http(s) URL the user returns to, with `status` (`success`, `failed` or `cancelled`), `connected_account_id` and, on failure, `error` in its query. On one of the project's `allowed_callback_origins` when it lists any. Omitted: the page tells the user to close the window.",
    }),
    alias: z.string().max(100).optional().openapi({ description: "A name for the new account (at most 100 characters), unique among the user's accounts for the toolkit (409 otherwise)." }),
    connection_data: z.record(z.string(), z.unknown()).optional().openapi({ description: "Composio's prefilled connection fields. Accepted and ignored: the user enters credentials on the Connect page." }),
  })
  .openapi("CreateConnectLink");

const LinkSchema = z
  .object({
    link_token: z.string().openapi({ description: "The link's token (`lk_…`), the last segment of `redirect_url`." }),
    redirect_url: z.string().openapi({ description: "The gateway's Connect page for this link (`<public URL>/link/<link_token>`): send the user there. Usable once." }),
    connected_account_id: z.string().openapi({ description: "The account (`ca_…`) created INITIATED for this link; it turns ACTIVE when the user connects, FAILED or EXPIRED otherwise." }),
    expires_at: z.string().openapi({ description: "When the link stops working (ISO 8601, UTC): LINK_TTL_SECONDS after creation, ten minutes by default." }),
  })
  .openapi("ConnectLink");

const tags = ["Connected accounts"];
const IdParam = z.object({
  id: z
    .string()
    .regex(idPattern("ca"), "must be a connected account id (ca_…)")
    .openapi({ param: { in: "path", name: "id" }, description: "The connected account's id (`ca_…`).", example: "ca_Jw2kL0aP9cV7xN1mQ8sT5B" }),
});

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
          items: z.array(AccountSchema).openapi({ description: "This page's accounts, oldest first; at most `limit` of them." }),
          next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` to get the next page; null on the last page. Opaque: send it back unchanged." }),
          total_items: z.number().int().openapi({ description: "How many accounts match the filters, across all pages." }),
          total_pages: z.number().int().openapi({ description: "How many pages of `limit` accounts the matches fill (at least 1)." }),
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
    enabled: z.boolean().openapi({ description: "`false` disables an ACTIVE account (it becomes INACTIVE); `true` enables an INACTIVE one. Other states are refused (400)." }),
    reason: z.string().max(500).optional().openapi({ description: "Kept as the account's `status_reason` when disabling." }),
  })
  .openapi("UpdateConnectedAccountStatus");

const PatchBody = z
  .object({
    alias: z.string().max(100).optional().openapi({ description: "An empty string clears the alias." }),
    connection: z.unknown().optional().openapi({ description: "Not supported yet: connect a new account to change credentials." }),
    experimental: z.unknown().optional().openapi({ description: "Composio's experimental settings. Accepted and ignored." }),
  })
  .openapi("UpdateConnectedAccount");

const RevokedSchema = z
  .object({
    revoked_tokens: z.array(z.enum(["refresh_token", "access_token"])).openapi({ description: "Tokens the provider confirmed revoked." }),
    connected_account: AccountSchema,
    provider_revocation: z
      .object({
        supported: z.boolean().openapi({ description: "Whether the provider offers token revocation (RFC 7009)." }),
        failed: z
          .array(
            z.object({
              token_type: z.enum(["refresh_token", "access_token"]).openapi({ description: "Which token the provider did not revoke." }),
              error: z.string().openapi({ description: "Why, as far as the gateway could tell (never contains the token)." }),
            }),
          )
          .openapi({ description: "Tokens the provider did not confirm revoked; the account is REVOKED locally all the same." }),
      })
      .openapi({ description: "What happened at the provider." }),
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
    request: {
      params: IdParam,
      query: z.object({
        revoke_on_delete: z
          .enum(["true", "false"])
          .optional()
          .openapi({ description: "`true`: revoke the account's tokens at the provider first (best effort). Default `false`: the tokens stay valid there." }),
      }),
    },
    responses: {
      200: jsonResponse(
        z
          .object({
            success: z.boolean().openapi({ description: "Always true." }),
            revoked_tokens: z
              .array(z.string())
              .optional()
              .openapi({ description: "With `revoke_on_delete=true`: the tokens the provider confirmed revoked (`refresh_token`, `access_token`)." }),
          })
          .openapi("DeletedConnectedAccount"),
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
      200: jsonResponse(z
          .object({
            success: z.boolean().openapi({ description: "Always true (also when the account already had the asked-for state)." }),
            connected_account: AccountSchema,
          })
          .openapi("ConnectedAccountStatusChanged"), "The account's new state."),
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
      200: jsonResponse(z
          .object({
            id: z.string().openapi({ description: "The account's id (`ca_…`)." }),
            status: z.string().openapi({ description: "The account's status (unchanged by this call)." }),
            success: z.boolean().openapi({ description: "Always true." }),
            connected_account: AccountSchema,
          })
          .openapi("UpdatedConnectedAccount"), "Updated."),
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
        z
          .object({
            id: z.string().openapi({ description: "The account's id (`ca_…`)." }),
            status: z.enum(CONNECTED_ACCOUNT_STATUSES).openapi({ description: "The account's status after the refresh: `ACTIVE`." }),
            redirect_url: z.string().nullable().openapi({ description: "Always null: a refresh never needs the user (Composio's re-authorization URL)." }),
          })
          .openapi("RefreshedConnectedAccount"),
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

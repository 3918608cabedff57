import { createRoute, z } from "@hono/zod-openapi";
import { requireApiKey } from "../auth/require-api-key.ts";
import { KeyRing } from "../crypto/keyring.ts";
import { database } from "../db/client.ts";
import { CONNECTED_ACCOUNT_STATUSES, type ConnectedAccountRow } from "../db/schema.ts";
import type { StoredCredentials } from "../executor/credentials.ts";
import { accountAad } from "../executor/resolve-account.ts";
import { ApiError } from "../http/errors.ts";
import { createRouter } from "../http/openapi-app.ts";
import { decodeCursor, toPage } from "../http/pagination.ts";
import { commonErrors, jsonBody, jsonResponse, notFound, projectKeySecurity } from "../http/schemas.ts";
import { idPattern } from "../ids.ts";
import { getAuthConfig } from "../repositories/auth-configs.ts";
import { countConnectedAccounts, createConnectedAccount, getConnectedAccount, listConnectedAccounts } from "../repositories/connected-accounts.ts";

/** Composio's connection `state` for key-based schemes: `{ authScheme, val: {…} }`. */
const ConnectionState = z.object({
  authScheme: z.enum(["API_KEY", "BEARER_TOKEN", "BASIC", "NO_AUTH", "OAUTH2"]),
  val: z.record(z.string(), z.unknown()).default({}),
});

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

const AccountSchema = z
  .object({
    id: z.string(),
    user_id: z.string(),
    alias: z.string().nullable(),
    status: z.enum(CONNECTED_ACCOUNT_STATUSES),
    status_reason: z.string().nullable(),
    toolkit: z.object({ slug: z.string() }),
    auth_config: z.object({ id: z.string(), auth_scheme: z.string(), is_composio_managed: z.boolean(), is_disabled: z.boolean() }),
    is_disabled: z.boolean(),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .openapi("ConnectedAccount");

const CreatedSchema = z
  .object({
    id: z.string(),
    status: z.enum(CONNECTED_ACCOUNT_STATUSES),
    redirect_url: z.string().nullable(),
    redirect_uri: z.string().nullable(),
    connectionData: z.object({ authScheme: z.string(), val: z.object({ status: z.string() }) }),
  })
  .openapi("CreatedConnectedAccount");

const list = z.union([z.string(), z.array(z.string())]).transform((v) => (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean));
const ListQuery = z.object({
  user_ids: list.optional().openapi({ type: "string" }),
  toolkit_slugs: list.optional().openapi({ type: "string" }),
  auth_config_ids: list.optional().openapi({ type: "string" }),
  statuses: list.pipe(z.array(z.enum(CONNECTED_ACCOUNT_STATUSES))).optional().openapi({ type: "string" }),
  order_by: z.enum(["created_at", "updated_at"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(20),
  cursor: z.string().max(200).optional(),
});

/** Turns a key-based connection state into what we store; OAuth goes through Connect Links. */
function credentialsFrom(scheme: string, state: z.infer<typeof ConnectionState> | undefined): StoredCredentials {
  const val = state?.val ?? {};
  const text = (name: string) => (typeof val[name] === "string" && val[name] !== "" ? (val[name] as string) : undefined);
  const missing = (field: string) =>
    new ApiError(400, "validation_failed", `A ${scheme} connection needs \`connection.state.val.${field}\`.`, {
      errors: [{ path: `body.connection.state.val.${field}`, message: "is required" }],
    });
  if (state && state.authScheme !== scheme) {
    throw new ApiError(400, "auth_scheme_mismatch", `The auth config uses ${scheme}, but the connection state is ${state.authScheme}.`);
  }
  switch (scheme) {
    case "API_KEY": {
      const key = text("api_key") ?? text("generic_api_key");
      if (!key) throw missing("api_key");
      return { type: "API_KEY", api_key: key };
    }
    case "BEARER_TOKEN": {
      const token = text("token");
      if (!token) throw missing("token");
      return { type: "BEARER_TOKEN", token };
    }
    case "BASIC": {
      const username = text("username");
      if (!username) throw missing("username");
      return { type: "BASIC", username, password: text("password") ?? "" };
    }
    case "NO_AUTH":
      return { type: "NO_AUTH" };
    default:
      throw new ApiError(400, "use_connect_link", `${scheme} accounts are connected by the user through a Connect Link.`, {
        suggestedFix: "Use POST /api/v3.1/connected_accounts/link.",
      });
  }
}

function view(row: ConnectedAccountRow, authScheme: string): z.infer<typeof AccountSchema> {
  return {
    id: row.id,
    user_id: row.userId,
    alias: row.alias,
    status: row.status,
    status_reason: row.statusReason,
    toolkit: { slug: row.toolkitSlug },
    auth_config: { id: row.authConfigId, auth_scheme: authScheme, is_composio_managed: false, is_disabled: false },
    is_disabled: row.status === "INACTIVE",
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const tags = ["Connected accounts"];
const IdParam = z.object({ id: z.string().regex(idPattern("ca"), "must be a connected account id (ca_…)").openapi({ param: { in: "path", name: "id" } }) });

const app = createRouter();
app.use("*", requireApiKey);

app.openapi(
  createRoute({
    method: "post",
    path: "/",
    tags,
    security: projectKeySecurity,
    summary: "Connect an account with a key, token or password",
    description: "For API-key, bearer, basic and no-auth schemes. Credentials are encrypted at rest and never returned.",
    request: { body: jsonBody(CreateBody) },
    responses: { 201: jsonResponse(CreatedSchema, "The new, ACTIVE account."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const body = c.req.valid("json");
    const db = database(c.env);
    const projectId = c.get("caller").projectId;
    const authConfig = await getAuthConfig(db, projectId, body.auth_config.id);
    const credentials = credentialsFrom(authConfig.authScheme, body.connection.state);
    const keyRing = KeyRing.fromEnv(c.env);
    const row = await createConnectedAccount(db, projectId, {
      userId: body.connection.user_id,
      toolkitSlug: authConfig.toolkitSlug,
      authConfigId: authConfig.id,
      status: "ACTIVE",
      alias: body.connection.alias ?? null,
      credentialsEnc: (id) => keyRing.encrypt(JSON.stringify(credentials), accountAad({ id, projectId })),
    });
    return c.json(
      { id: row.id, status: row.status, redirect_url: null, redirect_uri: null, connectionData: { authScheme: authConfig.authScheme, val: { status: row.status } } },
      201,
    );
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
        "A page of accounts, oldest first.",
      ),
      ...commonErrors,
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    const db = database(c.env);
    const projectId = c.get("caller").projectId;
    const filters = { userIds: q.user_ids, toolkitSlugs: q.toolkit_slugs, authConfigIds: q.auth_config_ids, statuses: q.statuses };
    const [rows, total] = await Promise.all([
      listConnectedAccounts(db, projectId, filters, { limit: q.limit, after: decodeCursor(q.cursor) }),
      countConnectedAccounts(db, projectId, filters),
    ]);
    const page = toPage(rows, q.limit);
    const schemes = new Map<string, string>();
    for (const row of page.items) {
      if (!schemes.has(row.authConfigId)) schemes.set(row.authConfigId, (await getAuthConfig(db, projectId, row.authConfigId)).authScheme);
    }
    return c.json(
      {
        items: page.items.map((row) => view(row, schemes.get(row.authConfigId) ?? "")),
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
    return c.json(view(row, (await getAuthConfig(db, projectId, row.authConfigId)).authScheme), 200);
  },
);

export default app;

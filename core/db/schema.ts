import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

/** Tenants. Every other record hangs off a project id. */
export const projects = sqliteTable(
  "projects",
  {
    id: text("id").primaryKey(),
    name: text("name").notNull(),
    // Production projects refuse the shared "default" user id (DESIGN.md §2).
    isProduction: integer("is_production", { mode: "boolean" }).notNull().default(false),
    /** Origins a Connect Link may send the user back to; empty means any http(s) URL. */
    allowedCallbackOrigins: text("allowed_callback_origins", { mode: "json" }).$type<string[]>().notNull().default([]),
    /** A session unused this long expires: its object deletes its storage (durable-objects/session-object.ts). */
    sessionTtlSeconds: integer("session_ttl_seconds").notNull().default(604_800),
    /** Execution logs older than this are deleted by the scheduled cleanup. */
    logRetentionDays: integer("log_retention_days").notNull().default(30),
    /**
     * What the Connect page shows the app's end users instead of `name`, which is the operator's
     * own label; with none set the page says "this app".
     */
    displayName: text("display_name"),
    /** An https image the Connect page shows; its origin is the only third party the page's CSP lets in. */
    logoUrl: text("logo_url"),
    /** The app's privacy policy (https), linked from the Connect page. */
    privacyUrl: text("privacy_url"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /**
     * Set when the operator deletes the project: from then on no key opens it and no admin route
     * shows it, while its rows are removed in bounded steps (worker/lifecycle/deleted-projects.ts).
     * The row itself goes last, once nothing references it and no isolate can still hold one of
     * its keys in its cache.
     */
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("projects_name_unique").on(t.name),
    index("projects_created_at_id").on(t.createdAt, t.id),
  ],
);

/**
 * Project API keys. The key itself is never stored: `lookupPrefix` (its public first
 * characters) finds candidate rows, and a constant-time comparison of `keyHash`
 * (SHA-256 of the whole key) proves possession.
 */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    lookupPrefix: text("lookup_prefix").notNull(),
    keyHash: text("key_hash").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("api_keys_lookup_prefix").on(t.lookupPrefix),
    index("api_keys_project_created").on(t.projectId, t.createdAt, t.id),
  ],
);

export type ProjectRow = typeof projects.$inferSelect;
export type ApiKeyRow = typeof apiKeys.$inferSelect;

/**
 * How a project authenticates to one toolkit: its own OAuth app, or a key-based scheme.
 * Client secrets live only in `credentialsEnc`; the base URL and OAuth endpoints can be
 * overridden (GitHub Enterprise, self-hosted GitLab, a local simulator in tests).
 */
export const authConfigs = sqliteTable(
  "auth_configs",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    toolkitSlug: text("toolkit_slug").notNull(),
    name: text("name").notNull(),
    authScheme: text("auth_scheme").notNull(),
    status: text("status", { enum: ["ENABLED", "DISABLED"] }).notNull().default("ENABLED"),
    /** Uses the operator's default OAuth app (DEFAULT_OAUTH_APPS) instead of credentials of its own. */
    isManaged: integer("is_managed", { mode: "boolean" }).notNull().default(false),
    /** JSON: { client_id, client_secret, … } encrypted with the row id as associated data. */
    credentialsEnc: text("credentials_enc"),
    /** JSON array of scopes requested on top of (or instead of) the toolkit's defaults. */
    scopes: text("scopes", { mode: "json" }).$type<string[]>().notNull().default([]),
    baseUrlOverride: text("base_url_override"),
    /** JSON: { authorize_url?, token_url?, revoke_url? } overriding the toolkit's OAuth endpoints. */
    oauthOverrides: text("oauth_overrides", { mode: "json" }).$type<Record<string, string>>().notNull().default({}),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [index("auth_configs_project_toolkit").on(t.projectId, t.toolkitSlug, t.createdAt)],
);

export const CONNECTED_ACCOUNT_STATUSES = ["INITIATED", "ACTIVE", "FAILED", "EXPIRED", "INACTIVE", "REVOKED"] as const;
export type ConnectedAccountStatus = (typeof CONNECTED_ACCOUNT_STATUSES)[number];

/**
 * One end user's credentials for one toolkit through one auth config. A user may hold
 * several per toolkit (work and personal Gmail), told apart by `alias`.
 */
export const connectedAccounts = sqliteTable(
  "connected_accounts",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    toolkitSlug: text("toolkit_slug").notNull(),
    authConfigId: text("auth_config_id")
      .notNull()
      .references(() => authConfigs.id, { onDelete: "cascade" }),
    status: text("status", { enum: CONNECTED_ACCOUNT_STATUSES }).notNull(),
    statusReason: text("status_reason"),
    alias: text("alias"),
    /** JSON credentials (tokens, keys) encrypted with the row id as associated data. */
    credentialsEnc: text("credentials_enc"),
    /** When the access token expires, for OAuth2; refresh happens before it. */
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    index("connected_accounts_user_toolkit").on(t.projectId, t.userId, t.toolkitSlug, t.status, t.createdAt),
    index("connected_accounts_project_created").on(t.projectId, t.createdAt, t.id),
    // The scheduled cleanup looks for old INITIATED accounts across projects.
    index("connected_accounts_status_created").on(t.status, t.createdAt),
  ],
);

/**
 * The kinds of credential a call can be made with, as execution logs record them: a project
 * API key (`key_…`), a scoped MCP credential (`mcc_…`), or an MCP client's OAuth grant.
 */
export const CREDENTIAL_TYPES = ["api_key", "mcp_credential", "mcp_oauth_grant"] as const;
export type CredentialType = (typeof CREDENTIAL_TYPES)[number];

/** Every tool call, direct or from a session: what ran, for whom, how it went, and which credential made it. */
export const executionLogs = sqliteTable(
  "execution_logs",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: text("user_id"),
    toolSlug: text("tool_slug").notNull(),
    toolkitSlug: text("toolkit_slug").notNull(),
    connectedAccountId: text("connected_account_id"),
    sessionId: text("session_id"),
    status: text("status", { enum: ["success", "error"] }).notNull(),
    durationMs: integer("duration_ms").notNull(),
    upstreamStatus: integer("upstream_status"),
    /** Arguments as JSON, with secret-looking fields redacted. */
    arguments: text("arguments").notNull(),
    /** The response as JSON text, truncated with a marker when large. */
    response: text("response"),
    error: text("error"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /**
     * Which of the project's credentials made the call (its id, never its secret or hash), so
     * an owner can tell who ran what. Null on rows written before it was recorded.
     */
    credentialType: text("credential_type", { enum: CREDENTIAL_TYPES }),
    credentialId: text("credential_id"),
  },
  (t) => [
    index("execution_logs_project_created").on(t.projectId, t.createdAt, t.id),
    index("execution_logs_project_tool").on(t.projectId, t.toolkitSlug, t.createdAt),
    index("execution_logs_project_session").on(t.projectId, t.sessionId, t.createdAt),
    // "What did the agent do for this user?": the filter an application uses most, and one whose
    // rows are rare among a project's, so walking the created index for them would scan most logs.
    index("execution_logs_project_user").on(t.projectId, t.userId, t.createdAt, t.id),
  ],
);

export type AuthConfigRow = typeof authConfigs.$inferSelect;
export type ConnectedAccountRow = typeof connectedAccounts.$inferSelect;
export type ExecutionLogRow = typeof executionLogs.$inferSelect;

/**
 * A Connect Link (`lk_…`): one user's one chance, for ten minutes, to connect one account.
 * The OAuth `state` and PKCE verifier live here, so the callback can finish what the link
 * started; consuming the row is a single conditional UPDATE, so it works exactly once.
 */
export const linkRequests = sqliteTable(
  "link_requests",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    connectedAccountId: text("connected_account_id")
      .notNull()
      .references(() => connectedAccounts.id, { onDelete: "cascade" }),
    authConfigId: text("auth_config_id").notNull(),
    userId: text("user_id").notNull(),
    toolkitSlug: text("toolkit_slug").notNull(),
    callbackUrl: text("callback_url"),
    sessionId: text("session_id"),
    status: text("status", { enum: ["PENDING", "USED"] }).notNull(),
    /** Random, sent to the provider as `state` when the user starts; unique while pending. */
    oauthState: text("oauth_state"),
    /** PKCE code verifier, encrypted with the link's identity as associated data. */
    pkceVerifierEnc: text("pkce_verifier_enc"),
    /** Double-submit token for the Connect page's forms. */
    csrfToken: text("csrf_token").notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    usedAt: integer("used_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [
    uniqueIndex("link_requests_oauth_state").on(t.oauthState),
    index("link_requests_account").on(t.connectedAccountId),
    // The scheduled cleanup finds expired links by this.
    index("link_requests_expires").on(t.expiresAt),
  ],
);

export type LinkRequestRow = typeof linkRequests.$inferSelect;

/**
 * The index of sessions (`trs_…`): which project and user each belongs to. The session's
 * state (config, history, account choices, its own log) lives in its SessionObject; this
 * row is what the Worker checks, project-scoped, before a request reaches the object.
 */
export const sessions = sqliteTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    /** Set (with `deletedAt`) when the session ended by expiring rather than by a DELETE. */
    expiredAt: integer("expired_at", { mode: "timestamp_ms" }),
  },
  // Each index ends in (created_at, id), the listing's order, so a page is one range scan with no sort.
  (t) => [
    index("sessions_project_user").on(t.projectId, t.userId, t.createdAt, t.id),
    index("sessions_project_created").on(t.projectId, t.createdAt, t.id),
    // Ended rows stay in the index for good: the default (live only) listing skips them without reading them.
    index("sessions_project_live").on(t.projectId, t.createdAt, t.id).where(sql`${t.deletedAt} IS NULL`),
  ],
);

export type SessionRow = typeof sessions.$inferSelect;

/**
 * A project's own toolkits, imported from its OpenAPI descriptions: private to the project,
 * listed, searched and executed like catalog toolkits. `definition` is the generated
 * ToolkitDefinition (JSON, validated on import); a re-import replaces it as the next version.
 */
export const projectToolkits = sqliteTable(
  "project_toolkits",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    version: integer("version").notNull(),
    definition: text("definition").notNull(),
    /** What the import took and skipped (counts by reason), for the project to read back. */
    report: text("report", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("project_toolkits_project_slug").on(t.projectId, t.slug)],
);

export type ProjectToolkitRow = typeof projectToolkits.$inferSelect;

export const MCP_CREDENTIAL_SCOPES = ["session", "user"] as const;
export type McpCredentialScope = (typeof MCP_CREDENTIAL_SCOPES)[number];

/**
 * Scoped MCP credentials (`smc_…`): what an app hands an MCP client instead of its project key.
 * One opens one session's MCP endpoint (`scope` session) or those of every session of one user
 * (`scope` user), and nothing else (worker/auth/require-mcp-caller.ts). Stored like API keys:
 * `lookupPrefix` finds candidates, `secretHash` (SHA-256 of the whole credential) proves it.
 * No foreign key to sessions: a session's index row outlives it, and an ended session makes
 * its credentials useless anyway.
 */
export const mcpCredentials = sqliteTable(
  "mcp_credentials",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    scope: text("scope", { enum: MCP_CREDENTIAL_SCOPES }).notNull(),
    /** The one session it opens (scope session); null for scope user. */
    sessionId: text("session_id"),
    /** The user whose sessions it opens (scope user), or the session's user (scope session). */
    userId: text("user_id").notNull(),
    name: text("name").notNull(),
    lookupPrefix: text("lookup_prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
    lastUsedAt: integer("last_used_at", { mode: "timestamp_ms" }),
    revokedAt: integer("revoked_at", { mode: "timestamp_ms" }),
  },
  // The listings' indexes end in (created_at, id), their order, so a page is one range scan.
  (t) => [
    index("mcp_credentials_lookup_prefix").on(t.lookupPrefix),
    index("mcp_credentials_project_created").on(t.projectId, t.createdAt, t.id),
    index("mcp_credentials_project_session").on(t.projectId, t.sessionId, t.createdAt, t.id),
    index("mcp_credentials_project_user").on(t.projectId, t.userId, t.createdAt, t.id),
    // The scheduled cleanup finds credentials that ended long ago by when they expired or were revoked.
    index("mcp_credentials_expires").on(t.expiresAt),
    index("mcp_credentials_revoked").on(t.revokedAt).where(sql`${t.revokedAt} IS NOT NULL`),
  ],
);

export type McpCredentialRow = typeof mcpCredentials.$inferSelect;

/**
 * One-time MCP connect codes: what an app shows its user so they can grant an OAuth-only MCP
 * client (Claude.ai, ChatGPT connectors) access to one session (worker/mcp-oauth/). Only the
 * SHA-256 of the code is kept; redeeming deletes the row in the same statement that finds it,
 * so a code completes at most one authorization. Codes live minutes; the cleanup removes the rest.
 */
export const mcpConnectCodes = sqliteTable(
  "mcp_connect_codes",
  {
    id: text("id").primaryKey(),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id, { onDelete: "cascade" }),
    sessionId: text("session_id").notNull(),
    codeHash: text("code_hash").notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    expiresAt: integer("expires_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [uniqueIndex("mcp_connect_codes_code_hash").on(t.codeHash), index("mcp_connect_codes_expires").on(t.expiresAt)],
);

export type McpConnectCodeRow = typeof mcpConnectCodes.$inferSelect;

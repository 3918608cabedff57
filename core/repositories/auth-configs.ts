import { and, count, desc, eq, gt, gte, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { findToolkit } from "../catalog/registry.ts";
import type { Database } from "../db/client.ts";
import { authConfigs, type AuthConfigRow } from "../db/schema.ts";
import { ApiError } from "../http/errors.ts";
import type { Cursor } from "../http/pagination.ts";
import { newId } from "../ids.ts";
import { hasManagedApp } from "../oauth/oauth-app.ts";

export interface NewAuthConfig {
  toolkitSlug: string;
  name: string;
  authScheme: string;
  isManaged?: boolean;
  credentialsEnc?: (id: string) => Promise<string | null>;
  scopes?: string[];
  baseUrlOverride?: string | null;
  oauthOverrides?: Record<string, string>;
}

export async function createAuthConfig(db: Database, projectId: string, input: NewAuthConfig): Promise<AuthConfigRow> {
  const id = newId("ac");
  const now = new Date();
  const row: AuthConfigRow = {
    id,
    projectId,
    toolkitSlug: input.toolkitSlug,
    name: input.name,
    authScheme: input.authScheme,
    status: "ENABLED",
    isManaged: input.isManaged ?? false,
    // Encrypted with the new row's id as associated data, hence the callback.
    credentialsEnc: input.credentialsEnc ? await input.credentialsEnc(id) : null,
    scopes: input.scopes ?? [],
    baseUrlOverride: input.baseUrlOverride ?? null,
    oauthOverrides: input.oauthOverrides ?? {},
    createdAt: now,
    updatedAt: now,
  };
  await db.insert(authConfigs).values(row);
  return row;
}

function notFound(id: string): ApiError {
  return new ApiError(404, "auth_config_not_found", `This project has no auth config ${id}.`);
}

export async function getAuthConfig(db: Database, projectId: string, id: string): Promise<AuthConfigRow> {
  const row = await db.query.authConfigs.findFirst({ where: and(eq(authConfigs.projectId, projectId), eq(authConfigs.id, id)) });
  if (!row) throw notFound(id);
  return row;
}

/** Several of the project's auth configs at once, by id (ids of other projects are simply absent). */
export async function getAuthConfigsByIds(db: Database, projectId: string, ids: string[]): Promise<Map<string, AuthConfigRow>> {
  if (ids.length === 0) return new Map();
  const rows = await db.query.authConfigs.findMany({ where: and(eq(authConfigs.projectId, projectId), inArray(authConfigs.id, [...new Set(ids)])) });
  return new Map(rows.map((row) => [row.id, row]));
}

/** The project's newest enabled auth config for a toolkit, if any. */
export async function findAuthConfigForToolkit(db: Database, projectId: string, toolkitSlug: string): Promise<AuthConfigRow | undefined> {
  return db.query.authConfigs.findFirst({
    where: and(eq(authConfigs.projectId, projectId), eq(authConfigs.toolkitSlug, toolkitSlug), eq(authConfigs.status, "ENABLED")),
    orderBy: [desc(authConfigs.createdAt), desc(authConfigs.id)],
  });
}

export interface AuthConfigFilters {
  toolkitSlugs?: string[];
  isManaged?: boolean;
  /** Case-insensitive substring of the name, or of the id. */
  search?: string;
  includeDisabled?: boolean;
}

function matching(projectId: string, filters: AuthConfigFilters): SQL | undefined {
  // LIKE with the caller's text taken literally: `%` and `_` are escaped.
  const pattern = filters.search ? `%${filters.search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : undefined;
  return and(
    eq(authConfigs.projectId, projectId),
    filters.toolkitSlugs?.length ? inArray(authConfigs.toolkitSlug, filters.toolkitSlugs) : undefined,
    filters.isManaged === undefined ? undefined : eq(authConfigs.isManaged, filters.isManaged),
    filters.includeDisabled ? undefined : eq(authConfigs.status, "ENABLED"),
    pattern ? or(sql`${authConfigs.name} LIKE ${pattern} ESCAPE '\\'`, sql`${authConfigs.id} LIKE ${pattern} ESCAPE '\\'`) : undefined,
  );
}

/** Rows strictly after `cursor` in newest-first (created_at, id) order. */
function olderThan(cursor: Cursor | undefined): SQL | undefined {
  if (!cursor) return undefined;
  const at = new Date(cursor.createdAt);
  return or(lt(authConfigs.createdAt, at), and(eq(authConfigs.createdAt, at), lt(authConfigs.id, cursor.id)));
}

/**
 * Newest first, so the first item is the config new connections use by default (as in
 * `ensureManagedAuthConfig`, and the SDK's `toolkits.authorize`, which takes `items[0]`).
 * Returns up to `limit + 1` rows so the caller can tell whether another page exists.
 */
export async function listAuthConfigs(db: Database, projectId: string, filters: AuthConfigFilters, page: { limit: number; after?: Cursor }): Promise<AuthConfigRow[]> {
  return db
    .select()
    .from(authConfigs)
    .where(and(matching(projectId, filters), olderThan(page.after)))
    .orderBy(desc(authConfigs.createdAt), desc(authConfigs.id))
    .limit(page.limit + 1);
}

/** How many match, and how many of those come at or before `upTo` (to number the page). */
export async function countAuthConfigs(db: Database, projectId: string, filters: AuthConfigFilters, upTo?: Cursor): Promise<{ total: number; before: number }> {
  const [all] = await db.select({ n: count() }).from(authConfigs).where(matching(projectId, filters));
  if (!upTo) return { total: all?.n ?? 0, before: 0 };
  const at = new Date(upTo.createdAt);
  const [before] = await db
    .select({ n: count() })
    .from(authConfigs)
    .where(and(matching(projectId, filters), or(gt(authConfigs.createdAt, at), and(eq(authConfigs.createdAt, at), gte(authConfigs.id, upTo.id)))));
  return { total: all?.n ?? 0, before: before?.n ?? 0 };
}

export type AuthConfigChanges = Partial<Pick<AuthConfigRow, "name" | "status" | "credentialsEnc" | "scopes" | "baseUrlOverride" | "oauthOverrides">>;

export async function updateAuthConfig(db: Database, projectId: string, id: string, changes: AuthConfigChanges): Promise<AuthConfigRow> {
  const [row] = await db
    .update(authConfigs)
    .set({ ...changes, updatedAt: new Date() })
    .where(and(eq(authConfigs.projectId, projectId), eq(authConfigs.id, id)))
    .returning();
  if (!row) throw notFound(id);
  return row;
}

/** Deletes the config; its connected accounts (and their pending links) go with it, by foreign-key cascade. */
export async function deleteAuthConfig(db: Database, projectId: string, id: string): Promise<void> {
  const deleted = await db
    .delete(authConfigs)
    .where(and(eq(authConfigs.projectId, projectId), eq(authConfigs.id, id)))
    .returning({ id: authConfigs.id });
  if (deleted.length === 0) throw notFound(id);
}

/**
 * The auth config a new connection for `toolkitSlug` goes through when none is named: the
 * project's newest enabled one, else an operator-default ("managed") one created on first
 * use, when DEFAULT_OAUTH_APPS has an OAuth app for the toolkit. A project that disabled
 * all of its own configs for the toolkit is not silently given a managed one.
 */
export async function ensureManagedAuthConfig(db: Database, env: Env, projectId: string, toolkitSlug: string): Promise<AuthConfigRow> {
  const own = await findAuthConfigForToolkit(db, projectId, toolkitSlug);
  if (own) return own;
  const toolkit = findToolkit(toolkitSlug);
  if (!toolkit) throw new ApiError(400, "toolkit_not_found", `No toolkit has the slug ${toolkitSlug}.`);
  const disabled = await db.query.authConfigs.findFirst({
    where: and(eq(authConfigs.projectId, projectId), eq(authConfigs.toolkitSlug, toolkit.slug)),
    columns: { id: true },
  });
  if (disabled) {
    throw new ApiError(400, "auth_config_disabled", `Every ${toolkit.name} auth config of this project is disabled.`, {
      suggestedFix: `Enable one (PATCH /api/v3.1/auth_configs/${disabled.id}/ENABLED) or create a new one.`,
    });
  }
  if (!toolkit.authSchemes.some((scheme) => scheme.type === "OAUTH2") || !hasManagedApp(env, toolkit.slug)) {
    throw new ApiError(400, "auth_config_required", `This project has no ${toolkit.name} auth config, and the operator offers no default one.`, {
      suggestedFix: `Create one (POST /api/v3.1/auth_configs with toolkit.slug "${toolkit.slug}"), or ask the operator to add ${toolkit.slug} to DEFAULT_OAUTH_APPS.`,
    });
  }
  return createAuthConfig(db, projectId, { toolkitSlug: toolkit.slug, name: `${toolkit.name} (operator default)`, authScheme: "OAUTH2", isManaged: true });
}

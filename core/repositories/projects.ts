import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { afterCursor } from "../db/keyset.ts";
import { projects, type ProjectRow } from "../db/schema.ts";
import { ApiError } from "../http/errors.ts";
import type { Cursor } from "../http/pagination.ts";
import { newId } from "../ids.ts";

/** What an operator may set on a project; unset lifetimes get these defaults (the columns' own, in schema.ts). */
export interface NewProject {
  name: string;
  isProduction: boolean;
  sessionTtlSeconds?: number;
  logRetentionDays?: number;
  /** How the Connect page presents the project to end users: each null when unset. */
  displayName?: string | null;
  logoUrl?: string | null;
  privacyUrl?: string | null;
}

/** The Connect page branding: setting a field to null clears it. */
export type ProjectBranding = Pick<ProjectRow, "displayName" | "logoUrl" | "privacyUrl">;

export const DEFAULT_SESSION_TTL_SECONDS = 604_800;
export const DEFAULT_LOG_RETENTION_DAYS = 30;

export async function createProject(db: Database, input: NewProject): Promise<ProjectRow> {
  const row: ProjectRow = {
    id: newId("proj"),
    name: input.name,
    isProduction: input.isProduction,
    allowedCallbackOrigins: [],
    sessionTtlSeconds: input.sessionTtlSeconds ?? DEFAULT_SESSION_TTL_SECONDS,
    logRetentionDays: input.logRetentionDays ?? DEFAULT_LOG_RETENTION_DAYS,
    displayName: input.displayName ?? null,
    logoUrl: input.logoUrl ?? null,
    privacyUrl: input.privacyUrl ?? null,
    createdAt: new Date(),
    deletedAt: null,
  };
  // INSERT … ON CONFLICT DO NOTHING keeps the name check and the write one atomic statement.
  const inserted = await db.insert(projects).values(row).onConflictDoNothing({ target: projects.name }).returning();
  if (inserted.length === 0) {
    throw nameTaken(input.name);
  }
  return row;
}

/** A project being deleted (`deleted_at` set) is already gone for every route but its deletion. */
export async function findProject(db: Database, projectId: string): Promise<ProjectRow | undefined> {
  return db.query.projects.findFirst({ where: and(eq(projects.id, projectId), isNull(projects.deletedAt)) });
}

/** Which of these projects exist and are not being deleted (ids of others are simply absent). */
export async function liveProjectIds(db: Database, projectIds: string[]): Promise<Set<string>> {
  if (projectIds.length === 0) return new Set();
  const rows = await db
    .select({ id: projects.id })
    .from(projects)
    .where(and(inArray(projects.id, projectIds), isNull(projects.deletedAt)));
  return new Set(rows.map((row) => row.id));
}

export async function getProject(db: Database, projectId: string): Promise<ProjectRow> {
  const project = await findProject(db, projectId);
  if (!project) throw new ApiError(404, "project_not_found", `No project has the id ${projectId}.`);
  return project;
}

/** Returns up to `limit + 1` rows so the caller can tell whether another page exists. */
export async function listProjects(db: Database, page: { limit: number; after?: Cursor }): Promise<ProjectRow[]> {
  return db
    .select()
    .from(projects)
    .where(and(isNull(projects.deletedAt), afterCursor(projects.createdAt, projects.id, page.after)))
    .orderBy(asc(projects.createdAt), asc(projects.id))
    .limit(page.limit + 1);
}

/** Changes only the fields given; returns the project as stored afterwards. */
const nameTaken = (name: string) =>
  new ApiError(409, "project_name_taken", `A project named "${name}" already exists.`, {
    suggestedFix: "Pick another name, or list projects to find the existing one.",
  });

/** The error's message with its causes': drizzle wraps D1's own error. */
function errorText(err: unknown): string {
  let text = "";
  for (let current: unknown = err, depth = 0; current instanceof Error && depth < 5; current = current.cause, depth++) text += ` ${current.message}`;
  return text;
}

export async function updateProject(
  db: Database,
  projectId: string,
  changes: { name?: string; isProduction?: boolean; allowedCallbackOrigins?: string[]; sessionTtlSeconds?: number; logRetentionDays?: number } & Partial<ProjectBranding>,
): Promise<ProjectRow> {
  if (Object.keys(changes).length > 0) {
    try {
      await db.update(projects).set(changes).where(and(eq(projects.id, projectId), isNull(projects.deletedAt)));
    } catch (err) {
      // The unique index on name is the check: a rename racing another keeps exactly one winner.
      if (changes.name !== undefined && /UNIQUE constraint failed: projects\.name/.test(errorText(err))) throw nameTaken(changes.name);
      throw err;
    }
  }
  return getProject(db, projectId);
}

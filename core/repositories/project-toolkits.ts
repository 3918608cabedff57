import { and, asc, eq, sql } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { projectToolkits, type ProjectToolkitRow } from "../db/schema.ts";
import { newId } from "../ids.ts";

/** A project's own toolkits (imported from OpenAPI). Every query is scoped by project. */

/** On re-import, the stored row's version plus one (read in the same statement). */
const sqlNextVersion = sql`${projectToolkits.version} + 1`;

export async function listProjectToolkits(db: Database, projectId: string): Promise<ProjectToolkitRow[]> {
  return db.select().from(projectToolkits).where(eq(projectToolkits.projectId, projectId)).orderBy(asc(projectToolkits.slug));
}

export async function getProjectToolkit(db: Database, projectId: string, slug: string): Promise<ProjectToolkitRow | undefined> {
  const [row] = await db
    .select()
    .from(projectToolkits)
    .where(and(eq(projectToolkits.projectId, projectId), eq(projectToolkits.slug, slug)))
    .limit(1);
  return row;
}

/**
 * Stores a toolkit's definition as its first version, or as the next one when the project
 * already has that slug. One statement: a concurrent import of the same slug cannot leave two rows.
 */
export async function saveProjectToolkit(
  db: Database,
  projectId: string,
  input: { slug: string; definition: string; report: Record<string, unknown> },
): Promise<ProjectToolkitRow> {
  const now = new Date();
  const [row] = await db
    .insert(projectToolkits)
    .values({ id: newId("ptk"), projectId, slug: input.slug, version: 1, definition: input.definition, report: input.report, createdAt: now, updatedAt: now })
    .onConflictDoUpdate({
      target: [projectToolkits.projectId, projectToolkits.slug],
      set: { definition: input.definition, report: input.report, updatedAt: now, version: sqlNextVersion },
    })
    .returning();
  if (!row) throw new Error("the toolkit row was not written");
  return row;
}

export async function deleteProjectToolkit(db: Database, projectId: string, slug: string): Promise<boolean> {
  const deleted = await db
    .delete(projectToolkits)
    .where(and(eq(projectToolkits.projectId, projectId), eq(projectToolkits.slug, slug)))
    .returning({ id: projectToolkits.id });
  return deleted.length > 0;
}

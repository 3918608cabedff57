import { and, desc, eq } from "drizzle-orm";
import type { Database } from "../db/client.ts";
import { authConfigs, type AuthConfigRow } from "../db/schema.ts";
import { ApiError } from "../http/errors.ts";
import { newId } from "../ids.ts";

export interface NewAuthConfig {
  toolkitSlug: string;
  name: string;
  authScheme: string;
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

export async function getAuthConfig(db: Database, projectId: string, id: string): Promise<AuthConfigRow> {
  const row = await db.query.authConfigs.findFirst({ where: and(eq(authConfigs.projectId, projectId), eq(authConfigs.id, id)) });
  if (!row) throw new ApiError(404, "auth_config_not_found", `This project has no auth config ${id}.`);
  return row;
}

/** The project's newest enabled auth config for a toolkit, if any. */
export async function findAuthConfigForToolkit(db: Database, projectId: string, toolkitSlug: string): Promise<AuthConfigRow | undefined> {
  return db.query.authConfigs.findFirst({
    where: and(eq(authConfigs.projectId, projectId), eq(authConfigs.toolkitSlug, toolkitSlug), eq(authConfigs.status, "ENABLED")),
    orderBy: desc(authConfigs.createdAt),
  });
}

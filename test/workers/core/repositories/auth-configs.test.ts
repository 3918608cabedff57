import { describe, expect, it } from "vitest";
import { database } from "../../../../core/db/client.ts";
import { ApiError } from "../../../../core/http/errors.ts";
import { createAuthConfig, ensureManagedAuthConfig, updateAuthConfig } from "../../../../core/repositories/auth-configs.ts";
import { env } from "../../helpers.ts";
import { newTenant } from "../../fixtures.ts";

const withApps = (apps: Record<string, unknown>): Env => ({ ...env, DEFAULT_OAUTH_APPS: JSON.stringify(apps) });
const GMAIL_APP = { gmail: { client_id: "operator-gmail", client_secret: "operator-gmail-secret" } };

async function refusal(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(error).toBeInstanceOf(ApiError);
  return error as ApiError;
}

describe("ensureManagedAuthConfig", () => {
  const db = database(env);

  it("returns the project's newest enabled config for the toolkit", async () => {
    const { projectId } = await newTenant("ensure");
    const older = await createAuthConfig(db, projectId, { toolkitSlug: "gmail", name: "old", authScheme: "OAUTH2" });
    const newer = await createAuthConfig(db, projectId, { toolkitSlug: "gmail", name: "new", authScheme: "BEARER_TOKEN" });
    await env.DB.prepare("UPDATE auth_configs SET created_at = created_at - 1000 WHERE id = ?").bind(older.id).run();
    expect((await ensureManagedAuthConfig(db, withApps(GMAIL_APP), projectId, "gmail")).id).toBe(newer.id);
    await updateAuthConfig(db, projectId, newer.id, { status: "DISABLED" });
    expect((await ensureManagedAuthConfig(db, withApps(GMAIL_APP), projectId, "gmail")).id).toBe(older.id);
  });

  it("creates a managed config once, for a project with none of its own, and reuses it", async () => {
    const { projectId } = await newTenant("ensure");
    const created = await ensureManagedAuthConfig(db, withApps(GMAIL_APP), projectId, "gmail");
    expect(created).toMatchObject({ projectId, toolkitSlug: "gmail", authScheme: "OAUTH2", isManaged: true, status: "ENABLED", credentialsEnc: null });
    expect((await ensureManagedAuthConfig(db, withApps(GMAIL_APP), projectId, "gmail")).id).toBe(created.id);
    // Another project gets its own.
    const other = await newTenant("ensure-other");
    expect((await ensureManagedAuthConfig(db, withApps(GMAIL_APP), other.projectId, "gmail")).id).not.toBe(created.id);
  });

  it("refuses with 400 auth_config_required when the operator has no app for the toolkit", async () => {
    const { projectId } = await newTenant("ensure");
    const error = await refusal(ensureManagedAuthConfig(db, withApps(GMAIL_APP), projectId, "slack"));
    expect({ status: error.status, code: error.code }).toEqual({ status: 400, code: "auth_config_required" });
    expect(error.suggestedFix).toContain("DEFAULT_OAUTH_APPS");
    // Nor for a toolkit without OAuth, whatever the operator lists.
    const noOAuth = await refusal(ensureManagedAuthConfig(db, withApps({ hackernews: { client_id: "x" } }), projectId, "hackernews"));
    expect(noOAuth.code).toBe("auth_config_required");
  });

  it("does not override a project that disabled its own configs", async () => {
    const { projectId } = await newTenant("ensure");
    const own = await createAuthConfig(db, projectId, { toolkitSlug: "gmail", name: "mine", authScheme: "OAUTH2" });
    await updateAuthConfig(db, projectId, own.id, { status: "DISABLED" });
    const error = await refusal(ensureManagedAuthConfig(db, withApps(GMAIL_APP), projectId, "gmail"));
    expect({ status: error.status, code: error.code }).toEqual({ status: 400, code: "auth_config_disabled" });
    expect(error.suggestedFix).toContain(own.id);
  });

  it("refuses an unknown toolkit", async () => {
    const { projectId } = await newTenant("ensure");
    expect((await refusal(ensureManagedAuthConfig(db, withApps(GMAIL_APP), projectId, "myspace"))).code).toBe("toolkit_not_found");
  });
});

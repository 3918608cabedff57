import { expect } from "vitest";
import { accountAad } from "../../core/crypto/aad.ts";
import { KeyRing } from "../../core/crypto/keyring.ts";
import { database } from "../../core/db/client.ts";
import { createConnectedAccount } from "../../core/repositories/connected-accounts.ts";
import { call, createKey, env, expectError, json, newProjectWithKey, revokeKey } from "./helpers.ts";

/**
 * Builders for the direct-access API: auth configs, connected accounts and tool calls,
 * made through the real routes with a project key, plus the refusals every
 * project-key route must give.
 */
export interface Tenant {
  projectId: string;
  keyId: string;
  key: string;
}

export const newTenant = (prefix = "tenant"): Promise<Tenant> => newProjectWithKey(prefix);

export interface ExecuteResult {
  data: Record<string, unknown>;
  error: string | null;
  successful: boolean;
  log_id: string;
}

export async function createAuthConfig(key: string, toolkit: string, authScheme?: string, credentials?: Record<string, unknown>): Promise<string> {
  const response = await call("POST", "/api/v3.1/auth_configs", {
    key,
    body: {
      toolkit: { slug: toolkit },
      auth_config: { type: "use_custom_auth", ...(authScheme ? { authScheme } : {}), ...(credentials ? { credentials } : {}) },
    },
  });
  expect(response.status, `creating a ${toolkit} ${authScheme ?? "default"} auth config`).toBe(201);
  return (await json<{ auth_config: { id: string } }>(response)).auth_config.id;
}

export async function connectAccount(key: string, authConfigId: string, userId: string, authScheme: string, val: Record<string, unknown> = {}): Promise<string> {
  const response = await call("POST", "/api/v3.1/connected_accounts", {
    key,
    body: { auth_config: { id: authConfigId }, connection: { user_id: userId, state: { authScheme, val } } },
  });
  expect(response.status, `connecting a ${authScheme} account for ${userId}`).toBe(201);
  return (await json<{ id: string }>(response)).id;
}

/** A tenant with one ACTIVE account for `userId` on `toolkit`, through an auth config of `scheme`. */
export async function connectedTenant(
  toolkit: string,
  scheme: string,
  val: Record<string, unknown>,
  options: { userId?: string; credentials?: Record<string, unknown> } = {},
): Promise<Tenant & { authConfigId: string; accountId: string; userId: string }> {
  const tenant = await newTenant(toolkit);
  const userId = options.userId ?? "alice";
  const authConfigId = await createAuthConfig(tenant.key, toolkit, scheme, options.credentials);
  const accountId = await connectAccount(tenant.key, authConfigId, userId, scheme, val);
  return { ...tenant, authConfigId, accountId, userId };
}

/** Runs a tool through the real route; the HTTP status of a tool call is 200 whatever upstream did. */
export async function execute(key: string, slug: string, body: Record<string, unknown>): Promise<ExecuteResult> {
  const response = await call("POST", `/api/v3.1/tools/execute/${slug}`, { key, body });
  expect(response.status, `executing ${slug}: ${response.status === 200 ? "" : await response.clone().text()}`).toBe(200);
  return json<ExecuteResult>(response);
}

export interface StoredLog {
  id: string;
  project_id: string;
  user_id: string | null;
  tool_slug: string;
  toolkit_slug: string;
  connected_account_id: string | null;
  status: string;
  upstream_status: number | null;
  arguments: string;
  response: string | null;
  error: string | null;
}

/** The execution_logs row as D1 holds it now, bypassing the API's view. */
export async function storedLogNow(id: string): Promise<StoredLog | null> {
  return env.DB.prepare("SELECT * FROM execution_logs WHERE id = ?").bind(id).first<StoredLog>();
}

/**
 * The execution_logs row once D1 has it: logs are written after the response (a session's
 * outbox flushed by its alarm, a direct call's `waitUntil`), within a second or so.
 */
export async function storedLog(id: string, timeoutMs = 5000): Promise<StoredLog | null> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await storedLogNow(id);
    if (row || Date.now() >= deadline) return row;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

export async function storedCredentials(table: "auth_configs" | "connected_accounts", id: string): Promise<string | null> {
  const row = await env.DB.prepare(`SELECT credentials_enc FROM ${table} WHERE id = ?`).bind(id).first<{ credentials_enc: string | null }>();
  return row?.credentials_enc ?? null;
}

/** A revoked key of its own project: it must get 401 api_key_revoked everywhere. */
export async function revokedKey(): Promise<string> {
  const { projectId } = await newTenant("revoked");
  const created = await createKey(projectId, "to-revoke");
  await revokeKey(projectId, created.id);
  return created.key;
}

/** No key is 401 api_key_missing and a revoked key 401 api_key_revoked, before the body is even looked at. */
export async function expectKeyRefusals(method: string, path: string, body?: unknown): Promise<void> {
  await expectError(await call(method, path, { body }), 401, "api_key_missing");
  await expectError(await call(method, path, { key: await revokedKey(), body }), 401, "api_key_revoked");
}

/**
 * An ACTIVE OAuth2 account written straight to D1, as the Connect Link callback would leave
 * it, so refresh and revocation can be tested without driving a provider's consent screen.
 */
export async function insertOAuthAccount(
  tenant: Tenant,
  authConfigId: string,
  toolkit: string,
  tokens: { access_token: string; refresh_token?: string },
  options: { userId?: string; alias?: string; expiresAt?: Date | null } = {},
): Promise<string> {
  const keyRing = KeyRing.fromEnv(env);
  const row = await createConnectedAccount(database(env), tenant.projectId, {
    userId: options.userId ?? "alice",
    toolkitSlug: toolkit,
    authConfigId,
    status: "ACTIVE",
    alias: options.alias ?? null,
    expiresAt: options.expiresAt ?? null,
    credentialsEnc: (id) => keyRing.encrypt(JSON.stringify({ type: "OAUTH2", token_type: "Bearer", ...tokens }), accountAad({ id, projectId: tenant.projectId })),
  });
  return row.id;
}

/** The OAuth tokens an account holds, decrypted; null once they were dropped. */
export async function storedTokens(tenant: Tenant, accountId: string): Promise<Record<string, unknown> | null> {
  const blob = await storedCredentials("connected_accounts", accountId);
  if (blob === null) return null;
  return JSON.parse(await KeyRing.fromEnv(env).decrypt(blob, accountAad({ id: accountId, projectId: tenant.projectId }))) as Record<string, unknown>;
}

/** Runs `body` with the operator's DEFAULT_OAUTH_APPS set to `apps`, then puts it back. */
export async function withDefaultApps<T>(apps: Record<string, unknown>, body: () => Promise<T>): Promise<T> {
  const bindings = env as { DEFAULT_OAUTH_APPS: string };
  const previous = bindings.DEFAULT_OAUTH_APPS;
  bindings.DEFAULT_OAUTH_APPS = JSON.stringify(apps);
  try {
    return await body();
  } finally {
    bindings.DEFAULT_OAUTH_APPS = previous;
  }
}

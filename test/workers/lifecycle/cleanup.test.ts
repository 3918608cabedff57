import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { newId } from "../../../core/ids.ts";
import worker from "../../../worker/index.ts";
import { runCleanup, type CleanupReport } from "../../../worker/lifecycle/cleanup.ts";
import { createAuthConfig, newTenant, type Tenant } from "../fixtures.ts";
import { ADMIN_KEY, call, env, json } from "../helpers.ts";

/**
 * The scheduled cleanup against real D1: expired Connect Links, abandoned INITIATED accounts
 * and execution logs past each project's retention go; everything else, in this project or
 * another, stays. Time is the cleanup's injected `now`; rows are aged by writing their
 * timestamps, as the passing of days would have.
 */

const DAY = 86_400_000;
const HOUR = 3_600_000;

afterEach(() => {
  vi.restoreAllMocks();
});

/** Sets the project's log retention the way an operator does. */
async function setRetention(tenant: Tenant, days: number): Promise<void> {
  const response = await call("PATCH", `/api/admin/projects/${tenant.projectId}`, { admin: ADMIN_KEY, body: { log_retention_days: days } });
  expect(response.status).toBe(200);
}

async function tenantKeepingLogs(prefix: string, days?: number): Promise<Tenant> {
  const tenant = await newTenant(prefix);
  if (days !== undefined) await setRetention(tenant, days);
  return tenant;
}

async function insertLog(projectId: string, createdAt: number): Promise<string> {
  const id = newId("log");
  await env.DB.prepare(
    "INSERT INTO execution_logs (id, project_id, user_id, tool_slug, toolkit_slug, status, duration_ms, arguments, created_at) VALUES (?, ?, 'alice', 'HACKERNEWS_GET_ITEM', 'hackernews', 'success', 5, '{}', ?)",
  )
    .bind(id, projectId, createdAt)
    .run();
  return id;
}

async function logIds(projectId: string): Promise<string[]> {
  const rows = await env.DB.prepare("SELECT id FROM execution_logs WHERE project_id = ? ORDER BY created_at").bind(projectId).all<{ id: string }>();
  return rows.results.map((r) => r.id);
}

interface Link {
  link_token: string;
  connected_account_id: string;
}

async function createLink(tenant: Tenant, authConfigId: string, userId: string): Promise<Link> {
  const response = await call("POST", "/api/v3.1/connected_accounts/link", { key: tenant.key, body: { auth_config_id: authConfigId, user_id: userId } });
  expect(response.status).toBe(201);
  return json<Link>(response);
}

async function linkTenant(prefix: string): Promise<Tenant & { authConfigId: string }> {
  const tenant = await newTenant(prefix);
  return { ...tenant, authConfigId: await createAuthConfig(tenant.key, "github", "BEARER_TOKEN") };
}

/** The account as its project sees it through the API. */
async function account(tenant: Tenant, id: string): Promise<{ status: string; status_reason: string | null }> {
  const response = await call("GET", `/api/v3.1/connected_accounts/${id}`, { key: tenant.key });
  expect(response.status).toBe(200);
  return json(response);
}

async function linkStored(id: string): Promise<boolean> {
  return (await env.DB.prepare("SELECT 1 FROM link_requests WHERE id = ?").bind(id).first()) !== null;
}

const setLinkExpiry = (id: string, at: number) => env.DB.prepare("UPDATE link_requests SET expires_at = ? WHERE id = ?").bind(at, id).run();
const setAccountCreated = (id: string, at: number) => env.DB.prepare("UPDATE connected_accounts SET created_at = ? WHERE id = ?").bind(at, id).run();

/** Runs the cleanup until nothing is left for `now`, so a test starts from what earlier tests left behind. */
async function settle(now: number): Promise<void> {
  for (let run = 0; run < 20; run++) {
    const report = await runCleanup(env, { now: new Date(now) });
    if (![report.expired_links, report.abandoned_accounts, report.old_logs, report.deleted_projects, report.expired_connect_codes, report.ended_mcp_credentials].some((job) => "capped" in job && job.capped)) return;
  }
}

describe("execution logs", () => {
  it("deletes each project's logs past its own retention and keeps the rest", async () => {
    const now = Date.now();
    const standard = await tenantKeepingLogs("logs-standard");
    const patient = await tenantKeepingLogs("logs-patient", 90);
    const archive = await tenantKeepingLogs("logs-archive", 3650);
    const standardOld = [await insertLog(standard.projectId, now - 45 * DAY), await insertLog(standard.projectId, now - 31 * DAY)];
    const standardKept = [await insertLog(standard.projectId, now - 29 * DAY), await insertLog(standard.projectId, now - HOUR)];
    const patientOld = await insertLog(patient.projectId, now - 91 * DAY);
    const patientKept = [await insertLog(patient.projectId, now - 89 * DAY), await insertLog(patient.projectId, now - 31 * DAY)];
    const archiveKept = [await insertLog(archive.projectId, now - 1000 * DAY), await insertLog(archive.projectId, now - 31 * DAY)];

    const report = await runCleanup(env, { now: new Date(now) });

    expect(report.old_logs).toEqual({ removed: 3, projects: 2, batches: 2, capped: false });
    expect(await logIds(standard.projectId)).toEqual(standardKept);
    expect(await logIds(patient.projectId)).toEqual(patientKept);
    expect(await logIds(archive.projectId)).toEqual(archiveKept);
    for (const id of [...standardOld, patientOld]) expect(await env.DB.prepare("SELECT 1 FROM execution_logs WHERE id = ?").bind(id).first()).toBeNull();
  });

  it("follows a retention changed through the admin API on the next run", async () => {
    const now = Date.now();
    const tenant = await tenantKeepingLogs("logs-shortened");
    const tenDaysOld = await insertLog(tenant.projectId, now - 10 * DAY);
    await runCleanup(env, { now: new Date(now) });
    expect(await logIds(tenant.projectId)).toEqual([tenDaysOld]);

    await setRetention(tenant, 7);
    await runCleanup(env, { now: new Date(now) });
    expect(await logIds(tenant.projectId)).toEqual([]);
  });
});

describe("Connect Links and unfinished accounts", () => {
  it("deletes expired links and marks their INITIATED accounts EXPIRED, leaving live links and other projects alone", async () => {
    const now = Date.now();
    await settle(now);
    const own = await linkTenant("links-own");
    const other = await linkTenant("links-other");
    const expired = await createLink(own, own.authConfigId, "alice");
    const live = await createLink(own, own.authConfigId, "bob");
    const neighbour = await createLink(other, other.authConfigId, "alice");
    await setLinkExpiry(expired.link_token, now - 1000);

    const report = await runCleanup(env, { now: new Date(now) });

    expect(report.expired_links).toEqual({ removed: 1, accounts_expired: 1, users_told: 1, batches: 1, capped: false });
    expect(await linkStored(expired.link_token)).toBe(false);
    expect(await account(own, expired.connected_account_id)).toMatchObject({ status: "EXPIRED", status_reason: "the Connect Link expired" });
    expect(await linkStored(live.link_token)).toBe(true);
    expect(await account(own, live.connected_account_id)).toMatchObject({ status: "INITIATED" });
    expect(await linkStored(neighbour.link_token)).toBe(true);
    expect(await account(other, neighbour.connected_account_id)).toMatchObject({ status: "INITIATED" });
  });

  it("deletes an expired link that was used without touching its account", async () => {
    const now = Date.now();
    await settle(now);
    const tenant = await linkTenant("links-used");
    const used = await createLink(tenant, tenant.authConfigId, "carol");
    // What a finished connection leaves: the link USED, the account ACTIVE.
    await env.DB.prepare("UPDATE link_requests SET status = 'USED', used_at = ?, expires_at = ? WHERE id = ?").bind(now - 2000, now - 1000, used.link_token).run();
    await env.DB.prepare("UPDATE connected_accounts SET status = 'ACTIVE' WHERE id = ?").bind(used.connected_account_id).run();

    const report = await runCleanup(env, { now: new Date(now) });

    expect(report.expired_links).toMatchObject({ removed: 1, accounts_expired: 0 });
    expect(await linkStored(used.link_token)).toBe(false);
    expect(await account(tenant, used.connected_account_id)).toMatchObject({ status: "ACTIVE" });
  });

  it("expires INITIATED accounts an hour old that nothing can complete, and only those", async () => {
    const now = Date.now();
    await settle(now);
    const tenant = await linkTenant("accounts-abandoned");
    const orphan = await createLink(tenant, tenant.authConfigId, "dave");
    const young = await createLink(tenant, tenant.authConfigId, "erin");
    const longLived = await createLink(tenant, tenant.authConfigId, "frank");
    const stuck = await createLink(tenant, tenant.authConfigId, "grace");
    // Its link gone (a crash between the two inserts leaves the same), two hours ago.
    await env.DB.prepare("DELETE FROM link_requests WHERE id = ?").bind(orphan.link_token).run();
    await setAccountCreated(orphan.connected_account_id, now - 2 * HOUR);
    // Its link gone too, but minutes old: the instant between an account's insert and its link's looks the same.
    await env.DB.prepare("DELETE FROM link_requests WHERE id = ?").bind(young.link_token).run();
    // Two hours old, its link still valid (a longer LINK_TTL_SECONDS).
    await setAccountCreated(longLived.connected_account_id, now - 2 * HOUR);
    await setLinkExpiry(longLived.link_token, now + HOUR);
    // Used long ago, the callback never finished.
    await setAccountCreated(stuck.connected_account_id, now - 3 * HOUR);
    await env.DB.prepare("UPDATE link_requests SET status = 'USED', used_at = ? WHERE id = ?").bind(now - 2 * HOUR, stuck.link_token).run();

    const report = await runCleanup(env, { now: new Date(now) });

    expect(report.abandoned_accounts).toEqual({ expired: 2, users_told: 2, batches: 1, capped: false });
    expect(await account(tenant, orphan.connected_account_id)).toMatchObject({ status: "EXPIRED", status_reason: "the connection was never finished" });
    expect(await account(tenant, stuck.connected_account_id)).toMatchObject({ status: "EXPIRED" });
    expect(await account(tenant, young.connected_account_id)).toMatchObject({ status: "INITIATED" });
    expect(await account(tenant, longLived.connected_account_id)).toMatchObject({ status: "INITIATED" });
    // Visible in the listing's status filter too.
    const listed = await json<{ items: { id: string }[] }>(await call("GET", "/api/v3.1/connected_accounts?statuses=EXPIRED", { key: tenant.key }));
    expect(listed.items.map((a) => a.id).sort()).toEqual([orphan.connected_account_id, stuck.connected_account_id].sort());
  });
});

describe("bounded runs", () => {
  it("does at most its batch budget per run, and the next runs take the rest", async () => {
    const now = Date.now();
    await settle(now);
    const tenant = await linkTenant("bounded");
    for (let i = 0; i < 7; i++) await insertLog(tenant.projectId, now - 40 * DAY - i);
    const links: Link[] = [];
    for (let i = 0; i < 5; i++) links.push(await createLink(tenant, tenant.authConfigId, `user-${i}`));
    for (const link of links) await setLinkExpiry(link.link_token, now - 1000);
    const limits = { size: 2, maxBatches: 2 };

    const first = await runCleanup(env, { now: new Date(now), limits });
    expect(first.old_logs).toEqual({ removed: 4, projects: 1, batches: 2, capped: true });
    expect(first.expired_links).toMatchObject({ removed: 4, accounts_expired: 4, batches: 2, capped: true });
    expect(await logIds(tenant.projectId)).toHaveLength(3);

    const second = await runCleanup(env, { now: new Date(now), limits });
    expect(second.old_logs).toEqual({ removed: 3, projects: 1, batches: 2, capped: false });
    expect(second.expired_links).toMatchObject({ removed: 1, accounts_expired: 1, batches: 1, capped: false });

    const third = await runCleanup(env, { now: new Date(now), limits });
    expect(third.old_logs).toEqual({ removed: 0, projects: 0, batches: 0, capped: false });
    expect(third.expired_links).toMatchObject({ removed: 0, batches: 1, capped: false });
    expect(await logIds(tenant.projectId)).toEqual([]);
    for (const link of links) expect(await account(tenant, link.connected_account_id)).toMatchObject({ status: "EXPIRED" });
  });

  it("logs one JSON line per job with counts only", async () => {
    const now = Date.now();
    const tenant = await linkTenant("log-lines");
    const link = await createLink(tenant, tenant.authConfigId, "secretive-user");
    await setLinkExpiry(link.link_token, now - 1000);
    await insertLog(tenant.projectId, now - 40 * DAY);
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: unknown) => void lines.push(String(line)));

    const report: CleanupReport = await runCleanup(env, { now: new Date(now) });

    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(parsed.map((p) => [p.level, p.message, p.job])).toEqual([
      ["info", "cleanup", "expired_links"],
      ["info", "cleanup", "abandoned_accounts"],
      ["info", "cleanup", "old_logs"],
      ["info", "cleanup", "deleted_projects"],
      ["info", "cleanup", "expired_connect_codes"],
      ["info", "cleanup", "ended_mcp_credentials"],
    ]);
    expect(parsed[0]).toMatchObject({ ...report.expired_links });
    const text = lines.join("\n");
    for (const secret of [tenant.key, tenant.projectId, link.link_token, link.connected_account_id, "secretive-user"]) expect(text).not.toContain(secret);
  });
});

describe("deleted projects", () => {
  const projectRow = (id: string) => env.DB.prepare("SELECT id FROM projects WHERE id = ?").bind(id).first();
  const authConfigs = async (id: string) => (await env.DB.prepare("SELECT count(*) AS n FROM auth_configs WHERE project_id = ?").bind(id).first<{ n: number }>())?.n;

  it("finishes a deletion a request left unfinished, a budget per run, then removes the emptied row once no cached key can reach it", async () => {
    const now = Date.now();
    await settle(now);
    const tenant = await linkTenant("deleted");
    const neighbour = await tenantKeepingLogs("deleted-neighbour");
    for (let i = 0; i < 5; i++) await insertLog(tenant.projectId, now - i);
    const kept = await insertLog(neighbour.projectId, now);
    // Marked the way DELETE marks it, as if its budget had run out before anything was removed.
    await env.DB.prepare("UPDATE projects SET deleted_at = ? WHERE id = ?").bind(now, tenant.projectId).run();
    const limits = { size: 2, maxBatches: 2 };

    const first = await runCleanup(env, { now: new Date(now), limits });
    expect(first.deleted_projects).toMatchObject({ projects: 1, rows_deleted: 2, batches: 2, capped: true, projects_removed: 0 });
    // Secrets go first: the auth config (and its credentials) went in the first run.
    expect(await authConfigs(tenant.projectId)).toBe(0);
    const runs = [first];
    while (runs.length < 10 && "capped" in runs.at(-1)!.deleted_projects && (runs.at(-1)!.deleted_projects as { capped: boolean }).capped) {
      runs.push(await runCleanup(env, { now: new Date(now), limits }));
    }
    expect(runs.length).toBeGreaterThan(1);
    expect(await logIds(tenant.projectId)).toEqual([]);
    // Within API_KEY_CACHE_TTL_SECONDS and a minute more the emptied row stays, so a cached key's late write still has a project.
    expect(await projectRow(tenant.projectId)).not.toBeNull();

    const later = await runCleanup(env, { now: new Date(now + 5 * 60_000) });
    expect(later.deleted_projects).toMatchObject({ projects: 1, projects_removed: 1, capped: false });
    expect(await projectRow(tenant.projectId)).toBeNull();
    expect(await logIds(neighbour.projectId)).toEqual([kept]);
    expect(await projectRow(neighbour.projectId)).not.toBeNull();
  });
});

describe("the cron trigger", () => {
  it("runs the cleanup at the scheduled time", async () => {
    const now = Date.now();
    const tenant = await linkTenant("cron");
    const old = await insertLog(tenant.projectId, now - 31 * DAY);
    const recent = await insertLog(tenant.projectId, now - DAY);
    const link = await createLink(tenant, tenant.authConfigId, "henry");
    await setLinkExpiry(link.link_token, now - 1000);

    // The Worker's own default export, as the runtime calls it: the work outlives the handler through waitUntil.
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ scheduledTime: now, cron: "*/15 * * * *" }), env, ctx);
    await waitOnExecutionContext(ctx);

    expect(await logIds(tenant.projectId)).toEqual([recent]);
    expect(await logIds(tenant.projectId)).not.toContain(old);
    expect(await linkStored(link.link_token)).toBe(false);
    expect(await account(tenant, link.connected_account_id)).toMatchObject({ status: "EXPIRED" });
  });
});

describe("MCP connect codes", () => {
  it("deletes the codes past their expiry and keeps the live ones", async () => {
    const tenant = await newTenant("cleanup-codes");
    const now = Date.now();
    const insert = (id: string, expiresAt: number) =>
      env.DB.prepare("INSERT INTO mcp_connect_codes (id, project_id, session_id, code_hash, created_at, expires_at) VALUES (?, ?, 'trs_x', ?, ?, ?)")
        .bind(id, tenant.projectId, `hash-${id}`, expiresAt - 600_000, expiresAt)
        .run();
    await insert("mcd_old", now - 1000);
    await insert("mcd_live", now + 60_000);
    const report = await runCleanup(env, { now: new Date(now) });
    expect(report.expired_connect_codes).toMatchObject({ removed: 1, capped: false });
    const left = await env.DB.prepare("SELECT id FROM mcp_connect_codes WHERE project_id = ?").bind(tenant.projectId).all();
    expect(left.results.map((r) => r.id)).toEqual(["mcd_live"]);
  });
});

describe("MCP credentials", () => {
  it("deletes credentials that expired or were revoked over 30 days ago, and keeps the rest listed", async () => {
    const tenant = await newTenant("cleanup-credentials");
    const now = Date.now();
    const insert = (id: string, expiresAt: number, revokedAt: number | null) =>
      env.DB.prepare(
        "INSERT INTO mcp_credentials (id, project_id, scope, session_id, user_id, name, lookup_prefix, secret_hash, created_at, expires_at, last_used_at, revoked_at) VALUES (?, ?, 'user', NULL, 'u', 'n', ?, ?, ?, ?, NULL, ?)",
      )
        .bind(id, tenant.projectId, `smc_${id.slice(-8)}`, `hash-${id}`, now - 400 * DAY, expiresAt, revokedAt)
        .run();
    await insert("mcc_expired_long_ago", now - 31 * DAY, null);
    await insert("mcc_revoked_long_ago", now + 100 * DAY, now - 31 * DAY);
    await insert("mcc_expired_lately", now - 2 * DAY, null);
    await insert("mcc_revoked_lately", now + 100 * DAY, now - 2 * DAY);
    await insert("mcc_live", now + 10 * DAY, null);
    const report = await runCleanup(env, { now: new Date(now) });
    expect(report.ended_mcp_credentials).toMatchObject({ removed: 2, capped: false });
    const left = await env.DB.prepare("SELECT id FROM mcp_credentials WHERE project_id = ? ORDER BY id").bind(tenant.projectId).all();
    expect(left.results.map((r) => r.id)).toEqual(["mcc_expired_lately", "mcc_live", "mcc_revoked_lately"]);
  });
});

import { apiKeyCacheTtlMs } from "../auth/key-cache.ts";
import type { Database } from "../../core/db/client.ts";
import {
  deleteSessions,
  deleteSomeRows,
  liveSessionIds,
  projectsBeingDeleted,
  removeDeletedProject,
  type ProjectTable,
} from "../repositories/project-deletion.ts";
import { deleteSomeProjectGrants } from "../mcp-oauth/project-grants.ts";
import { forgetSession } from "../sessions/ownership.ts";
import type { BatchLimits } from "./batches.ts";

/**
 * Deleting a project, step by step. One `DELETE FROM projects` would cascade through every
 * table at once: for a project with a million execution logs that is one statement deleting a
 * million rows and their index entries, past what a D1 statement may take, and D1 has no
 * transaction that could spread it over several. So the row is marked deleted first
 * (repositories/project-deletion.ts: no route or key sees the project from then on, and the
 * same batch revokes its keys), then its tables are emptied in statements of at most a few
 * hundred rows, a budget of them per request or scheduled run, and the row goes last.
 *
 * The order puts secrets first: Connect Links (encrypted PKCE verifiers), connected accounts
 * and auth configs (encrypted credentials), then MCP credentials (hashed, and already refused: their
 * lookup skips a deleted project), then the MCP OAuth grants and access tokens in `OAUTH_KV`
 * (hashed; found through the project's index of granted sessions, mcp-oauth/project-grants.ts,
 * and counted in KV operations rather than rows), so they are gone in the request that deletes
 * the project unless it is very large. Accounts go before the auth configs they belong to and
 * links before their accounts, so no statement cascades into rows it did not count. Live
 * sessions' objects are told before their index rows go: they delete their storage (files,
 * variables, their log and outbox) and answer as a deleted session does. Then the project's
 * AccountWatchersObject deletes its storage (which sessions watch which users): after the
 * sessions, since a session ending unwatches there. Execution logs, by far the most rows, come
 * last. What a request's budget does not reach, the scheduled cleanup finishes
 * (`finishDeletedProjects`), and a DELETE repeated meanwhile continues it at once.
 *
 * Every scheduled run goes through every step again until the emptied row goes, so what a
 * request made with a still-cached key wrote in between (a session, a watch, a grant) goes too.
 */

/** A DELETE request: about a second of statements (30 deleting up to 500 rows each), then 202 and the cron or the next DELETE goes on. */
export const DELETE_REQUEST_LIMITS: BatchLimits = { size: 500, maxBatches: 30 };
/** A scheduled run, shared by every project being deleted; with 96 runs a day, about 2 million rows a day. */
export const DELETED_PROJECT_LIMITS: BatchLimits = { size: 500, maxBatches: 40 };
/** Projects one scheduled run looks at; the oldest deletions first. */
const PROJECTS_PER_RUN = 10;

type Step = { table: ProjectTable | "mcp_oauth_grants" | "live_sessions" | "account_watchers"; size: number };

// Sizes per statement: rows of these tables are small but for project_toolkits (whole toolkit
// definitions) and live sessions (each one a Durable Object call). OAuth grants count KV
// operations (a Worker invocation may make 1,000, so a whole budget of batches stays under it);
// the watchers are one call.
const STEPS: readonly Step[] = [
  { table: "link_requests", size: 200 },
  { table: "connected_accounts", size: 200 },
  { table: "auth_configs", size: 100 },
  { table: "mcp_credentials", size: 500 },
  { table: "mcp_oauth_grants", size: 20 },
  { table: "live_sessions", size: 20 },
  { table: "account_watchers", size: 1 },
  { table: "sessions", size: 500 },
  { table: "api_keys", size: 500 },
  { table: "project_toolkits", size: 10 },
  { table: "execution_logs", size: 500 },
];

/** Rows per table, and the grant records deleted from `OAUTH_KV`. */
export type DeletedCounts = Record<ProjectTable | "mcp_oauth_grants", number>;

export interface Purge {
  deleted: DeletedCounts;
  /** Live sessions whose objects were told and deleted their storage. */
  sessionsEnded: number;
  /** Every table of the project is empty (the row itself may still wait, see `removeIfSettled`). */
  complete: boolean;
  /** Statements that deleted rows (or rounds of KV deletes, or calls to objects), what `limits.maxBatches` bounds. */
  batches: number;
}

const noneDeleted = (): DeletedCounts => ({
  link_requests: 0,
  connected_accounts: 0,
  auth_configs: 0,
  mcp_credentials: 0,
  mcp_oauth_grants: 0,
  sessions: 0,
  api_keys: 0,
  project_toolkits: 0,
  execution_logs: 0,
});

/**
 * Tells up to `size` live sessions that their project is gone, then deletes the index rows of
 * those that heard. One that could not be told keeps its row, so a later run tells it again;
 * returns how many were ended, and whether any failed (the step then stops for this run).
 */
async function endLiveSessions(env: Env, db: Database, projectId: string, size: number): Promise<{ ended: number; deleted: number; failed: number }> {
  const ids = await liveSessionIds(db, projectId, size);
  const told = await Promise.allSettled(ids.map((id) => env.SESSIONS.getByName(id).projectDeleted(projectId)));
  const ended = ids.filter((_, i) => told[i]?.status === "fulfilled");
  for (const id of ended) forgetSession(id);
  const failed = ids.length - ended.length;
  if (failed > 0) {
    const error = told.find((result) => result.status === "rejected")?.reason;
    console.error(JSON.stringify({ level: "warn", message: "could not end sessions of a deleted project; the next run tries again", project_id: projectId, failed, error: String(error) }));
  }
  return { ended: ended.length, deleted: await deleteSessions(db, projectId, ended), failed };
}

/**
 * Tells the project's AccountWatchersObject to delete its storage; says how many watchers it
 * held, or that it could not be told (the step is then unfinished, and the next run tells it).
 */
async function emptyAccountWatchers(env: Env, projectId: string): Promise<{ dropped: number; failed: boolean }> {
  try {
    return { dropped: await env.ACCOUNT_WATCHERS.getByName(projectId).projectDeleted(), failed: false };
  } catch (err) {
    console.error(JSON.stringify({ level: "warn", message: "could not empty the account watchers of a deleted project; the next run tries again", project_id: projectId, error: String(err) }));
    return { dropped: 0, failed: true };
  }
}

/**
 * Empties the project's tables in order, within `limits`; a later call continues where this one
 * stopped. The budget counts statements that deleted something: finding a table already empty
 * is one index probe, at most one per table and call, so a call always gets past the tables an
 * earlier one emptied, however small its budget.
 */
export async function purgeProject(env: Env, db: Database, projectId: string, limits: BatchLimits): Promise<Purge> {
  const deleted = noneDeleted();
  let sessionsEnded = 0;
  let batches = 0;
  let complete = true;
  for (const step of STEPS) {
    const size = Math.min(step.size, limits.size);
    for (;;) {
      if (batches >= limits.maxBatches) return { deleted, sessionsEnded, complete: false, batches };
      if (step.table === "mcp_oauth_grants") {
        // Bounded in KV operations; the round says when no granted session is left.
        const round = await deleteSomeProjectGrants(env.OAUTH_KV, projectId, size);
        deleted.mcp_oauth_grants += round.grants;
        if (round.sessions + round.grants > 0 || !round.finished) batches += 1;
        if (round.finished) break;
      } else if (step.table === "account_watchers") {
        // One call, on every run: a session that watched again since the last one is dropped too.
        const emptied = await emptyAccountWatchers(env, projectId);
        if (emptied.dropped > 0 || emptied.failed) batches += 1;
        if (emptied.failed) complete = false;
        break;
      } else if (step.table === "live_sessions") {
        const round = await endLiveSessions(env, db, projectId, size);
        sessionsEnded += round.ended;
        deleted.sessions += round.deleted;
        if (round.ended + round.failed > 0) batches += 1;
        if (round.failed > 0) complete = false;
        if (round.failed > 0 || round.ended + round.failed < size) break;
      } else {
        const done = await deleteSomeRows(db, step.table, projectId, size);
        deleted[step.table] += done;
        if (done > 0) batches += 1;
        if (done < size) break;
      }
    }
  }
  return { deleted, sessionsEnded, complete, batches };
}

/**
 * How long the emptied project's row stays: as long as an isolate may still accept one of its
 * keys from its cache (API_KEY_CACHE_TTL_SECONDS), and a minute more. Until then a request
 * made with such a key finds the project row it references instead of failing on a foreign
 * key, and what it wrote goes with the row.
 */
export function deletedProjectGraceMs(env: Env): number {
  return apiKeyCacheTtlMs(env) + 60_000;
}

/** Removes the row of a project whose tables are empty, once its grace is over; says whether it went. */
export async function removeIfSettled(env: Env, db: Database, projectId: string, now: Date): Promise<boolean> {
  return removeDeletedProject(db, projectId, new Date(now.getTime() - deletedProjectGraceMs(env)));
}

export interface DeletedProjectsReport {
  projects: number;
  rows_deleted: number;
  sessions_ended: number;
  projects_removed: number;
  batches: number;
  capped: boolean;
}

/** The scheduled cleanup's part: goes on with every deletion a request left unfinished, and removes the emptied rows. */
export async function finishDeletedProjects(env: Env, db: Database, now: Date, limits = DELETED_PROJECT_LIMITS): Promise<DeletedProjectsReport> {
  const due = await projectsBeingDeleted(db, PROJECTS_PER_RUN);
  const report: DeletedProjectsReport = { projects: due.length, rows_deleted: 0, sessions_ended: 0, projects_removed: 0, batches: 0, capped: false };
  for (const project of due) {
    const left = limits.maxBatches - report.batches;
    if (left <= 0) return { ...report, capped: true };
    const purge = await purgeProject(env, db, project.id, { size: limits.size, maxBatches: left });
    report.batches += purge.batches;
    report.rows_deleted += Object.values(purge.deleted).reduce((sum, n) => sum + n, 0);
    report.sessions_ended += purge.sessionsEnded;
    // Unfinished: the budget ran out (the loop ends next turn), or a session could not be told (the next run tries it again).
    if (purge.complete && (await removeIfSettled(env, db, project.id, now))) report.projects_removed += 1;
  }
  return { ...report, capped: report.batches >= limits.maxBatches };
}

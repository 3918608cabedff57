import { env } from "cloudflare:workers";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { observeD1, type D1RoundTrip } from "../../../core/db/d1-binding.ts";
import { connectedTenant, type ExecuteResult } from "../fixtures.ts";
import { call, json } from "../helpers.ts";
import { createSession, SESSIONS, type SessionBody } from "../core/sessions/session-fixtures.ts";
import {
  eventually,
  GET_REPO,
  HN_ITEM,
  logInD1Now,
  logsInD1,
  mcpCall,
  mcpRequest,
  mcpResult,
  mcpToolNames,
  mcpToolPayload,
  REPO,
  simulateUpstreams,
} from "./hot-path-fixtures.ts";

/**
 * Issue 12, "an edge-native hot path": how many D1 round trips one request makes, counted
 * at the binding (core/db/d1-binding.ts) for the Worker and its Durable Objects alike,
 * since they share the isolate. A warm session's `tools/call`, `tools/list` and REST
 * execute make none (its object keeps the user's accounts and auth configs, and its call
 * logs reach D1 later, from its alarm); creating a session makes at most one; a direct
 * `tools/execute` at most one (its log is written in waitUntil). A query that creeps back
 * onto one of these paths fails here, with the SQL of every round trip in the message.
 *
 * Execution-log writes are the one thing allowed inside the window (a waitUntil write starts
 * before the response is returned; an alarm may fire during it): they are not counted, but
 * every tool call checks that its response did not wait for its log (see expectLogOffPath).
 */

const USER = "hot-path-user";
const TOKEN = "ghp_hot_path_token";
/**
 * While a request is measured, every D1 round trip first waits this long (D1_DELAY_MS, read
 * when a database handle is made, so it applies to handles made during the request). A log
 * write the response waited for has therefore landed by the time the response is read; one
 * made off the path has not.
 */
const DELAY_MS = 300;

let tenant: Awaited<ReturnType<typeof connectedTenant>>;
let sessionId: string;
let upstream: ReturnType<typeof simulateUpstreams>;
let stopKeepAlive: () => void;

beforeAll(async () => {
  // The binding is wrapped (observable) only while someone observes: a database
  // handle made while no one did (say, kept by an object from its constructor) would hide its
  // round trips from every later count. Observing from before the first request to the last
  // makes every handle of this file an observed one.
  stopKeepAlive = observeD1(() => {});
  tenant = await connectedTenant("github", "BEARER_TOKEN", { token: TOKEN }, { userId: USER });
  sessionId = (await createSession(tenant.key, { user_id: USER, toolkits: ["github", "hackernews"] })).session_id;
  // A key's "last used" is written at most once a minute, after a response: let the first write land now.
  await eventually("the key's first use recorded", () => env.DB.prepare("SELECT last_used_at FROM api_keys WHERE id = ?").bind(tenant.keyId).first("last_used_at"));
});

afterAll(() => {
  stopKeepAlive();
});

beforeEach(async () => {
  upstream = simulateUpstreams();
  await warmSession();
});

afterEach(() => {
  vi.restoreAllMocks();
});

/**
 * Warms every cache a session call uses (the key, the session's owner, the project's
 * toolkits, the session's accounts): before each case, so a case run alone (-t) measures
 * the same thing, and no cache's lifetime runs out between the warm-up and the measurement.
 */
async function warmSession(): Promise<void> {
  expect(await mcpToolNames(tenant.key, sessionId)).toContain("COMPOSIO_SEARCH_TOOLS");
  const repo = await mcpCall(tenant.key, sessionId, GET_REPO, REPO);
  expect(repo.successful, repo.error ?? "").toBe(true);
  const item = await mcpCall(tenant.key, sessionId, HN_ITEM, { id: 8863 });
  expect(item.successful, item.error ?? "").toBe(true);
  await logsInD1([repo.log_id!, item.log_id!], sessionId);
}

interface Measured<T> {
  value: T;
  trips: D1RoundTrip[];
  elapsedMs: number;
}

/** Runs one request (which must read its response body) and records every D1 round trip made meanwhile. */
async function measure<T>(request: () => Promise<T>): Promise<Measured<T>> {
  const bindings = env as { D1_DELAY_MS?: string };
  const previousDelay = bindings.D1_DELAY_MS;
  const trips: D1RoundTrip[] = [];
  bindings.D1_DELAY_MS = String(DELAY_MS);
  const stop = observeD1((trip) => trips.push(trip));
  const started = Date.now();
  try {
    const value = await request();
    return { value, trips, elapsedMs: Date.now() - started };
  } finally {
    stop();
    bindings.D1_DELAY_MS = previousDelay;
  }
}

const LOG_INSERT = /^\s*insert into "execution_logs"/i;
/** A write of execution-log rows: one insert, or a batch of them (the session's outbox flush). */
const isLogWrite = (trip: D1RoundTrip) => trip.sql.split(";\n").every((statement) => LOG_INSERT.test(statement));

function listing(trips: D1RoundTrip[]): string {
  if (trips.length === 0) return "  (none)";
  return trips.map((trip, i) => `  ${i + 1}. ${trip.kind}${isLogWrite(trip) ? " (log write, not counted)" : ""}: ${trip.sql}`).join("\n");
}

/** At most `max` round trips besides log writes; the message lists every one, so a regression names its query. */
function expectRoundTrips(what: string, measured: Measured<unknown>, max: number): void {
  const counted = measured.trips.filter((trip) => !isLogWrite(trip));
  expect
    .soft(counted.length, `${what}: ${counted.length} D1 round trip(s), at most ${max} allowed. Round trips made:\n${listing(measured.trips)}\n`)
    .toBeLessThanOrEqual(max);
}

/**
 * The call's log is not in D1 yet when its response has been read: with every round trip
 * delayed by DELAY_MS, a log insert the response had waited for would be there. (A log
 * written off the path through a handle made before the request, so not delayed, could land
 * first and fail this check: it errs towards failing, never towards passing.) Then the log
 * does arrive (the session's alarm, run now; or the waitUntil write), and only then does the
 * next case start, so no write of this one lands in the next one's count.
 */
async function expectLogOffPath(what: string, logId: string, sessionOf?: string): Promise<void> {
  expect.soft(await logInD1Now(logId), `${what}: its execution log was already in D1 when the response arrived, so the response waited for the log write`).toBe(false);
  await logsInD1([logId], sessionOf);
}

describe("a warm session makes no D1 round trip", () => {
  it("MCP tools/call of GITHUB_GET_A_REPOSITORY", async () => {
    const measured = await measure(async () => mcpToolPayload(await mcpRequest(tenant.key, sessionId, "tools/call", { name: GET_REPO, arguments: REPO })));
    expect(measured.value.successful, measured.value.error ?? "").toBe(true);
    expect(upstream.githubTokens().at(-1)).toBe(`Bearer ${TOKEN}`);
    expectRoundTrips("a warm MCP tools/call", measured, 0);
    await expectLogOffPath("a warm MCP tools/call", measured.value.log_id!, sessionId);
  });

  it("MCP tools/list", async () => {
    const measured = await measure(async () => mcpResult<{ tools: { name: string }[] }>(await mcpRequest(tenant.key, sessionId, "tools/list")));
    expect(measured.value.tools.map((tool) => tool.name)).toContain("COMPOSIO_MULTI_EXECUTE_TOOL");
    expectRoundTrips("a warm MCP tools/list", measured, 0);
  });

  it("REST POST …/session/{id}/execute", async () => {
    const measured = await measure(async () => {
      const response = await call("POST", `${SESSIONS}/${sessionId}/execute`, { key: tenant.key, body: { tool_slug: GET_REPO, arguments: REPO } });
      expect(response.status).toBe(200);
      return json<ExecuteResult>(response);
    });
    expect(measured.value.successful, measured.value.error ?? "").toBe(true);
    expect(upstream.githubTokens().at(-1)).toBe(`Bearer ${TOKEN}`);
    expectRoundTrips("a warm REST session execute", measured, 0);
    await expectLogOffPath("a warm REST session execute", measured.value.log_id, sessionId);
  });

  it("a session calling a NO_AUTH toolkit (Hacker News) over MCP", async () => {
    const measured = await measure(async () => mcpToolPayload(await mcpRequest(tenant.key, sessionId, "tools/call", { name: HN_ITEM, arguments: { id: 8863 } })));
    expect(measured.value).toMatchObject({ successful: true, data: { id: 8863 } });
    expectRoundTrips("a warm NO_AUTH tools/call", measured, 0);
    await expectLogOffPath("a warm NO_AUTH tools/call", measured.value.log_id!, sessionId);
  });
});

describe("other calls stay within one round trip", () => {
  it("POST /api/v3.1/tool_router/session (create, no pinned accounts): at most one", async () => {
    const measured = await measure(async () => {
      const response = await call("POST", SESSIONS, { key: tenant.key, body: { user_id: USER, toolkits: ["github"] } });
      expect(response.status).toBe(201);
      return json<SessionBody>(response);
    });
    expect(measured.value.session_id).toMatch(/^trs_/);
    expectRoundTrips("creating a session", measured, 1);
  });

  it("direct POST /api/v3.1/tools/execute/GITHUB_GET_A_REPOSITORY with user_id: at most one, its log off the path", async () => {
    const run = async () => {
      const response = await call("POST", `/api/v3.1/tools/execute/${GET_REPO}`, { key: tenant.key, body: { user_id: USER, arguments: REPO } });
      expect(response.status).toBe(200);
      return json<ExecuteResult>(response);
    };
    // Warm the direct path too (whatever the isolate keeps for it), and let that call's log land.
    const warm = await run();
    expect(warm.successful, warm.error ?? "").toBe(true);
    await logsInD1([warm.log_id]);

    const measured = await measure(run);
    expect(measured.value.successful, measured.value.error ?? "").toBe(true);
    expect(upstream.githubTokens().at(-1)).toBe(`Bearer ${TOKEN}`);
    expectRoundTrips("a direct tools/execute", measured, 1);
    // waitUntil work may still be running: the log must land before the next case is measured.
    await expectLogOffPath("a direct tools/execute", measured.value.log_id);
  });
});

describe("the counter itself", () => {
  it("sees a cold session's round trips, made in its object, and delays them", async () => {
    // Were the count blind (the binding no longer wrapped, the object's trips not seen),
    // every case above would pass; a session's first call has to read the user's accounts.
    const cold = await createSession(tenant.key, { user_id: USER, toolkits: ["github"] });
    const measured = await measure(async () => mcpCall(tenant.key, cold.session_id, GET_REPO, REPO));
    expect(measured.value.successful, measured.value.error ?? "").toBe(true);
    expect(measured.trips.some((trip) => trip.sql.includes('"connected_accounts"')), `a cold call reads the accounts:\n${listing(measured.trips)}`).toBe(true);
    // The delay reached the code making them, which expectLogOffPath relies on.
    expect(measured.elapsedMs).toBeGreaterThanOrEqual(DELAY_MS);
    await logsInD1([measured.value.log_id!], cold.session_id);
  });
});

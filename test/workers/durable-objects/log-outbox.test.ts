import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { observeD1 } from "../../../core/db/d1-binding.ts";
import { newTenant, storedLog, storedLogNow, type Tenant } from "../fixtures.ts";
import { call, env, json } from "../helpers.ts";
import { createSession, executeMeta, SESSIONS } from "../core/sessions/session-fixtures.ts";

/**
 * A session's execution-log rows go to its own storage on the call's path and reach D1 from
 * the object's alarm. D1 being away is simulated at the binding (an observer that refuses
 * inserts into execution_logs), the object itself is real: nothing is lost when D1 refuses,
 * nor when the object is evicted with rows still waiting.
 */

let tenant: Tenant;
let sessionId: string;
let stopRefusing: (() => void) | undefined;

function refuseLogInserts(): void {
  stopRefusing = observeD1((trip) => {
    if (/insert into "execution_logs"/i.test(trip.sql)) throw new Error("D1 is unreachable (simulated)");
  });
}

const outboxSize = () =>
  runInDurableObject(env.SESSIONS.getByName(sessionId), (_instance, state: DurableObjectState) =>
    state.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM log_outbox").one().n,
  );

const search = () => executeMeta(tenant.key, sessionId, "COMPOSIO_SEARCH_TOOLS", { queries: [{ use_case: "star a repository" }] });

beforeAll(async () => {
  tenant = await newTenant("outbox");
  sessionId = (await createSession(tenant.key, { user_id: "u", toolkits: ["github"] })).session_id;
});

afterEach(() => {
  stopRefusing?.();
  stopRefusing = undefined;
});

describe("the session's log outbox", () => {
  it("answers with a log id the session's log shows at once, and D1 has the row soon after", async () => {
    const { log_id } = await search();
    const logs = await json<{ items: { id: string }[] }>(await call("GET", `${SESSIONS}/${sessionId}/logs`, { key: tenant.key }));
    expect(logs.items.map((item) => item.id)).toContain(log_id);
    expect(await storedLog(log_id)).toMatchObject({ id: log_id, tool_slug: "COMPOSIO_SEARCH_TOOLS" });
    expect(await outboxSize()).toBe(0);
  });

  it("keeps rows while D1 refuses them, and delivers them once it answers again", async () => {
    refuseLogInserts();
    const { log_id } = await search();
    // Past the flush delay: the alarm has run and failed, and will be retried.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    expect(await storedLogNow(log_id)).toBeNull();
    expect(await outboxSize()).toBeGreaterThan(0);
    stopRefusing?.();
    await runDurableObjectAlarm(env.SESSIONS.getByName(sessionId));
    expect(await storedLog(log_id)).toMatchObject({ id: log_id });
    expect(await outboxSize()).toBe(0);
  });

  it("loses nothing when the object is evicted with rows still waiting", async () => {
    refuseLogInserts();
    const first = await search();
    const second = await search();
    await evictDurableObject(env.SESSIONS.getByName(sessionId));
    stopRefusing?.();
    // The restarted object finds the rows in its storage and sends them.
    expect(await outboxSize()).toBeGreaterThanOrEqual(2);
    await runDurableObjectAlarm(env.SESSIONS.getByName(sessionId));
    expect(await storedLog(first.log_id)).toMatchObject({ id: first.log_id });
    expect(await storedLog(second.log_id)).toMatchObject({ id: second.log_id });
  });

  it("sends what is waiting before a deleted session's storage goes", async () => {
    const doomed = (await createSession(tenant.key, { user_id: "u", toolkits: ["github"] })).session_id;
    const { log_id } = await executeMeta(tenant.key, doomed, "COMPOSIO_SEARCH_TOOLS", { queries: [{ use_case: "list issues" }] });
    expect((await call("DELETE", `${SESSIONS}/${doomed}`, { key: tenant.key })).status).toBe(200);
    expect(await storedLogNow(log_id)).toMatchObject({ id: log_id });
  });
});

import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { mockUpstream } from "../executor/upstream.ts";
import { newTenant, storedLog, type Tenant } from "../../fixtures.ts";
import { call, json } from "../../helpers.ts";
import { createSession, executeMeta, SESSIONS } from "./session-fixtures.ts";

/** COMPOSIO_MULTI_EXECUTE_TOOL: independent calls, run concurrently, a result or error per item, each logged. */
interface MultiData {
  results: { tool_slug: string; index: number; response: { data: Record<string, unknown>; successful: boolean; error: string | null; log_id: string | null }; error: string | null }[];
  total_count: number;
  success_count: number;
  error_count: number;
}

let tenant: Tenant;
let sessionId: string;

beforeAll(async () => {
  tenant = await newTenant("multi");
  sessionId = (await createSession(tenant.key, { user_id: "u", toolkits: ["hackernews", "github"] })).session_id;
});

afterEach(() => {
  vi.restoreAllMocks();
});

const multi = (tools: unknown[]) => executeMeta<MultiData>(tenant.key, sessionId, "COMPOSIO_MULTI_EXECUTE_TOOL", { tools, sync_response_to_workbench: false });

describe("COMPOSIO_MULTI_EXECUTE_TOOL", () => {
  it("runs the calls concurrently and answers in request order", async () => {
    let inFlight = 0;
    let peak = 0;
    mockUpstream(async (request) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 100));
      inFlight -= 1;
      return Response.json({ id: Number(/item\/(\d+)/.exec(request.url.pathname)?.[1]) });
    });
    const started = Date.now();
    const { data, successful, log_id } = await multi([1, 2, 3, 4, 5].map((id) => ({ tool_slug: "HACKERNEWS_GET_ITEM", arguments: { id } })));
    expect(successful).toBe(true);
    expect(peak).toBeGreaterThan(1);
    expect(Date.now() - started).toBeLessThan(450);
    expect(data.results.map((r) => [r.index, r.response.data.id])).toEqual([0, 1, 2, 3, 4].map((i) => [i, i + 1]));
    expect(data).toMatchObject({ total_count: 5, success_count: 5, error_count: 0 });

    // Each item has its own log id, in D1 and in the session's log under the batch's id.
    const itemLog = data.results[0]?.response.log_id ?? "";
    expect(await storedLog(itemLog)).toMatchObject({ tool_slug: "HACKERNEWS_GET_ITEM", status: "success" });
    const logs = await json<{ items: { id: string; via: string; parent_id: string | null; kind: string }[] }>(await call("GET", `${SESSIONS}/${sessionId}/logs?limit=100`, { key: tenant.key }));
    const items = logs.items.filter((l) => l.parent_id === log_id);
    expect(items).toHaveLength(5);
    expect(items.every((l) => l.via === "multi" && l.kind === "app")).toBe(true);
    expect(logs.items.find((l) => l.id === log_id)).toMatchObject({ kind: "meta", via: "rest" });
  });

  it("reports a result or an error per item, and fails the batch when any item fails", async () => {
    mockUpstream((request) => (request.url.pathname.includes("/item/404") ? Response.json({ error: "nope" }, { status: 404 }) : Response.json({ ok: 1 })));
    const { data, successful, error } = await multi([
      { tool_slug: "HACKERNEWS_GET_ITEM", arguments: { id: 1 } },
      { tool_slug: "HACKERNEWS_GET_ITEM", arguments: { id: 404 } },
      { tool_slug: "GMAIL_SEND_EMAIL", arguments: {} },
      { tool_slug: "NOT_A_TOOL", arguments: {} },
      { tool_slug: "COMPOSIO_SEARCH_TOOLS", arguments: {} },
      { tool_slug: "HACKERNEWS_GET_ITEM", arguments: { id: "not a number" } },
      { tool_slug: "GITHUB_GET_A_REPOSITORY", arguments: { owner: "o", repo: "r" } },
    ]);
    expect(successful).toBe(false);
    expect(error).toBe("6 of 7 tool calls failed.");
    expect(data).toMatchObject({ total_count: 7, success_count: 1, error_count: 6 });
    const errors = data.results.map((r) => r.error);
    expect(errors[0]).toBeNull();
    expect(errors[1]).toContain("404");
    expect(errors[2]).toContain("not available in this session");
    expect(errors[3]).toContain("No tool has the slug NOT_A_TOOL");
    expect(errors[4]).toContain("meta tool");
    expect(errors[5]).toContain("Invalid arguments");
    expect(errors[6]).toContain("COMPOSIO_MANAGE_CONNECTIONS");
  });

  it("takes one to fifty calls", async () => {
    for (const tools of [[], Array.from({ length: 51 }, () => ({ tool_slug: "HACKERNEWS_GET_ITEM", arguments: { id: 1 } }))]) {
      const result = await multi(tools);
      expect(result.successful).toBe(false);
      expect(result.error).toContain("arguments.tools");
    }
  });

  it("is absent when the session turns multi-execute off", async () => {
    const off = await createSession(tenant.key, { user_id: "u", execute: { enable_multi_execute: false } });
    expect(off.tool_router_tools).not.toContain("COMPOSIO_MULTI_EXECUTE_TOOL");
    const response = await call("POST", `${SESSIONS}/${off.session_id}/execute_meta`, { key: tenant.key, body: { slug: "COMPOSIO_MULTI_EXECUTE_TOOL", arguments: { tools: [] } } });
    expect(response.status).toBe(403);
  });
});

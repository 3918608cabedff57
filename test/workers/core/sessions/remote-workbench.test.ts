import { evictDurableObject } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { mockUpstream } from "../executor/upstream.ts";
import { newTenant, type Tenant } from "../../fixtures.ts";
import { call, env, json } from "../../helpers.ts";
import { createSession, executeMeta, SESSIONS } from "./session-fixtures.ts";

/**
 * The workbench through the session API, on the real SessionObject: code and shell share
 * the session's files, variables carry over, state survives eviction, and helper calls
 * run the session's tools and land in its log.
 */
interface WorkbenchData {
  results: unknown;
  stdout: string;
  stderr: string;
  error: { kind: string; message: string } | null;
  saved_variables: string[];
  unsaved_variables: string[];
}
interface BashData {
  stdout: string;
  stderr: string;
  exit_code: number;
}

let tenant: Tenant;
let sessionId: string;

const code = (source: string) => executeMeta<WorkbenchData>(tenant.key, sessionId, "COMPOSIO_REMOTE_WORKBENCH", { code_to_execute: source });
const bash = (command: string) => executeMeta<BashData>(tenant.key, sessionId, "COMPOSIO_REMOTE_BASH_TOOL", { command });

beforeAll(async () => {
  tenant = await newTenant("workbench");
  sessionId = (await createSession(tenant.key, { user_id: "u", toolkits: ["hackernews"] })).session_id;
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("COMPOSIO_REMOTE_WORKBENCH and COMPOSIO_REMOTE_BASH_TOOL", () => {
  // The file's first run compiles the sandbox's wasm engine: seconds on a busy two-core machine.
  it("share files, keep variables, and keep both across eviction", { timeout: 30_000 }, async () => {
    const wrote = await code(`files.write("notes/todo.txt", "buy milk\\nwrite report\\n"); const count = 2; count * 21`);
    expect(wrote).toMatchObject({ successful: true, data: { results: 42, error: null, saved_variables: ["count"] } });

    expect((await bash("cat notes/todo.txt | wc -l")).data.stdout.trim()).toBe("2");
    expect((await bash("grep report notes/todo.txt")).data.stdout).toBe("write report\n");

    await evictDurableObject(env.SESSIONS.getByName(sessionId));
    expect((await bash("cat /home/user/notes/todo.txt")).data.stdout).toBe("buy milk\nwrite report\n");
    expect((await code("count + 1")).data.results).toBe(3);
  });

  it("runs one call at a time per session, so concurrent runs keep each other's variables", async () => {
    const [slow, fast] = await Promise.all([code(`await sleep(150); globalThis.fromSlow = 1`), code(`globalThis.fromFast = 2`)]);
    expect(slow.successful && fast.successful).toBe(true);
    expect((await code("[fromSlow, fromFast]")).data.results).toEqual([1, 2]);
  });

  it("prints to stdout and stderr, and reports a thrown error as a failed call", async () => {
    const printed = await code(`console.log("hello", { a: 1 }); console.error("careful")`);
    expect(printed.data.stdout).toContain("hello");
    expect(printed.data.stderr).toContain("careful");
    const thrown = await code(`throw new Error("bad input")`);
    expect(thrown).toMatchObject({ successful: false, data: { error: { kind: "exception", message: expect.stringContaining("bad input") } } });
  });

  // 20 s: the runaway loop runs to the run's ~5 s CPU budget, pausing for other requests as it goes.
  it("has no network, and recovers from a runaway loop", { timeout: 20_000 }, async () => {
    const network = await code(`await fetch("https://example.com")`);
    expect(network.successful).toBe(false);
    expect(network.error).toMatch(/network access is not available/i);
    const loop = await code(`while (true) {}`);
    expect(loop.successful).toBe(false);
    expect(loop.data.error?.kind).toMatch(/cpu|timeout/);
    expect((await code("1 + 1")).data.results).toBe(2);
  });

  it("runs the session's tools with run_composio_tool, logged under the run", async () => {
    mockUpstream((request) => Response.json({ id: Number(/item\/(\d+)/.exec(request.url.pathname)?.[1]), score: Number(/item\/(\d+)/.exec(request.url.pathname)?.[1]) * 10 }));
    const run = await code(`
      const items = [];
      for (const id of [1, 2, 3]) items.push((await run_composio_tool("HACKERNEWS_GET_ITEM", { id })).data);
      items.filter((item) => item.score > 15).map((item) => item.id)`);
    expect(run).toMatchObject({ successful: true, data: { results: [2, 3] } });
    const logs = await json<{ items: { tool_slug: string; via: string; parent_id: string | null; kind: string }[] }>(
      await call("GET", `${SESSIONS}/${sessionId}/logs?limit=50`, { key: tenant.key }),
    );
    const children = logs.items.filter((l) => l.parent_id === run.log_id);
    expect(children.filter((l) => l.tool_slug === "HACKERNEWS_GET_ITEM")).toHaveLength(3);
    expect(children.every((l) => l.via === "workbench" && l.kind === "app")).toBe(true);

    const refused = await code(`await run_composio_tool("GITHUB_CREATE_ISSUE", { owner: "a", repo: "b", title: "c" })`);
    expect(refused.successful).toBe(false);
    expect(refused.error).toMatch(/not available in this session/);
  });

  it("writes large multi-execute responses to a file the workbench can read", async () => {
    const small = (await createSession(tenant.key, { user_id: "u", toolkits: ["hackernews"], workbench: { auto_offload_threshold: 200 } })).session_id;
    mockUpstream(() => Response.json({ title: "x".repeat(500) }));
    const multi = await executeMeta<{ results: { response: { data: Record<string, unknown> } }[]; remote_file_info: { file_path: string }[] | null }>(
      tenant.key,
      small,
      "COMPOSIO_MULTI_EXECUTE_TOOL",
      { tools: [{ tool_slug: "HACKERNEWS_GET_ITEM", arguments: { id: 1 } }], sync_response_to_workbench: false },
    );
    const offloaded = multi.data.results[0]?.response.data;
    expect(offloaded).toMatchObject({ offloaded_to_workbench: true, file_path: expect.stringMatching(/^\/home\/user\/\.composio\/output\/hackernews_get_item_log_/) });
    expect(multi.data.remote_file_info?.[0]?.file_path).toBe(offloaded?.file_path);
    const read = await executeMeta<WorkbenchData>(tenant.key, small, "COMPOSIO_REMOTE_WORKBENCH", {
      code_to_execute: `JSON.parse(files.read(${JSON.stringify(offloaded?.file_path)})).title.length`,
    });
    expect(read.data.results).toBe(500);
  });

  it("keeps every response in the workbench with sync_response_to_workbench", async () => {
    mockUpstream(() => Response.json({ id: 7 }));
    const multi = await executeMeta<{ results: { response: { data: Record<string, unknown> } }[]; remote_file_info: { file_path: string }[] | null }>(
      tenant.key,
      sessionId,
      "COMPOSIO_MULTI_EXECUTE_TOOL",
      { tools: [{ tool_slug: "HACKERNEWS_GET_ITEM", arguments: { id: 7 } }], sync_response_to_workbench: true },
    );
    expect(multi.data.results[0]?.response.data).toEqual({ id: 7 });
    const path = multi.data.remote_file_info?.[0]?.file_path ?? "";
    expect((await bash(`jq .id ${path}`)).data.stdout.trim()).toBe("7");
  });

  it("are not listed, and refused, when the workbench is off", async () => {
    const off = await createSession(tenant.key, { user_id: "u", workbench: { enable: false } });
    expect(off.tool_router_tools).not.toContain("COMPOSIO_REMOTE_WORKBENCH");
    expect(off.tool_router_tools).not.toContain("COMPOSIO_REMOTE_BASH_TOOL");
    const response = await call("POST", `${SESSIONS}/${off.session_id}/execute_meta`, { key: tenant.key, body: { slug: "COMPOSIO_REMOTE_WORKBENCH", arguments: { code_to_execute: "1" } } });
    expect(response.status).toBe(403);
  });
});

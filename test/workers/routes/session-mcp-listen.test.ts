import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { newTenant, type Tenant } from "../fixtures.ts";
import { call } from "../helpers.ts";
import { createSession, SESSIONS } from "../core/sessions/session-fixtures.ts";
import { nextMessage } from "../sse.ts";

/**
 * `subscriptions/listen` (MCP 2026-07-28) on the session MCP endpoint, written by hand as the
 * SDK v2 client sends it, through the real Worker and the real SessionObject: what a PATCH, a
 * completed connection or the session's end tells a listen, and that it is told about its own
 * session only.
 */
const MODERN = "2026-07-28";
const SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";

let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  [tenant, other] = await Promise.all([newTenant("mcp-listen"), newTenant("mcp-listen-other")]);
});

const newSession = async () => (await createSession(tenant.key, { user_id: "listen-user", toolkits: ["hackernews"] })).session_id;

const envelope = { "io.modelcontextprotocol/protocolVersion": MODERN, "io.modelcontextprotocol/clientInfo": { name: "t", version: "1" }, "io.modelcontextprotocol/clientCapabilities": {} };

/** A 2026-07-28 request, with the headers that era requires (the stateless handler also checks `Host`). */
function modern(sessionId: string, method: string, params: Record<string, unknown>, headers: Record<string, string> = {}, id: string | number = `${method}:1`): Promise<Response> {
  return exports.default.fetch(
    new Request(`http://gateway.test/tool_router/${sessionId}/mcp`, {
      method: "POST",
      headers: {
        host: "gateway.test",
        accept: "application/json, text/event-stream",
        "content-type": "application/json",
        "mcp-protocol-version": MODERN,
        "mcp-method": method,
        "x-api-key": tenant.key,
        ...headers,
      },
      body: JSON.stringify({ jsonrpc: "2.0", id, method, params: { _meta: envelope, ...params } }),
    }),
  );
}

/** An open listen for tool-list changes, past its acknowledgement. */
async function listen(sessionId: string, id = "listen:0"): Promise<ReadableStreamDefaultReader<Uint8Array>> {
  const response = await modern(sessionId, "subscriptions/listen", { notifications: { toolsListChanged: true } }, {}, id);
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toBe("text/event-stream");
  const reader = response.body!.getReader();
  expect((await nextMessage(reader)).data).toEqual({
    jsonrpc: "2.0",
    method: "notifications/subscriptions/acknowledged",
    params: { notifications: { toolsListChanged: true }, _meta: { [SUBSCRIPTION_ID]: id } },
  });
  return reader;
}

const patch = async (sessionId: string, toolkits: string[]) => {
  const response = await call("PATCH", `${SESSIONS}/${sessionId}`, { key: tenant.key, body: { toolkits } });
  expect(response.status).toBe(200);
  await response.body?.cancel();
};

const listChanged = (id: string) => ({ jsonrpc: "2.0", method: "notifications/tools/list_changed", params: { _meta: { [SUBSCRIPTION_ID]: id } } });

describe("session MCP endpoint: subscriptions/listen (2026-07-28)", () => {
  it("advertises tools.listChanged on server/discover", async () => {
    const response = await modern(await newSession(), "server/discover", {});
    expect(response.status).toBe(200);
    expect(((await response.json()) as { result: { capabilities: unknown } }).result.capabilities).toEqual({ tools: { listChanged: true } });
  });

  it("tells a listen when its session is PATCHed, and no listen of another session", async () => {
    const [mine, theirs] = await Promise.all([newSession(), newSession()]);
    const [reader, bystander] = await Promise.all([listen(mine, "listen:mine"), listen(theirs, "listen:theirs")]);
    await patch(mine, ["hackernews", "github"]);
    expect((await nextMessage(reader)).data).toEqual(listChanged("listen:mine"));
    // The bystander's listen hears its own session's change, and that one alone (a timed-out read loses what follows: last).
    await patch(theirs, ["hackernews", "github"]);
    expect((await nextMessage(bystander)).data).toEqual(listChanged("listen:theirs"));
    await expect(nextMessage(bystander, 300)).rejects.toThrow("no event on the stream in time");
    await Promise.all([reader.cancel(), bystander.cancel()]);
  });

  it("tells a listen when a toolkit gets connected through the session", async () => {
    const sessionId = await newSession();
    const reader = await listen(sessionId);
    await env.SESSIONS.getByName(sessionId).connectionChanged({ projectId: tenant.projectId, toolkitSlug: "hackernews", connectedAccountId: "ca_listen", status: "ACTIVE" });
    expect((await nextMessage(reader)).data).toEqual(listChanged("listen:0"));
    await reader.cancel();
  });

  it("ends a listen with the spec's empty result when the session is deleted", async () => {
    const sessionId = await newSession();
    const reader = await listen(sessionId);
    await (await call("DELETE", `${SESSIONS}/${sessionId}`, { key: tenant.key })).body?.cancel();
    expect((await nextMessage(reader)).data).toMatchObject({ jsonrpc: "2.0", id: "listen:0", result: { resultType: "complete", _meta: { [SUBSCRIPTION_ID]: "listen:0" } } });
    await expect(nextMessage(reader)).rejects.toThrow("the stream ended");
  });

  it("keeps serving after a listen is cancelled, and a new listen hears the next change", async () => {
    const sessionId = await newSession();
    await (await listen(sessionId, "listen:gone")).cancel();
    await patch(sessionId, ["hackernews", "github"]);
    const reader = await listen(sessionId, "listen:next");
    await patch(sessionId, ["hackernews"]);
    expect((await nextMessage(reader)).data).toEqual(listChanged("listen:next"));
    await reader.cancel();
  });

  it("acknowledges a filter asking for nothing and closes at once; refuses a listen without a filter", async () => {
    const sessionId = await newSession();
    const empty = await modern(sessionId, "subscriptions/listen", { notifications: {} }, {}, "listen:empty");
    const reader = empty.body!.getReader();
    expect((await nextMessage(reader)).data).toMatchObject({ method: "notifications/subscriptions/acknowledged", params: { notifications: {} } });
    expect((await nextMessage(reader)).data).toMatchObject({ id: "listen:empty", result: { resultType: "complete" } });
    await expect(nextMessage(reader)).rejects.toThrow("the stream ended");

    const bad = await modern(sessionId, "subscriptions/listen", {}, {}, "listen:bad");
    expect(await bad.json()).toMatchObject({ jsonrpc: "2.0", id: "listen:bad", error: { code: -32602 } });
  });

  it("refuses no key (401) and another project's key (404) before anything is opened", async () => {
    const sessionId = await newSession();
    const cases: [Record<string, string>, number, string][] = [
      [{ "x-api-key": "" }, 401, "api_key_missing"],
      [{ "x-api-key": other.key }, 404, "session_not_found"],
    ];
    for (const [headers, status, code] of cases) {
      const response = await modern(sessionId, "subscriptions/listen", { notifications: { toolsListChanged: true } }, headers);
      expect(response.status, code).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });
});

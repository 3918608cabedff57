import { env, exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { newTenant, type Tenant } from "../fixtures.ts";
import { call } from "../helpers.ts";
import { createSession, SESSIONS } from "../core/sessions/session-fixtures.ts";
import { nextMessage } from "../sse.ts";

/**
 * The session MCP endpoint's standalone GET stream, through the real Worker and the real
 * SessionObject: what a PATCH or a completed connection tells the clients that hold one.
 */
let tenant: Tenant;
let other: Tenant;

beforeAll(async () => {
  [tenant, other] = await Promise.all([newTenant("mcp-stream"), newTenant("mcp-stream-other")]);
});

const newSession = async () => (await createSession(tenant.key, { user_id: "stream-user", toolkits: ["hackernews"] })).session_id;

function openStream(sessionId: string, headers: Record<string, string> = {}): Promise<Response> {
  return exports.default.fetch(
    new Request(`http://gateway.test/tool_router/${sessionId}/mcp`, {
      headers: { accept: "text/event-stream", "mcp-protocol-version": "2025-11-25", "x-api-key": tenant.key, ...headers },
    }),
  );
}

const LIST_CHANGED = { jsonrpc: "2.0", method: "notifications/tools/list_changed" };

describe("session MCP endpoint: the GET stream", () => {
  it("advertises tools.listChanged", async () => {
    const response = await exports.default.fetch(
      new Request(`http://gateway.test/tool_router/${await newSession()}/mcp`, {
        method: "POST",
        headers: { accept: "application/json, text/event-stream", "content-type": "application/json", "x-api-key": tenant.key },
        body: JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params: { protocolVersion: "2025-11-25", capabilities: {}, clientInfo: { name: "t", version: "1" } } }),
      }),
    );
    expect(((await response.json()) as { result: { capabilities: unknown } }).result.capabilities).toEqual({ tools: { listChanged: true } });
  });

  it("tells every open stream when the session is PATCHed", async () => {
    const sessionId = await newSession();
    const [first, second] = await Promise.all([openStream(sessionId), openStream(sessionId)]);
    for (const response of [first, second]) {
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("text/event-stream");
    }
    const readers = [first!.body!.getReader(), second!.body!.getReader()];
    const patched = await call("PATCH", `${SESSIONS}/${sessionId}`, { key: tenant.key, body: { toolkits: ["hackernews", "github"] } });
    expect(patched.status).toBe(200);
    await patched.body?.cancel();
    for (const reader of readers) {
      expect(await nextMessage(reader)).toEqual({ event: "message", data: LIST_CHANGED });
      await reader.cancel();
    }
  });

  it("tells the stream when a toolkit gets connected through the session, not when a connection fails", async () => {
    const sessionId = await newSession();
    const response = await openStream(sessionId);
    const reader = response.body!.getReader();
    const stub = env.SESSIONS.getByName(sessionId);
    await stub.connectionChanged({ projectId: tenant.projectId, toolkitSlug: "hackernews", connectedAccountId: "ca_failed", status: "FAILED" });
    // Another project's event is ignored by the object.
    await stub.connectionChanged({ projectId: other.projectId, toolkitSlug: "hackernews", connectedAccountId: "ca_foreign", status: "ACTIVE" });
    await stub.connectionChanged({ projectId: tenant.projectId, toolkitSlug: "hackernews", connectedAccountId: "ca_active", status: "ACTIVE" });
    expect((await nextMessage(reader)).data).toEqual(LIST_CHANGED);
    // Exactly one notification: the next frame is the one a later PATCH sends.
    await (await call("PATCH", `${SESSIONS}/${sessionId}`, { key: tenant.key, body: { toolkits: ["hackernews"] } })).body?.cancel();
    expect((await nextMessage(reader)).data).toEqual(LIST_CHANGED);
    await reader.cancel();
  });

  it("ends the stream when the session is deleted", async () => {
    const sessionId = await newSession();
    const reader = (await openStream(sessionId)).body!.getReader();
    await (await call("DELETE", `${SESSIONS}/${sessionId}`, { key: tenant.key })).body?.cancel();
    await expect(nextMessage(reader)).rejects.toThrow("the stream ended");
  });

  it("refuses a GET without Accept: text/event-stream (406), an unknown protocol version (400), HEAD and DELETE (405)", async () => {
    const sessionId = await newSession();
    const plain = await openStream(sessionId, { accept: "application/json" });
    expect(plain.status).toBe(406);
    expect(await plain.json()).toMatchObject({ jsonrpc: "2.0", error: { code: -32000 }, id: null });
    const version = await openStream(sessionId, { "mcp-protocol-version": "1999-01-01" });
    expect(version.status).toBe(400);
    await version.body?.cancel();
    for (const method of ["HEAD", "DELETE"]) {
      const response = await exports.default.fetch(new Request(`http://gateway.test/tool_router/${sessionId}/mcp`, { method, headers: { "x-api-key": tenant.key } }));
      expect(response.status, method).toBe(405);
      expect(response.headers.get("allow")).toBe("GET, POST");
      await response.body?.cancel();
    }
  });

  it("refuses no key (401), another project's key (404) and a foreign Origin (403) before opening a stream", async () => {
    const sessionId = await newSession();
    const cases: [Record<string, string>, number, string][] = [
      [{ "x-api-key": "" }, 401, "api_key_missing"],
      [{ "x-api-key": other.key }, 404, "session_not_found"],
      [{ origin: "https://evil.example" }, 403, "origin_not_allowed"],
    ];
    for (const [headers, status, code] of cases) {
      const response = await openStream(sessionId, headers);
      expect(response.status, code).toBe(status);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
    }
  });
});

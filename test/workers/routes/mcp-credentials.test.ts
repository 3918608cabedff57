import { beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../../core/encoding.ts";
import { CreatedMcpCredentialSchema, McpCredentialSchema } from "../../../worker/http/mcp-credential-views.ts";
import { idPattern } from "../../../core/ids.ts";
import { MAX_LIVE_CREDENTIALS } from "../../../worker/routes/mcp-credentials.ts";
import { expectKeyRefusals, newTenant, type Tenant } from "../fixtures.ts";
import { call, env, expectError, json, type Page } from "../helpers.ts";
import { createSession, SESSIONS } from "../core/sessions/session-fixtures.ts";

/**
 * The routes that manage scoped MCP credentials, with the project key: create (secret once),
 * list (never the secret), revoke; for one session and for one user's sessions.
 */

type Created = ReturnType<typeof CreatedMcpCredentialSchema.parse>;
type Credential = ReturnType<typeof McpCredentialSchema.parse>;

const USER_CREDENTIALS = "/api/v3.1/mcp_credentials";
const sessionCredentials = (sessionId: string) => `${SESSIONS}/${sessionId}/mcp_credentials`;
const MISSING_CREDENTIAL = "mcc_AAAAAAAAAAAAAAAAAAAAAA";
const DAY_MS = 86_400_000;

let tenant: Tenant;
let other: Tenant;
let sessionId: string;

/** Every secret minted here: no response but its own create response may contain one. */
const secrets = new Set<string>();

async function expectNoSecret(response: Response): Promise<void> {
  const text = await response.clone().text();
  for (const secret of secrets) expect(text.includes(secret), "a response leaked an MCP credential").toBe(false);
  expect(text).not.toMatch(/smc_[A-Za-z0-9_-]{43}/);
}

async function createFor(session: string, body: Record<string, unknown> = {}, key = tenant.key): Promise<Created> {
  const response = await call("POST", sessionCredentials(session), { key, body });
  expect(response.status, await response.clone().text()).toBe(201);
  const created = CreatedMcpCredentialSchema.strict().parse(await response.json());
  secrets.add(created.secret);
  return created;
}

async function createForUser(userId: string, body: Record<string, unknown> = {}, key = tenant.key): Promise<Created> {
  const response = await call("POST", USER_CREDENTIALS, { key, body: { user_id: userId, ...body } });
  expect(response.status, await response.clone().text()).toBe(201);
  const created = CreatedMcpCredentialSchema.strict().parse(await response.json());
  secrets.add(created.secret);
  return created;
}

async function listed(path: string, key = tenant.key): Promise<Credential[]> {
  const response = await call("GET", path, { key });
  expect(response.status).toBe(200);
  await expectNoSecret(response);
  const page = await json<Page<Credential>>(response);
  return page.items.map((item) => McpCredentialSchema.strict().parse(item));
}

beforeAll(async () => {
  [tenant, other] = await Promise.all([newTenant("mcc"), newTenant("mcc-other")]);
  sessionId = (await createSession(tenant.key, { user_id: "ada", toolkits: ["hackernews"] })).session_id;
});

describe("POST /api/v3.1/tool_router/session/{session_id}/mcp_credentials", () => {
  it("mints an smc_ credential once, with its MCP client configuration and a 30-day default expiry", async () => {
    const before = Date.now();
    const created = await createFor(sessionId);
    expect(created.id).toMatch(idPattern("mcc"));
    expect(created.secret).toMatch(/^smc_[A-Za-z0-9_-]{43}$/);
    expect(created).toMatchObject({
      name: "default",
      scope: "session",
      session_id: sessionId,
      user_id: "ada",
      prefix: created.secret.slice(0, 12),
      status: "active",
      last_used_at: null,
      revoked_at: null,
      mcp: {
        type: "http",
        url: `http://gateway.test/tool_router/${sessionId}/mcp`,
        url_template: "http://gateway.test/tool_router/{session_id}/mcp",
        headers: { Authorization: `Bearer ${created.secret}` },
      },
    });
    const lifetime = Date.parse(created.expires_at) - before;
    expect(lifetime).toBeGreaterThanOrEqual(30 * DAY_MS - 1000);
    expect(lifetime).toBeLessThanOrEqual(30 * DAY_MS + 5000);
  });

  it("takes a name and an expiry up to a year", async () => {
    const created = await createFor(sessionId, { name: "  Claude Desktop on ada's laptop ", expires_in_seconds: 365 * 86_400 });
    expect(created.name).toBe("Claude Desktop on ada's laptop");
    expect(Date.parse(created.expires_at) - Date.parse(created.created_at)).toBe(365 * DAY_MS);
  });

  it("stores only a hash of the secret", async () => {
    const created = await createFor(sessionId);
    const row = await env.DB.prepare("SELECT * FROM mcp_credentials WHERE id = ?").bind(created.id).first<Record<string, unknown>>();
    expect(row).toMatchObject({ project_id: tenant.projectId, scope: "session", session_id: sessionId, user_id: "ada", lookup_prefix: created.prefix });
    expect(row?.secret_hash).toBe(await sha256Hex(created.secret));
    expect(JSON.stringify(row)).not.toContain(created.secret);
    expect(JSON.stringify(row)).not.toContain(created.secret.slice(12));
  });

  it("refuses malformed input with the fields named", async () => {
    for (const body of [
      { expires_in_seconds: 366 * 86_400 },
      { expires_in_seconds: 59 },
      { expires_in_seconds: 3600.5 },
      { expires_in_seconds: "3600" },
      { name: "" },
      { name: "x".repeat(101) },
      { scope: "user" },
    ]) {
      const error = await expectError(await call("POST", sessionCredentials(sessionId), { key: tenant.key, body }), 400, "validation_failed");
      expect(error.errors?.[0]?.path, JSON.stringify(body)).toMatch(/^body(\.|$)/);
    }
    await expectError(await call("POST", sessionCredentials(sessionId), { key: tenant.key, body: "{not json" }), 400, "malformed_json");
  });

  it("refuses no key and a revoked key", async () => {
    await expectKeyRefusals("POST", sessionCredentials(sessionId), {});
  });

  it("answers 404 for another project's session, a made-up one and a deleted one", async () => {
    await expectError(await call("POST", sessionCredentials(sessionId), { key: other.key, body: {} }), 404, "session_not_found");
    await expectError(await call("POST", sessionCredentials("trs_AAAAAAAAAAAAAAAAAAAAAA"), { key: tenant.key, body: {} }), 404, "session_not_found");
    await expectError(await call("POST", sessionCredentials("not-a-session"), { key: tenant.key, body: {} }), 404, "session_not_found");
    const ended = (await createSession(tenant.key, { user_id: "ada" })).session_id;
    expect((await call("DELETE", `${SESSIONS}/${ended}`, { key: tenant.key })).status).toBe(200);
    await expectError(await call("POST", sessionCredentials(ended), { key: tenant.key, body: {} }), 404, "session_not_found");
  });

  it(`refuses a ${MAX_LIVE_CREDENTIALS + 1}th live credential for one session with 409`, async () => {
    const crowded = (await createSession(tenant.key, { user_id: "ada" })).session_id;
    const now = Date.now();
    const insert = env.DB.prepare(
      "INSERT INTO mcp_credentials (id, project_id, scope, session_id, user_id, name, lookup_prefix, secret_hash, created_at, expires_at) VALUES (?, ?, 'session', ?, 'ada', 'bulk', 'smc_bulk0000', 'x', ?, ?)",
    );
    await env.DB.batch(Array.from({ length: MAX_LIVE_CREDENTIALS }, (_, i) => insert.bind(`mcc_bulk${crypto.randomUUID()}`, tenant.projectId, crowded, now - i, now + DAY_MS)));
    await expectError(await call("POST", sessionCredentials(crowded), { key: tenant.key, body: {} }), 409, "mcp_credential_limit_reached");
    // Expired ones do not count.
    await env.DB.prepare("UPDATE mcp_credentials SET expires_at = ? WHERE session_id = ? AND id IN (SELECT id FROM mcp_credentials WHERE session_id = ? LIMIT 1)").bind(now - 1, crowded, crowded).run();
    await createFor(crowded);
  });
});

describe("GET /api/v3.1/tool_router/session/{session_id}/mcp_credentials", () => {
  it("lists the session's credentials newest first, revoked ones with their status, never the secret", async () => {
    const session = (await createSession(tenant.key, { user_id: "ada" })).session_id;
    const first = await createFor(session, { name: "first" });
    const second = await createFor(session, { name: "second" });
    await createFor(sessionId, { name: "another session's" });
    await createForUser("ada", { name: "the user's" });
    expect((await call("DELETE", `${sessionCredentials(session)}/${first.id}`, { key: tenant.key })).status).toBe(200);
    const items = await listed(sessionCredentials(session));
    expect(items.map((item) => [item.name, item.status])).toEqual([
      ["second", "active"],
      ["first", "revoked"],
    ]);
    const { secret: _secret, mcp: _mcp, ...publicPart } = second;
    expect(items[0]).toEqual(publicPart);
  });

  it("pages with limit and cursor, and refuses a bad one", async () => {
    const session = (await createSession(tenant.key, { user_id: "ada" })).session_id;
    const ids = [];
    for (let i = 0; i < 3; i++) ids.push((await createFor(session, { name: `n${i}` })).id);
    const first = await json<Page<Credential>>(await call("GET", `${sessionCredentials(session)}?limit=2`, { key: tenant.key }));
    expect(first.items).toHaveLength(2);
    const second = await json<Page<Credential>>(await call("GET", `${sessionCredentials(session)}?limit=2&cursor=${encodeURIComponent(first.next_cursor!)}`, { key: tenant.key }));
    expect([...first.items, ...second.items].map((item) => item.id)).toEqual(ids.reverse());
    expect(second.next_cursor).toBeNull();
    await expectError(await call("GET", `${sessionCredentials(session)}?cursor=nope`, { key: tenant.key }), 400, "invalid_cursor");
    await expectError(await call("GET", `${sessionCredentials(session)}?limit=0`, { key: tenant.key }), 400, "validation_failed");
  });

  it("lists an ended session's credentials, and refuses no key, a revoked key and another project's key", async () => {
    const session = (await createSession(tenant.key, { user_id: "ada" })).session_id;
    await createFor(session);
    expect((await call("DELETE", `${SESSIONS}/${session}`, { key: tenant.key })).status).toBe(200);
    expect(await listed(sessionCredentials(session))).toHaveLength(1);
    await expectKeyRefusals("GET", sessionCredentials(session));
    await expectError(await call("GET", sessionCredentials(session), { key: other.key }), 404, "session_not_found");
  });
});

describe("DELETE /api/v3.1/tool_router/session/{session_id}/mcp_credentials/{credential_id}", () => {
  it("revokes once: the first time is kept", async () => {
    const created = await createFor(sessionId);
    const path = `${sessionCredentials(sessionId)}/${created.id}`;
    const response = await call("DELETE", path, { key: tenant.key });
    expect(response.status).toBe(200);
    await expectNoSecret(response);
    const revoked = McpCredentialSchema.strict().parse(await response.json());
    expect(revoked).toMatchObject({ id: created.id, status: "revoked" });
    expect(revoked.revoked_at).not.toBeNull();
    const again = await json<Credential>(await call("DELETE", path, { key: tenant.key }));
    expect(again.revoked_at).toBe(revoked.revoked_at);
  });

  it("refuses a malformed id, an unknown one, another session's and another project's", async () => {
    const created = await createFor(sessionId);
    const otherSession = (await createSession(tenant.key, { user_id: "ada" })).session_id;
    await expectError(await call("DELETE", `${sessionCredentials(sessionId)}/${created.secret}`, { key: tenant.key }), 400, "validation_failed");
    await expectError(await call("DELETE", `${sessionCredentials(sessionId)}/${MISSING_CREDENTIAL}`, { key: tenant.key }), 404, "mcp_credential_not_found");
    await expectError(await call("DELETE", `${sessionCredentials(otherSession)}/${created.id}`, { key: tenant.key }), 404, "mcp_credential_not_found");
    await expectError(await call("DELETE", `${sessionCredentials(sessionId)}/${created.id}`, { key: other.key }), 404, "session_not_found");
    await expectError(await call("DELETE", `${USER_CREDENTIALS}/${created.id}`, { key: other.key }), 404, "mcp_credential_not_found");
    await expectKeyRefusals("DELETE", `${sessionCredentials(sessionId)}/${created.id}`);
    expect((await listed(sessionCredentials(sessionId))).find((item) => item.id === created.id)?.status).toBe("active");
  });
});

describe("POST /api/v3.1/mcp_credentials (a user's sessions)", () => {
  it("mints a user-scoped credential: no single URL, the template instead", async () => {
    const created = await createForUser("grace", { name: "agent runtime", expires_in_seconds: 3600 });
    expect(created).toMatchObject({
      scope: "user",
      session_id: null,
      user_id: "grace",
      name: "agent runtime",
      status: "active",
      mcp: { type: "http", url: null, url_template: "http://gateway.test/tool_router/{session_id}/mcp", headers: { Authorization: `Bearer ${created.secret}` } },
    });
    expect(Date.parse(created.expires_at) - Date.parse(created.created_at)).toBe(3_600_000);
  });

  it("refuses malformed input", async () => {
    for (const body of [{}, { user_id: "" }, { user_id: "x".repeat(257) }, { user_id: "grace", expires_in_seconds: 0 }, { user_id: "grace", session_id: sessionId }]) {
      await expectError(await call("POST", USER_CREDENTIALS, { key: tenant.key, body }), 400, "validation_failed");
    }
  });

  it("refuses no key and a revoked key", async () => {
    await expectKeyRefusals("POST", USER_CREDENTIALS, { user_id: "grace" });
  });

  it("keeps each project's credentials to itself", async () => {
    const mine = await createForUser("grace", { name: "mine" });
    const theirs = await createForUser("grace", { name: "theirs" }, other.key);
    const listedByOther = await listed(`${USER_CREDENTIALS}?user_id=grace`, other.key);
    expect(listedByOther.map((item) => item.id)).toEqual([theirs.id]);
    await expectError(await call("DELETE", `${USER_CREDENTIALS}/${mine.id}`, { key: other.key }), 404, "mcp_credential_not_found");
  });
});

describe("GET and DELETE /api/v3.1/mcp_credentials", () => {
  it("lists both scopes newest first, filtered by user, session or scope", async () => {
    const project = await newTenant("mcc-list");
    const session = (await createSession(project.key, { user_id: "lin" })).session_id;
    const bySession = await createFor(session, {}, project.key);
    const byUser = await createForUser("lin", {}, project.key);
    const someoneElse = await createForUser("max", {}, project.key);
    const ids = async (query: string) => (await listed(`${USER_CREDENTIALS}${query}`, project.key)).map((item) => item.id);
    expect(await ids("")).toEqual([someoneElse.id, byUser.id, bySession.id]);
    expect(await ids("?user_id=lin")).toEqual([byUser.id, bySession.id]);
    expect(await ids(`?session_id=${session}`)).toEqual([bySession.id]);
    expect(await ids("?scope=user")).toEqual([someoneElse.id, byUser.id]);
    expect(await ids("?scope=user&user_id=lin")).toEqual([byUser.id]);
    await expectError(await call("GET", `${USER_CREDENTIALS}?scope=project`, { key: project.key }), 400, "validation_failed");
    await expectKeyRefusals("GET", USER_CREDENTIALS);
  });

  it("revokes either scope by id", async () => {
    const session = await createFor(sessionId);
    const user = await createForUser("grace");
    for (const created of [session, user]) {
      const revoked = await json<Credential>(await call("DELETE", `${USER_CREDENTIALS}/${created.id}`, { key: tenant.key }));
      expect(revoked).toMatchObject({ id: created.id, status: "revoked" });
    }
    await expectError(await call("DELETE", `${USER_CREDENTIALS}/${MISSING_CREDENTIAL}`, { key: tenant.key }), 404, "mcp_credential_not_found");
    await expectError(await call("DELETE", `${USER_CREDENTIALS}/key_AAAAAAAAAAAAAAAAAAAAAA`, { key: tenant.key }), 400, "validation_failed");
    await expectKeyRefusals("DELETE", `${USER_CREDENTIALS}/${user.id}`);
  });

  it("shows a credential past its expiry as expired", async () => {
    const created = await createForUser("grace");
    await env.DB.prepare("UPDATE mcp_credentials SET expires_at = ? WHERE id = ?").bind(Date.now() - 1000, created.id).run();
    expect((await listed(`${USER_CREDENTIALS}?user_id=grace`)).find((item) => item.id === created.id)?.status).toBe("expired");
  });
});

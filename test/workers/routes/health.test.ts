import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import packageJson from "../../../package.json";
import worker from "../../../worker/index.ts";
import { ADMIN_KEY, call, env, json, newProjectWithKey, revokeKey, UNKNOWN_KEY } from "../helpers.ts";

interface Health {
  status: string;
  version: string;
  storage: { d1: string };
  secrets: { admin_api_key: string; encryption_keys: string };
}

/** Runs the real Worker against a changed environment, which exports.default cannot do. */
async function healthWith(overrides: Partial<Env>): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request("http://gateway.test/health"), { ...env, ...overrides }, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

/** A D1 binding that fails every statement the way D1 does; it stands in for the platform, not for Switchboard. */
function failingD1(message: string): D1Database {
  const fail = () => Promise.reject(new Error(message));
  const statement = { all: fail, first: fail, run: fail, raw: fail, bind: () => statement };
  return { prepare: () => statement, batch: fail, exec: fail } as unknown as D1Database;
}

describe("GET /health", () => {
  it("reports ok, the version and ready storage, without a key", async () => {
    const response = await call("GET", "/health");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await json<Health>(response)).toEqual({
      status: "ok",
      version: packageJson.version,
      storage: { d1: "ready" },
      secrets: { admin_api_key: "set", encryption_keys: "set" },
    });
  });

  it("ignores whatever key is sent: unknown, revoked, another project's, or the admin key", async () => {
    const { projectId, keyId, key } = await newProjectWithKey();
    const other = await newProjectWithKey("other");
    await revokeKey(projectId, keyId);
    const attempts: Record<string, string>[] = [
      { "x-api-key": key },
      { "x-api-key": other.key },
      { "x-api-key": UNKNOWN_KEY },
      { authorization: "Basic x" },
      { authorization: `Bearer ${ADMIN_KEY}` },
    ];
    for (const headers of attempts) {
      const response = await call("GET", "/health", { headers });
      expect(response.status).toBe(200);
      expect((await json<Health>(response)).status).toBe("ok");
    }
  });

  it("ignores a query string and answers other methods with 404", async () => {
    expect((await call("GET", "/health?verbose=1")).status).toBe(200);
    expect((await call("POST", "/health", { body: {} })).status).toBe(404);
  });

  it("answers 503 degraded when a secret is missing, naming it but not revealing any value", async () => {
    const response = await healthWith({ ADMIN_API_KEY: "" });
    expect(response.status).toBe(503);
    const body = await json<Health>(response);
    expect(body).toMatchObject({ status: "degraded", storage: { d1: "ready" }, secrets: { admin_api_key: "missing", encryption_keys: "set" } });
    expect(JSON.stringify(body)).not.toContain(env.ENCRYPTION_KEYS);
  });

  it("answers 503 with migrations_pending when the tables are missing", async () => {
    const response = await healthWith({ DB: failingD1("D1_ERROR: no such table: api_keys: SQLITE_ERROR") });
    expect(response.status).toBe(503);
    expect((await json<Health>(response)).storage.d1).toBe("migrations_pending");
  });

  it("answers 503 with unavailable when D1 fails otherwise", async () => {
    const response = await healthWith({ DB: failingD1("D1_ERROR: network connection lost") });
    expect(response.status).toBe(503);
    expect((await json<Health>(response)).storage.d1).toBe("unavailable");
  });
});

describe("GET /health/live", () => {
  it("answers without a key and without touching storage", async () => {
    const response = await call("GET", "/health/live");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ status: "ok", version: expect.any(String) });
  });
});

import { createExecutionContext, waitOnExecutionContext } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { accountAad, authConfigAad } from "../../../core/crypto/aad.ts";
import { KeyRing } from "../../../core/crypto/keyring.ts";
import { reencryptBatch } from "../../../worker/repositories/reencrypt.ts";
import worker from "../../../worker/index.ts";
import { ADMIN_KEY, adminRefusals, call, env, expectError, expectRefusals, json, newProjectWithKey, type Refusal } from "../helpers.ts";

const STATUS = "/api/admin/encryption/status";
const ROTATE = "/api/admin/encryption/rotate";

/** The test env's own key (vitest.workers.config.ts), and two more. */
const K1 = (JSON.parse(env.ENCRYPTION_KEYS) as Record<string, string>).k1 ?? "";
const K2 = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => 200 - i)));
const K3 = btoa(String.fromCharCode(...Array.from({ length: 32 }, (_, i) => i * 7)));

interface Ring {
  keys: Record<string, string>;
  current: string;
}
const ONLY_K1: Ring = { keys: { k1: K1 }, current: "k1" };
const K1_TO_K2: Ring = { keys: { k1: K1, k2: K2 }, current: "k2" };
const ONLY_K2: Ring = { keys: { k2: K2 }, current: "k2" };
const EVERY_KEY = { k1: K1, k2: K2, k3: K3 };

interface Status {
  current_key_id: string;
  keys: string[];
  rows_by_key: Record<string, number>;
}
interface Rotation {
  reencrypted: number;
  remaining: number;
  failed: { column: string; id: string; key_id: string | null; reason: string }[];
}

const keyRing = (ring: Ring) => new KeyRing(JSON.stringify(ring.keys), ring.current);

/** The real Worker, as deployed with another key ring: what changing the secrets does. */
async function callWith(ring: Ring, method: string, path: string, options: { key?: string; body?: unknown } = {}): Promise<Response> {
  const headers = new Headers(options.key ? { "x-api-key": options.key } : { authorization: `Bearer ${ADMIN_KEY}` });
  if (options.body !== undefined) headers.set("content-type", "application/json");
  const request = new Request(`http://gateway.test${path}`, { method, headers, body: options.body === undefined ? undefined : JSON.stringify(options.body) });
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, { ...env, ENCRYPTION_KEYS: JSON.stringify(ring.keys), ENCRYPTION_KEY_ID: ring.current }, ctx);
  await waitOnExecutionContext(ctx);
  expect(response.status, `${method} ${path} must never answer 500`).not.toBe(500);
  return response;
}

async function statusWith(ring: Ring): Promise<Status> {
  const response = await callWith(ring, "GET", STATUS);
  expect(response.status).toBe(200);
  return json<Status>(response);
}

async function rotateWith(ring: Ring, batchSize?: number): Promise<Rotation> {
  const response = await callWith(ring, "POST", ROTATE, { body: batchSize === undefined ? {} : { batch_size: batchSize } });
  expect(response.status).toBe(200);
  return json<Rotation>(response);
}

const pending = (status: Status) => Object.entries(status.rows_by_key).reduce((sum, [kid, n]) => (kid === status.current_key_id ? sum : sum + n), 0);
const total = (status: Status) => Object.values(status.rows_by_key).reduce((sum, n) => sum + n, 0);

async function stored(table: "auth_configs" | "connected_accounts", id: string): Promise<string> {
  const row = await env.DB.prepare(`SELECT credentials_enc AS blob FROM ${table} WHERE id = ?`).bind(id).first<{ blob: string | null }>();
  return row?.blob ?? "";
}

interface Secrets {
  projectId: string;
  key: string;
  authConfigId: string;
  githubConfigId: string;
  accounts: { id: string; secret: string }[];
}

/** Secrets of every kind, written through the real routes with `ring` as the Worker's key ring. */
async function writeSecrets(ring: Ring = ONLY_K1): Promise<Secrets> {
  const { projectId, key } = await newProjectWithKey("encryption");
  const config = async (slug: string, authScheme: string, credentials?: Record<string, string>) => {
    const response = await callWith(ring, "POST", "/api/v3.1/auth_configs", {
      key,
      body: { toolkit: { slug }, auth_config: { type: "use_custom_auth", authScheme, ...(credentials ? { credentials } : {}) } },
    });
    expect(response.status).toBe(201);
    return (await json<{ auth_config: { id: string } }>(response)).auth_config.id;
  };
  const connect = async (authConfigId: string, authScheme: string, val: Record<string, string>) => {
    const response = await callWith(ring, "POST", "/api/v3.1/connected_accounts", {
      key,
      body: { auth_config: { id: authConfigId }, connection: { user_id: "alice", state: { authScheme, val } } },
    });
    expect(response.status).toBe(201);
    return (await json<{ id: string }>(response)).id;
  };
  const tag = crypto.randomUUID().slice(0, 8);
  const authConfigId = await config("slack", "OAUTH2", { client_id: "slack-client", client_secret: `slack_secret_${tag}` });
  const githubConfigId = await config("github", "BEARER_TOKEN");
  const accounts = [
    { id: await connect(githubConfigId, "BEARER_TOKEN", { token: `ghp_token_${tag}` }), secret: `ghp_token_${tag}` },
    { id: await connect(await config("discord", "API_KEY"), "API_KEY", { api_key: `discord_key_${tag}` }), secret: `discord_key_${tag}` },
    { id: await connect(await config("jira", "BASIC"), "BASIC", { username: "ada@example.com", password: `jira_pw_${tag}` }), secret: `jira_pw_${tag}` },
  ];
  return { projectId, key, authConfigId, githubConfigId, accounts };
}

async function decryptAccount(ring: Ring, secrets: Secrets, accountId: string): Promise<string> {
  return keyRing(ring).decrypt(await stored("connected_accounts", accountId), accountAad({ id: accountId, projectId: secrets.projectId }));
}

let refusals: Refusal[];
beforeAll(async () => {
  refusals = await adminRefusals(await newProjectWithKey("encryption-owner"));
});

// Each test starts with every row under k1, whatever the one before it did.
afterEach(async () => {
  vi.restoreAllMocks();
  for (let i = 0; i < 100; i += 1) {
    const result = await rotateWith({ keys: EVERY_KEY, current: "k1" }, 100);
    if (result.remaining === 0 || result.reencrypted === 0) break;
  }
});

describe("GET /api/admin/encryption/status", () => {
  it("counts the stored secrets under each key", async () => {
    const before = await statusWith(ONLY_K1);
    await writeSecrets();
    const after = await statusWith(ONLY_K1);
    expect(after).toEqual({ current_key_id: "k1", keys: ["k1"], rows_by_key: { k1: (before.rows_by_key.k1 ?? 0) + 4 } });
  });

  it("shows a key that was added but encrypts nothing yet, and a removed key that still does", async () => {
    await writeSecrets();
    const added = await statusWith(K1_TO_K2);
    expect(added.current_key_id).toBe("k2");
    expect(added.keys).toEqual(["k1", "k2"]);
    expect(added.rows_by_key.k2).toBeUndefined();
    // Dropping k1 before rotating: its rows are still counted, though nothing can read them.
    const removed = await statusWith(ONLY_K2);
    expect(removed.keys).toEqual(["k2"]);
    expect(removed.rows_by_key.k1).toBe(added.rows_by_key.k1);
  });
});

describe("POST /api/admin/encryption/rotate", () => {
  it("encrypts new writes with the new key at once, and moves old rows in batches, counting down", async () => {
    const old = await writeSecrets();
    const fresh = await writeSecrets(K1_TO_K2);
    expect(await stored("connected_accounts", fresh.accounts[0]?.id ?? "")).toMatch(/^v1\.k2\./);
    expect(await stored("auth_configs", fresh.authConfigId)).toMatch(/^v1\.k2\./);

    const start = await statusWith(K1_TO_K2);
    const toDo = pending(start);
    expect(toDo).toBeGreaterThanOrEqual(4);
    expect(start.rows_by_key.k2).toBe(4);

    let remaining = toDo;
    let calls = 0;
    while (remaining > 0) {
      const batch = await rotateWith(K1_TO_K2, 3);
      expect(batch).toEqual({ reencrypted: Math.min(3, remaining), remaining: Math.max(0, remaining - 3), failed: [] });
      remaining = batch.remaining;
      calls += 1;
    }
    expect(calls).toBe(Math.ceil(toDo / 3));

    const end = await statusWith(K1_TO_K2);
    expect(end.rows_by_key).toEqual({ k2: total(start) });
    for (const account of old.accounts) {
      expect(await stored("connected_accounts", account.id)).toMatch(/^v1\.k2\./);
      expect(await decryptAccount(ONLY_K2, old, account.id)).toContain(account.secret);
    }
    const config = await keyRing(ONLY_K2).decrypt(await stored("auth_configs", old.authConfigId), authConfigAad({ id: old.authConfigId, projectId: old.projectId }));
    expect(JSON.parse(config)).toMatchObject({ client_id: "slack-client", client_secret: expect.stringMatching(/^slack_secret_/) });
  });

  it("keeps each row's associated data: a rotated blob still only decrypts on its own row", async () => {
    const secrets = await writeSecrets();
    await rotateWith(K1_TO_K2, 100);
    const [a, b] = secrets.accounts;
    const blob = await stored("connected_accounts", a?.id ?? "");
    await expect(keyRing(ONLY_K2).decrypt(blob, accountAad({ id: b?.id ?? "", projectId: secrets.projectId }))).rejects.toThrow();
  });

  it("does nothing, and changes no blob, when every row already uses the current key", async () => {
    const secrets = await writeSecrets();
    const blob = await stored("connected_accounts", secrets.accounts[0]?.id ?? "");
    expect(await rotateWith(ONLY_K1)).toEqual({ reencrypted: 0, remaining: 0, failed: [] });
    expect(await rotateWith(ONLY_K1, 1)).toEqual({ reencrypted: 0, remaining: 0, failed: [] });
    expect(await stored("connected_accounts", secrets.accounts[0]?.id ?? "")).toBe(blob);

    await rotateWith(K1_TO_K2, 100);
    expect(await rotateWith(K1_TO_K2)).toEqual({ reencrypted: 0, remaining: 0, failed: [] });
  });

  it("lets the old key go once rotation is done: accounts still work through the API", async () => {
    const secrets = await writeSecrets();
    const github = secrets.accounts[0];
    for (let r = await rotateWith(K1_TO_K2, 50); r.remaining > 0; r = await rotateWith(K1_TO_K2, 50)) expect(r.reencrypted).toBeGreaterThan(0);

    expect(await statusWith(ONLY_K2)).toMatchObject({ current_key_id: "k2", keys: ["k2"], rows_by_key: { k2: expect.any(Number) } });
    expect((await statusWith(ONLY_K2)).rows_by_key.k1).toBeUndefined();

    const seen: string[] = [];
    vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
      seen.push(new Request(input, init).headers.get("authorization") ?? "");
      return Response.json({ login: "octocat" });
    });
    const response = await callWith(ONLY_K2, "POST", "/api/v3.1/tools/execute/proxy", {
      key: secrets.key,
      body: { connected_account_id: github?.id, endpoint: "/user", method: "GET" },
    });
    expect(response.status).toBe(200);
    expect(await json<{ status: number; data: unknown }>(response)).toMatchObject({ status: 200, data: { login: "octocat" } });
    expect(seen).toEqual([`Bearer ${github?.secret}`]);
  });

  it("leaves rows under a key no longer in the ring alone, and keeps counting them", async () => {
    await writeSecrets();
    const status = await statusWith(ONLY_K2);
    const unreadable = status.rows_by_key.k1 ?? 0;
    expect(unreadable).toBeGreaterThanOrEqual(4);
    expect(await rotateWith(ONLY_K2)).toEqual({ reencrypted: 0, remaining: unreadable, failed: [] });
  });

  it("never overwrites a row that changed while its batch was being encrypted", async () => {
    const secrets = await writeSecrets();
    const accountId = secrets.accounts[0]?.id ?? "";
    const aad = accountAad({ id: accountId, projectId: secrets.projectId });
    const ring = keyRing(K1_TO_K2);
    // A token refresh lands between the batch's read and its write.
    const refreshed = await ring.encrypt(JSON.stringify({ type: "BEARER_TOKEN", token: "ghp_refreshed" }), aad);
    const racing = keyRing(K1_TO_K2);
    const decrypt = racing.decrypt.bind(racing);
    vi.spyOn(racing, "decrypt").mockImplementation(async (blob, data) => {
      if (data === aad) await env.DB.prepare("UPDATE connected_accounts SET credentials_enc = ? WHERE id = ?").bind(refreshed, accountId).run();
      return decrypt(blob, data);
    });
    const before = await statusWith(K1_TO_K2);
    const result = await reencryptBatch(env.DB, racing, 100);
    expect(result.failed).toEqual([]);
    expect(result.reencrypted).toBe(pending(before) - 1);
    expect(result.remaining).toBe(0);
    expect(await stored("connected_accounts", accountId)).toBe(refreshed);
  });

  it("reports a row that does not decrypt on its own row, without its contents, and rotates the rest", async () => {
    const secrets = await writeSecrets();
    const [a, b] = secrets.accounts;
    const original = await stored("connected_accounts", b?.id ?? "");
    // A ciphertext moved onto another row: its associated data no longer matches.
    await env.DB.prepare("UPDATE connected_accounts SET credentials_enc = ? WHERE id = ?").bind(await stored("connected_accounts", a?.id ?? ""), b?.id).run();
    try {
      const response = await callWith(K1_TO_K2, "POST", ROTATE, { body: { batch_size: 100 } });
      const text = await response.clone().text();
      for (const account of secrets.accounts) expect(text).not.toContain(account.secret);
      const result = await json<Rotation>(response);
      expect(result.failed).toEqual([{ column: "connected_accounts.credentials_enc", id: b?.id, key_id: "k1", reason: expect.stringContaining("failed to decrypt") }]);
      expect(result.remaining).toBe(1);
      expect(await stored("connected_accounts", a?.id ?? "")).toMatch(/^v1\.k2\./);
    } finally {
      await env.DB.prepare("UPDATE connected_accounts SET credentials_enc = ? WHERE id = ?").bind(original, b?.id).run();
    }
  });

  it.each([
    ["batch_size 0", { batch_size: 0 }],
    ["batch_size 101", { batch_size: 101 }],
    ["a batch_size that is not a number", { batch_size: "x" }],
    ["a fractional batch_size", { batch_size: 1.5 }],
    ["an unknown field", { batch_size: 5, dry_run: true }],
  ])("refuses %s, naming the field", async (_, body) => {
    const error = await expectError(await call("POST", ROTATE, { admin: ADMIN_KEY, body }), 400, "validation_failed");
    expect(error.errors?.[0]?.path).toMatch(/^body(\.batch_size)?$/);
  });

  it("refuses malformed JSON", async () => {
    await expectError(await call("POST", ROTATE, { admin: ADMIN_KEY, body: "{{" }), 400, "malformed_json");
  });

  it("re-encrypts 50 rows when no batch_size is given", async () => {
    const secrets = await writeSecrets();
    // 55 more accounts, written straight to D1 the way the routes would (encrypted, row-bound).
    const ring = keyRing(ONLY_K1);
    const inserts = await Promise.all(
      Array.from({ length: 55 }, async (_, i) => {
        const id = `ca_bulk${String(i).padStart(2, "0")}${crypto.randomUUID().replaceAll("-", "").slice(0, 15)}`;
        const blob = await ring.encrypt(JSON.stringify({ type: "BEARER_TOKEN", token: `bulk_${i}` }), accountAad({ id, projectId: secrets.projectId }));
        return env.DB.prepare(
          "INSERT INTO connected_accounts (id, project_id, user_id, toolkit_slug, auth_config_id, status, credentials_enc, created_at, updated_at) VALUES (?, ?, 'bulk', 'github', ?, 'ACTIVE', ?, 0, 0)",
        ).bind(id, secrets.projectId, secrets.githubConfigId, blob);
      }),
    );
    await env.DB.batch(inserts);
    const toDo = pending(await statusWith(K1_TO_K2));
    expect(toDo).toBeGreaterThanOrEqual(59);
    expect(await rotateWith(K1_TO_K2)).toEqual({ reencrypted: 50, remaining: toDo - 50, failed: [] });
  });
});

describe("who may call the encryption routes", () => {
  it("turns away every caller but the operator (no key, wrong key, project keys, a revoked key)", async () => {
    await expectRefusals(refusals, "GET", STATUS);
    await expectRefusals(refusals, "POST", ROTATE, { batch_size: 10 });
  });
});

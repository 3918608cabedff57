import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient, type EncryptionStatus } from "../../scripts/lib/admin-client.ts";
import { startLocalGateway, type LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { runAdminCli } from "./admin-cli.ts";

/**
 * The check that credentials are encrypted at rest: write secrets of every kind
 * through the real gateway, stop it, and search the bytes of its local D1 database
 * (and write-ahead log) for them. Then rotate to a new key with the CLI and search again.
 */
const SECRETS = {
  clientSecret: "cs_PLAINTEXT_MARKER_CLIENT_SECRET_4b1d",
  bearerToken: "tok_PLAINTEXT_MARKER_123",
  apiKey: "key_PLAINTEXT_MARKER_456",
  password: "pw_PLAINTEXT_MARKER_789",
};
/** Stored in the clear on purpose: proves the scan reads the files the data is in. */
const VISIBLE_USER_ID = "user_VISIBLE_CONTROL_MARKER";

let gateway: LocalGateway;
let projectKey: string;
const persistDirs = new Set<string>();

async function post(path: string, body: unknown): Promise<{ id?: string; auth_config?: { id: string } }> {
  const response = await fetch(`${gateway.url}${path}`, {
    method: "POST",
    headers: { "x-api-key": projectKey, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  expect(response.status, `POST ${path}: ${text}`).toBe(201);
  for (const secret of Object.values(SECRETS)) expect(text).not.toContain(secret);
  return JSON.parse(text) as { id?: string; auth_config?: { id: string } };
}

async function authConfig(slug: string, authScheme: string, credentials?: Record<string, string>): Promise<string> {
  const created = await post("/api/v3.1/auth_configs", { toolkit: { slug }, auth_config: { type: "use_custom_auth", authScheme, ...(credentials ? { credentials } : {}) } });
  return created.auth_config?.id ?? "";
}

async function connect(authConfigId: string, authScheme: string, val: Record<string, string>): Promise<void> {
  await post("/api/v3.1/connected_accounts", { auth_config: { id: authConfigId }, connection: { user_id: VISIBLE_USER_ID, state: { authScheme, val } } });
}

/** Every SQLite file (with its -wal and -shm) under the gateway's storage, as raw bytes. */
function sqliteFiles(dir: string): { file: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && /\.sqlite(-wal|-shm|-journal)?$/.test(entry.name))
    .map((entry) => {
      const file = path.join(entry.parentPath, entry.name);
      return { file, bytes: readFileSync(file) };
    });
}

function expectNoPlaintext(dir: string, forbidden: string[]): void {
  const files = sqliteFiles(dir);
  expect(files.some((f) => f.file.endsWith(".sqlite")), `no SQLite database under ${dir}`).toBe(true);
  expect(files.some((f) => f.bytes.includes(VISIBLE_USER_ID)), "the scan never saw the data it should search").toBe(true);
  for (const { file, bytes } of files) {
    for (const secret of forbidden) expect(bytes.includes(secret), `${path.relative(dir, file)} contains ${secret.slice(0, 6)}…`).toBe(false);
  }
}

beforeAll(async () => {
  gateway = await startLocalGateway();
  persistDirs.add(gateway.persistDir);
  const admin = new AdminClient(gateway.url, gateway.adminKey);
  const project = await admin.createProject("at-rest");
  projectKey = (await admin.createApiKey(project.id, "at-rest")).key;

  await authConfig("slack", "OAUTH2", { client_id: "slack-client-id", client_secret: SECRETS.clientSecret });
  await connect(await authConfig("github", "BEARER_TOKEN"), "BEARER_TOKEN", { token: SECRETS.bearerToken });
  await connect(await authConfig("discord", "API_KEY"), "API_KEY", { api_key: SECRETS.apiKey });
  await connect(await authConfig("jira", "BASIC"), "BASIC", { username: "ada@example.com", password: SECRETS.password });
  await gateway.stop();
});

afterAll(async () => {
  await gateway?.stop().catch(() => undefined);
  for (const dir of persistDirs) rmSync(dir, { recursive: true, force: true });
});

describe("credentials at rest", () => {
  it("are nowhere in the local D1 files, and neither is the project's API key", () => {
    expectNoPlaintext(gateway.persistDir, [...Object.values(SECRETS), projectKey, gateway.adminKey]);
  });

  it("stay encrypted after rotating to a new key with the CLI, and the old key is then unused", async () => {
    const oldKeys = JSON.parse(gateway.secrets.ENCRYPTION_KEYS ?? "{}") as Record<string, string>;
    const secrets = { ...gateway.secrets, ENCRYPTION_KEYS: JSON.stringify({ ...oldKeys, k2: randomBytes(32).toString("base64") }), ENCRYPTION_KEY_ID: "k2" };
    gateway = await startLocalGateway({ persistDir: gateway.persistDir, secrets });

    const before = await runAdminCli(["encryption", "status", "--json"], gateway);
    expect(before.code, before.stderr).toBe(0);
    expect(JSON.parse(before.stdout)).toEqual({ current_key_id: "k2", keys: ["k1", "k2"], rows_by_key: { k1: 4 } });

    const rotated = await runAdminCli(["encryption", "rotate", "--batch-size", "3", "--json"], gateway);
    expect(rotated.code, rotated.stderr).toBe(0);
    // Not a terminal: progress comes as plain lines on stderr, ending at the total.
    expect(rotated.stderr).toMatch(/Re-encrypting: 4\/4 rows \(100%\)\n$/);
    const result = JSON.parse(rotated.stdout) as { reencrypted: number; remaining: number; status: EncryptionStatus };
    expect(result).toMatchObject({ reencrypted: 4, remaining: 0, status: { rows_by_key: { k2: 4 } } });

    const text = await runAdminCli(["encryption", "status"], gateway);
    expect(text.stdout).toContain("k1  0 rows  (unused: can be removed)");
    expect(text.stdout).toContain("Every stored secret uses the current key.");

    await gateway.stop();
    expectNoPlaintext(gateway.persistDir, [...Object.values(SECRETS), projectKey]);
  });
});

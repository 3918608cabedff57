import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { KeyRing, KeyRingError } from "../../../core/crypto/keyring.ts";
import { accountAad } from "../../../core/executor/resolve-account.ts";
import { call, env, expectError, json } from "../helpers.ts";
import {
  connectAccount,
  createAuthConfig,
  expectKeyRefusals,
  insertOAuthAccount,
  newTenant,
  storedCredentials,
  storedTokens,
  type Tenant,
} from "../fixtures.ts";
import { mockUpstream, type SentRequest } from "../core/executor/upstream.ts";

const PATH = "/api/v3.1/connected_accounts";
const UNKNOWN_ID = "ca_AAAAAAAAAAAAAAAAAAAAAA";

interface Account {
  id: string;
  user_id: string;
  alias: string | null;
  status: string;
  status_reason: string | null;
  toolkit: { slug: string };
  auth_config: { id: string; auth_scheme: string; is_composio_managed: boolean; is_disabled: boolean };
  is_disabled: boolean;
  created_at: string;
  updated_at: string;
}
interface AccountPage {
  items: Account[];
  next_cursor: string | null;
  total_items: number;
  total_pages: number;
}

let tenant: Tenant;
const configs: Record<string, string> = {};

beforeAll(async () => {
  tenant = await newTenant("accounts");
  configs.github = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
  configs.discord = await createAuthConfig(tenant.key, "discord", "API_KEY");
  configs.jira = await createAuthConfig(tenant.key, "jira", "BASIC");
  configs.hackernews = await createAuthConfig(tenant.key, "hackernews", "NO_AUTH");
  configs.slack = await createAuthConfig(tenant.key, "slack", "OAUTH2");
});

function create(body: unknown, key = tenant.key): Promise<Response> {
  return call("POST", PATH, { key, body });
}

function connection(authConfigId: string, authScheme: string | undefined, val: Record<string, unknown>, userId = "alice") {
  return { auth_config: { id: authConfigId }, connection: { user_id: userId, ...(authScheme ? { state: { authScheme, val } } : {}) } };
}

async function decryptStored(accountId: string, projectId = tenant.projectId): Promise<unknown> {
  const stored = await storedCredentials("connected_accounts", accountId);
  return JSON.parse(await KeyRing.fromEnv(env).decrypt(stored ?? "", accountAad({ id: accountId, projectId })));
}

describe("POST /api/v3.1/connected_accounts", () => {
  it.each([
    ["github", "BEARER_TOKEN", { token: "ghp_bearer_secret_value" }, { type: "BEARER_TOKEN", token: "ghp_bearer_secret_value" }],
    ["discord", "API_KEY", { api_key: "discord-bot-secret" }, { type: "API_KEY", api_key: "discord-bot-secret" }],
    ["discord", "API_KEY", { generic_api_key: "generic-secret-key" }, { type: "API_KEY", api_key: "generic-secret-key" }],
    ["jira", "BASIC", { username: "ada@example.com", password: "jira-api-token" }, { type: "BASIC", username: "ada@example.com", password: "jira-api-token" }],
    ["jira", "BASIC", { username: "ada@example.com" }, { type: "BASIC", username: "ada@example.com", password: "" }],
    ["hackernews", "NO_AUTH", {}, { type: "NO_AUTH" }],
  ])("connects a %s %s account, ACTIVE, storing the credentials encrypted", async (toolkit, scheme, val, stored) => {
    const response = await create(connection(configs[toolkit] ?? "", scheme, val));
    expect(response.status).toBe(201);
    const text = await response.clone().text();
    for (const secret of Object.values(val)) expect(text).not.toContain(secret);
    const created = await json<{ id: string }>(response);
    expect(created).toEqual({
      id: expect.stringMatching(/^ca_[A-Za-z0-9_-]{22}$/),
      status: "ACTIVE",
      redirect_url: null,
      redirect_uri: null,
      connectionData: { authScheme: scheme, val: { status: "ACTIVE" } },
    });
    const ciphertext = await storedCredentials("connected_accounts", created.id);
    expect(ciphertext).toMatch(/^v1\.k1\./);
    for (const secret of Object.values(val)) expect(ciphertext).not.toContain(secret);
    expect(await decryptStored(created.id)).toEqual(stored);
  });

  it("keeps an alias", async () => {
    const body = connection(configs.github ?? "", "BEARER_TOKEN", { token: "ghp_alias_token" });
    const response = await create({ ...body, connection: { ...body.connection, alias: "work" } });
    const { id } = await json<{ id: string }>(response);
    expect((await json<Account>(await call("GET", `${PATH}/${id}`, { key: tenant.key }))).alias).toBe("work");
  });

  it.each([
    ["API_KEY", "discord", {}, "api_key"],
    ["API_KEY", "discord", { api_key: "" }, "api_key"],
    ["API_KEY", "discord", { api_key: 12345 }, "api_key"],
    ["BEARER_TOKEN", "github", { access_token: "wrong-field" }, "token"],
    ["BASIC", "jira", { password: "only-a-password" }, "username"],
  ])("refuses a %s account without its credential field, naming it", async (scheme, toolkit, val, field) => {
    const error = await expectError(await create(connection(configs[toolkit] ?? "", scheme, val)), 400, "validation_failed");
    expect(error.message).toContain(`connection.state.val.${field}`);
    expect(error.errors).toEqual([{ path: `body.connection.state.val.${field}`, message: "is required" }]);
  });

  it("refuses a key-based account without any state, naming the field", async () => {
    const error = await expectError(await create(connection(configs.discord ?? "", undefined, {})), 400, "validation_failed");
    expect(error.errors?.[0]?.path).toBe("body.connection.state.val.api_key");
  });

  it("sends OAuth2 accounts to a Connect Link with 400 use_connect_link", async () => {
    const error = await expectError(await create(connection(configs.slack ?? "", "OAUTH2", { access_token: "xoxb-1" })), 400, "use_connect_link");
    expect(error.suggested_fix).toContain("/api/v3.1/connected_accounts/link");
  });

  it("refuses a state whose scheme differs from the auth config's", async () => {
    await expectError(await create(connection(configs.github ?? "", "API_KEY", { api_key: "x-key-1234" })), 400, "auth_scheme_mismatch");
  });

  it("refuses malformed JSON", async () => {
    await expectError(await call("POST", PATH, { key: tenant.key, body: "{{" }), 400, "malformed_json");
  });

  it.each([
    ["no auth_config", { connection: { user_id: "alice" } }, "body.auth_config"],
    ["an auth config id of the wrong kind", { auth_config: { id: UNKNOWN_ID }, connection: { user_id: "alice" } }, "body.auth_config.id"],
    ["no user_id", { auth_config: { id: "ac_AAAAAAAAAAAAAAAAAAAAAA" }, connection: {} }, "body.connection.user_id"],
    ["a numeric user_id", { auth_config: { id: "ac_AAAAAAAAAAAAAAAAAAAAAA" }, connection: { user_id: 7 } }, "body.connection.user_id"],
    ["an unknown scheme in the state", { auth_config: { id: "ac_AAAAAAAAAAAAAAAAAAAAAA" }, connection: { user_id: "a", state: { authScheme: "SAML", val: {} } } }, "body.connection.state.authScheme"],
    ["val as an array", { auth_config: { id: "ac_AAAAAAAAAAAAAAAAAAAAAA" }, connection: { user_id: "a", state: { authScheme: "API_KEY", val: ["k"] } } }, "body.connection.state.val"],
  ])("refuses %s with 400 validation_failed", async (_, body, path) => {
    const error = await expectError(await create(body), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toContain(path);
  });

  it("answers an unknown auth config with 404", async () => {
    await expectError(await create(connection("ac_AAAAAAAAAAAAAAAAAAAAAA", "BEARER_TOKEN", { token: "t-1234" })), 404, "auth_config_not_found");
  });

  it("cannot connect through another project's auth config (404)", async () => {
    const other = await newTenant("other");
    await expectError(await create(connection(configs.github ?? "", "BEARER_TOKEN", { token: "t-12345" }), other.key), 404, "auth_config_not_found");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("POST", PATH, connection("ac_AAAAAAAAAAAAAAAAAAAAAA", "BEARER_TOKEN", { token: "t-1234" }));
  });
});

describe("stored credentials", () => {
  it("are bound to their row: a ciphertext copied onto another account does not decrypt", async () => {
    const first = await connectAccount(tenant.key, configs.github ?? "", "carol", "BEARER_TOKEN", { token: "ghp_carol_first_token" });
    const second = await connectAccount(tenant.key, configs.github ?? "", "carol", "BEARER_TOKEN", { token: "ghp_carol_second_token" });
    const keyRing = KeyRing.fromEnv(env);
    const copied = (await storedCredentials("connected_accounts", first)) ?? "";
    await env.DB.prepare("UPDATE connected_accounts SET credentials_enc = ? WHERE id = ?").bind(copied, second).run();

    await expect(keyRing.decrypt(copied, accountAad({ id: second, projectId: tenant.projectId }))).rejects.toThrow(KeyRingError);
    // Nor under the same id in another project, nor as an auth config's secret.
    await expect(keyRing.decrypt(copied, accountAad({ id: first, projectId: "proj_AAAAAAAAAAAAAAAAAAAAAA" }))).rejects.toThrow(KeyRingError);
    await expect(keyRing.decrypt(copied, `auth_configs:${tenant.projectId}:${first}`)).rejects.toThrow(KeyRingError);
    expect(JSON.parse(await keyRing.decrypt(copied, accountAad({ id: first, projectId: tenant.projectId })))).toMatchObject({ token: "ghp_carol_first_token" });
  });
});

describe("GET /api/v3.1/connected_accounts/{id}", () => {
  it("returns the account without its credentials", async () => {
    const id = await connectAccount(tenant.key, configs.discord ?? "", "dave", "API_KEY", { api_key: "discord-dave-secret" });
    const response = await call("GET", `${PATH}/${id}`, { key: tenant.key });
    expect(response.status).toBe(200);
    const text = await response.clone().text();
    expect(text).not.toContain("discord-dave-secret");
    expect(text).not.toContain("credentials");
    expect(await json<Account>(response)).toEqual({
      id,
      user_id: "dave",
      alias: null,
      status: "ACTIVE",
      status_reason: null,
      toolkit: { slug: "discord" },
      auth_config: { id: configs.discord, auth_scheme: "API_KEY", is_composio_managed: false, is_disabled: false },
      is_disabled: false,
      created_at: expect.any(String),
      updated_at: expect.any(String),
    });
  });

  it("refuses an id that is not a connected account id with 400", async () => {
    for (const id of ["ca_tooshort", "ac_AAAAAAAAAAAAAAAAAAAAAA"]) {
      const error = await expectError(await call("GET", `${PATH}/${id}`, { key: tenant.key }), 400, "validation_failed");
      expect(error.errors?.[0]?.path).toBe("path.id");
    }
  });

  it("answers an unknown id with 404 connected_account_not_found", async () => {
    await expectError(await call("GET", `${PATH}/${UNKNOWN_ID}`, { key: tenant.key }), 404, "connected_account_not_found");
  });

  it("answers another project's account with 404", async () => {
    const id = await connectAccount(tenant.key, configs.github ?? "", "erin", "BEARER_TOKEN", { token: "ghp_erin_token" });
    const other = await newTenant("other");
    await expectError(await call("GET", `${PATH}/${id}`, { key: other.key }), 404, "connected_account_not_found");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("GET", `${PATH}/${UNKNOWN_ID}`);
  });
});

describe("GET /api/v3.1/connected_accounts", () => {
  let own: Tenant;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    own = await newTenant("listing");
    const github = await createAuthConfig(own.key, "github", "BEARER_TOKEN");
    const discord = await createAuthConfig(own.key, "discord", "API_KEY");
    ids.ghAlice = await connectAccount(own.key, github, "alice", "BEARER_TOKEN", { token: "ghp_list_alice" });
    ids.ghBob = await connectAccount(own.key, github, "bob", "BEARER_TOKEN", { token: "ghp_list_bob" });
    ids.dcAlice = await connectAccount(own.key, discord, "alice", "API_KEY", { api_key: "dc_list_alice" });
    ids.dcCarol = await connectAccount(own.key, discord, "carol", "API_KEY", { api_key: "dc_list_carol" });
    ids.ghCarol = await connectAccount(own.key, github, "carol", "BEARER_TOKEN", { token: "ghp_list_carol" });
    await env.DB.prepare("UPDATE connected_accounts SET status = 'INACTIVE' WHERE id = ?").bind(ids.ghBob).run();
    // Rows made within one millisecond would be ordered by their random ids: space them out.
    const order = [ids.ghAlice, ids.ghBob, ids.dcAlice, ids.dcCarol, ids.ghCarol];
    for (const [i, id] of order.entries()) {
      await env.DB.prepare("UPDATE connected_accounts SET created_at = ? WHERE id = ?").bind(1_800_000_000_000 + i, id).run();
    }
    ids.githubConfig = github;
  });

  async function list(query: string, key = own.key): Promise<AccountPage> {
    const response = await call("GET", `${PATH}?${query}`, { key });
    expect(response.status, `GET ${PATH}?${query}`).toBe(200);
    return json<AccountPage>(response);
  }

  it("lists the project's own accounts, oldest first, without credentials", async () => {
    const page = await list("");
    expect(page.items.map((a) => a.id)).toEqual([ids.ghAlice, ids.ghBob, ids.dcAlice, ids.dcCarol, ids.ghCarol]);
    expect(page).toMatchObject({ next_cursor: null, total_items: 5, total_pages: 1 });
    expect(page.items.find((a) => a.id === ids.ghBob)).toMatchObject({ status: "INACTIVE", is_disabled: true });
    expect(page.items.find((a) => a.id === ids.dcAlice)?.auth_config.auth_scheme).toBe("API_KEY");
    expect(JSON.stringify(page)).not.toMatch(/ghp_list|dc_list/);
  });

  it("filters by user, toolkit, auth config and status, as a comma list or repeated", async () => {
    expect((await list("user_ids=alice")).items.map((a) => a.id)).toEqual([ids.ghAlice, ids.dcAlice]);
    expect((await list("user_ids=alice,carol&toolkit_slugs=github")).items.map((a) => a.id)).toEqual([ids.ghAlice, ids.ghCarol]);
    expect((await list("user_ids=bob&user_ids=carol")).items.map((a) => a.id)).toEqual([ids.ghBob, ids.dcCarol, ids.ghCarol]);
    expect((await list(`auth_config_ids=${ids.githubConfig}`)).total_items).toBe(3);
    expect((await list("statuses=INACTIVE")).items.map((a) => a.id)).toEqual([ids.ghBob]);
    const active = await list("statuses=ACTIVE&toolkit_slugs=github");
    expect(active.items.map((a) => a.id)).toEqual([ids.ghAlice, ids.ghCarol]);
    expect(active.total_items).toBe(2);
    expect((await list("user_ids=nobody")).items).toEqual([]);
  });

  it("pages with a cursor and counts pages over the filtered total", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: AccountPage = await list(`limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(page.total_items).toBe(5);
      expect(page.total_pages).toBe(3);
      seen.push(...page.items.map((a) => a.id));
      cursor = page.next_cursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual([ids.ghAlice, ids.ghBob, ids.dcAlice, ids.dcCarol, ids.ghCarol]);

    const filtered = await list("user_ids=alice,carol&limit=3");
    expect(filtered).toMatchObject({ total_items: 4, total_pages: 2 });
    const rest = await list(`user_ids=alice,carol&limit=3&cursor=${encodeURIComponent(filtered.next_cursor ?? "")}`);
    expect(rest.items.map((a) => a.id)).toEqual([ids.ghCarol]);
    expect(rest.next_cursor).toBeNull();
  });

  it("never shows another project's accounts", async () => {
    const other = await newTenant("other");
    expect(await list("", other.key)).toMatchObject({ items: [], total_items: 0, total_pages: 1 });
    const theirConfig = await createAuthConfig(other.key, "github", "BEARER_TOKEN");
    const theirs = await connectAccount(other.key, theirConfig, "alice", "BEARER_TOKEN", { token: "ghp_theirs" });
    expect((await list("user_ids=alice", other.key)).items.map((a) => a.id)).toEqual([theirs]);
    expect((await list("user_ids=alice")).items.map((a) => a.id)).not.toContain(theirs);
    // Naming their auth config in a filter reveals nothing either.
    expect((await list(`auth_config_ids=${theirConfig}`)).items).toEqual([]);
  });

  it.each([
    ["limit=0", "query.limit"],
    ["limit=1001", "query.limit"],
    ["limit=abc", "query.limit"],
    ["statuses=BOGUS", "query.statuses.0"],
    ["order_by=name", "query.order_by"],
  ])("refuses %s with 400 validation_failed", async (query, path) => {
    const error = await expectError(await call("GET", `${PATH}?${query}`, { key: own.key }), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toContain(path);
  });

  it.each([["garbage", "%%%"], ["an offset cursor from the catalog", btoa("o:20")], ["a cursor with a negative time", btoa('[-1,"ca_x"]')]])(
    "refuses %s with 400 invalid_cursor",
    async (_, cursor) => {
      await expectError(await call("GET", `${PATH}?cursor=${encodeURIComponent(cursor)}`, { key: own.key }), 400, "invalid_cursor");
    },
  );

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("GET", PATH);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const STAR = "GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER";
const GOOGLE_OVERRIDES = {
  client_id: "google-client-id",
  client_secret: "google-client-secret",
  token_url: "https://oauth.test/token",
  revoke_url: "https://oauth.test/revoke",
};

async function status(id: string, key = tenant.key): Promise<string> {
  return (await json<Account>(await call("GET", `${PATH}/${id}`, { key }))).status;
}

function form(request: SentRequest): Record<string, string> {
  return Object.fromEntries(new URLSearchParams(request.body ?? ""));
}

describe("several accounts per user and toolkit, with aliases", () => {
  it("keeps a user's work and personal accounts apart, lists both, and filters by alias", async () => {
    const own = await newTenant("aliases");
    const github = await createAuthConfig(own.key, "github", "BEARER_TOKEN");
    const create = (alias: string, token: string) =>
      call("POST", PATH, { key: own.key, body: { auth_config: { id: github }, connection: { user_id: "alice", alias, state: { authScheme: "BEARER_TOKEN", val: { token } } } } });
    const work = (await json<{ id: string }>(await create("work", "ghp_work_token"))).id;
    const personal = (await json<{ id: string }>(await create("personal", "ghp_personal_token"))).id;
    const page = await json<AccountPage>(await call("GET", `${PATH}?user_ids=alice&toolkit_slugs=github`, { key: own.key }));
    expect(page.items.map((a) => [a.id, a.alias])).toEqual([
      [work, "work"],
      [personal, "personal"],
    ]);
    const byAlias = await json<AccountPage>(await call("GET", `${PATH}?aliases=personal`, { key: own.key }));
    expect(byAlias.items.map((a) => a.id)).toEqual([personal]);

    const taken = await expectError(await create("work", "ghp_third_token"), 409, "alias_taken");
    expect(taken.message).toContain('"work"');
    // Another user, or another toolkit, may use the same alias.
    const bob = await call("POST", PATH, { key: own.key, body: { auth_config: { id: github }, connection: { user_id: "bob", alias: "work", state: { authScheme: "BEARER_TOKEN", val: { token: "ghp_bob" } } } } });
    expect(bob.status).toBe(201);
    await expectError(await call("POST", `${PATH}/link`, { key: own.key, body: { auth_config_id: github, user_id: "alice", alias: "work" } }), 409, "alias_taken");
  });
});

describe("DELETE /api/v3.1/connected_accounts/{id}", () => {
  it("deletes the account and its credentials", async () => {
    const id = await connectAccount(tenant.key, configs.github ?? "", "henry", "BEARER_TOKEN", { token: "ghp_to_delete" });
    const response = await call("DELETE", `${PATH}/${id}`, { key: tenant.key });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ success: true });
    await expectError(await call("GET", `${PATH}/${id}`, { key: tenant.key }), 404, "connected_account_not_found");
    expect(await env.DB.prepare("SELECT id FROM connected_accounts WHERE id = ?").bind(id).first()).toBeNull();
    await expectError(await call("DELETE", `${PATH}/${id}`, { key: tenant.key }), 404, "connected_account_not_found");
  });

  it("revokes at the provider first with revoke_on_delete=true", async () => {
    const gmail = await createAuthConfig(tenant.key, "gmail", "OAUTH2", GOOGLE_OVERRIDES);
    const id = await insertOAuthAccount(tenant, gmail, "gmail", { access_token: "ya29.delete-access", refresh_token: "1//delete-refresh" });
    const { sent } = mockUpstream(() => new Response(null, { status: 200 }));
    const response = await call("DELETE", `${PATH}/${id}?revoke_on_delete=true`, { key: tenant.key });
    expect(await json(response)).toEqual({ success: true, revoked_tokens: ["refresh_token", "access_token"] });
    expect(sent.map((r) => [r.url.href, form(r).token])).toEqual([
      ["https://oauth.test/revoke", "1//delete-refresh"],
      ["https://oauth.test/revoke", "ya29.delete-access"],
    ]);
  });

  it("answers another project's account with 404 and keeps it", async () => {
    const id = await connectAccount(tenant.key, configs.github ?? "", "ivy", "BEARER_TOKEN", { token: "ghp_keep_me" });
    const other = await newTenant("other");
    await expectError(await call("DELETE", `${PATH}/${id}`, { key: other.key }), 404, "connected_account_not_found");
    expect(await status(id)).toBe("ACTIVE");
  });

  it("refuses a bad id", async () => {
    await expectError(await call("DELETE", `${PATH}/ac_AAAAAAAAAAAAAAAAAAAAAA`, { key: tenant.key }), 400, "validation_failed");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("DELETE", `${PATH}/${UNKNOWN_ID}`);
  });
});

describe("PATCH /api/v3.1/connected_accounts/{id}/status", () => {
  function setStatus(id: string, body: unknown, key = tenant.key): Promise<Response> {
    return call("PATCH", `${PATH}/${id}/status`, { key, body });
  }

  it("disables (INACTIVE, passed over for tool calls) and enables again, idempotently", async () => {
    const own = await newTenant("toggle");
    const github = await createAuthConfig(own.key, "github", "BEARER_TOKEN");
    const older = await connectAccount(own.key, github, "alice", "BEARER_TOKEN", { token: "ghp_older_toggle" });
    const newer = await connectAccount(own.key, github, "alice", "BEARER_TOKEN", { token: "ghp_newer_toggle" });
    await env.DB.prepare("UPDATE connected_accounts SET created_at = created_at - 60000 WHERE id = ?").bind(older).run();

    const off = await setStatus(newer, { enabled: false, reason: "user left the team" }, own.key);
    expect(off.status).toBe(200);
    expect(await json(off)).toMatchObject({ success: true, connected_account: { id: newer, status: "INACTIVE", is_disabled: true, status_reason: "user left the team" } });
    expect((await setStatus(newer, { enabled: false }, own.key)).status).toBe(200);

    const { sent } = mockUpstream(() => new Response(null, { status: 204 }));
    const run = () => call("POST", `/api/v3.1/tools/execute/${STAR}`, { key: own.key, body: { user_id: "alice", arguments: { owner: "o", repo: "r" } } });
    expect((await run()).status).toBe(200);
    expect(sent.at(-1)?.headers.get("authorization")).toBe("Bearer ghp_older_toggle");
    await expectError(
      await call("POST", `/api/v3.1/tools/execute/${STAR}`, { key: own.key, body: { connected_account_id: newer, arguments: { owner: "o", repo: "r" } } }),
      400,
      "connected_account_not_active",
    );

    const on = await setStatus(newer, { enabled: true }, own.key);
    expect(await json(on)).toMatchObject({ connected_account: { status: "ACTIVE", is_disabled: false, status_reason: null } });
    expect((await run()).status).toBe(200);
    expect(sent.at(-1)?.headers.get("authorization")).toBe("Bearer ghp_newer_toggle");
  });

  it.each(["EXPIRED", "FAILED", "INITIATED", "REVOKED"])("will not enable or disable a %s account", async (from) => {
    const id = await connectAccount(tenant.key, configs.github ?? "", "jack", "BEARER_TOKEN", { token: "ghp_stuck" });
    await env.DB.prepare("UPDATE connected_accounts SET status = ? WHERE id = ?").bind(from, id).run();
    for (const enabled of [true, false]) {
      const error = await expectError(await setStatus(id, { enabled }), 400, "invalid_status_transition");
      expect(error.message).toContain(from);
    }
    expect(await status(id)).toBe(from);
  });

  it.each([
    ["no enabled", {}, "body.enabled"],
    ["enabled as a string", { enabled: "false" }, "body.enabled"],
    ["a reason too long", { enabled: false, reason: "r".repeat(501) }, "body.reason"],
  ])("refuses %s with 400 validation_failed", async (_, body, path) => {
    const error = await expectError(await setStatus(UNKNOWN_ID, body), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toContain(path);
  });

  it("refuses malformed JSON", async () => {
    await expectError(await call("PATCH", `${PATH}/${UNKNOWN_ID}/status`, { key: tenant.key, body: "{enabled" }), 400, "malformed_json");
  });

  it("answers another project's account with 404 and leaves it ACTIVE", async () => {
    const id = await connectAccount(tenant.key, configs.github ?? "", "kate", "BEARER_TOKEN", { token: "ghp_not_yours" });
    const other = await newTenant("other");
    await expectError(await setStatus(id, { enabled: false }, other.key), 404, "connected_account_not_found");
    expect(await status(id)).toBe("ACTIVE");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("PATCH", `${PATH}/${UNKNOWN_ID}/status`, { enabled: false });
  });
});

describe("PATCH /api/v3.1/connected_accounts/{id}", () => {
  it("sets and clears the alias", async () => {
    const id = await connectAccount(tenant.key, configs.github ?? "", "liam", "BEARER_TOKEN", { token: "ghp_alias_patch" });
    const response = await call("PATCH", `${PATH}/${id}`, { key: tenant.key, body: { alias: "side project" } });
    expect(await json(response)).toMatchObject({ id, status: "ACTIVE", success: true, connected_account: { alias: "side project" } });
    const cleared = await call("PATCH", `${PATH}/${id}`, { key: tenant.key, body: { alias: "" } });
    expect(await json(cleared)).toMatchObject({ connected_account: { alias: null } });
  });

  it("refuses an alias another of the user's accounts for the toolkit has, but not the account's own", async () => {
    const first = await connectAccount(tenant.key, configs.github ?? "", "mia", "BEARER_TOKEN", { token: "ghp_mia_one" });
    const second = await connectAccount(tenant.key, configs.github ?? "", "mia", "BEARER_TOKEN", { token: "ghp_mia_two" });
    await call("PATCH", `${PATH}/${first}`, { key: tenant.key, body: { alias: "work" } });
    expect((await call("PATCH", `${PATH}/${first}`, { key: tenant.key, body: { alias: "work" } })).status).toBe(200);
    await expectError(await call("PATCH", `${PATH}/${second}`, { key: tenant.key, body: { alias: "work" } }), 409, "alias_taken");
    // A revoked account gives its alias up.
    await env.DB.prepare("UPDATE connected_accounts SET status = 'REVOKED' WHERE id = ?").bind(first).run();
    expect((await call("PATCH", `${PATH}/${second}`, { key: tenant.key, body: { alias: "work" } })).status).toBe(200);
  });

  it("refuses a credential change rather than ignore it", async () => {
    const id = await connectAccount(tenant.key, configs.github ?? "", "noah", "BEARER_TOKEN", { token: "ghp_noah" });
    const body = { connection: { state: { authScheme: "BEARER_TOKEN", val: { token: "ghp_new" } } } };
    await expectError(await call("PATCH", `${PATH}/${id}`, { key: tenant.key, body }), 400, "credential_update_not_supported");
  });

  it("refuses an alias that is not a short string", async () => {
    for (const alias of [7, "a".repeat(101)]) {
      const error = await expectError(await call("PATCH", `${PATH}/${UNKNOWN_ID}`, { key: tenant.key, body: { alias } }), 400, "validation_failed");
      expect(error.errors?.[0]?.path).toBe("body.alias");
    }
  });

  it("answers another project's account with 404", async () => {
    const id = await connectAccount(tenant.key, configs.github ?? "", "olga", "BEARER_TOKEN", { token: "ghp_olga" });
    const other = await newTenant("other");
    await expectError(await call("PATCH", `${PATH}/${id}`, { key: other.key, body: { alias: "mine" } }), 404, "connected_account_not_found");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("PATCH", `${PATH}/${UNKNOWN_ID}`, { alias: "x" });
  });
});

describe("POST /api/v3.1/connected_accounts/{id}/refresh", () => {
  let gmail: string;
  beforeAll(async () => {
    gmail = await createAuthConfig(tenant.key, "gmail", "OAUTH2", GOOGLE_OVERRIDES);
  });

  it("refreshes through the account's token object, storing the new token and staying ACTIVE", async () => {
    const id = await insertOAuthAccount(tenant, gmail, "gmail", { access_token: "ya29.old-access", refresh_token: "1//the-refresh" }, { expiresAt: new Date(Date.now() + 3_600_000) });
    const { sent } = mockUpstream(() => Response.json({ access_token: "ya29.new-access", expires_in: 3599, token_type: "Bearer" }));
    // The SDK's connectedAccounts.refresh(id) posts an empty JSON body.
    const response = await call("POST", `${PATH}/${id}/refresh`, { key: tenant.key, body: {} });
    expect(response.status).toBe(200);
    const text = await response.clone().text();
    expect(text).not.toContain("ya29");
    expect(await json(response)).toEqual({ id, status: "ACTIVE", redirect_url: null });

    expect(sent).toHaveLength(1);
    expect(sent[0]?.url.href).toBe("https://oauth.test/token");
    expect(form(sent[0] as SentRequest)).toEqual({
      grant_type: "refresh_token",
      refresh_token: "1//the-refresh",
      client_id: "google-client-id",
      client_secret: "google-client-secret",
    });
    expect(await storedTokens(tenant, id)).toMatchObject({ access_token: "ya29.new-access", refresh_token: "1//the-refresh" });
    expect(await status(id)).toBe("ACTIVE");
  });

  it("marks the account EXPIRED, never INITIATED, when the provider refuses the refresh token", async () => {
    const id = await insertOAuthAccount(tenant, gmail, "gmail", { access_token: "ya29.doomed", refresh_token: "1//revoked-by-user" });
    mockUpstream(() => Response.json({ error: "invalid_grant", error_description: "Token has been expired or revoked." }, { status: 400 }));
    const error = await expectError(await call("POST", `${PATH}/${id}/refresh`, { key: tenant.key }), 400, "connected_account_expired");
    expect(error.suggested_fix).toContain("/link");
    expect(await status(id)).toBe("EXPIRED");
  });

  it("answers 502 and keeps the account ACTIVE when the token endpoint is down", async () => {
    const id = await insertOAuthAccount(tenant, gmail, "gmail", { access_token: "ya29.keep", refresh_token: "1//keep" });
    mockUpstream(() => new Response("upstream unavailable", { status: 503 }));
    await expectError(await call("POST", `${PATH}/${id}/refresh`, { key: tenant.key }), 502, "token_refresh_failed");
    expect(await status(id)).toBe("ACTIVE");
    expect(await storedTokens(tenant, id)).toMatchObject({ access_token: "ya29.keep" });
  });

  it("refuses an account without a refresh token, leaving it ACTIVE", async () => {
    const id = await insertOAuthAccount(tenant, gmail, "gmail", { access_token: "gho_forever" });
    const { spy } = mockUpstream(() => Response.json({}));
    await expectError(await call("POST", `${PATH}/${id}/refresh`, { key: tenant.key }), 400, "not_refreshable");
    expect(spy).not.toHaveBeenCalled();
    expect(await status(id)).toBe("ACTIVE");
  });

  it("refuses a key-based account with 400 not_refreshable", async () => {
    const id = await connectAccount(tenant.key, configs.discord ?? "", "paul", "API_KEY", { api_key: "discord-refresh" });
    await expectError(await call("POST", `${PATH}/${id}/refresh`, { key: tenant.key }), 400, "not_refreshable");
  });

  it("refuses an account that is not ACTIVE", async () => {
    const id = await insertOAuthAccount(tenant, gmail, "gmail", { access_token: "ya29.off", refresh_token: "1//off" });
    await call("PATCH", `${PATH}/${id}/status`, { key: tenant.key, body: { enabled: false } });
    const error = await expectError(await call("POST", `${PATH}/${id}/refresh`, { key: tenant.key }), 400, "connected_account_not_active");
    expect(error.suggested_fix).toContain("enabled: true");
  });

  it("answers another project's account with 404, refreshing nothing", async () => {
    const id = await insertOAuthAccount(tenant, gmail, "gmail", { access_token: "ya29.theirs", refresh_token: "1//theirs" });
    const other = await newTenant("other");
    const { spy } = mockUpstream(() => Response.json({ access_token: "stolen" }));
    await expectError(await call("POST", `${PATH}/${id}/refresh`, { key: other.key }), 404, "connected_account_not_found");
    expect(spy).not.toHaveBeenCalled();
  });

  it("refuses a bad id", async () => {
    await expectError(await call("POST", `${PATH}/ca_x/refresh`, { key: tenant.key }), 400, "validation_failed");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("POST", `${PATH}/${UNKNOWN_ID}/refresh`);
  });
});

describe("POST /api/v3.1/connected_accounts/{id}/revoke", () => {
  let gmail: string;
  beforeAll(async () => {
    gmail = await createAuthConfig(tenant.key, "gmail", "OAUTH2", GOOGLE_OVERRIDES);
  });

  it("revokes both tokens at the provider (RFC 7009), then marks the account REVOKED and drops its credentials", async () => {
    const id = await insertOAuthAccount(tenant, gmail, "gmail", { access_token: "ya29.revoke-me", refresh_token: "1//revoke-me" });
    const { sent } = mockUpstream(() => new Response("{}", { status: 200 }));
    const response = await call("POST", `${PATH}/${id}/revoke`, { key: tenant.key });
    expect(response.status).toBe(200);
    expect((await response.clone().text()).includes("revoke-me")).toBe(false);
    expect(await json(response)).toMatchObject({
      revoked_tokens: ["refresh_token", "access_token"],
      connected_account: { id, status: "REVOKED", status_reason: "revoked through the API" },
      provider_revocation: { supported: true, failed: [] },
    });
    expect(sent.map((r) => [r.method, r.url.href, r.headers.get("content-type"), form(r)])).toEqual([
      ["POST", "https://oauth.test/revoke", "application/x-www-form-urlencoded", { token: "1//revoke-me", token_type_hint: "refresh_token", client_id: "google-client-id", client_secret: "google-client-secret" }],
      ["POST", "https://oauth.test/revoke", "application/x-www-form-urlencoded", { token: "ya29.revoke-me", token_type_hint: "access_token", client_id: "google-client-id", client_secret: "google-client-secret" }],
    ]);
    expect(await storedCredentials("connected_accounts", id)).toBeNull();

    // Nothing can use it again; revoking twice is harmless and asks the provider nothing.
    await expectError(await call("POST", `${PATH}/${id}/refresh`, { key: tenant.key }), 400, "connected_account_not_active");
    await expectError(await call("PATCH", `${PATH}/${id}/status`, { key: tenant.key, body: { enabled: true } }), 400, "invalid_status_transition");
    const again = await call("POST", `${PATH}/${id}/revoke`, { key: tenant.key });
    expect(await json(again)).toMatchObject({ revoked_tokens: [], connected_account: { status: "REVOKED" } });
    expect(sent).toHaveLength(2);
  });

  it("authenticates to the revocation endpoint as to the token endpoint (HTTP Basic for Notion)", async () => {
    const notion = await createAuthConfig(tenant.key, "notion", "OAUTH2", { client_id: "notion-id", client_secret: "notion-secret" });
    const id = await insertOAuthAccount(tenant, notion, "notion", { access_token: "secret_notion_token" });
    const { sent } = mockUpstream(() => new Response(null, { status: 200 }));
    const body = await json<{ revoked_tokens: string[] }>(await call("POST", `${PATH}/${id}/revoke`, { key: tenant.key }));
    expect(body.revoked_tokens).toEqual(["access_token"]);
    expect(sent).toHaveLength(1);
    expect(sent[0]?.url.href).toBe("https://api.notion.com/v1/oauth/revoke");
    expect(sent[0]?.headers.get("authorization")).toBe(`Basic ${btoa("notion-id:notion-secret")}`);
    expect(form(sent[0] as SentRequest)).toEqual({ token: "secret_notion_token", token_type_hint: "access_token" });
  });

  it("still revokes locally when the provider fails, and says what failed without echoing tokens", async () => {
    const id = await insertOAuthAccount(tenant, gmail, "gmail", { access_token: "ya29.provider-down", refresh_token: "1//provider-down" });
    mockUpstream((request) =>
      form(request).token_type_hint === "refresh_token"
        ? Response.json({ error: "unsupported_token_type", error_description: "token 1//provider-down is odd" }, { status: 400 })
        : new Response("oops", { status: 503 }),
    );
    const response = await call("POST", `${PATH}/${id}/revoke`, { key: tenant.key });
    const text = await response.clone().text();
    expect(text).not.toContain("provider-down");
    expect(await json(response)).toMatchObject({
      revoked_tokens: [],
      connected_account: { status: "REVOKED" },
      provider_revocation: {
        supported: true,
        failed: [
          { token_type: "refresh_token", error: "HTTP 400 unsupported_token_type" },
          { token_type: "access_token", error: "HTTP 503" },
        ],
      },
    });
    expect(await storedCredentials("connected_accounts", id)).toBeNull();
  });

  it("counts a token the provider no longer knows (invalid_token) as revoked", async () => {
    const id = await insertOAuthAccount(tenant, gmail, "gmail", { access_token: "ya29.gone", refresh_token: "1//gone" });
    mockUpstream((_, index) => (index === 0 ? new Response(null, { status: 200 }) : Response.json({ error: "invalid_token" }, { status: 400 })));
    const body = await json<{ revoked_tokens: string[] }>(await call("POST", `${PATH}/${id}/revoke`, { key: tenant.key }));
    expect(body.revoked_tokens).toEqual(["refresh_token", "access_token"]);
  });

  it("revokes locally only where the provider offers no revocation (Slack, key-based schemes)", async () => {
    const slack = await createAuthConfig(tenant.key, "slack", "OAUTH2", { client_id: "slack-id", client_secret: "slack-secret" });
    const oauth = await insertOAuthAccount(tenant, slack, "slack", { access_token: "xoxb-no-revoke" });
    const keyBased = await connectAccount(tenant.key, configs.discord ?? "", "quinn", "API_KEY", { api_key: "discord-local-only" });
    const { spy } = mockUpstream(() => new Response(null, { status: 200 }));
    for (const id of [oauth, keyBased]) {
      const body = await json(await call("POST", `${PATH}/${id}/revoke`, { key: tenant.key }));
      expect(body).toMatchObject({ revoked_tokens: [], connected_account: { id, status: "REVOKED" }, provider_revocation: { supported: false, failed: [] } });
      expect(await storedCredentials("connected_accounts", id)).toBeNull();
    }
    expect(spy).not.toHaveBeenCalled();
    const run = await call("POST", "/api/v3.1/tools/execute/DISCORD_GET_CHANNEL", { key: tenant.key, body: { connected_account_id: keyBased, arguments: { channel_id: "1" } } });
    await expectError(run, 400, "connected_account_not_active");
  });

  it("answers another project's account with 404, revoking nothing", async () => {
    const id = await insertOAuthAccount(tenant, gmail, "gmail", { access_token: "ya29.not-yours", refresh_token: "1//not-yours" });
    const other = await newTenant("other");
    const { spy } = mockUpstream(() => new Response(null, { status: 200 }));
    await expectError(await call("POST", `${PATH}/${id}/revoke`, { key: other.key }), 404, "connected_account_not_found");
    expect(spy).not.toHaveBeenCalled();
    expect(await status(id)).toBe("ACTIVE");
  });

  it("refuses a bad id", async () => {
    await expectError(await call("POST", `${PATH}/nope/revoke`, { key: tenant.key }), 400, "validation_failed");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("POST", `${PATH}/${UNKNOWN_ID}/revoke`);
  });
});

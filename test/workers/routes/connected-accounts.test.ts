import { beforeAll, describe, expect, it } from "vitest";
import { KeyRing, KeyRingError } from "../../../worker/crypto/keyring.ts";
import { accountAad } from "../../../worker/executor/resolve-account.ts";
import { call, env, expectError, json } from "../helpers.ts";
import { connectAccount, createAuthConfig, expectKeyRefusals, newTenant, storedCredentials, type Tenant } from "../fixtures.ts";

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

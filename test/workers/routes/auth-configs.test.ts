import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { KeyRing } from "../../../core/crypto/keyring.ts";
import { authConfigAad } from "../../../worker/routes/auth-configs.ts";
import { call, env, expectError, json } from "../helpers.ts";
import {
  connectAccount,
  createAuthConfig,
  expectKeyRefusals,
  newTenant,
  storedCredentials,
  withDefaultApps,
  type Tenant,
} from "../fixtures.ts";
import { mockUpstream } from "../core/executor/upstream.ts";

const PATH = "/api/v3.1/auth_configs";
const UNKNOWN_ID = "ac_AAAAAAAAAAAAAAAAAAAAAA";

interface AuthConfig {
  id: string;
  name: string;
  toolkit: { slug: string; logo: string };
  auth_scheme: string;
  status: string;
  is_composio_managed: boolean;
  base_url: string | null;
  scopes: string[];
  created_at: string;
  updated_at: string;
}

let tenant: Tenant;
beforeAll(async () => {
  tenant = await newTenant("auth-configs");
});

async function get(id: string, key = tenant.key): Promise<AuthConfig> {
  const response = await call("GET", `${PATH}/${id}`, { key });
  expect(response.status).toBe(200);
  return json<AuthConfig>(response);
}

describe("POST /api/v3.1/auth_configs", () => {
  it("creates a BEARER_TOKEN config in Composio's shape", async () => {
    const response = await call("POST", PATH, {
      key: tenant.key,
      body: { toolkit: { slug: "github" }, auth_config: { type: "use_custom_auth", authScheme: "BEARER_TOKEN", name: "GitHub PAT" } },
    });
    expect(response.status).toBe(201);
    const created = await json<{ auth_config: { id: string }; toolkit: { slug: string } }>(response);
    expect(created).toEqual({
      auth_config: { id: expect.stringMatching(/^ac_[A-Za-z0-9_-]{22}$/), auth_scheme: "BEARER_TOKEN", is_composio_managed: false },
      toolkit: { slug: "github" },
    });
    expect(await get(created.auth_config.id)).toMatchObject({
      id: created.auth_config.id,
      name: "GitHub PAT",
      toolkit: { slug: "github", logo: expect.stringMatching(/^https:/) },
      auth_scheme: "BEARER_TOKEN",
      status: "ENABLED",
      is_composio_managed: false,
      base_url: null,
      scopes: [],
    });
  });

  it.each([
    ["discord", "API_KEY"],
    ["linear", "API_KEY"],
    ["jira", "BASIC"],
    ["hackernews", "NO_AUTH"],
    ["slack", "OAUTH2"],
  ])("creates a %s %s config", async (toolkit, scheme) => {
    const id = await createAuthConfig(tenant.key, toolkit, scheme);
    expect(await get(id)).toMatchObject({ toolkit: { slug: toolkit }, auth_scheme: scheme });
  });

  it("defaults to the toolkit's first scheme and a readable name", async () => {
    const response = await call("POST", PATH, { key: tenant.key, body: { toolkit: { slug: "GitHub" } } });
    expect(response.status).toBe(201);
    const { auth_config } = await json<{ auth_config: { id: string; auth_scheme: string } }>(response);
    expect(auth_config.auth_scheme).toBe("OAUTH2");
    expect(await get(auth_config.id)).toMatchObject({ name: "GitHub OAUTH2", toolkit: { slug: "github" } });
  });

  it("keeps the base URL and scopes, which are not secret", async () => {
    const id = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN", { base_url: "https://github.example.com/api/v3", scopes: "repo, read:user" });
    expect(await get(id)).toMatchObject({ base_url: "https://github.example.com/api/v3", scopes: ["repo", "read:user"] });
    const listed = await createAuthConfig(tenant.key, "gmail", "OAUTH2", { scopes: ["https://mail.google.com/"] });
    expect((await get(listed)).scopes).toEqual(["https://mail.google.com/"]);
  });

  it("never returns client secrets, and stores them encrypted to the row", async () => {
    const id = await createAuthConfig(tenant.key, "github", "OAUTH2", { client_id: "Iv1.client-id-123", client_secret: "s3cret-value" });
    const response = await call("GET", `${PATH}/${id}`, { key: tenant.key });
    const text = await response.text();
    expect(text).not.toContain("s3cret-value");
    expect(text).not.toContain("Iv1.client-id-123");

    const stored = await storedCredentials("auth_configs", id);
    expect(stored).toMatch(/^v1\.k1\./);
    expect(stored).not.toContain("s3cret-value");
    expect(stored).not.toContain(btoa("s3cret-value").slice(0, 8));
    const keyRing = KeyRing.fromEnv(env);
    expect(JSON.parse(await keyRing.decrypt(stored ?? "", authConfigAad({ id, projectId: tenant.projectId })))).toEqual({
      client_id: "Iv1.client-id-123",
      client_secret: "s3cret-value",
    });
  });

  it("stores nothing encrypted when there is no secret", async () => {
    const id = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN", { base_url: "http://127.0.0.1:9" });
    expect(await storedCredentials("auth_configs", id)).toBeNull();
  });

  it("refuses a scheme the toolkit does not support with 400 auth_scheme_not_supported", async () => {
    const response = await call("POST", PATH, { key: tenant.key, body: { toolkit: { slug: "github" }, auth_config: { type: "use_custom_auth", authScheme: "API_KEY" } } });
    const error = await expectError(response, 400, "auth_scheme_not_supported");
    expect(error.message).toContain("OAUTH2, BEARER_TOKEN");
    await expectError(
      await call("POST", PATH, { key: tenant.key, body: { toolkit: { slug: "hackernews" }, auth_config: { type: "use_custom_auth", authScheme: "BEARER_TOKEN" } } }),
      400,
      "auth_scheme_not_supported",
    );
  });

  it("refuses an unknown toolkit with 400 toolkit_not_found", async () => {
    const error = await expectError(await call("POST", PATH, { key: tenant.key, body: { toolkit: { slug: "myspace" } } }), 400, "toolkit_not_found");
    expect(error.message).toContain("myspace");
  });

  it("refuses malformed JSON", async () => {
    await expectError(await call("POST", PATH, { key: tenant.key, body: '{"toolkit":' }), 400, "malformed_json");
  });

  it.each([
    ["no toolkit", {}, "body.toolkit"],
    ["the toolkit as a string", { toolkit: "github" }, "body.toolkit"],
    ["an empty toolkit slug", { toolkit: { slug: "" } }, "body.toolkit.slug"],
    ["an unknown scheme", { toolkit: { slug: "github" }, auth_config: { type: "use_custom_auth", authScheme: "OAUTH1" } }, "body.auth_config.authScheme"],
    ["an unknown type", { toolkit: { slug: "github" }, auth_config: { type: "custom" } }, "body.auth_config.type"],
    ["a base_url that is not http(s)", { toolkit: { slug: "github" }, auth_config: { type: "use_custom_auth", credentials: { base_url: "ftp://example.com" } } }, "body.auth_config.credentials.base_url"],
    ["a client_secret that is a number", { toolkit: { slug: "github" }, auth_config: { type: "use_custom_auth", credentials: { client_secret: 12345 } } }, "body.auth_config.credentials.client_secret"],
    ["a name too long", { toolkit: { slug: "github" }, auth_config: { type: "use_custom_auth", name: "n".repeat(201) } }, "body.auth_config.name"],
  ])("refuses %s with 400 validation_failed", async (_, body, path) => {
    const error = await expectError(await call("POST", PATH, { key: tenant.key, body }), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toContain(path);
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("POST", PATH, { toolkit: { slug: "github" } });
  });
});

describe("GET /api/v3.1/auth_configs/{id}", () => {
  it("refuses an id that is not an auth config id with 400", async () => {
    for (const id of ["ac_short", "ca_AAAAAAAAAAAAAAAAAAAAAA", "1"]) {
      const error = await expectError(await call("GET", `${PATH}/${id}`, { key: tenant.key }), 400, "validation_failed");
      expect(error.errors?.[0]?.path).toBe("path.id");
    }
  });

  it("answers an unknown id with 404 auth_config_not_found", async () => {
    await expectError(await call("GET", `${PATH}/${UNKNOWN_ID}`, { key: tenant.key }), 404, "auth_config_not_found");
  });

  it("answers another project's auth config with 404, as if it did not exist", async () => {
    const id = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
    const other = await newTenant("other");
    const error = await expectError(await call("GET", `${PATH}/${id}`, { key: other.key }), 404, "auth_config_not_found");
    expect(error.message).toContain(id);
    expect((await get(id)).id).toBe(id);
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("GET", `${PATH}/${UNKNOWN_ID}`);
  });
});

afterEach(() => {
  vi.restoreAllMocks();
});

const SLACK_APP = { slack: { client_id: "operator-slack-client", client_secret: "operator-slack-secret" } };

interface Page {
  items: (AuthConfig & { uuid: string; type: string; no_of_connections: number; tool_access_config: object })[];
  next_cursor: string | null;
  total_items: number;
  total_pages: number;
  current_page: number;
}

async function decryptedSecrets(id: string, projectId = tenant.projectId): Promise<unknown> {
  const stored = await storedCredentials("auth_configs", id);
  return JSON.parse(await KeyRing.fromEnv(env).decrypt(stored ?? "", authConfigAad({ id, projectId })));
}

describe("POST /api/v3.1/auth_configs with use_composio_managed_auth", () => {
  it("uses the operator's default OAuth app when DEFAULT_OAUTH_APPS has one for the toolkit", async () => {
    await withDefaultApps(SLACK_APP, async () => {
      const response = await call("POST", PATH, { key: tenant.key, body: { toolkit: { slug: "slack" }, auth_config: { type: "use_composio_managed_auth" } } });
      expect(response.status).toBe(201);
      const created = await json<{ auth_config: { id: string; auth_scheme: string; is_composio_managed: boolean } }>(response);
      expect(created.auth_config).toMatchObject({ auth_scheme: "OAUTH2", is_composio_managed: true });
      const text = await (await call("GET", `${PATH}/${created.auth_config.id}`, { key: tenant.key })).text();
      expect(text).not.toContain("operator-slack");
      expect(JSON.parse(text)).toMatchObject({ type: "default", is_composio_managed: true, auth_scheme: "OAUTH2", name: "Slack (operator default)" });
      expect(await storedCredentials("auth_configs", created.auth_config.id)).toBeNull();
    });
  });

  it("keeps the scopes a managed config asks for", async () => {
    await withDefaultApps(SLACK_APP, async () => {
      const response = await call("POST", PATH, {
        key: tenant.key,
        body: { toolkit: { slug: "slack" }, auth_config: { type: "use_composio_managed_auth", credentials: { scopes: "chat:write,channels:read" } } },
      });
      const { auth_config } = await json<{ auth_config: { id: string } }>(response);
      expect((await get(auth_config.id)).scopes).toEqual(["chat:write", "channels:read"]);
    });
  });

  it("refuses with 400 managed_auth_unavailable, and a fix, when the operator has no app for the toolkit", async () => {
    const error = await expectError(
      await call("POST", PATH, { key: tenant.key, body: { toolkit: { slug: "gmail" }, auth_config: { type: "use_composio_managed_auth" } } }),
      400,
      "managed_auth_unavailable",
    );
    expect(error.suggested_fix).toContain("use_custom_auth");
    expect(error.suggested_fix).toContain("DEFAULT_OAUTH_APPS");
  });

  it("refuses a toolkit without OAuth even when the operator lists it", async () => {
    await withDefaultApps({ hackernews: { client_id: "x", client_secret: "y" } }, async () => {
      await expectError(
        await call("POST", PATH, { key: tenant.key, body: { toolkit: { slug: "hackernews" }, auth_config: { type: "use_composio_managed_auth" } } }),
        400,
        "managed_auth_unavailable",
      );
    });
  });

  it("refuses client credentials on a managed config", async () => {
    await withDefaultApps(SLACK_APP, async () => {
      await expectError(
        await call("POST", PATH, {
          key: tenant.key,
          body: { toolkit: { slug: "slack" }, auth_config: { type: "use_composio_managed_auth", credentials: { client_secret: "mine" } } },
        }),
        400,
        "managed_auth_credentials",
      );
    });
  });
});

describe("GET /api/v3.1/auth_configs", () => {
  let own: Tenant;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    own = await newTenant("ac-list");
    ids.github = await createAuthConfig(own.key, "github", "BEARER_TOKEN");
    ids.slack = await createAuthConfig(own.key, "slack", "OAUTH2", { client_id: "own-slack-id", client_secret: "own-slack-secret-value" });
    ids.discord = await createAuthConfig(own.key, "discord", "API_KEY");
    await withDefaultApps(SLACK_APP, async () => {
      const response = await call("POST", PATH, { key: own.key, body: { toolkit: { slug: "slack" }, auth_config: { type: "use_composio_managed_auth", name: "Managed 100%_Slack" } } });
      ids.managed = (await json<{ auth_config: { id: string } }>(response)).auth_config.id;
    });
    ids.disabled = await createAuthConfig(own.key, "github", "OAUTH2");
    await env.DB.prepare("UPDATE auth_configs SET status = 'DISABLED' WHERE id = ?").bind(ids.disabled).run();
    const order = [ids.github, ids.slack, ids.discord, ids.managed, ids.disabled];
    for (const [i, id] of order.entries()) {
      await env.DB.prepare("UPDATE auth_configs SET created_at = ? WHERE id = ?").bind(1_800_000_000_000 + i, id).run();
    }
    await connectAccount(own.key, ids.github ?? "", "alice", "BEARER_TOKEN", { token: "ghp_list_one" });
    await connectAccount(own.key, ids.github ?? "", "bob", "BEARER_TOKEN", { token: "ghp_list_two" });
    const expired = await connectAccount(own.key, ids.github ?? "", "carol", "BEARER_TOKEN", { token: "ghp_list_three" });
    await env.DB.prepare("UPDATE connected_accounts SET status = 'EXPIRED' WHERE id = ?").bind(expired).run();
  });

  async function list(query: string, key = own.key): Promise<Page> {
    const response = await call("GET", `${PATH}?${query}`, { key });
    expect(response.status, `GET ${PATH}?${query}`).toBe(200);
    return json<Page>(response);
  }

  it("lists the enabled configs newest first, in the SDK's shape, without secrets", async () => {
    const response = await call("GET", PATH, { key: own.key });
    const text = await response.clone().text();
    expect(text).not.toContain("own-slack-secret-value");
    expect(text).not.toContain("own-slack-id");
    const page = await json<Page>(response);
    expect(page.items.map((i) => i.id)).toEqual([ids.managed, ids.discord, ids.slack, ids.github]);
    expect(page).toMatchObject({ next_cursor: null, total_items: 4, total_pages: 1, current_page: 1 });
    expect(page.items[3]).toMatchObject({
      id: ids.github,
      uuid: ids.github,
      type: "custom",
      status: "ENABLED",
      no_of_connections: 2,
      tool_access_config: {},
      toolkit: { slug: "github", logo: expect.stringMatching(/^https:/) },
      is_composio_managed: false,
      is_enabled_for_tool_router: true,
      last_updated_at: expect.any(String),
    });
    expect(page.items[0]).toMatchObject({ id: ids.managed, type: "default", is_composio_managed: true, no_of_connections: 0 });
  });

  it("shows DISABLED configs only with show_disabled=true", async () => {
    const page = await list("show_disabled=true");
    expect(page.items.map((i) => i.id)).toEqual([ids.disabled, ids.managed, ids.discord, ids.slack, ids.github]);
    expect(page.items[0]?.status).toBe("DISABLED");
    expect((await list("show_disabled=false")).total_items).toBe(4);
  });

  it("filters by toolkit (comma list), managed or not, and a search of name or id", async () => {
    expect((await list("toolkit_slug=slack")).items.map((i) => i.id)).toEqual([ids.managed, ids.slack]);
    expect((await list("toolkit_slug=github,Discord&show_disabled=true")).items.map((i) => i.id)).toEqual([ids.disabled, ids.discord, ids.github]);
    expect((await list("is_composio_managed=true")).items.map((i) => i.id)).toEqual([ids.managed]);
    expect((await list("is_composio_managed=false")).total_items).toBe(3);
    expect((await list("search=MANAGED")).items.map((i) => i.id)).toEqual([ids.managed]);
    expect((await list(`search=${ids.discord?.slice(3, 15)}`)).items.map((i) => i.id)).toEqual([ids.discord]);
    // % and _ are taken literally, not as wildcards.
    expect((await list("search=100%25_")).items.map((i) => i.id)).toEqual([ids.managed]);
    expect((await list("search=%25")).items.map((i) => i.id)).toEqual([ids.managed]);
    expect((await list("search=nothing-like-this")).items).toEqual([]);
  });

  it("pages with a cursor, numbering the pages", async () => {
    const first = await list("limit=2&show_disabled=true");
    expect(first).toMatchObject({ total_items: 5, total_pages: 3, current_page: 1 });
    const second = await list(`limit=2&show_disabled=true&cursor=${encodeURIComponent(first.next_cursor ?? "")}`);
    expect(second.current_page).toBe(2);
    const third = await list(`limit=2&show_disabled=true&cursor=${encodeURIComponent(second.next_cursor ?? "")}`);
    expect(third).toMatchObject({ current_page: 3, next_cursor: null });
    expect([...first.items, ...second.items, ...third.items].map((i) => i.id)).toEqual([ids.disabled, ids.managed, ids.discord, ids.slack, ids.github]);
  });

  it("never shows another project's configs", async () => {
    const other = await newTenant("other");
    expect(await list("show_disabled=true", other.key)).toMatchObject({ items: [], total_items: 0 });
    expect((await list(`search=${ids.github}`, other.key)).items).toEqual([]);
  });

  it.each([
    ["limit=0", "query.limit"],
    ["limit=1001", "query.limit"],
    ["is_composio_managed=maybe", "query.is_composio_managed"],
    ["show_disabled=1", "query.show_disabled"],
  ])("refuses %s with 400 validation_failed", async (query, path) => {
    const error = await expectError(await call("GET", `${PATH}?${query}`, { key: own.key }), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toContain(path);
  });

  it("refuses a cursor it did not issue", async () => {
    await expectError(await call("GET", `${PATH}?cursor=%25%25`, { key: own.key }), 400, "invalid_cursor");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("GET", PATH);
  });
});

describe("PATCH /api/v3.1/auth_configs/{id}", () => {
  function patch(id: string, body: unknown, key = tenant.key): Promise<Response> {
    return call("PATCH", `${PATH}/${id}`, { key, body });
  }

  it("renames, and sets the scopes, base URL and OAuth endpoints, returning the config", async () => {
    const id = await createAuthConfig(tenant.key, "github", "OAUTH2", { client_id: "Iv1.patch", client_secret: "first-secret" });
    const response = await patch(id, {
      type: "custom",
      name: "GitHub Enterprise",
      credentials: { scopes: "repo read:org", base_url: "https://ghe.example.com/api/v3", token_url: "https://ghe.example.com/login/oauth/access_token" },
    });
    expect(response.status).toBe(200);
    expect(await json<AuthConfig>(response)).toMatchObject({
      id,
      name: "GitHub Enterprise",
      scopes: ["repo", "read:org"],
      base_url: "https://ghe.example.com/api/v3",
      credentials: { scopes: ["repo", "read:org"], base_url: "https://ghe.example.com/api/v3", token_url: "https://ghe.example.com/login/oauth/access_token" },
    });
    // Settings are not secrets: the stored secret is untouched.
    expect(await decryptedSecrets(id)).toEqual({ client_id: "Iv1.patch", client_secret: "first-secret" });

    const cleared = await json<AuthConfig & { credentials: Record<string, unknown> }>(await patch(id, { credentials: { base_url: null, token_url: null } }));
    expect(cleared.base_url).toBeNull();
    expect(cleared.credentials).toEqual({ scopes: ["repo", "read:org"] });
    expect(cleared.name).toBe("GitHub Enterprise");
  });

  it("rotates the client secret: re-encrypted to the row, never returned, the client id kept", async () => {
    const id = await createAuthConfig(tenant.key, "gmail", "OAUTH2", { client_id: "google-client.apps", client_secret: "old-google-secret" });
    const before = await storedCredentials("auth_configs", id);
    // The body the SDK's authConfigs.update(id, { type: "custom", credentials }) sends.
    const response = await patch(id, {
      type: "custom",
      credentials: { client_secret: "new-google-secret" },
      tool_access_config: {},
    });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(text).not.toContain("google-secret");
    expect(text).not.toContain("google-client.apps");
    const after = await storedCredentials("auth_configs", id);
    expect(after).toMatch(/^v1\.k1\./);
    expect(after).not.toBe(before);
    expect(after).not.toContain("new-google-secret");
    expect(await decryptedSecrets(id)).toEqual({ client_id: "google-client.apps", client_secret: "new-google-secret" });
  });

  it("removes a secret given as null, and stores nothing once none is left", async () => {
    const id = await createAuthConfig(tenant.key, "github", "OAUTH2", { client_id: "Iv1.remove", client_secret: "to-remove" });
    await patch(id, { credentials: { client_secret: null } });
    expect(await decryptedSecrets(id)).toEqual({ client_id: "Iv1.remove" });
    await patch(id, { credentials: { client_id: null } });
    expect(await storedCredentials("auth_configs", id)).toBeNull();
  });

  it("updates a managed config with type default: name and scopes only", async () => {
    const id = await withDefaultApps(SLACK_APP, async () => {
      const response = await call("POST", PATH, { key: tenant.key, body: { toolkit: { slug: "slack" }, auth_config: { type: "use_composio_managed_auth" } } });
      return (await json<{ auth_config: { id: string } }>(response)).auth_config.id;
    });
    const response = await patch(id, { type: "default", name: "Team Slack", scopes: ["chat:write"], tool_access_config: {} });
    expect(await json<AuthConfig>(response)).toMatchObject({ name: "Team Slack", scopes: ["chat:write"], is_composio_managed: true });
    await expectError(await patch(id, { type: "default", credentials: { client_secret: "sneaky" } }), 400, "managed_auth_credentials");
    await expectError(await patch(id, { type: "custom", name: "x" }), 400, "auth_config_type_mismatch");
  });

  it("refuses type default on a custom config with 400 auth_config_type_mismatch", async () => {
    const id = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
    const error = await expectError(await patch(id, { type: "default", scopes: "repo" }), 400, "auth_config_type_mismatch");
    expect(error.suggested_fix).toContain("custom");
  });

  it.each([
    ["an empty name", { name: "" }, "body.name"],
    ["an unknown type", { type: "use_custom_auth" }, "body.type"],
    ["a base_url that is not http(s)", { credentials: { base_url: "javascript:alert(1)" } }, "body.credentials.base_url"],
    ["a numeric client_secret", { credentials: { client_secret: 42 } }, "body.credentials.client_secret"],
  ])("refuses %s with 400 validation_failed", async (_, body, path) => {
    const id = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
    const error = await expectError(await patch(id, body), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toContain(path);
  });

  it("refuses malformed JSON and a bad id", async () => {
    await expectError(await call("PATCH", `${PATH}/${UNKNOWN_ID}`, { key: tenant.key, body: "{" }), 400, "malformed_json");
    await expectError(await patch("ac_bad", { name: "x" }), 400, "validation_failed");
  });

  it("answers an unknown id, and another project's config, with 404, changing nothing", async () => {
    await expectError(await patch(UNKNOWN_ID, { name: "x" }), 404, "auth_config_not_found");
    const id = await createAuthConfig(tenant.key, "github", "OAUTH2", { client_id: "Iv1.mine", client_secret: "mine" });
    const other = await newTenant("other");
    await expectError(await patch(id, { name: "hijacked", credentials: { client_secret: "theirs" } }, other.key), 404, "auth_config_not_found");
    expect((await get(id)).name).toBe("GitHub OAUTH2");
    expect(await decryptedSecrets(id)).toEqual({ client_id: "Iv1.mine", client_secret: "mine" });
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("PATCH", `${PATH}/${UNKNOWN_ID}`, { name: "x" });
  });
});

describe("PATCH /api/v3.1/auth_configs/{id}/{status}", () => {
  it("disables and enables, as the SDK's updateStatus sends it (no body)", async () => {
    const id = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
    const off = await call("PATCH", `${PATH}/${id}/DISABLED`, { key: tenant.key });
    expect(off.status).toBe(200);
    expect(await json<AuthConfig>(off)).toMatchObject({ id, status: "DISABLED" });
    expect((await get(id)).status).toBe("DISABLED");
    const on = await call("PATCH", `${PATH}/${id}/ENABLED`, { key: tenant.key });
    expect((await json<AuthConfig>(on)).status).toBe("ENABLED");
  });

  it("makes a disabled config unusable for new accounts, links and tool calls, until enabled again", async () => {
    const id = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
    const account = await connectAccount(tenant.key, id, "dora", "BEARER_TOKEN", { token: "ghp_disabled_config" });
    await call("PATCH", `${PATH}/${id}/DISABLED`, { key: tenant.key });

    const connect = await call("POST", "/api/v3.1/connected_accounts", {
      key: tenant.key,
      body: { auth_config: { id }, connection: { user_id: "dora", state: { authScheme: "BEARER_TOKEN", val: { token: "ghp_another" } } } },
    });
    expect((await expectError(connect, 400, "auth_config_disabled")).suggested_fix).toContain(`${id}/ENABLED`);
    await expectError(await call("POST", "/api/v3.1/connected_accounts/link", { key: tenant.key, body: { auth_config_id: id, user_id: "dora" } }), 400, "auth_config_disabled");

    const { spy } = mockUpstream(() => Response.json({}));
    const star = { arguments: { owner: "o", repo: "r" } };
    const byId = await call("POST", "/api/v3.1/tools/execute/GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER", { key: tenant.key, body: { ...star, connected_account_id: account } });
    await expectError(byId, 400, "auth_config_disabled");
    const byUser = await call("POST", "/api/v3.1/tools/execute/GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER", { key: tenant.key, body: { ...star, user_id: "dora" } });
    await expectError(byUser, 400, "no_connected_account");
    expect(spy).not.toHaveBeenCalled();

    await call("PATCH", `${PATH}/${id}/ENABLED`, { key: tenant.key });
    const again = await call("POST", "/api/v3.1/tools/execute/GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER", { key: tenant.key, body: { ...star, user_id: "dora" } });
    expect(again.status).toBe(200);
    expect(spy).toHaveBeenCalledTimes(1);
  });

  it("refuses a status other than ENABLED or DISABLED", async () => {
    const id = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
    for (const status of ["PAUSED", "enabled"]) {
      const error = await expectError(await call("PATCH", `${PATH}/${id}/${status}`, { key: tenant.key }), 400, "validation_failed");
      expect(error.errors?.map((e) => e.path)).toContain("path.status");
    }
  });

  it("answers another project's config with 404 and leaves it enabled", async () => {
    const id = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
    const other = await newTenant("other");
    await expectError(await call("PATCH", `${PATH}/${id}/DISABLED`, { key: other.key }), 404, "auth_config_not_found");
    expect((await get(id)).status).toBe("ENABLED");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("PATCH", `${PATH}/${UNKNOWN_ID}/DISABLED`);
  });
});

describe("DELETE /api/v3.1/auth_configs/{id}", () => {
  it("deletes the config and, by cascade, its connected accounts", async () => {
    const id = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
    const first = await connectAccount(tenant.key, id, "erin", "BEARER_TOKEN", { token: "ghp_cascade_one" });
    const second = await connectAccount(tenant.key, id, "frank", "BEARER_TOKEN", { token: "ghp_cascade_two" });
    const link = await call("POST", "/api/v3.1/connected_accounts/link", { key: tenant.key, body: { auth_config_id: id, user_id: "gina" } });
    expect(link.status).toBe(201);

    const response = await call("DELETE", `${PATH}/${id}`, { key: tenant.key });
    expect(response.status).toBe(200);
    expect(await json(response)).toEqual({ success: true, deleted_connected_accounts: 3 });
    await expectError(await call("GET", `${PATH}/${id}`, { key: tenant.key }), 404, "auth_config_not_found");
    for (const account of [first, second]) {
      await expectError(await call("GET", `/api/v3.1/connected_accounts/${account}`, { key: tenant.key }), 404, "connected_account_not_found");
    }
    const left = await env.DB.prepare("SELECT COUNT(*) AS n FROM link_requests WHERE auth_config_id = ?").bind(id).first<{ n: number }>();
    expect(left?.n).toBe(0);
    await expectError(await call("DELETE", `${PATH}/${id}`, { key: tenant.key }), 404, "auth_config_not_found");
  });

  it("refuses revoke_on_delete=true rather than ignore it, deleting nothing", async () => {
    const id = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
    const error = await expectError(await call("DELETE", `${PATH}/${id}?revoke_on_delete=true`, { key: tenant.key }), 400, "revoke_on_delete_unsupported");
    expect(error.suggested_fix).toContain("/revoke");
    expect((await get(id)).id).toBe(id);
  });

  it("answers another project's config with 404 and keeps it", async () => {
    const id = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
    const other = await newTenant("other");
    await expectError(await call("DELETE", `${PATH}/${id}`, { key: other.key }), 404, "auth_config_not_found");
    expect((await get(id)).id).toBe(id);
  });

  it("refuses a bad id and a bad revoke_on_delete", async () => {
    await expectError(await call("DELETE", `${PATH}/nope`, { key: tenant.key }), 400, "validation_failed");
    await expectError(await call("DELETE", `${PATH}/${UNKNOWN_ID}?revoke_on_delete=yes`, { key: tenant.key }), 400, "validation_failed");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("DELETE", `${PATH}/${UNKNOWN_ID}`);
  });
});

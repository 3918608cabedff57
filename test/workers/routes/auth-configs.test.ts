import { beforeAll, describe, expect, it } from "vitest";
import { KeyRing } from "../../../worker/crypto/keyring.ts";
import { authConfigAad } from "../../../worker/routes/auth-configs.ts";
import { call, env, expectError, json } from "../helpers.ts";
import { createAuthConfig, expectKeyRefusals, newTenant, storedCredentials, type Tenant } from "../fixtures.ts";

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

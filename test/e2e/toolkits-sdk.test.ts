import { AuthScheme, type Composio } from "@composio/core";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { sharedGateway } from "./shared-gateway.ts";
import { startUpstream, TOKENS, type Upstream } from "../upstream/server.ts";
import { connectSimulatedGitHub, newSdkTenant } from "./sdk-tenant.ts";

/**
 * Every `toolkits.*` and `tools.*` method of the official SDK against the real gateway.
 * The SDK does not fail on a response it does not recognise: it logs a warning and goes
 * on, so each test also checks that the SDK logged nothing at all.
 */
let gateway: LocalGateway;
let upstream: Upstream;
let composio: Composio;
let logged: MockInstance[];

beforeAll(async () => {
  // An operator OAuth app for Slack, so managed auth has something to offer.
  [gateway, upstream] = await Promise.all([sharedGateway(), startUpstream()]);
  ({ composio } = await newSdkTenant(gateway, "toolkits-sdk"));
});

afterAll(async () => {
  await Promise.all([gateway?.destroy(), upstream?.close()]);
});

beforeEach(() => {
  logged = [vi.spyOn(console, "warn"), vi.spyOn(console, "error")];
});

afterEach(() => {
  const messages = logged.flatMap((spy) => spy.mock.calls.map((args) => args.join(" ")));
  vi.restoreAllMocks();
  expect(messages, "the SDK logged warnings or errors").toEqual([]);
});

describe("toolkits through the official SDK", () => {
  it("lists toolkits with their categories, and filters by a category's id", async () => {
    const toolkits = await composio.toolkits.get({});
    const github = toolkits.find((t) => t.slug === "github");
    expect(github?.meta.categories).toContainEqual({ slug: "developer-tools", name: "developer tools" });
    expect(github).toMatchObject({ name: "GitHub", isLocalToolkit: false, noAuth: false });

    const categories = await composio.toolkits.listCategories();
    expect(categories.totalPages).toBe(1);
    expect(categories.items).toContainEqual({ id: "developer-tools", name: "developer tools" });
    const productivity = await composio.toolkits.get({ category: "productivity" });
    expect(productivity.map((t) => t.slug)).toEqual(expect.arrayContaining(["gmail", "notion"]));
    expect(productivity.every((t) => t.meta.categories?.some((c) => c.slug === "productivity"))).toBe(true);
  });

  it("gets one toolkit with its auth config details, and names an unknown one", async () => {
    const slack = await composio.toolkits.get("slack");
    expect(slack).toMatchObject({ slug: "slack", composioManagedAuthSchemes: ["OAUTH2"], baseUrl: "https://slack.com/api" });
    expect(slack.authConfigDetails?.map((d) => d.mode)).toEqual(["OAUTH2", "BEARER_TOKEN"]);
    expect(slack.meta.categories?.length).toBeGreaterThan(0);
    await expect(composio.toolkits.get("myspace")).rejects.toMatchObject({ name: "ComposioToolkitNotFoundError" });
  });

  it("gives the fields to create an auth config and to connect an account", async () => {
    const creation = await composio.toolkits.getAuthConfigCreationFields("github", "OAUTH2");
    expect(creation.filter((f) => f.required).map((f) => f.name)).toEqual(["client_id", "client_secret"]);
    expect(creation.find((f) => f.name === "client_secret")).toMatchObject({ isSecret: true, displayName: "Client secret", type: "string" });
    expect(await composio.toolkits.getAuthConfigCreationFields("github", "OAUTH2", { requiredOnly: true })).toHaveLength(2);

    const bearer = await composio.toolkits.getConnectedAccountInitiationFields("github", "BEARER_TOKEN");
    expect(bearer.map((f) => [f.name, f.required])).toEqual([["token", true]]);
    const apiKey = await composio.toolkits.getConnectedAccountInitiationFields("linear", "API_KEY", { requiredOnly: true });
    expect(apiKey.map((f) => f.name)).toEqual(["generic_api_key"]);
    expect(await composio.toolkits.getConnectedAccountInitiationFields("hackernews", "NO_AUTH")).toEqual([]);
    await expect(composio.toolkits.getConnectedAccountInitiationFields("github", "BASIC")).rejects.toMatchObject({ name: "ComposioAuthConfigNotFoundError" });
  });

  it("the advertised API key field connects an account", async () => {
    const fields = await composio.toolkits.getConnectedAccountInitiationFields("linear", "API_KEY");
    const config = await composio.authConfigs.create("linear", { type: "use_custom_auth", authScheme: "API_KEY", name: "Linear key", credentials: {} });
    const values = Object.fromEntries(fields.map((f) => [f.name, "lin_api_from_form"]));
    const account = await composio.connectedAccounts.initiate("form-user", config.id, { config: AuthScheme.APIKey(values) });
    expect(account.status).toBe("ACTIVE");
  });

  it("advertises the credentials an API key is sent with, and an account needs them all (Trello's key and token)", async () => {
    const fields = await composio.toolkits.getConnectedAccountInitiationFields("trello", "API_KEY");
    expect(fields.map((f) => [f.name, f.required, f.isSecret])).toEqual([
      ["generic_api_key", true, true],
      ["token", true, true],
    ]);
    const config = await composio.authConfigs.create("trello", { type: "use_custom_auth", authScheme: "API_KEY", name: "Trello key", credentials: {} });
    await expect(composio.connectedAccounts.initiate("trello-user", config.id, { config: AuthScheme.APIKey({ generic_api_key: "trello-key-1" }) })).rejects.toThrow(/connection\.state\.val\.token/);
    const values = Object.fromEntries(fields.map((f) => [f.name, `trello-${f.name}`]));
    const account = await composio.connectedAccounts.initiate("trello-user", config.id, { config: AuthScheme.APIKey(values) });
    expect(account.status).toBe("ACTIVE");
  });

  it("authorizes a no-auth toolkit, and sends managed OAuth to the Connect Link", async () => {
    const noAuth = await composio.authConfigs.create("hackernews", { type: "use_custom_auth", authScheme: "NO_AUTH", name: "HN", credentials: {} });
    const request = await composio.toolkits.authorize("reader", "hackernews", noAuth.id);
    expect(request.status).toBe("ACTIVE");

    // No auth config yet: the SDK creates a managed one (the operator has a Slack app), then the
    // gateway refuses the legacy initiation for OAuth, as Composio does, pointing to the Connect Link.
    await expect(composio.toolkits.authorize("reader", "slack")).rejects.toThrow(/Connect Link/);
    const created = await composio.authConfigs.list({ toolkit: "slack" });
    expect(created.items).toMatchObject([{ isComposioManaged: true, authScheme: "OAUTH2" }]);
  });
});

describe("tools through the official SDK", () => {
  it("lists, gets and enumerates tools", async () => {
    const raw = await composio.tools.getRawComposioTools({ toolkits: ["github"], limit: 5 });
    expect(raw).toHaveLength(5);
    const one = await composio.tools.getRawComposioToolBySlug("GITHUB_CREATE_AN_ISSUE");
    expect(one).toMatchObject({ slug: "GITHUB_CREATE_AN_ISSUE", toolkit: { slug: "github" } });
    expect(one.inputParameters?.required).toEqual(expect.arrayContaining(["owner", "repo", "title"]));
    const wrapped = await composio.tools.get("user-1", "GITHUB_CREATE_AN_ISSUE");
    expect(wrapped).toHaveLength(1);
    await expect(composio.tools.getRawComposioToolBySlug("MYSPACE_POST")).rejects.toMatchObject({ name: "ComposioToolNotFoundError" });
    const slugs = await composio.tools.getToolsEnum();
    expect(slugs).toEqual(expect.arrayContaining(["GITHUB_CREATE_AN_ISSUE", "HACKERNEWS_GET_ITEM"]));
  });

  it("executes a tool and proxies a request with query and header parameters", async () => {
    const account = await connectSimulatedGitHub(composio, upstream, "user-1");
    const result = await composio.tools.execute("GITHUB_GET_THE_AUTHENTICATED_USER", { userId: "user-1", arguments: {}, dangerouslySkipVersionCheck: true });
    expect(result).toMatchObject({ successful: true, data: { login: "octocat" } });

    const proxied = await composio.tools.proxyExecute({
      connectedAccountId: account.id,
      endpoint: "/user",
      method: "GET",
      parameters: [
        { in: "query", name: "probe", value: 7 },
        { in: "header", name: "x-probe", value: "sdk" },
      ],
    });
    expect(proxied).toMatchObject({ status: 200, data: { login: "octocat" } });
    const sent = upstream.requests().filter((r) => r.path.startsWith("/user") && r.headers["x-probe"] === "sdk");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.authorization).toBe(`Bearer ${TOKENS.octocat}`);
    expect(sent[0]?.query.probe).toBe("7");
  });

  it("refuses to generate arguments from text, at once and for good", async () => {
    const started = Date.now();
    await expect(composio.tools.getInput("GITHUB_CREATE_AN_ISSUE", { text: "file a bug about the typo" })).rejects.toMatchObject({ status: 501 });
    // The SDK retries 5xx answers with a back-off of seconds; x-should-retry: false stops it.
    expect(Date.now() - started).toBeLessThan(1500);
  });
});

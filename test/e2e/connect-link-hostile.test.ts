import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient } from "../../scripts/lib/admin-client.ts";
import { startLocalGateway, type LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { sharedGateway } from "./shared-gateway.ts";
import { startUpstream, type Upstream } from "../upstream/server.ts";
import { startAuthorizationServer, type AuthorizationServer } from "./oauth/authorization-server.ts";
import {
  api,
  authorizeViaLink,
  createGitHubOAuthConfig,
  createLink,
  followCallback,
  openLink,
  registerGitHubToken,
  submitLink,
} from "./oauth/connect-flow.ts";

/**
 * The Connect Link flow under attack or misuse, with plain fetch: links replayed or
 * expired, forged or missing OAuth parameters, a provider refusing, hostile callback
 * URLs, cross-project ids, revoked keys and cross-site form posts. Each must fail closed,
 * and say so, without storing anything.
 */
const LINK_TTL_SECONDS = 3;

let gateway: LocalGateway;
/** The same gateway code with links that expire after LINK_TTL_SECONDS. */
let shortLived: LocalGateway;
let upstream: Upstream;
let auth: AuthorizationServer;
let admin: AdminClient;
let projectId: string;
let apiKey: string;
let oauthConfigId: string;
let keyConfigId: string;
let shortKey: string;
let shortOAuthConfigId: string;
let shortKeyConfigId: string;

const CALLBACK = "http://127.0.0.1:9/app/callback";

async function account(key: string, id: string, base = gateway.url) {
  return api<{ status: string; status_reason: string | null; error?: { code: string } }>(base, key, "GET", `/api/v3.1/connected_accounts/${id}`);
}

async function keyConfig(base: string, key: string): Promise<string> {
  const created = await api<{ auth_config: { id: string } }>(base, key, "POST", "/api/v3.1/auth_configs", {
    toolkit: { slug: "github" },
    auth_config: { type: "use_custom_auth", authScheme: "BEARER_TOKEN", credentials: { base_url: upstream.url } },
  });
  return created.body.auth_config.id;
}

beforeAll(async () => {
  [gateway, shortLived, upstream, auth] = await Promise.all([
    sharedGateway(),
    startLocalGateway({ vars: { LINK_TTL_SECONDS: String(LINK_TTL_SECONDS) } }),
    startUpstream(),
    startAuthorizationServer(),
  ]);
  admin = new AdminClient(gateway.url, gateway.adminKey);
  const project = await admin.createProject("hostile");
  projectId = project.id;
  apiKey = (await admin.createApiKey(project.id, "hostile")).key;
  const oauth = { authorizeUrl: auth.authorizeUrl, tokenUrl: auth.tokenUrl, baseUrl: upstream.url };
  [oauthConfigId, keyConfigId] = await Promise.all([createGitHubOAuthConfig(gateway.url, apiKey, oauth), keyConfig(gateway.url, apiKey)]);

  const shortAdmin = new AdminClient(shortLived.url, shortLived.adminKey);
  const shortProject = await shortAdmin.createProject("hostile-short-links");
  shortKey = (await shortAdmin.createApiKey(shortProject.id, "short")).key;
  [shortOAuthConfigId, shortKeyConfigId] = await Promise.all([createGitHubOAuthConfig(shortLived.url, shortKey, oauth), keyConfig(shortLived.url, shortKey)]);
});

afterAll(async () => {
  await Promise.all([gateway?.destroy(), shortLived?.destroy(), upstream?.close(), auth?.close()]);
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("reused links", () => {
  it("a key form works once: a second POST is refused and does not replace the stored token", async () => {
    const link = await createLink(gateway.url, apiKey, { auth_config_id: keyConfigId, user_id: "reuse-key", callback_url: CALLBACK });
    const page = await openLink(link.redirect_url);
    const first = await submitLink(link.redirect_url, { csrf_token: page.csrfToken ?? "", token: "gho_octocat_token" }, page.cookie);
    expect(first.status).toBe(303);
    expect(new URL(first.headers.get("location") ?? "").searchParams.get("status")).toBe("success");

    const second = await submitLink(link.redirect_url, { csrf_token: page.csrfToken ?? "", token: "gho_hubot_token" }, page.cookie);
    expect(second.status).toBe(410);
    expect(await second.text()).toContain("Link already used");
    const reopened = await openLink(link.redirect_url);
    expect(reopened.status).toBe(410);
    expect(reopened.csrfToken).toBeUndefined();

    const result = await api<{ successful: boolean; data: { login?: string } }>(gateway.url, apiKey, "POST", "/api/v3.1/tools/execute/GITHUB_GET_THE_AUTHENTICATED_USER", {
      connected_account_id: link.connected_account_id,
      arguments: {},
    });
    expect(result.body.data.login).toBe("octocat");
  });

  it("an OAuth callback works once: replaying it is refused without a second code exchange", async () => {
    await registerGitHubToken(upstream.url, auth.nextAccessToken());
    const link = await createLink(gateway.url, apiKey, { auth_config_id: oauthConfigId, user_id: "reuse-oauth", callback_url: CALLBACK });
    const { callbackUrl } = await authorizeViaLink(link.redirect_url);
    const first = await followCallback(callbackUrl);
    expect(first.status).toBe(303);
    expect(new URL(first.headers.get("location") ?? "").searchParams.get("status")).toBe("success");
    const exchanges = auth.tokenRequestCount("authorization_code");

    const replay = await followCallback(callbackUrl);
    expect(replay.status).toBe(400);
    expect(replay.headers.get("location")).toBeNull();
    expect(await replay.text()).toContain("Sign-in not recognised");
    expect(auth.tokenRequestCount("authorization_code")).toBe(exchanges);
    expect((await account(apiKey, link.connected_account_id)).body.status).toBe("ACTIVE");

    // The link itself is spent too.
    expect((await openLink(link.redirect_url)).status).toBe(410);
  });
});

describe("expired links", () => {
  it("an expired link shows 'Link expired' and accepts no form", async () => {
    const link = await createLink(shortLived.url, shortKey, { auth_config_id: shortKeyConfigId, user_id: "expired-key", callback_url: CALLBACK });
    expect(Date.parse(link.expires_at) - Date.now()).toBeLessThanOrEqual(LINK_TTL_SECONDS * 1000);
    const page = await openLink(link.redirect_url);
    expect(page.status).toBe(200);
    await sleep(LINK_TTL_SECONDS * 1000 + 500);

    const reopened = await openLink(link.redirect_url);
    expect(reopened.status).toBe(410);
    expect(reopened.html).toContain("Link expired");
    const submitted = await submitLink(link.redirect_url, { csrf_token: page.csrfToken ?? "", token: "gho_octocat_token" }, page.cookie);
    expect(submitted.status).toBe(410);
    // The account the link started can never complete now, so whoever waits on it is told.
    expect((await account(shortKey, link.connected_account_id, shortLived.url)).body.status).toBe("EXPIRED");
  });

  it("an OAuth callback arriving after the link expired is refused without exchanging the code", async () => {
    const link = await createLink(shortLived.url, shortKey, { auth_config_id: shortOAuthConfigId, user_id: "expired-oauth", callback_url: CALLBACK });
    const { callbackUrl } = await authorizeViaLink(link.redirect_url);
    const exchanges = auth.tokenRequestCount("authorization_code");
    await sleep(Math.max(0, Date.parse(link.expires_at) - Date.now()) + 500);

    const late = await followCallback(callbackUrl);
    expect(late.status).toBe(400);
    expect(await late.text()).toContain("Sign-in not recognised");
    expect(auth.tokenRequestCount("authorization_code")).toBe(exchanges);
    expect((await account(shortKey, link.connected_account_id, shortLived.url)).body.status).toBe("EXPIRED");
  });
});

describe("forged or incomplete OAuth callbacks", () => {
  it("a forged state is refused, and the genuine callback still completes afterwards", async () => {
    await registerGitHubToken(upstream.url, auth.nextAccessToken());
    const link = await createLink(gateway.url, apiKey, { auth_config_id: oauthConfigId, user_id: "forged-state", callback_url: CALLBACK });
    const { callbackUrl } = await authorizeViaLink(link.redirect_url);
    const exchanges = auth.tokenRequestCount("authorization_code");

    const forged = new URL(callbackUrl);
    forged.searchParams.set("state", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    const refused = await followCallback(forged);
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Sign-in not recognised");
    expect(auth.tokenRequestCount("authorization_code")).toBe(exchanges);
    expect((await account(apiKey, link.connected_account_id)).body.status).toBe("INITIATED");

    const genuine = await followCallback(callbackUrl);
    expect(genuine.status).toBe(303);
    expect((await account(apiKey, link.connected_account_id)).body.status).toBe("ACTIVE");
  });

  it("a callback without state is refused", async () => {
    const link = await createLink(gateway.url, apiKey, { auth_config_id: oauthConfigId, user_id: "no-state", callback_url: CALLBACK });
    const { callbackUrl } = await authorizeViaLink(link.redirect_url);
    const stateless = new URL(callbackUrl);
    stateless.searchParams.delete("state");
    const exchanges = auth.tokenRequestCount("authorization_code");
    const refused = await followCallback(stateless);
    expect(refused.status).toBe(400);
    expect(refused.headers.get("location")).toBeNull();
    expect(auth.tokenRequestCount("authorization_code")).toBe(exchanges);
    const empty = await followCallback(`${gateway.url}/oauth/callback?state=`);
    expect(empty.status).toBe(400);
  });

  it("a callback without code fails the account and tells the app (status=failed&error=missing_code)", async () => {
    const link = await createLink(gateway.url, apiKey, { auth_config_id: oauthConfigId, user_id: "no-code", callback_url: CALLBACK });
    const { callbackUrl } = await authorizeViaLink(link.redirect_url);
    const codeless = new URL(callbackUrl);
    codeless.searchParams.delete("code");
    const exchanges = auth.tokenRequestCount("authorization_code");
    const finished = await followCallback(codeless);
    expect(finished.status).toBe(303);
    const back = new URL(finished.headers.get("location") ?? "");
    expect(`${back.origin}${back.pathname}`).toBe(CALLBACK);
    expect(Object.fromEntries(back.searchParams)).toEqual({ status: "failed", error: "missing_code", connected_account_id: link.connected_account_id });
    expect(auth.tokenRequestCount("authorization_code")).toBe(exchanges);
    const failed = await account(apiKey, link.connected_account_id);
    expect(failed.body.status).toBe("FAILED");
    expect(failed.body.status_reason).toContain("missing_code");
  });

  it("the provider refusing (error=access_denied) fails the account with the reason and redirects with status=failed", async () => {
    auth.denyNextAuthorization("access_denied", "The user denied the request.");
    const link = await createLink(gateway.url, apiKey, { auth_config_id: oauthConfigId, user_id: "denied", callback_url: `${CALLBACK}?keep=1` });
    const { callbackUrl } = await authorizeViaLink(link.redirect_url);
    expect(callbackUrl.searchParams.get("error")).toBe("access_denied");
    expect(callbackUrl.searchParams.has("code")).toBe(false);
    const exchanges = auth.tokenRequestCount("authorization_code");

    const finished = await followCallback(callbackUrl);
    expect(finished.status).toBe(303);
    const back = new URL(finished.headers.get("location") ?? "");
    expect(Object.fromEntries(back.searchParams)).toEqual({ keep: "1", status: "failed", error: "access_denied", connected_account_id: link.connected_account_id });
    expect(auth.tokenRequestCount("authorization_code")).toBe(exchanges);
    const failed = await account(apiKey, link.connected_account_id);
    expect(failed.body.status).toBe("FAILED");
    expect(failed.body.status_reason).toBe("access_denied: The user denied the request.");
  });

  it("a provider error is shown escaped on the gateway's own page when there is no callback URL", async () => {
    auth.denyNextAuthorization("<script>alert(1)</script>", "<img src=x onerror=alert(2)>");
    const link = await createLink(gateway.url, apiKey, { auth_config_id: oauthConfigId, user_id: "denied-no-callback" });
    const { callbackUrl } = await authorizeViaLink(link.redirect_url);
    const finished = await followCallback(callbackUrl);
    expect(finished.status).toBe(400);
    const html = await finished.text();
    expect(html).not.toContain("<script>alert");
    expect(html).not.toContain("<img src=x");
    expect(html).toContain("&lt;script&gt;");
    expect(finished.headers.get("content-security-policy")).toContain("default-src 'none'");
  });

  it("a token endpoint refusing the code (invalid_grant) fails the account and tells the app", async () => {
    auth.failNext(1, "invalid_grant", "The code was already used.");
    const link = await createLink(gateway.url, apiKey, { auth_config_id: oauthConfigId, user_id: "bad-code", callback_url: CALLBACK });
    const { callbackUrl } = await authorizeViaLink(link.redirect_url);
    const finished = await followCallback(callbackUrl);
    const back = new URL(finished.headers.get("location") ?? "");
    expect(back.searchParams.get("status")).toBe("failed");
    expect(back.searchParams.get("error")).toBe("invalid_grant");
    const failed = await account(apiKey, link.connected_account_id);
    expect(failed.body.status).toBe("FAILED");
    expect(failed.body.status_reason).toContain("invalid_grant");
  });
});

describe("callback URLs", () => {
  it.each([
    ["javascript:alert(document.cookie)", "invalid_callback_url"],
    ["data:text/html,<script>alert(1)</script>", "invalid_callback_url"],
    ["/relative/path", "invalid_callback_url"],
    ["https://user:pass@app.example.com/cb", "invalid_callback_url"],
  ])("refuses %s", async (callbackUrl, code) => {
    const created = await api<{ error: { code: string } }>(gateway.url, apiKey, "POST", "/api/v3.1/connected_accounts/link", {
      auth_config_id: keyConfigId,
      user_id: "bad-callback",
      callback_url: callbackUrl,
    });
    expect(created.status).toBe(400);
    expect(created.body.error.code).toBe(code);
  });

  it("refuses an origin off the project's allowed list once one is set", async () => {
    const project = await admin.createProject("hostile-origins");
    const key = (await admin.createApiKey(project.id, "origins")).key;
    const configId = await keyConfig(gateway.url, key);
    const patched = await fetch(`${gateway.url}/api/admin/projects/${project.id}`, {
      method: "PATCH",
      headers: { authorization: `Bearer ${gateway.adminKey}`, "content-type": "application/json" },
      body: JSON.stringify({ allowed_callback_origins: ["https://app.example.com"] }),
    });
    expect(patched.status).toBe(200);

    const offList = await api<{ error: { code: string } }>(gateway.url, key, "POST", "/api/v3.1/connected_accounts/link", {
      auth_config_id: configId,
      user_id: "origins",
      callback_url: "https://evil.example.com/steal",
    });
    expect(offList.status).toBe(400);
    expect(offList.body.error.code).toBe("callback_url_not_allowed");
    // Same host, other scheme or port: another origin.
    for (const lookalike of ["http://app.example.com/cb", "https://app.example.com:8443/cb", "https://app.example.com.evil.example/cb"]) {
      const refused = await api<{ error: { code: string } }>(gateway.url, key, "POST", "/api/v3.1/connected_accounts/link", {
        auth_config_id: configId,
        user_id: "origins",
        callback_url: lookalike,
      });
      expect(refused.body.error?.code, lookalike).toBe("callback_url_not_allowed");
    }
    const onList = await api(gateway.url, key, "POST", "/api/v3.1/connected_accounts/link", {
      auth_config_id: configId,
      user_id: "origins",
      callback_url: "https://app.example.com/connected?x=1",
    });
    expect(onList.status).toBe(201);
  });
});

describe("project boundaries and keys", () => {
  it("another project's connected_account_id is not found", async () => {
    const link = await createLink(gateway.url, apiKey, { auth_config_id: keyConfigId, user_id: "mine" });
    const other = await admin.createProject("hostile-other");
    const otherKey = (await admin.createApiKey(other.id, "other")).key;

    const read = await account(otherKey, link.connected_account_id);
    expect(read.status).toBe(404);
    const executed = await api<{ error: { code: string } }>(gateway.url, otherKey, "POST", "/api/v3.1/tools/execute/GITHUB_GET_THE_AUTHENTICATED_USER", {
      connected_account_id: link.connected_account_id,
      arguments: {},
    });
    expect(executed.status).toBe(404);
    // Nor can it mint a link on this project's auth config.
    const linked = await api(gateway.url, otherKey, "POST", "/api/v3.1/connected_accounts/link", { auth_config_id: keyConfigId, user_id: "thief" });
    expect(linked.status).toBe(404);
  });

  it("a revoked key cannot create links (401 api_key_revoked)", async () => {
    const key = await admin.createApiKey(projectId, "to-revoke");
    const before = await api(gateway.url, key.key, "POST", "/api/v3.1/connected_accounts/link", { auth_config_id: keyConfigId, user_id: "revoked" });
    expect(before.status).toBe(201);
    await admin.revokeApiKey(projectId, key.id);
    const after = await api<{ error: { code: string } }>(gateway.url, key.key, "POST", "/api/v3.1/connected_accounts/link", { auth_config_id: keyConfigId, user_id: "revoked" });
    expect(after.status).toBe(401);
    expect(after.body.error.code).toBe("api_key_revoked");
  });
});

describe("cross-site form posts (CSRF)", () => {
  it("refuses a POST without the cookie or with a wrong token, and stores nothing", async () => {
    const link = await createLink(gateway.url, apiKey, { auth_config_id: keyConfigId, user_id: "csrf", callback_url: CALLBACK });
    const page = await openLink(link.redirect_url);
    expect(page.cookie).toBeDefined();
    expect(page.csrfToken).toBeDefined();

    const attempts: { name: string; fields: Record<string, string>; cookie: string | undefined }[] = [
      { name: "no cookie", fields: { csrf_token: page.csrfToken ?? "", token: "gho_attacker" }, cookie: undefined },
      { name: "wrong token", fields: { csrf_token: "not-the-token", token: "gho_attacker" }, cookie: page.cookie },
      { name: "no token", fields: { token: "gho_attacker" }, cookie: page.cookie },
      { name: "cookie and token both forged", fields: { csrf_token: "forged", token: "gho_attacker" }, cookie: "sb_link_csrf=forged" },
    ];
    for (const attempt of attempts) {
      const refused = await submitLink(link.redirect_url, attempt.fields, attempt.cookie);
      expect(refused.status, attempt.name).toBe(400);
      expect(refused.headers.get("location"), attempt.name).toBeNull();
      expect(await refused.text(), attempt.name).toContain("Please try again");
    }
    const untouched = await account(apiKey, link.connected_account_id);
    expect(untouched.body.status).toBe("INITIATED");

    // The link is still good for the real user.
    const genuine = await submitLink(link.redirect_url, { csrf_token: page.csrfToken ?? "", token: "gho_octocat_token" }, page.cookie);
    expect(genuine.status).toBe(303);
    expect((await account(apiKey, link.connected_account_id)).body.status).toBe("ACTIVE");
  });

  it("the CSRF cookie is HttpOnly, SameSite and scoped to the link; the page cannot be framed", async () => {
    const link = await createLink(gateway.url, apiKey, { auth_config_id: oauthConfigId, user_id: "headers" });
    const response = await fetch(link.redirect_url);
    const cookie = response.headers.getSetCookie().find((c) => c.startsWith("sb_link_csrf="));
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toContain(`Path=/link/${link.link_token}`);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
    expect(response.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.text()).toContain('<meta name="referrer" content="no-referrer">');
  });

  it("unknown or malformed link tokens are 404", async () => {
    for (const token of ["lk_AAAAAAAAAAAAAAAAAAAAAA", "not-a-link", "lk_%27%3Cscript%3E"]) {
      const response = await fetch(`${gateway.url}/link/${token}`);
      expect(response.status, token).toBe(404);
    }
  });
});

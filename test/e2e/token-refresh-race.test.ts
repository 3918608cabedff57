import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdminClient } from "../../scripts/lib/admin-client.ts";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { sharedGateway } from "./shared-gateway.ts";
import { startUpstream, type Upstream } from "../upstream/server.ts";
import { startAuthorizationServer, type AuthorizationServer } from "./oauth/authorization-server.ts";
import { api, connectViaOAuth, createGitHubOAuthConfig, createLink, registerGitHubToken, revokeGitHubToken } from "./oauth/connect-flow.ts";

/**
 * Access-token refresh against a real authorization server: however many calls find a
 * token expired at once, the provider sees one refresh; a refused refresh expires the
 * account and tells the agent to ask the user to reconnect; an upstream 401 on a token
 * that still looked valid triggers one refresh and one retry.
 */
let gateway: LocalGateway;
let upstream: Upstream;
let auth: AuthorizationServer;
let apiKey: string;
let authConfigId: string;

const TOOL = "GITHUB_GET_THE_AUTHENTICATED_USER";

interface ExecuteResult {
  successful: boolean;
  error: string | null;
  data: Record<string, unknown>;
}

beforeAll(async () => {
  [gateway, upstream, auth] = await Promise.all([sharedGateway(), startUpstream(), startAuthorizationServer()]);
  const admin = new AdminClient(gateway.url, gateway.adminKey);
  const project = await admin.createProject("token-refresh");
  apiKey = (await admin.createApiKey(project.id, "refresh")).key;
  authConfigId = await createGitHubOAuthConfig(gateway.url, apiKey, { authorizeUrl: auth.authorizeUrl, tokenUrl: auth.tokenUrl, baseUrl: upstream.url });
});

afterAll(async () => {
  await Promise.all([gateway?.destroy(), upstream?.close(), auth?.close()]);
});

/** Connects `userId` over OAuth with an access token living `expiresIn` seconds; returns the account id and token. */
async function connect(userId: string, expiresIn: number): Promise<{ accountId: string; accessToken: string }> {
  const accessToken = auth.nextAccessToken();
  await registerGitHubToken(upstream.url, accessToken);
  auth.expiresIn = expiresIn;
  const link = await createLink(gateway.url, apiKey, { auth_config_id: authConfigId, user_id: userId, callback_url: "http://127.0.0.1:9/done" });
  const back = await connectViaOAuth(link.redirect_url);
  auth.expiresIn = 3600;
  expect(back.searchParams.get("status")).toBe("success");
  const account = await api<{ status: string }>(gateway.url, apiKey, "GET", `/api/v3.1/connected_accounts/${link.connected_account_id}`);
  expect(account.body.status).toBe("ACTIVE");
  return { accountId: link.connected_account_id, accessToken };
}

function execute(userId: string): Promise<{ status: number; body: ExecuteResult }> {
  return api<ExecuteResult>(gateway.url, apiKey, "POST", `/api/v3.1/tools/execute/${TOOL}`, { user_id: userId, arguments: {} });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("token refresh", () => {
  it("refreshes an expired token once for 50 concurrent calls, and all 50 succeed", async () => {
    const { accessToken: expired } = await connect("race-user", 1);
    await sleep(1_500); // the access token is now past its expiry, not merely near it
    const refreshed = auth.nextAccessToken();
    await registerGitHubToken(upstream.url, refreshed);
    const before = auth.tokenRequestCount("refresh_token");
    upstream.clearRequests();

    const started = performance.now();
    const results = await Promise.all(Array.from({ length: 50 }, () => execute("race-user")));
    const elapsed = performance.now() - started;

    expect(results.map((r) => r.status)).toEqual(Array(50).fill(200));
    const failures = results.filter((r) => !r.body.successful).map((r) => r.body.error);
    expect(failures).toEqual([]);
    expect(results.every((r) => r.body.data.login === "octocat")).toBe(true);

    // Exactly one refresh reached the authorization server, presenting the refresh token first issued.
    const refreshes = auth.tokenRequests().filter((r) => r.grantType === "refresh_token").slice(before);
    expect(refreshes).toHaveLength(1);
    const issuedAtConnect = auth.tokenRequests().find((r) => r.grantType === "authorization_code" && "accessToken" in r.outcome && r.outcome.accessToken === expired);
    expect(issuedAtConnect && "refreshToken" in issuedAtConnect.outcome ? issuedAtConnect.outcome.refreshToken : undefined).toBe(refreshes[0]?.refreshToken);

    // Every upstream call carried the new token; none the expired one.
    const sent = upstream.requests().filter((r) => r.path === "/user");
    expect(sent).toHaveLength(50);
    expect(new Set(sent.map((r) => r.headers.authorization))).toEqual(new Set([`Bearer ${refreshed}`]));
    console.info(`50 concurrent calls with an expired token: ${Math.round(elapsed)} ms, ${refreshes.length} refresh`);

    // And later calls use the stored token without refreshing again.
    const later = await execute("race-user");
    expect(later.body.successful).toBe(true);
    expect(auth.tokenRequestCount("refresh_token")).toBe(before + 1);
  });

  it("marks the account EXPIRED when the refresh is refused (invalid_grant), and tells the agent to ask the user to reconnect", async () => {
    const { accountId } = await connect("refused-user", 1);
    await sleep(1_200);
    auth.failNext(1, "invalid_grant", "The refresh token has been revoked.");
    upstream.clearRequests();

    const result = await execute("refused-user");
    expect(result.status).toBe(200);
    expect(result.body.successful).toBe(false);
    expect(result.body.error).toMatch(/expired/i);
    expect(result.body.error).toMatch(/ask the user to reconnect/i);
    expect(upstream.requests().filter((r) => r.path === "/user")).toHaveLength(0);

    const account = await api<{ status: string; status_reason: string | null }>(gateway.url, apiKey, "GET", `/api/v3.1/connected_accounts/${accountId}`);
    expect(account.body.status).toBe("EXPIRED");
    expect(account.body.status_reason).toContain("invalid_grant");

    // No further refreshes are attempted for an expired account; the caller is told why.
    const refreshesSoFar = auth.tokenRequestCount("refresh_token");
    const again = await api<{ error: { code: string; message: string; suggested_fix?: string } }>(gateway.url, apiKey, "POST", `/api/v3.1/tools/execute/${TOOL}`, {
      connected_account_id: accountId,
      arguments: {},
    });
    expect(again.status).toBe(400);
    expect(again.body.error.code).toBe("connected_account_not_active");
    expect(JSON.stringify(again.body)).toMatch(/reconnect/i);
    expect(auth.tokenRequestCount("refresh_token")).toBe(refreshesSoFar);
  });

  it("refreshes once and retries once when the upstream answers 401 to a token that has not expired", async () => {
    const { accessToken } = await connect("revoked-user", 3600);
    const first = await execute("revoked-user");
    expect(first.body.successful).toBe(true);

    await revokeGitHubToken(upstream.url, accessToken); // GitHub forgets the token before its expiry
    const replacement = auth.nextAccessToken();
    await registerGitHubToken(upstream.url, replacement);
    const before = auth.tokenRequestCount("refresh_token");
    upstream.clearRequests();

    const result = await execute("revoked-user");
    expect(result.body.successful).toBe(true);
    expect(result.body.data.login).toBe("octocat");
    expect(auth.tokenRequestCount("refresh_token")).toBe(before + 1);
    const sent = upstream.requests().filter((r) => r.path === "/user");
    expect(sent.map((r) => [r.headers.authorization, r.status])).toEqual([
      [`Bearer ${accessToken}`, 401],
      [`Bearer ${replacement}`, 200],
    ]);
  });

  it("retries only once: a second 401 after the refresh is reported, not looped on", async () => {
    const { accessToken } = await connect("still-401-user", 3600);
    await revokeGitHubToken(upstream.url, accessToken);
    const before = auth.tokenRequestCount("refresh_token");
    upstream.clearRequests();
    // The refreshed token is not registered upstream either: GitHub keeps answering 401.
    const result = await execute("still-401-user");
    expect(result.body.successful).toBe(false);
    expect(result.body.error).toContain("401");
    expect(auth.tokenRequestCount("refresh_token")).toBe(before + 1);
    expect(upstream.requests().filter((r) => r.path === "/user")).toHaveLength(2);
  });
});

import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { call, expectError, json } from "../../helpers.ts";
import { connectedTenant, type Tenant } from "../../fixtures.ts";
import { mockUpstream, never, shortenTimeouts } from "./upstream.ts";

/** POST /api/v3.1/tools/execute/proxy: raw calls with an account's credentials, kept on the API's origin. */
const PATH = "/api/v3.1/tools/execute/proxy";
const TOKEN = "ghp_proxy_secret_token_0001";

interface ProxyResult {
  status: number;
  data: unknown;
  headers: Record<string, string>;
}

let github: Tenant & { accountId: string };

beforeAll(async () => {
  github = await connectedTenant("github", "BEARER_TOKEN", { token: TOKEN });
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function proxy(body: Record<string, unknown>, tenant: Tenant & { accountId: string } = github): Promise<Response> {
  return call("POST", PATH, { key: tenant.key, body: { connected_account_id: tenant.accountId, method: "GET", ...body } });
}

async function proxied(body: Record<string, unknown>, tenant: Tenant & { accountId: string } = github): Promise<ProxyResult> {
  const response = await proxy(body, tenant);
  expect(response.status, await response.clone().text()).toBe(200);
  return json<ProxyResult>(response);
}

describe("the proxy", () => {
  it("sends a relative endpoint to the toolkit's API with the account's credentials", async () => {
    const { sent } = mockUpstream(() => Response.json({ login: "octocat" }, { headers: { "x-ratelimit-remaining": "4999", "set-cookie": "session=abc" } }));
    const result = await proxied({ endpoint: "/user" });
    expect(result).toMatchObject({ status: 200, data: { login: "octocat" } });
    expect(result.headers["x-ratelimit-remaining"]).toBe("4999");
    expect(result.headers).not.toHaveProperty("set-cookie");
    expect(sent[0]?.url.href).toBe("https://api.github.com/user");
    expect(sent[0]?.headers.get("authorization")).toBe(`Bearer ${TOKEN}`);
  });

  it("adds a leading slash, query and header parameters, and a JSON body", async () => {
    const { sent } = mockUpstream(() => Response.json({ number: 1 }, { status: 201 }));
    const result = await proxied({
      endpoint: "repos/octocat/hello-world/issues?state=open",
      method: "POST",
      body: { title: "From the proxy" },
      parameters: [
        { in: "query", name: "per_page", value: 5 },
        { in: "header", name: "X-GitHub-Api-Version", value: "2022-11-28" },
      ],
    });
    expect(result.status).toBe(201);
    const request = sent[0];
    expect(request?.method).toBe("POST");
    expect(request?.url.pathname).toBe("/repos/octocat/hello-world/issues");
    expect(request?.url.searchParams.get("state")).toBe("open");
    expect(request?.url.searchParams.get("per_page")).toBe("5");
    expect(request?.headers.get("x-github-api-version")).toBe("2022-11-28");
    expect(request?.headers.get("content-type")).toBe("application/json");
    expect(JSON.parse(request?.body ?? "")).toEqual({ title: "From the proxy" });
  });

  it("accepts a full URL on the API's own origin", async () => {
    const { sent } = mockUpstream(() => Response.json([]));
    await proxied({ endpoint: "https://api.github.com/user/repos" });
    expect(sent[0]?.url.href).toBe("https://api.github.com/user/repos");
  });

  it("passes an upstream error status through in the result", async () => {
    mockUpstream(() => Response.json({ message: "Not Found" }, { status: 404 }));
    expect(await proxied({ endpoint: "/repos/octocat/nope" })).toMatchObject({ status: 404, data: { message: "Not Found" } });
  });

  it("uses the auth config's base_url", async () => {
    const ghe = await connectedTenant("github", "BEARER_TOKEN", { token: "ghp_ghe_proxy" }, { credentials: { base_url: "https://ghe.example.com/api/v3" } });
    const { sent } = mockUpstream(() => Response.json({}));
    await proxied({ endpoint: "/user" }, ghe);
    expect(sent[0]?.url.href).toBe("https://ghe.example.com/api/v3/user");
    // The public API is now another origin: the token must not go there.
    await expectError(await proxy({ endpoint: "https://api.github.com/user" }, ghe), 400, "endpoint_not_allowed");
  });

  it("sends an API key the way the toolkit's scheme says (Discord `Bot `)", async () => {
    const discord = await connectedTenant("discord", "API_KEY", { api_key: "discord-proxy-key" });
    const { sent } = mockUpstream(() => Response.json({ id: "1" }));
    await proxied({ endpoint: "/users/@me" }, discord);
    expect(sent[0]?.url.href).toBe("https://discord.com/api/v10/users/@me");
    expect(sent[0]?.headers.get("authorization")).toBe("Bot discord-proxy-key");
  });

  it.each([
    ["another host", "https://evil.example.com/steal"],
    ["plain http on the same host", "http://api.github.com/user"],
    ["another port", "https://api.github.com:8443/user"],
    ["a look-alike host", "https://api.github.com.evil.example/user"],
    ["userinfo pointing elsewhere", "https://api.github.com@evil.example.com/user"],
  ])("refuses an absolute URL on %s with 400 endpoint_not_allowed, sending nothing", async (_, endpoint) => {
    const { spy } = mockUpstream(() => Response.json({}));
    const error = await expectError(await proxy({ endpoint }), 400, "endpoint_not_allowed");
    expect(error.message).toContain("https://api.github.com");
    expect(spy).not.toHaveBeenCalled();
  });

  it.each(["Authorization", "authorization", "Cookie", "Host", "Proxy-Authorization", "Content-Length"])(
    "refuses to let the caller set the %s header",
    async (name) => {
      const { spy } = mockUpstream(() => Response.json({}));
      const response = await proxy({ endpoint: "/user", parameters: [{ in: "header", name, value: "Bearer someone-elses-token" }] });
      const error = await expectError(response, 400, "header_not_allowed");
      expect(error.message).toContain(name);
      expect(spy).not.toHaveBeenCalled();
    },
  );

  it("scrubs the account's token from what upstream echoes back", async () => {
    mockUpstream((request) =>
      Response.json({ message: `Bad credentials ${request.headers.get("authorization")}` }, { status: 401, headers: { "x-echo": request.headers.get("authorization") ?? "" } }),
    );
    const response = await proxy({ endpoint: "/user" });
    const text = await response.text();
    expect(text).not.toContain(TOKEN);
    expect(JSON.parse(text)).toMatchObject({ status: 401, data: { message: "Bad credentials Bearer [REDACTED]" }, headers: { "x-echo": "Bearer [REDACTED]" } });
  });

  it("answers an upstream that does not answer with 502 upstream_unreachable", async () => {
    shortenTimeouts();
    mockUpstream(never);
    const error = await expectError(await proxy({ endpoint: "/user" }), 502, "upstream_unreachable");
    expect(error.message).toBe("No answer from api.github.com within 30s.");
  });

  it("answers a network failure with 502, naming only the host", async () => {
    mockUpstream(() => {
      throw new TypeError(`connect failed for ${TOKEN}`);
    });
    const error = await expectError(await proxy({ endpoint: "/user" }), 502, "upstream_unreachable");
    expect(error.message).toBe("Could not reach api.github.com.");
  });
});

import { describe, expect, it } from "vitest";
import type { AuthScheme } from "../../../../catalog/definition.ts";
import { applyCredentials, secretValues, StoredCredentials } from "../../../../core/executor/credentials.ts";
import type { UpstreamRequest } from "../../../../core/executor/request-builder.ts";

const request = (): UpstreamRequest => ({ method: "GET", url: new URL("https://api.example.com/v1/items?page=2"), headers: new Headers() });
const NONE: AuthScheme = { type: "NO_AUTH" };

describe("applyCredentials", () => {
  it("sends an API key in the query when the scheme says so, keeping the other parameters", () => {
    const upstream = request();
    applyCredentials(upstream, { type: "API_KEY", in: "query", name: "api_key", prefix: "" }, { type: "API_KEY", api_key: "k-123" });
    expect(upstream.url.searchParams.get("api_key")).toBe("k-123");
    expect(upstream.url.searchParams.get("page")).toBe("2");
    expect(upstream.headers.has("authorization")).toBe(false);
  });

  it("replaces an api_key query parameter the caller already put there", () => {
    const upstream = request();
    upstream.url.searchParams.set("api_key", "attacker-chosen");
    applyCredentials(upstream, { type: "API_KEY", in: "query", name: "api_key", prefix: "" }, { type: "API_KEY", api_key: "k-123" });
    expect(upstream.url.searchParams.getAll("api_key")).toEqual(["k-123"]);
  });

  it("sends an API key in a named header with its prefix", () => {
    const upstream = request();
    applyCredentials(upstream, { type: "API_KEY", in: "header", name: "X-Api-Key", prefix: "Token " }, { type: "API_KEY", api_key: "k-456" });
    expect(upstream.headers.get("x-api-key")).toBe("Token k-456");
    expect(upstream.url.searchParams.has("api_key")).toBe(false);
  });

  it("sends every credential of a scheme that needs several, and a constant's default when the account has none", () => {
    const scheme: AuthScheme = {
      type: "API_KEY",
      in: "header",
      name: "PLAID-SECRET",
      prefix: "",
      additionalFields: [
        { in: "header", name: "PLAID-CLIENT-ID", field: "client_id", displayName: "Client ID" },
        { in: "query", name: "token", field: "token", displayName: "Token" },
        { in: "header", name: "Plaid-Version", field: "plaid_version", displayName: "Plaid version", default: "2020-09-14" },
      ],
    };
    const upstream = request();
    applyCredentials(upstream, scheme, { type: "API_KEY", api_key: "secret-1", additional: { client_id: "client-1", token: "token-1" } });
    expect(upstream.headers.get("plaid-secret")).toBe("secret-1");
    expect(upstream.headers.get("plaid-client-id")).toBe("client-1");
    expect(upstream.url.searchParams.get("token")).toBe("token-1");
    expect(upstream.headers.get("plaid-version")).toBe("2020-09-14");

    const pinned = request();
    applyCredentials(pinned, scheme, { type: "API_KEY", api_key: "secret-1", additional: { client_id: "client-1", token: "token-1", plaid_version: "2023-01-01" } });
    expect(pinned.headers.get("plaid-version")).toBe("2023-01-01");
  });

  it("refuses an API key without an API_KEY scheme to place it", () => {
    expect(() => applyCredentials(request(), NONE, { type: "API_KEY", api_key: "k" })).toThrow(/API_KEY scheme/);
  });

  it("sends bearer and OAuth2 tokens as Authorization: Bearer, overriding any earlier value", () => {
    const bearer = request();
    bearer.headers.set("authorization", "Bearer caller-supplied");
    applyCredentials(bearer, { type: "BEARER_TOKEN" }, { type: "BEARER_TOKEN", token: "t-1" });
    expect(bearer.headers.get("authorization")).toBe("Bearer t-1");
    const oauth = request();
    applyCredentials(oauth, NONE, { type: "OAUTH2", access_token: "at-1", refresh_token: "rt-1" });
    expect(oauth.headers.get("authorization")).toBe("Bearer at-1");
  });

  it("sends basic credentials base64-encoded as UTF-8", () => {
    const upstream = request();
    applyCredentials(upstream, { type: "BASIC" }, { type: "BASIC", username: "ada", password: "open sesame" });
    expect(upstream.headers.get("authorization")).toBe(`Basic ${btoa("ada:open sesame")}`);
    const unicode = request();
    applyCredentials(unicode, { type: "BASIC" }, { type: "BASIC", username: "zoë", password: "密码" });
    const encoded = unicode.headers.get("authorization")?.slice("Basic ".length) ?? "";
    expect(new TextDecoder().decode(Uint8Array.from(atob(encoded), (c) => c.charCodeAt(0)))).toBe("zoë:密码");
  });

  it("adds nothing for NO_AUTH", () => {
    const upstream = request();
    applyCredentials(upstream, NONE, { type: "NO_AUTH" });
    expect([...upstream.headers.keys()]).toEqual([]);
    expect(upstream.url.href).toBe("https://api.example.com/v1/items?page=2");
  });
});

describe("secretValues", () => {
  it("lists every secret, but not the username, token type or scope", () => {
    expect(secretValues({ type: "OAUTH2", access_token: "at-12345", refresh_token: "rt-12345", token_type: "Bearer", scope: "repo user" })).toEqual(["at-12345", "rt-12345"]);
    expect(secretValues({ type: "API_KEY", api_key: "key-1234" })).toEqual(["key-1234"]);
    expect(secretValues({ type: "BEARER_TOKEN", token: "tok-1234" })).toEqual(["tok-1234"]);
    expect(secretValues({ type: "NO_AUTH" })).toEqual([]);
  });

  it("includes the credentials sent beside an API key", () => {
    expect(secretValues({ type: "API_KEY", api_key: "key-1234", additional: { token: "user-token-1", client_id: "client-1" } })).toEqual(["key-1234", "user-token-1", "client-1"]);
    expect(StoredCredentials.parse({ type: "API_KEY", api_key: "key-1234", additional: { token: "t-1" } })).toMatchObject({ additional: { token: "t-1" } });
  });

  it("includes the encoded basic pair, which is as good as the password", () => {
    expect(secretValues({ type: "BASIC", username: "ada", password: "pw-12345" })).toEqual(["pw-12345", btoa("ada:pw-12345")]);
  });

  it("skips values too short to scrub without mangling ordinary text", () => {
    expect(secretValues({ type: "BASIC", username: "ada", password: "" })).toEqual([btoa("ada:")]);
    expect(secretValues({ type: "API_KEY", api_key: "abc" })).toEqual([]);
  });
});

describe("StoredCredentials", () => {
  it("refuses what a connected account could never have stored", () => {
    expect(StoredCredentials.safeParse({ type: "BEARER_TOKEN", token: "" }).success).toBe(false);
    expect(StoredCredentials.safeParse({ type: "API_KEY" }).success).toBe(false);
    expect(StoredCredentials.safeParse({ type: "SAML", assertion: "x" }).success).toBe(false);
  });
});

import { describe, expect, it } from "vitest";
import { generateToolkit, type GenerateOptions } from "../../../worker/openapi/index.ts";

const options: GenerateOptions = { slug: "acme", logo: "https://acme.test/logo.svg" };

function document(extra: Record<string, unknown>) {
  return { openapi: "3.0.0", info: { title: "Acme", version: "1" }, servers: [{ url: "https://api.acme.test" }], ...extra };
}

const tool = (result: ReturnType<typeof generateToolkit>, path: string) => result.toolkit.tools.find((t) => t.http.path === path)!;

describe("generateToolkit: API keys sent together", () => {
  it("makes one API_KEY scheme of a requirement that ANDs several keys, the secret as the main key", () => {
    const result = generateToolkit(
      document({
        components: {
          securitySchemes: {
            clientId: { type: "apiKey", in: "header", name: "PLAID-CLIENT-ID" },
            secret: { type: "apiKey", in: "header", name: "PLAID-SECRET" },
            plaidVersion: { type: "apiKey", in: "header", name: "Plaid-Version", description: "The API version." },
          },
        },
        security: [{ clientId: [], secret: [], plaidVersion: [] }],
        paths: { "/accounts/get": { post: { summary: "Get accounts", parameters: [{ name: "PLAID-SECRET", in: "header", schema: { type: "string" } }], requestBody: { content: { "application/json": { schema: { type: "object", properties: { access_token: { type: "string" } } } } } } } } },
      }),
      options,
    );
    expect(result.toolkit.authSchemes).toEqual([
      {
        type: "API_KEY",
        in: "header",
        name: "PLAID-SECRET",
        prefix: "",
        additionalFields: [
          { in: "header", name: "PLAID-CLIENT-ID", field: "client_id", displayName: "Client ID" },
          { in: "header", name: "Plaid-Version", field: "plaid_version", displayName: "Plaid version", description: "The API version." },
        ],
      },
    ]);
    // The credentials are the account's, never arguments; a body field that is data stays.
    expect(Object.keys(tool(result, "/accounts/get").inputSchema.properties!)).toEqual(["access_token"]);
  });

  it("reads keys an operation requires as parameters as a group, even where its security ORs them (Trello)", () => {
    const credentials = [
      { name: "key", in: "query", required: true, schema: { type: "string" } },
      { name: "token", in: "query", required: true, schema: { type: "string" } },
    ];
    const result = generateToolkit(
      document({
        components: { securitySchemes: { api_key: { type: "apiKey", in: "query", name: "key" }, api_token: { type: "apiKey", in: "query", name: "token" } } },
        paths: { "/boards/{id}": { get: { summary: "Get a board", security: [{ api_key: [] }, { api_token: [] }], parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }, ...credentials] } } },
      }),
      options,
    );
    expect(result.toolkit.authSchemes).toEqual([{ type: "API_KEY", in: "query", name: "key", prefix: "", additionalFields: [{ in: "query", name: "token", field: "token", displayName: "Token" }] }]);
    expect(tool(result, "/boards/{id}").inputSchema.required).toEqual(["id"]);
    expect(Object.keys(tool(result, "/boards/{id}").inputSchema.properties!)).toEqual(["id"]);
  });

  it("keeps keys that are alternatives as separate schemes", () => {
    const result = generateToolkit(
      document({
        components: { securitySchemes: { header: { type: "apiKey", in: "header", name: "X-Api-Key" }, query: { type: "apiKey", in: "query", name: "api_key" } } },
        paths: { "/x": { get: { summary: "Get x", security: [{ header: [] }, { query: [] }] } } },
      }),
      options,
    );
    expect(result.toolkit.authSchemes.map((s) => (s.type === "API_KEY" ? [s.name, s.additionalFields] : s.type))).toEqual([
      ["X-Api-Key", undefined],
      ["api_key", undefined],
    ]);
  });
});

describe("generateToolkit: credentials are never arguments", () => {
  it("drops Slack's auth token (header, query or form field) and an Authorization parameter, but not a token that is data", () => {
    const auth = { description: "Authentication token. Requires scope: `chat:write`", schema: { type: "string" }, required: true };
    const result = generateToolkit(
      document({
        components: { securitySchemes: { slackAuth: { type: "oauth2", flows: { authorizationCode: { authorizationUrl: "https://acme.test/a", tokenUrl: "https://acme.test/t", scopes: { "chat:write": "" } } } } } },
        paths: {
          "/chat.post": {
            post: {
              summary: "Post a message",
              security: [{ slackAuth: ["chat:write"] }],
              parameters: [{ name: "token", in: "header", ...auth }, { name: "Authorization", in: "query", schema: { type: "string" } }],
              requestBody: { content: { "application/x-www-form-urlencoded": { schema: { type: "object", required: ["token", "text"], properties: { token: { type: "string", description: auth.description }, text: { type: "string" } } } } } },
            },
          },
          "/chat.list": { get: { summary: "List messages", security: [{ slackAuth: ["chat:write"] }], parameters: [{ name: "token", in: "query", ...auth }] } },
          "/oauth/revoke": { post: { summary: "Revoke a token", security: [{ slackAuth: [] }], parameters: [{ name: "token", in: "query", required: true, description: "The access token to revoke.", schema: { type: "string" } }] } },
        },
      }),
      options,
    );
    expect(tool(result, "/chat.post").inputSchema).toMatchObject({ properties: { text: { type: "string" } }, required: ["text"] });
    expect(Object.keys(tool(result, "/chat.post").inputSchema.properties!)).toEqual(["text"]);
    expect(Object.keys(tool(result, "/chat.list").inputSchema.properties!)).toEqual([]);
    expect(Object.keys(tool(result, "/oauth/revoke").inputSchema.properties!)).toEqual(["token"]);
  });

  it("keeps a token parameter when the operation does not authenticate with a token", () => {
    const result = generateToolkit(
      document({ paths: { "/verify": { get: { summary: "Verify", parameters: [{ name: "token", in: "query", description: "Authentication token to verify.", schema: { type: "string" } }] } } } }),
      options,
    );
    expect(Object.keys(tool(result, "/verify").inputSchema.properties!)).toEqual(["token"]);
  });
});

describe("generateToolkit: schemas and form encoding", () => {
  it("keeps the type of a property written as allOf of one referenced string", () => {
    const result = generateToolkit(
      document({
        components: { schemas: { currency: { type: "string", description: "ISO 4217 code.", enum: ["usd", "eur"] } } },
        paths: { "/funds": { put: { summary: "Add funds", requestBody: { content: { "application/json": { schema: { type: "object", properties: { currency: { allOf: [{ $ref: "#/components/schemas/currency" }] }, amount: { type: "number" } } } } } } } } },
      }),
      options,
    );
    expect(tool(result, "/funds").inputSchema.properties!.currency).toEqual({ type: "string", description: "ISO 4217 code.", enum: ["usd", "eur"] });
  });

  it("names deepObject lists of plain values name[] on the wire (Stripe's expand[]), not lists of objects or other fields", () => {
    const deep = { style: "deepObject", explode: true };
    const result = generateToolkit(
      document({
        paths: {
          "/v1/customers": {
            post: {
              summary: "Create a customer",
              requestBody: {
                content: {
                  "application/x-www-form-urlencoded": {
                    encoding: { expand: deep, tax_ids: deep, metadata: deep },
                    schema: {
                      type: "object",
                      properties: {
                        expand: { type: "array", items: { type: "string" } },
                        tax_ids: { type: "array", items: { type: "object", properties: { type: { type: "string" } } } },
                        metadata: { type: "object", additionalProperties: { type: "string" } },
                        preferred_locales: { type: "array", items: { type: "string" } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      }),
      options,
    );
    const http = tool(result, "/v1/customers").http;
    expect(http.bodyEncoding).toBe("form");
    expect(http.wireNames).toEqual({ expand: "expand[]" });
  });
});

import { describe, expect, it } from "vitest";
import { generateToolkit, OpenApiImportError, type GenerateOptions } from "../../../worker/openapi/index.ts";

const options: GenerateOptions = { slug: "acme", logo: "https://acme.test/logo.svg" };
const paths = { "/me": { get: { summary: "Get me", security: [{ oauth: ["read"] }] } }, "/posts": { post: { summary: "Create a post", security: [{ oauth: ["read", "write"] }, { oauth: ["admin"] }] } } };

function withSchemes(securitySchemes: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { openapi: "3.0.0", info: { title: "Acme", version: "1" }, servers: [{ url: "https://api.acme.test" }], components: { securitySchemes }, paths, ...extra };
}

describe("generateToolkit: auth schemes", () => {
  it("reads an OAuth2 authorization-code flow, choosing the fewest default scopes that let every operation run, and per-tool scopes", () => {
    const result = generateToolkit(
      withSchemes({ oauth: { type: "oauth2", flows: { authorizationCode: { authorizationUrl: "https://acme.test/authorize", tokenUrl: "https://acme.test/token", scopes: { read: "", write: "", admin: "" } } } } }),
      options,
    );
    expect(result.toolkit.authSchemes).toEqual([
      { type: "OAUTH2", authorizeUrl: "https://acme.test/authorize", tokenUrl: "https://acme.test/token", defaultScopes: ["admin", "read"], scopeSeparator: " ", pkce: false, tokenEndpointAuthMethod: "client_secret_post", authorizeParams: {} },
      { type: "BEARER_TOKEN" },
    ]);
        // The alternative the default scopes satisfy.
    expect(result.toolkit.tools.find((t) => t.http.path === "/posts")!.scopes).toEqual(["admin"]);
    expect(result.toolkit.tools.find((t) => t.http.path === "/me")!.scopes).toEqual(["read"]);
  });

  it("caps default scopes", () => {
    const result = generateToolkit(withSchemes({ oauth: { type: "oauth2", flows: { authorizationCode: { authorizationUrl: "https://acme.test/a", tokenUrl: "https://acme.test/t", scopes: {} } } } }), { ...options, maxDefaultScopes: 1 });
    expect(result.toolkit.authSchemes[0]).toMatchObject({ defaultScopes: ["read"] });
  });

  it("maps API keys in headers and the query, bearer and basic, and leaves the key out of tool inputs", () => {
    const result = generateToolkit(
      withSchemes(
        { header: { type: "apiKey", in: "header", name: "X-Api-Key" }, query: { type: "apiKey", in: "query", name: "api_key" }, bearer: { type: "http", scheme: "bearer" }, basic: { type: "http", scheme: "basic" }, cookie: { type: "apiKey", in: "cookie", name: "sid" } },
        { paths: { "/x": { get: { summary: "Get x", parameters: [{ name: "api_key", in: "query", schema: { type: "string" } }, { name: "q", in: "query", schema: { type: "string" } }] } } } },
      ),
      options,
    );
    expect(result.toolkit.authSchemes).toEqual([{ type: "BASIC" }, { type: "BEARER_TOKEN" }, { type: "API_KEY", in: "header", name: "X-Api-Key", prefix: "" }, { type: "API_KEY", in: "query", name: "api_key", prefix: "" }]);
    expect(Object.keys(result.toolkit.tools[0]!.inputSchema.properties!)).toEqual(["q"]);
    expect(result.report.warnings.join(" ")).toMatch(/cookie is not supported/);
  });

  it("reads Swagger 2.0 accessCode OAuth2 and basic; no schemes is NO_AUTH; an override wins", () => {
    const swagger = {
      swagger: "2.0",
      info: { title: "Old", version: "1" },
      host: "old.acme.test",
      securityDefinitions: { o: { type: "oauth2", flow: "accessCode", authorizationUrl: "https://old.acme.test/auth", tokenUrl: "https://old.acme.test/token", scopes: { a: "" } }, b: { type: "basic" } },
      paths: { "/x": { get: { summary: "Get x", security: [{ o: ["a"] }] } } },
    };
    expect(generateToolkit(swagger, options).toolkit.authSchemes.map((s) => s.type)).toEqual(["OAUTH2", "BASIC", "BEARER_TOKEN"]);
    expect(generateToolkit({ ...swagger, securityDefinitions: undefined }, options).toolkit.authSchemes).toEqual([{ type: "NO_AUTH" }]);
    expect(generateToolkit(swagger, { ...options, authSchemes: [{ type: "BEARER_TOKEN" }] }).toolkit.authSchemes).toEqual([{ type: "BEARER_TOKEN" }]);
  });

  it("offers a pasted token for OAuth2 without an authorization-code flow, with a warning", () => {
    const result = generateToolkit(withSchemes({ implicit: { type: "oauth2", flows: { implicit: { authorizationUrl: "https://acme.test/a", scopes: {} } } } }), options);
    expect(result.toolkit.authSchemes).toEqual([{ type: "BEARER_TOKEN" }]);
    expect(result.report.warnings.join(" ")).toMatch(/without an authorization-code flow/);
  });
});

describe("generateToolkit: hostile input", () => {
  it("throws clear errors for documents it cannot read", () => {
    expect(() => generateToolkit("nope", options)).toThrow(OpenApiImportError);
    expect(() => generateToolkit([], options)).toThrow(/must be a JSON object/);
    expect(() => generateToolkit({ openapi: "4.0.0", paths: {} }, options)).toThrow(/not an OpenAPI 3.0\/3.1 or Swagger 2.0 document/);
    expect(() => generateToolkit({ openapi: "3.0.0", servers: [{ url: "https://a.test" }] }, options)).toThrow(/no `paths`/);
    expect(() => generateToolkit({ openapi: "3.0.0", paths: {} }, options)).toThrow(/no `paths`/);
    expect(() => generateToolkit({ openapi: "3.0.0", paths: { "/a": { get: {} } } }, { ...options, slug: "Bad Slug" })).toThrow(/lower_snake_case/);
    expect(() => generateToolkit({ openapi: "3.0.0", paths: { "/a": { get: {} } } }, { ...options, limits: { maxOperations: 0 } })).toThrow(/positive integer/);
  });

  it("enforces the operation limit", () => {
    const many = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`/r${i}`, { get: { summary: `Get r${i}` } }]));
    const doc = { openapi: "3.0.0", servers: [{ url: "https://a.test" }], paths: many };
    expect(() => generateToolkit(doc, { ...options, limits: { maxOperations: 10 } })).toThrow(/more than 10 operations/);
    expect(generateToolkit(doc, options).report.imported).toBe(20);
  });

  it("enforces the $ref chain limit and survives self-references and deep nesting", () => {
    const chain: Record<string, unknown> = { S0: { type: "string" } };
    for (let i = 1; i <= 40; i++) chain[`S${i}`] = { $ref: `#/components/schemas/S${i - 1}` };
    const doc = (schema: unknown, schemas: Record<string, unknown>) => ({
      openapi: "3.0.0",
      servers: [{ url: "https://a.test" }],
      components: { schemas },
      paths: { "/a": { post: { summary: "Post a", requestBody: { content: { "application/json": { schema } } } } } },
    });
    expect(() => generateToolkit(doc({ $ref: "#/components/schemas/S40" }, chain), options)).toThrow(/\$ref chain longer than 32 hops/);
    // A schema that is its own reference resolves to nothing: the operation is skipped, not looped on.
    expect(generateToolkit(doc({ $ref: "#/components/schemas/Self" }, { Self: { $ref: "#/components/schemas/Self" } }), options).report.skipped).toEqual({ "unresolvable $ref": 1 });
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 200; i++) deep = { allOf: [deep] };
    expect(() => generateToolkit(doc(deep, {}), options)).toThrow(/nested deeper than 64 levels/);
    // Recursion through properties is cut, and big schemas stay bounded.
    const tree = { type: "object", properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#/components/schemas/Tree" } }, parent: { $ref: "#/components/schemas/Tree" } } };
    const result = generateToolkit(doc({ $ref: "#/components/schemas/Tree" }, { Tree: tree }), options);
    expect(result.report.imported).toBe(1);
    expect(JSON.stringify(result.toolkit).length).toBeLessThan(5000);
  });
});

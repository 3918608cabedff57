import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startOpenApiSimulator, type OpenApiSimulator } from "../upstream/openapi-simulator.ts";

/**
 * The generic OpenAPI simulator on its own, with small inline documents: one request at a
 * time, each judged the way the real API would judge its form.
 */

const pets = {
  openapi: "3.0.3",
  info: { title: "Pets", version: "1" },
  servers: [{ url: "https://pets.example.com/api/v1" }],
  security: [{ bearer: [] }],
  components: {
    securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    schemas: {
      Pet: { type: "object", required: ["id", "name"], properties: { id: { type: "integer" }, name: { type: "string" }, tag: { $ref: "#/components/schemas/Tag" } } },
      Tag: { type: "string", enum: ["dog", "cat"] },
      NewPet: { type: "object", required: ["name"], properties: { name: { type: "string" }, age: { type: "integer" }, tag: { $ref: "#/components/schemas/Tag" } } },
    },
  },
  paths: {
    "/pets": {
      get: {
        operationId: "listPets",
        parameters: [
          { name: "limit", in: "query", required: true, schema: { type: "integer" } },
          { name: "tags", in: "query", schema: { type: "array", items: { $ref: "#/components/schemas/Tag" } } },
        ],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Pet" } } } } } },
      },
      post: {
        operationId: "createPet",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/NewPet" } } } },
        responses: { "201": { description: "created", content: { "application/json": { example: { id: 7, name: "Rex" } } } } },
      },
    },
    "/pets/{petId}": {
      parameters: [{ name: "petId", in: "path", required: true, schema: { type: "integer" } }],
      get: { operationId: "showPet", responses: { "200": { description: "ok", content: { "application/json": { schema: { $ref: "#/components/schemas/Pet" } } } } } },
      delete: { operationId: "deletePet", security: [], responses: { "204": { description: "gone" } } },
    },
    "/pets/mine": { get: { operationId: "myPets", responses: { "200": { description: "ok" } } } },
  },
};

const legacy = {
  swagger: "2.0",
  info: { title: "Legacy", version: "1" },
  host: "legacy.example.com",
  basePath: "/v2",
  securityDefinitions: { key: { type: "apiKey", in: "query", name: "api_key" }, basic: { type: "basic" } },
  security: [{ key: [] }, { basic: [] }],
  paths: {
    "/charges": {
      post: {
        consumes: ["application/x-www-form-urlencoded"],
        parameters: [
          { name: "amount", in: "formData", type: "integer", required: true },
          { name: "currency", in: "formData", type: "string", required: true },
        ],
        responses: { "200": { description: "ok", schema: { type: "object", properties: { id: { type: "string" }, paid: { type: "boolean" } } } } },
      },
    },
  },
};

/** 3.1: a protocol-relative server URL, type arrays, and an API key in a header. */
const files = {
  openapi: "3.1.0",
  info: { title: "Files", version: "1" },
  servers: [{ url: "//files.example.com/api/rest/v1" }],
  components: { securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Files-Key" } } },
  security: [{ key: [] }],
  paths: {
    "/files/{path}": {
      get: {
        parameters: [
          { name: "path", in: "path", required: true, schema: { type: "string" } },
          { name: "depth", in: "query", schema: { type: ["integer", "null"] } },
        ],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "object", properties: { size: { type: ["integer", "null"] } } } } } } },
      },
    },
  },
};

let sim: OpenApiSimulator;
const token = { authorization: "Bearer t0ken" };

async function send(method: string, path: string, init: { headers?: Record<string, string>; json?: unknown; form?: Record<string, string> } = {}) {
  const body = init.json !== undefined ? JSON.stringify(init.json) : init.form ? new URLSearchParams(init.form).toString() : undefined;
  const contentType = init.json !== undefined ? "application/json" : init.form ? "application/x-www-form-urlencoded" : undefined;
  const response = await fetch(`${sim.url}${path}`, { method, headers: { ...init.headers, ...(contentType ? { "content-type": contentType } : {}) }, ...(body ? { body } : {}) });
  const text = await response.text();
  const recorded = sim.requests().at(-1)!;
  return { status: response.status, body: text ? (JSON.parse(text) as unknown) : undefined, recorded };
}

beforeAll(async () => {
  sim = await startOpenApiSimulator({ documents: [pets, legacy, files] });
});
afterAll(() => sim?.close());
beforeEach(() => sim.clearRequests());

describe("the OpenAPI simulator", () => {
  it("accepts a well-formed GET and answers from the response schema, the same every time", async () => {
    const first = await send("GET", "/api/v1/pets/42", { headers: token });
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ id: 1, name: "string", tag: "dog" });
    expect(first.recorded).toMatchObject({ operation: "GET /pets/{petId}", operationId: "showPet", valid: true, problems: [] });
    expect((await send("GET", "/api/v1/pets/42", { headers: token })).body).toEqual(first.body);
  });

  it("answers with the response's example when it has one, under the lowest 2xx status", async () => {
    const created = await send("POST", "/api/v1/pets", { headers: token, json: { name: "Rex", age: 3 } });
    expect(created).toMatchObject({ status: 201, body: { id: 7, name: "Rex" } });
    expect(created.recorded.valid).toBe(true);
  });

  it("prefers a literal path over a template, and reads repeated array query values", async () => {
    expect((await send("GET", "/api/v1/pets/mine", { headers: token })).recorded.operation).toBe("GET /pets/mine");
    const listed = await send("GET", "/api/v1/pets?limit=5&tags=dog&tags=cat", { headers: token });
    expect(listed.recorded).toMatchObject({ valid: true, operation: "GET /pets" });
  });

  it("refuses an unknown path, a path without the server prefix, and a wrong method", async () => {
    expect((await send("GET", "/api/v1/owners", { headers: token })).status).toBe(404);
    expect((await send("GET", "/pets/42", { headers: token })).status).toBe(404);
    const wrongMethod = await send("PUT", "/api/v1/pets/42", { headers: token });
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.recorded.problems[0]).toMatch(/it has DELETE, GET/);
  });

  it("refuses a missing required query parameter, a mistyped one, a wrong enum value and an undeclared one", async () => {
    expect((await send("GET", "/api/v1/pets", { headers: token })).recorded.problems).toEqual(["query parameter limit is required"]);
    expect((await send("GET", "/api/v1/pets?limit=ten", { headers: token })).recorded.problems).toEqual(['query parameter limit is "ten", expected integer']);
    expect((await send("GET", "/api/v1/pets?limit=1&tags=cow", { headers: token })).recorded.problems[0]).toMatch(/tags is "cow", not one of/);
    const extra = await send("GET", "/api/v1/pets?limit=1&color=red", { headers: token });
    expect(extra.status).toBe(400);
    expect(extra.recorded.problems).toEqual(["query parameter color is not declared by GET /pets"]);
  });

  it("refuses a mistyped path parameter", async () => {
    expect((await send("GET", "/api/v1/pets/abc", { headers: token })).recorded.problems).toEqual(['path parameter petId is "abc", expected integer']);
  });

  it("refuses a missing body, a missing required property, a mistyped one, an unknown one and the wrong media type", async () => {
    expect((await send("POST", "/api/v1/pets", { headers: token })).recorded.problems).toEqual(["body is required"]);
    expect((await send("POST", "/api/v1/pets", { headers: token, json: { age: 3 } })).recorded.problems).toEqual(["body property name is required"]);
    expect((await send("POST", "/api/v1/pets", { headers: token, json: { name: "Rex", age: "3" } })).recorded.problems).toEqual([
      "body property age is string, expected integer",
    ]);
    expect((await send("POST", "/api/v1/pets", { headers: token, json: { name: "Rex", colour: "red" } })).recorded.problems).toEqual([
      "body property colour is not in the schema",
    ]);
    const form = await send("POST", "/api/v1/pets", { headers: token, form: { name: "Rex" } });
    expect(form.status).toBe(400);
    expect(form.recorded.problems[0]).toMatch(/body sent as application\/x-www-form-urlencoded, the operation accepts application\/json/);
  });

  it("refuses a request without the credentials security asks for, and lets an operation opt out", async () => {
    const anonymous = await send("GET", "/api/v1/pets/42");
    expect(anonymous.status).toBe(401);
    expect(anonymous.recorded.problems).toEqual(["missing credentials: expected Authorization: Bearer <token>"]);
    expect((await send("GET", "/api/v1/pets/42", { headers: { authorization: "Basic dTpw" } })).status).toBe(401);
    expect((await send("DELETE", "/api/v1/pets/42")).status).toBe(204);
  });

  it("reads a 3.1 document with a protocol-relative server and an API key header", async () => {
    const found = await send("GET", "/api/rest/v1/files/report?depth=2", { headers: { "x-files-key": "k" } });
    expect(found).toMatchObject({ status: 200, body: { size: 1 } });
    expect((await send("GET", "/api/rest/v1/files/report?depth=deep", { headers: { "x-files-key": "k" } })).recorded.problems).toEqual([
      'query parameter depth is "deep", expected integer or null',
    ]);
    expect((await send("GET", "/api/rest/v1/files/report")).recorded.problems).toEqual(["missing credentials: expected header X-Files-Key"]);
  });

  describe("with a Swagger 2.0 document", () => {
    const charge = { amount: "100", currency: "usd" };

    it("accepts a form body and an API key in the query, or basic credentials", async () => {
      const byKey = await send("POST", "/v2/charges?api_key=k3y", { form: charge });
      expect(byKey).toMatchObject({ status: 200, body: { id: "string", paid: true } });
      expect(byKey.recorded.problems).toEqual([]);
      const byBasic = await send("POST", "/v2/charges", { form: charge, headers: { authorization: `Basic ${Buffer.from("sk:").toString("base64")}` } });
      expect(byBasic.status).toBe(200);
    });

    it("refuses a JSON body where only a form is accepted, a mistyped form field, and no credentials", async () => {
      expect((await send("POST", "/v2/charges?api_key=k", { json: { amount: 100, currency: "usd" } })).status).toBe(400);
      expect((await send("POST", "/v2/charges?api_key=k", { form: { ...charge, amount: "lots" } })).recorded.problems).toEqual([
        'body property amount is "lots", expected integer',
      ]);
      expect((await send("POST", "/v2/charges", { form: charge })).recorded.problems[0]).toBe(
        "missing credentials: expected query parameter api_key, or Authorization: Basic <base64 user:password>",
      );
    });
  });
});

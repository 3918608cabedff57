import { describe, expect, it } from "vitest";
import { ToolkitDefinition } from "../../../catalog/definition.ts";
import { catalogProblems } from "../../../catalog/checks.ts";
import { generateToolkit, type GenerateOptions } from "../../../worker/openapi/index.ts";

const options: GenerateOptions = { slug: "acme", logo: "https://acme.test/logo.svg" };

function openapi(paths: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return { openapi: "3.0.3", info: { title: "Acme API", version: "1" }, servers: [{ url: "https://api.acme.test/v1" }], paths, ...extra };
}

function tool(result: ReturnType<typeof generateToolkit>, method: string, path: string) {
  const found = result.toolkit.tools.find((t) => t.http.method === method && t.http.path === path);
  if (!found) throw new Error(`no tool for ${method} ${path}: ${result.toolkit.tools.map((t) => `${t.http.method} ${t.http.path}`).join(", ")}`);
  return found;
}

/** The generated toolkit passes the definition and every catalog check. */
function expectSound(result: ReturnType<typeof generateToolkit>) {
  const parsed = ToolkitDefinition.parse(result.toolkit);
  expect(catalogProblems([parsed])).toEqual([]);
}

const pets = {
  "/pets": {
    get: {
      operationId: "listPets",
      summary: "List all pets",
      parameters: [
        { name: "limit", in: "query", schema: { type: "integer" } },
        { name: "starting_after", in: "query", schema: { type: "string" } },
      ],
    },
    post: {
      operationId: "createPet",
      summary: "Create a pet",
      requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/NewPet" } } } },
    },
  },
  "/pets/{petId}": {
    parameters: [{ name: "petId", in: "path", required: true, schema: { type: "string" } }],
    get: { operationId: "showPetById", summary: "Info for a specific pet" },
    delete: { operationId: "deletePet", summary: "Delete a pet" },
    put: { operationId: "replacePet", summary: "Replace a pet", requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/NewPet" } } } } },
  },
};
const components = {
  schemas: {
    NewPet: {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string", description: "<b>Name</b> of the pet." }, tag: { type: "string" }, id: { type: "string", readOnly: true }, owner: { $ref: "#/components/schemas/Person" } },
    },
    // A cycle: a person's friends are people.
    Person: { type: "object", properties: { name: { type: "string" }, friends: { type: "array", items: { $ref: "#/components/schemas/Person" } } } },
  },
};

describe("generateToolkit: OpenAPI 3.0", () => {
  const result = generateToolkit(openapi(pets, { components }), options);

  it("turns every operation into a sound tool with a readable slug and the hint tags", () => {
    expectSound(result);
    expect(result.report.imported).toBe(5);
    expect(result.toolkit.tools.map((t) => t.slug)).toEqual(["ACME_CREATE_A_PET", "ACME_DELETE_A_PET", "ACME_INFO_FOR_A_SPECIFIC_PET", "ACME_LIST_ALL_PETS", "ACME_REPLACE_A_PET"]);
    expect(tool(result, "GET", "/pets").tags).toEqual(expect.arrayContaining(["readOnlyHint", "idempotentHint", "openWorldHint"]));
    expect(tool(result, "DELETE", "/pets/{petId}").tags).toEqual(expect.arrayContaining(["destructiveHint", "idempotentHint", "openWorldHint"]));
    expect(tool(result, "POST", "/pets").tags).not.toContain("idempotentHint");
    expect(tool(result, "PUT", "/pets/{petId}").tags).toContain("idempotentHint");
  });

  it("flattens path, query and JSON body arguments, resolving $refs and cutting cycles", () => {
    const create = tool(result, "POST", "/pets");
    const properties = create.inputSchema.properties as Record<string, Record<string, unknown>>;
    expect(Object.keys(properties).sort()).toEqual(["name", "owner", "tag"]); // readOnly id left out
    expect(create.inputSchema.required).toEqual(["name"]);
    expect(properties.name!.description).toBe("Name of the pet.");
    expect(create.http.args).toEqual({ name: "body", tag: "body", owner: "body" });
    const friends = (properties.owner!.properties as Record<string, Record<string, unknown>>).friends!;
    expect((friends.items as Record<string, unknown>).type).toBe("object");
    expect(JSON.stringify(create)).not.toContain("$ref");
    const get = tool(result, "GET", "/pets/{petId}");
    expect(get.http.args).toEqual({ petId: "path" });
    expect(get.inputSchema.required).toEqual(["petId"]);
  });

  it("recognises pagination parameters", () => {
    const list = tool(result, "GET", "/pets");
    expect(list.tags).toContain("paginated");
    expect(list.description).toMatch(/Paginated: use `starting_after` and `limit`/);
    const properties = list.inputSchema.properties as Record<string, { description: string }>;
    expect(properties.starting_after!.description).toMatch(/Pagination cursor/);
    expect(properties.limit!.description).toMatch(/Page size/);
  });

  it("marks core CRUD of top-level resources important, within the share", () => {
    const important = result.toolkit.tools.filter((t) => t.tags?.includes("important")).map((t) => t.slug);
    expect(important).toEqual(expect.arrayContaining(["ACME_LIST_ALL_PETS", "ACME_CREATE_A_PET"]));
    expect(important.length).toBeLessThanOrEqual(3);
  });

  it("is deterministic and honours slug fixes and explicit important lists", () => {
    expect(JSON.stringify(generateToolkit(openapi(pets, { components }), options))).toBe(JSON.stringify(result));
    const fixed = generateToolkit(openapi(pets, { components }), { ...options, slugs: { listPets: "ACME_LIST_PETS", "DELETE /pets/{petId}": "ACME_REMOVE_PET" }, important: ["showPetById"] });
    expect(fixed.toolkit.tools.map((t) => t.slug)).toEqual(expect.arrayContaining(["ACME_LIST_PETS", "ACME_REMOVE_PET"]));
    expect(fixed.toolkit.tools.filter((t) => t.tags?.includes("important")).map((t) => t.slug)).toEqual(["ACME_INFO_FOR_A_SPECIFIC_PET"]);
  });
});

describe("generateToolkit: bodies, names and combinators", () => {
  it("flattens form bodies, keeps wire names, and sends a non-object body as rawBodyArg", () => {
    const result = generateToolkit(
      openapi({
        "/items/{item-id}": {
          post: {
            summary: "Update an item",
            parameters: [
              { name: "item-id", in: "path", required: true, schema: { type: "string" } },
              { name: "$top", in: "query", schema: { type: "integer" } },
              { name: "name", in: "query", schema: { type: "string" } },
              { name: "X-Request-Id", in: "header", schema: { type: "string" } },
              { name: "Accept", in: "header", schema: { type: "string" } },
            ],
            requestBody: { content: { "application/x-www-form-urlencoded": { schema: { type: "object", properties: { name: { type: "string" }, "metadata[key]": { type: "string" } } } } } },
          },
        },
        "/items/{id}/tags": { put: { summary: "Set tags", parameters: [{ name: "id", in: "path", required: true, schema: { type: "string" } }], requestBody: { required: true, content: { "application/json": { schema: { type: "array", items: { type: "string" } } } } } } },
      }),
      options,
    );
    expectSound(result);
    const update = tool(result, "POST", "/items/{item_id}");
    expect(update.http.args).toEqual({ item_id: "path", top: "query", name: "query", x_request_id: "header", body_name: "body", metadata_key: "body" });
    expect(update.http.wireNames).toEqual({ body_name: "name", metadata_key: "metadata[key]", top: "$top", x_request_id: "X-Request-Id" });
    expect(update.http.bodyEncoding).toBe("form");
    const tags = tool(result, "PUT", "/items/{id}/tags");
    expect(tags.http.rawBodyArg).toBe("body");
    expect(tags.inputSchema.required).toEqual(["id", "body"]);
    expect((tags.inputSchema.properties as Record<string, { type: string }>).body!.type).toBe("array");
  });

  it("collapses allOf, oneOf and anyOf into schemas providers accept", () => {
    const result = generateToolkit(
      openapi({
        "/things": {
          post: {
            summary: "Create a thing",
            requestBody: {
              content: {
                "application/json": {
                  schema: {
                    allOf: [
                      { type: "object", required: ["a"], properties: { a: { type: "string" } } },
                      { type: "object", properties: { b: { oneOf: [{ type: "string" }, { type: "integer" }] }, c: { anyOf: [{ type: "string", enum: ["x"] }, { type: "string", enum: ["y"] }, { type: "null" }] } } },
                    ],
                  },
                },
              },
            },
          },
        },
      }),
      options,
    );
    expectSound(result);
    const create = result.toolkit.tools[0]!;
    const properties = create.inputSchema.properties as Record<string, Record<string, unknown>>;
    expect(create.inputSchema.required).toEqual(["a"]);
    expect(properties.b).toMatchObject({ type: "string" });
    expect(properties.b!.description).toMatch(/One of: string, integer/);
    expect(properties.c).toMatchObject({ type: "string", enum: ["x", "y"] });
  });

  it("names an operation by its operationId when a REST reading of its path would give a bare verb", () => {
    // Google's discovery-built descriptions: `resource.method` ids on paths like /v1/{name}.
    const result = generateToolkit(
      openapi({
        "/v1/{name}": {
          get: { operationId: "chat.spaces.messages.attachments.get", parameters: [{ name: "name", in: "path", required: true, schema: { type: "string" } }] },
        },
        "/v1/customers/{customer}": { get: { operationId: "GetCustomersCustomer", parameters: [{ name: "customer", in: "path", required: true, schema: { type: "string" } }] } },
      }),
      options,
    );
    expect(result.toolkit.tools.map((t) => t.slug)).toEqual(["ACME_GET_CUSTOMER", "ACME_GET_SPACES_MESSAGES_ATTACHMENTS"]);
  });
});

describe("generateToolkit: Swagger 2.0 and OpenAPI 3.1", () => {
  it("reads Swagger 2.0 host, basePath, body and formData parameters", () => {
    const result = generateToolkit(
      {
        swagger: "2.0",
        info: { title: "Old API", version: "1" },
        host: "old.acme.test",
        basePath: "/api/2",
        schemes: ["http", "https"],
        definitions: { Note: { type: "object", properties: { text: { type: "string" } } } },
        paths: {
          "/notes": { post: { summary: "Create a note", parameters: [{ name: "note", in: "body", schema: { $ref: "#/definitions/Note" } }] } },
          "/notes/{id}": { patch: { summary: "Rename a note", consumes: ["application/x-www-form-urlencoded"], parameters: [{ name: "id", in: "path", required: true, type: "integer" }, { name: "title", in: "formData", type: "string", required: true }] } },
          "/files": { post: { summary: "Upload", consumes: ["multipart/form-data"], parameters: [{ name: "file", in: "formData", type: "file" }] } },
        },
      },
      options,
    );
    expectSound(result);
    expect(result.toolkit.baseUrl).toBe("https://old.acme.test/api/2");
    expect(tool(result, "POST", "/notes").http.args).toEqual({ text: "body" });
    const rename = tool(result, "PATCH", "/notes/{id}");
    expect(rename.inputSchema.required).toEqual(["id", "title"]);
    expect((rename.inputSchema.properties as Record<string, { type: string }>).id!.type).toBe("integer");
    expect(rename.http.bodyEncoding).toBe("form");
    expect(tool(result, "POST", "/notes").http.bodyEncoding).toBeUndefined();
    expect(result.report.skipped).toEqual({ "multipart upload": 1 });
  });

  it("reads OpenAPI 3.1 type arrays, $defs refs and webhooks", () => {
    const result = generateToolkit(
      {
        openapi: "3.1.0",
        info: { title: "New API", version: "1" },
        servers: [{ url: "https://{region}.acme.test/{version}", variables: { region: { default: "eu" }, version: { default: "v2", enum: ["v2"] } } }],
        $defs: { Label: { type: ["string", "null"], description: "A label." } },
        paths: { "/labels": { post: { summary: "Add a label", requestBody: { content: { "application/json": { schema: { type: "object", properties: { label: { $ref: "#/$defs/Label" } } } } } } } } },
        webhooks: { labelAdded: { post: { summary: "A label was added" } } },
      },
      options,
    );
    expectSound(result);
    expect(result.toolkit.baseUrl).toBe("https://eu.acme.test/v2");
    expect(result.toolkit.tools[0]!.inputSchema.properties).toEqual({ label: { type: "string", description: "A label." } });
    expect(result.report.skipped).toEqual({ "webhook or callback": 1 });
  });
});

describe("generateToolkit: base URLs", () => {
  it("keeps a server path prefix, strips a trailing slash, takes an override and per-operation servers", () => {
    const paths = { "/a": { get: { summary: "Get a" } }, "/b": { get: { summary: "Get b", servers: [{ url: "https://upload.acme.test/" }] } } };
    const result = generateToolkit(openapi(paths, { servers: [{ url: "https://api.acme.test/rest/v3/" }] }), options);
    expect(result.toolkit.baseUrl).toBe("https://api.acme.test/rest/v3");
    expect(tool(result, "GET", "/b").http.baseUrl).toBe("https://upload.acme.test");
    expect(tool(result, "GET", "/a").http.baseUrl).toBeUndefined();
    expect(generateToolkit(openapi(paths, { servers: [{ url: "//api.acme.test" }] }), options).toolkit.baseUrl).toBe("https://api.acme.test");
    expect(generateToolkit(openapi(paths, { servers: [{ url: "/relative" }] }), { ...options, baseUrl: "https://x.acme.test/api/" }).toolkit.baseUrl).toBe("https://x.acme.test/api");
    expect(() => generateToolkit(openapi(paths, { servers: [{ url: "/relative" }] }), options)).toThrow(/no absolute server URL/);
  });

  it("prepends a path prefix whose placeholders become required path arguments", () => {
    const result = generateToolkit(openapi({ "/issue/{key}": { get: { summary: "Get an issue", parameters: [{ name: "key", in: "path", required: true, schema: { type: "string" } }] } } }), { ...options, pathPrefix: "/{cloud_id}/rest", pathPrefixParameters: { cloud_id: "The site." } });
    expectSound(result);
    const get = result.toolkit.tools[0]!;
    expect(get.http.path).toBe("/{cloud_id}/rest/issue/{key}");
    expect(get.inputSchema.required).toEqual(["cloud_id", "key"]);
  });
});

describe("generateToolkit: skipped operations", () => {
  it("counts deprecated, upload, binary, unmappable and excluded operations instead of emitting them", () => {
    const result = generateToolkit(
      openapi({
        "/ok": { get: { summary: "Fine" }, head: { summary: "Head" } },
        "/old": { get: { summary: "Old", deprecated: true } },
        "/upload": { post: { summary: "Upload", requestBody: { content: { "multipart/form-data": { schema: { type: "object" } } } } } },
        "/raw": { put: { summary: "Raw", requestBody: { content: { "application/octet-stream": { schema: { type: "string", format: "binary" } } } } } },
        "/xml": { post: { summary: "Xml", requestBody: { content: { "application/xml": { schema: { type: "object" } } } } } },
        "/things/{id}": { get: { summary: "No parameter for the placeholder" } },
        "/secret": { get: { operationId: "secret", summary: "Skipped by the source" } },
        "/broken": { get: { summary: "Broken", parameters: [{ $ref: "#/components/parameters/Missing" }] } },
      }),
      { ...options, skip: ["secret"] },
    );
    expectSound(result);
    expect(result.toolkit.tools.map((t) => t.http.path)).toEqual(["/ok"]);
    expect(result.report.skipped).toEqual({
      deprecated: 1,
      "multipart upload": 1,
      "binary body (octet-stream)": 1,
      "unsupported body media type": 1,
      "unmappable path placeholder": 1,
      "excluded by source": 1,
      "unresolvable $ref": 1,
      "unsupported HTTP method": 1,
    });
    expect(result.report.skippedOperations).toContainEqual({ method: "GET", path: "/old", reason: "deprecated" });
  });

  it("avoids reserved slugs and numbers duplicates deterministically", () => {
    const result = generateToolkit(openapi({ "/a": { get: { summary: "List things" } }, "/b": { get: { summary: "List things" } }, "/c": { get: { summary: "List things" } } }), { ...options, reservedSlugs: ["ACME_LIST_THINGS"] });
    expect(result.toolkit.tools.map((t) => t.slug)).toEqual(["ACME_LIST_A", "ACME_LIST_B", "ACME_LIST_C"]);
  });
});

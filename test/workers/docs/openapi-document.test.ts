import { describe, expect, it } from "vitest";
import packageJson from "../../../package.json";
import app from "../../../worker/app.ts";
import { openApiDocument } from "../../../worker/docs/openapi-document.ts";

type Json = Record<string, unknown>;
interface Operation {
  tags?: string[];
  summary?: string;
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string; required?: boolean; schema?: Json }[];
  requestBody?: { required?: boolean; content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }>;
}
interface Document {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
}

const doc = JSON.parse(JSON.stringify(openApiDocument(app, "https://switchboard.example"))) as Document;
const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item).map(([method, op]) => ({ method, path, op })),
);

/** Every `$ref` anywhere in the document. */
function refsIn(node: unknown): string[] {
  if (Array.isArray(node)) return node.flatMap(refsIn);
  if (node && typeof node === "object") {
    return Object.entries(node).flatMap(([k, v]) => (k === "$ref" && typeof v === "string" ? [v] : refsIn(v)));
  }
  return [];
}

describe("the OpenAPI document", () => {
  it("is OpenAPI 3.1 with the package's version and the caller's origin", () => {
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.info).toMatchObject({ title: "Switchboard API", version: packageJson.version });
    expect(openApiDocument(app, "https://a.example").servers).toEqual([{ url: "https://a.example" }]);
  });

  it("declares the three ways to authenticate", () => {
    expect(doc.components.securitySchemes).toEqual({
      ApiKey: expect.objectContaining({ type: "apiKey", in: "header", name: "x-api-key" }),
      Bearer: expect.objectContaining({ type: "http", scheme: "bearer" }),
      AdminKey: expect.objectContaining({ type: "http", scheme: "bearer" }),
    });
  });

  it("names the shared schemas, the error envelope among them", () => {
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["Error", "Project", "ApiKey", "CreatedApiKey", "CreateProject", "CreateApiKey", "SessionInfo", "Health"]),
    );
    const error = doc.components.schemas.Error as { properties: { error: { required: string[] } } };
    expect(error.properties.error.required).toEqual(["code", "message", "status", "request_id"]);
  });

  it("resolves every $ref", () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\/components\/schemas\//);
      expect(doc.components.schemas[ref.split("/").at(-1) ?? ""], ref).toBeDefined();
    }
  });

  it("declares every path template's parameters as required path parameters", () => {
    for (const { method, path, op } of operations) {
      const templated = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      const declared = (op.parameters ?? []).filter((p) => p.in === "path");
      expect(declared.map((p) => p.name).sort(), `${method} ${path}`).toEqual(templated.sort());
      for (const p of declared) expect(p.required, `${method} ${path} ${p.name}`).toBe(true);
    }
    expect(JSON.stringify(doc.paths)).not.toMatch(/\/:[a-z_]+/); // Hono's :param syntax must not leak into the document
  });

  it("guards operator routes with AdminKey and project routes with ApiKey or Bearer", () => {
    for (const { method, path, op } of operations) {
      const schemes = (op.security ?? []).flatMap((s) => Object.keys(s));
      if (path.startsWith("/api/admin/")) expect(schemes, `${method} ${path}`).toEqual(["AdminKey"]);
      else if (path.startsWith("/api/v3.1/")) expect(schemes, `${method} ${path}`).toEqual(["ApiKey", "Bearer"]);
      else if (path === "/health") expect(schemes).toEqual([]);
      for (const scheme of schemes) expect(doc.components.securitySchemes[scheme]).toBeDefined();
    }
  });

  it("documents every REST failure with the Error schema and every operation with a summary", () => {
    for (const { method, path, op } of operations) {
      expect(op.summary, `${method} ${path}`).toBeTruthy();
      const failures = Object.entries(op.responses).filter(([status]) => /^[45]/.test(status));
      for (const [status, response] of failures) {
        if (path === "/health") continue; // its 503 carries the health body itself
        if (!path.startsWith("/api/")) continue; // MCP and the Connect pages keep their protocols' shapes (below)
        expect(response.content?.["application/json"]?.schema, `${method} ${path} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
      }
      if (op.security?.length) expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(["400", "401"]));
    }
  });

  // Operator bodies are strict; Composio-compatible bodies tolerate fields the official SDK adds.
  it("marks JSON bodies required, and operator bodies strict", () => {
    const bodies = operations.filter(({ op, path }) => op.requestBody && path.startsWith("/api/admin/"));
    expect(bodies.map(({ method, path }) => `${method} ${path}`)).toEqual(
      expect.arrayContaining(["post /api/admin/projects", "post /api/admin/projects/{project_id}/api_keys"]),
    );
    for (const { op } of bodies) {
      expect(op.requestBody?.required).toBe(true);
      const schema = op.requestBody?.content["application/json"]?.schema ?? {};
      const name = String(schema.$ref ?? "").split("/").at(-1) ?? "";
      expect(doc.components.schemas[name]?.additionalProperties).toBe(false);
    }
  });

  // Not zod-openapi routes (worker/docs/protocol-paths.ts): described by hand, so checked by hand.
  it("describes the session MCP endpoint: JSON-RPC in, JSON or SSE out, refusals in the REST envelope", () => {
    const mcp = doc.paths["/tool_router/{id}/mcp"] ?? {};
    expect(Object.keys(mcp).sort()).toEqual(["get", "post"]);
    const post = mcp.post;
    expect(post?.tags).toEqual(["MCP"]);
    expect(post?.security).toEqual([{ ApiKey: [] }, { Bearer: [] }]);
    expect(post?.requestBody?.content["application/json"]?.schema).toMatchObject({ required: ["jsonrpc", "method"] });
    expect(Object.keys(post?.responses["200"]?.content ?? {})).toEqual(["application/json", "text/event-stream"]);
    for (const status of ["401", "403", "404"]) expect(post?.responses[status]?.content?.["application/json"]?.schema, status).toEqual({ $ref: "#/components/schemas/Error" });
    expect(Object.keys(mcp.get?.responses["200"]?.content ?? {})).toEqual(["text/event-stream"]);
  });

  it("describes the Connect page and the OAuth callback as HTML pages a person opens, with no key", () => {
    for (const [path, method] of [["/link/{token}", "get"], ["/link/{token}", "post"], ["/oauth/callback", "get"]] as const) {
      const op = doc.paths[path]?.[method];
      expect(op?.tags, `${method} ${path}`).toEqual(["Connect page"]);
      expect(op?.security, `${method} ${path}`).toBeUndefined();
      expect(Object.keys(op?.responses["400"]?.content ?? {}), `${method} ${path}`).toEqual(["text/html"]);
    }
    expect(doc.paths["/link/{token}"]?.post?.requestBody?.content["application/x-www-form-urlencoded"]?.schema).toMatchObject({ required: ["csrf_token"] });
    expect(doc.paths["/oauth/callback"]?.get?.parameters?.map((p) => [p.name, p.in, p.required])).toEqual([
      ["state", "query", true],
      ["code", "query", false],
      ["error", "query", false],
      ["error_description", "query", false],
    ]);
    expect(Object.keys(doc.paths["/oauth/callback"]?.get?.responses ?? {})).toContain("303");
  });
});

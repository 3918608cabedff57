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

  it("documents every failure with the Error schema and every operation with a summary", () => {
    for (const { method, path, op } of operations) {
      expect(op.summary, `${method} ${path}`).toBeTruthy();
      const failures = Object.entries(op.responses).filter(([status]) => /^[45]/.test(status));
      for (const [status, response] of failures) {
        if (path === "/health") continue; // its 503 carries the health body itself
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
});

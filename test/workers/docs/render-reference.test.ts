import { describe, expect, it } from "vitest";
import { renderReference } from "../../../worker/docs/render-reference.ts";

const hostile = "<script>alert(1)</script>";

const doc = {
  openapi: "3.1.0",
  info: { title: `Test ${hostile}`, version: "1.2.3", description: "A <b>described</b> API" },
  components: {
    schemas: {
      Widget: {
        type: "object",
        properties: {
          id: { type: "string", description: `The id ${hostile}` },
          size: { type: "integer" },
          tags: { type: "array", items: { type: "string" } },
          kind: { type: "string", enum: ["a", "b"] },
          parent: { type: ["string", "null"] },
        },
        required: ["id"],
      },
    },
  },
  paths: {
    "/widgets/{widget_id}": {
      get: {
        tags: ["Widgets"],
        summary: `Get ${hostile}`,
        parameters: [{ name: "widget_id", in: "path", required: true, schema: { type: "string", description: "Which widget" } }],
        responses: { 200: { description: "The widget", content: { "application/json": { schema: { $ref: "#/components/schemas/Widget" } } } } },
      },
    },
    "/widgets": {
      post: {
        summary: "Create",
        requestBody: { content: { "application/json": { schema: { $ref: "#/components/schemas/Widget" } } } },
        responses: { 201: { description: "Created" } },
      },
    },
  },
};

async function render(document: unknown): Promise<string> {
  return String(await renderReference(document));
}

describe("renderReference", () => {
  it("escapes every string it takes from the document", async () => {
    const page = await render(doc);
    expect(page).not.toContain("<script");
    expect(page).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(page).not.toContain("<b>described</b>");
  });

  it("lists operations, grouped by tag, with anchors the table of contents links to", async () => {
    const page = await render(doc);
    expect(page).toContain("GET /widgets/{widget_id}");
    expect(page).toContain("POST /widgets");
    expect(page).toContain("<h2>Widgets</h2>");
    expect(page).toContain("<h2>Other</h2>"); // untagged operations still appear
    for (const [, anchor] of page.matchAll(/href="#([^"]+)"/g)) expect(page).toContain(`id="${anchor}"`);
  });

  it("resolves $refs into field lists with types and required marks", async () => {
    const page = await render(doc);
    expect(page).toMatch(/<code>id<\/code> <span class="type">string<\/span>\s*<span class="req">required<\/span>/);
    expect(page).toContain("string[]");
    expect(page).toContain("&quot;a&quot; | &quot;b&quot;");
    expect(page).toContain("string | null");
    expect(page).toContain("Which widget");
  });

  it("survives a document with nothing in it", async () => {
    const page = await render({});
    expect(page).toContain("<!doctype html>");
    expect(page).not.toContain("<script");
  });
});

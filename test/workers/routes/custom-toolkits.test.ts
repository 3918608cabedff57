import { exports } from "cloudflare:workers";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { call, expectError, json } from "../helpers.ts";
import { connectAccount, createAuthConfig, execute, expectKeyRefusals, newTenant, type Tenant } from "../fixtures.ts";
import { mockUpstream } from "../core/executor/upstream.ts";

/**
 * A project's own toolkits, imported from OpenAPI: the import route, then the toolkit used
 * through every door a catalog toolkit has (listing, search, auth configs, execution, sessions),
 * and never seen by another project.
 */

const PATH = "/api/v3.1/toolkits/custom";

/** A small API in OpenAPI 3.0, with an API key in a header. */
const invoicesApi = {
  openapi: "3.0.3",
  info: { title: "Acme Invoices", version: "1.0", description: "Invoices for Acme customers." },
  servers: [{ url: "https://billing.acme.test/v2" }],
  components: {
    securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Acme-Key" } },
    schemas: { Invoice: { type: "object", required: ["customer"], properties: { customer: { type: "string", description: "Customer id." }, amount_cents: { type: "integer" } } } },
  },
  security: [{ key: [] }],
  paths: {
    "/invoices": {
      get: { operationId: "listInvoices", summary: "List invoices", parameters: [{ name: "status", in: "query", schema: { type: "string", enum: ["open", "paid"] } }] },
      post: { operationId: "createInvoice", summary: "Create an invoice", requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/Invoice" } } } } },
    },
    "/invoices/{invoice_id}": {
      get: { operationId: "getInvoice", summary: "Get an invoice", parameters: [{ name: "invoice_id", in: "path", required: true, schema: { type: "string" } }] },
    },
    "/invoices/{invoice_id}/pdf": {
      post: { summary: "Upload the PDF", requestBody: { content: { "multipart/form-data": { schema: { type: "object", properties: { file: { type: "string", format: "binary" } } } } } } },
    },
  },
};

const yamlApi = `
swagger: "2.0"
info: { title: Acme Notes, version: "1" }
host: notes.acme.test
basePath: /api
schemes: [https]
paths:
  /notes:
    get:
      summary: List notes
      responses: { "200": { description: ok } }
`;

interface CustomToolkit {
  slug: string;
  version: number;
  tools_count: number;
  tool_slugs: string[];
  auth_schemes: string[];
  base_url: string;
  report: { imported: number; skipped: Record<string, number>; skipped_operations: { reason: string }[] };
}

let acme: Tenant;
let other: Tenant;

const importToolkit = (slug: string, body: unknown, key = acme.key) => call("PUT", `${PATH}/${slug}`, { key, body });

beforeAll(async () => {
  acme = await newTenant("acme");
  other = await newTenant("other");
});

afterEach(() => {
  vi.restoreAllMocks();
});

describe("PUT /api/v3.1/toolkits/custom/{slug}", () => {
  it("imports a document as a private toolkit and reports what it took and skipped", async () => {
    const response = await importToolkit("acme_billing", { openapi: invoicesApi });
    expect(response.status).toBe(201);
    const toolkit = await json<CustomToolkit>(response);
    expect(toolkit).toMatchObject({ slug: "acme_billing", version: 1, tools_count: 3, auth_schemes: ["API_KEY"], base_url: "https://billing.acme.test/v2" });
    expect(toolkit.tool_slugs.every((slug) => slug.startsWith("ACME_BILLING_"))).toBe(true);
    expect(toolkit.report.skipped).toEqual({ "multipart upload": 1 });
  });

  it("re-imports the same slug as the next version, and reads YAML text", async () => {
    const first = await json<CustomToolkit>(await importToolkit("acme_notes", { openapi: yamlApi }));
    expect(first).toMatchObject({ version: 1, tools_count: 1, base_url: "https://notes.acme.test/api" });
    const again = await importToolkit("acme_notes", { openapi: yamlApi, name: "Notes" });
    expect(again.status).toBe(200);
    expect(await json<CustomToolkit>(again)).toMatchObject({ version: 2, tools_count: 1 });
  });

  it("lists and gets a re-imported toolkit's tools as they are now, not as a page served them before", async () => {
    const listed = async () => {
      const page = await json<{ items: { slug: string; name: string }[] }>(await call("GET", "/api/v3.1/tools?toolkit_slug=acme_journal", { key: acme.key }));
      return page.items.map((tool) => tool.name);
    };
    const single = async (slug: string | undefined) => (await json<{ name: string }>(await call("GET", `/api/v3.1/tools/${slug}`, { key: acme.key }))).name;
    const first = await json<CustomToolkit>(await importToolkit("acme_journal", { openapi: yamlApi }));
    expect(await listed()).toEqual(["List notes"]);
    expect(await single(first.tool_slugs[0])).toBe("List notes");
    // The tool's slug comes from its summary: a new summary, a new slug.
    const second = await json<CustomToolkit>(await importToolkit("acme_journal", { openapi: yamlApi.replace("summary: List notes", "summary: List every note") }));
    expect(await listed()).toEqual(["List every note"]);
    expect(await single(second.tool_slugs[0])).toBe("List every note");
    expect((await call("DELETE", `${PATH}/acme_journal`, { key: acme.key })).status).toBe(200);
  });

  it("refuses malformed input with a stable code and what to do", async () => {
    await expectError(await importToolkit("Bad-Slug", { openapi: invoicesApi }), 400, "validation_failed");
    await expectError(await importToolkit("acme_x", { openapi: 42 }), 400, "validation_failed");
    await expectError(await importToolkit("acme_x", {}), 400, "validation_failed");
    const notYaml = await expectError(await importToolkit("acme_x", { openapi: "openapi: [unclosed" }), 400, "openapi_invalid");
    expect(notYaml.message).toMatch(/neither JSON nor YAML/);
    await expectError(await importToolkit("acme_x", { openapi: "just a string" }), 400, "openapi_invalid");
    await expectError(await importToolkit("acme_x", { openapi: { openapi: "3.0.0", info: { title: "x" }, paths: {} } }), 400, "openapi_invalid");
    // A catalog toolkit's slug is taken.
    await expectError(await importToolkit("github", { openapi: invoicesApi }), 409, "toolkit_slug_taken");
    const huge = await importToolkit("acme_x", { openapi: "x".repeat(5 * 1024 * 1024) });
    await expectError(huge, 413, "payload_too_large");
  });

  it("refuses a YAML alias bomb instead of expanding it", async () => {
    const bomb = ["a: &a [x, x, x, x, x, x, x, x, x, x]", ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(", ")}]`)].join("\n");
    await expectError(await importToolkit("acme_bomb", { openapi: bomb }), 400, "openapi_invalid");
  });

  it("refuses no key, a revoked key, and never touches another project's toolkit", async () => {
    await expectKeyRefusals("PUT", `${PATH}/acme_billing`, { openapi: invoicesApi });
    await expectError(await call("GET", `${PATH}/acme_billing`, { key: other.key }), 404, "custom_toolkit_not_found");
    await expectError(await call("DELETE", `${PATH}/acme_billing`, { key: other.key }), 404, "custom_toolkit_not_found");
    expect((await json<CustomToolkit>(await call("GET", `${PATH}/acme_billing`, { key: acme.key }))).version).toBe(1);
  });
});

describe("an imported toolkit in use", () => {
  it("is listed, fetched and searched for its project only", async () => {
    const listed = await json<{ items: { slug: string }[] }>(await call("GET", "/api/v3.1/toolkits?limit=1000", { key: acme.key }));
    expect(listed.items.map((t) => t.slug)).toContain("acme_billing");
    const others = await json<{ items: { slug: string }[] }>(await call("GET", "/api/v3.1/toolkits?limit=1000", { key: other.key }));
    expect(others.items.map((t) => t.slug)).not.toContain("acme_billing");

    const tools = await json<{ items: { slug: string; input_parameters: { required?: string[] } }[] }>(
      await call("GET", "/api/v3.1/tools?toolkit_slug=acme_billing", { key: acme.key }),
    );
    expect(tools.items.map((t) => t.slug).sort()).toEqual(["ACME_BILLING_CREATE_AN_INVOICE", "ACME_BILLING_GET_AN_INVOICE", "ACME_BILLING_LIST_INVOICES"]);
    expect(tools.items.find((t) => t.slug === "ACME_BILLING_CREATE_AN_INVOICE")?.input_parameters.required).toEqual(["customer"]);

    const found = await json<{ items: { slug: string }[] }>(await call("GET", `/api/v3.1/tools?search=${encodeURIComponent("create an invoice for a customer")}&limit=3`, { key: acme.key }));
    expect(found.items[0]?.slug).toBe("ACME_BILLING_CREATE_AN_INVOICE");
    const notFound = await json<{ items: { slug: string }[] }>(await call("GET", `/api/v3.1/tools?search=${encodeURIComponent("create an invoice for a customer")}&limit=50`, { key: other.key }));
    expect(notFound.items.map((t) => t.slug)).not.toContain("ACME_BILLING_CREATE_AN_INVOICE");
    await expectError(await call("GET", "/api/v3.1/tools/ACME_BILLING_LIST_INVOICES", { key: other.key }), 404, "tool_not_found");
  });

  it("runs through an auth config and an account, with the key where the document says", async () => {
    const authConfigId = await createAuthConfig(acme.key, "acme_billing", "API_KEY");
    await connectAccount(acme.key, authConfigId, "ana", "API_KEY", { api_key: "acme-secret-key" });
    const { sent } = mockUpstream(() => Response.json({ id: "inv_1", customer: "cus_9" }, { status: 201 }));
    const result = await execute(acme.key, "ACME_BILLING_CREATE_AN_INVOICE", { user_id: "ana", arguments: { customer: "cus_9", amount_cents: 1200 } });
    expect(result).toMatchObject({ successful: true, data: { id: "inv_1" } });
    expect(sent[0]?.method).toBe("POST");
    expect(sent[0]?.url.href).toBe("https://billing.acme.test/v2/invoices");
    expect(sent[0]?.headers.get("x-acme-key")).toBe("acme-secret-key");
    expect(JSON.parse(sent[0]?.body ?? "{}")).toEqual({ customer: "cus_9", amount_cents: 1200 });
    // Another project cannot run it, even with an account of its own.
    await expectError(await call("POST", "/api/v3.1/tools/execute/ACME_BILLING_LIST_INVOICES", { key: other.key, body: { user_id: "ana", arguments: {} } }), 404, "tool_not_found");
  });

  it("is found by a session's search and run from it", async () => {
    const created = await json<{ session_id: string }>(await call("POST", "/api/v3.1/tool_router/session", { key: acme.key, body: { user_id: "ana", toolkits: ["acme_billing"] } }));
    const search = await json<{ data: { results: { primary_tool_slugs: string[] }[] } }>(
      await call("POST", `/api/v3.1/tool_router/session/${created.session_id}/execute_meta`, {
        key: acme.key,
        body: { slug: "COMPOSIO_SEARCH_TOOLS", arguments: { queries: [{ use_case: "list the open invoices" }] } },
      }),
    );
    expect(search.data.results[0]?.primary_tool_slugs[0]).toBe("ACME_BILLING_LIST_INVOICES");
    mockUpstream(() => Response.json({ items: [] }));
    const run = await json<{ data: unknown; successful: boolean }>(
      await call("POST", `/api/v3.1/tool_router/session/${created.session_id}/execute`, { key: acme.key, body: { tool_slug: "ACME_BILLING_LIST_INVOICES", arguments: { status: "open" } } }),
    );
    expect(run.successful).toBe(true);
    // Another project's session cannot name the toolkit at all.
    await expectError(await call("POST", "/api/v3.1/tool_router/session", { key: other.key, body: { user_id: "ana", toolkits: ["acme_billing"] } }), 400, "invalid_session_config");
  });

  it("connects through a Connect Link page, which sees the link's project's toolkits", async () => {
    const authConfigId = await createAuthConfig(acme.key, "acme_billing", "API_KEY");
    const created = await call("POST", "/api/v3.1/connected_accounts/link", { key: acme.key, body: { auth_config_id: authConfigId, user_id: "bo" } });
    expect(created.status).toBe(201);
    const path = new URL(((await created.json()) as { redirect_url: string }).redirect_url).pathname;
    const page = await exports.default.fetch(new Request(`http://gateway.test${path}`));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Acme Invoices");
    const csrf = /sb_link_csrf=([^;]+)/.exec(page.headers.get("set-cookie") ?? "")?.[1] ?? "";
    const submitted = await exports.default.fetch(
      new Request(`http://gateway.test${path}`, {
        method: "POST",
        headers: { cookie: `sb_link_csrf=${csrf}`, "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ csrf_token: csrf, api_key: "bo-key" }).toString(),
        redirect: "manual",
      }),
    );
    expect(submitted.status).toBeLessThan(400);
    const accounts = await json<{ items: { status: string }[] }>(await call("GET", "/api/v3.1/connected_accounts?user_ids=bo", { key: acme.key }));
    expect(accounts.items.map((a) => a.status)).toEqual(["ACTIVE"]);
  });

  it("disappears at once when deleted", async () => {
    await json(await importToolkit("acme_gone", { openapi: yamlApi }));
    expect((await call("GET", "/api/v3.1/tools/ACME_GONE_LIST_NOTES", { key: acme.key })).status).toBe(200);
    const deleted = await call("DELETE", `${PATH}/acme_gone`, { key: acme.key });
    expect(await json(deleted)).toEqual({ slug: "acme_gone", deleted: true });
    await expectError(await call("GET", "/api/v3.1/tools/ACME_GONE_LIST_NOTES", { key: acme.key }), 404, "tool_not_found");
    await expectError(await call("DELETE", `${PATH}/acme_gone`, { key: acme.key }), 404, "custom_toolkit_not_found");
  });

  it("lists the project's imports with their reports", async () => {
    const list = await json<{ items: CustomToolkit[] }>(await call("GET", PATH, { key: acme.key }));
    expect(list.items.map((t) => t.slug)).toEqual(["acme_billing", "acme_notes"]);
    expect((await json<{ items: unknown[] }>(await call("GET", PATH, { key: other.key }))).items).toEqual([]);
    await expectKeyRefusals("GET", PATH);
  });
});

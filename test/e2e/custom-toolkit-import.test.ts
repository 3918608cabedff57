import { AuthScheme } from "@composio/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { sharedGateway } from "./shared-gateway.ts";
import { startOpenApiSimulator, type OpenApiSimulator } from "../upstream/openapi-simulator.ts";
import { newSdkTenant, type SdkTenant } from "./sdk-tenant.ts";

/**
 * A project's own API, end to end: its OpenAPI description imported over HTTP, an account
 * connected through the official SDK, a tool executed against a simulator built from the same
 * description (which judges the request as the real API would), and another project that
 * cannot see any of it.
 */

const ordersApi = {
  openapi: "3.1.0",
  info: { title: "Acme Orders", version: "2.0" },
  servers: [{ url: "https://orders.acme.test/api/v2" }],
  security: [{ key: [] }],
  components: {
    securitySchemes: { key: { type: "apiKey", in: "header", name: "X-Orders-Key" } },
    schemas: {
      NewOrder: { type: "object", required: ["sku", "quantity"], properties: { sku: { type: "string" }, quantity: { type: "integer" }, note: { type: ["string", "null"] } } },
      Order: { type: "object", properties: { id: { type: "string" }, sku: { type: "string" }, quantity: { type: "integer" } } },
    },
  },
  paths: {
    "/orders": {
      get: {
        operationId: "listOrders",
        summary: "List orders",
        parameters: [{ name: "status", in: "query", required: true, schema: { type: "string", enum: ["open", "shipped"] } }],
        responses: { "200": { description: "ok", content: { "application/json": { schema: { type: "array", items: { $ref: "#/components/schemas/Order" } } } } } },
      },
      post: {
        operationId: "createOrder",
        summary: "Place an order",
        requestBody: { required: true, content: { "application/json": { schema: { $ref: "#/components/schemas/NewOrder" } } } },
        responses: { "201": { description: "created", content: { "application/json": { example: { id: "ord_1", sku: "SKU-7", quantity: 2 } } } } },
      },
    },
  },
};

let gateway: LocalGateway;
let simulator: OpenApiSimulator;
let acme: SdkTenant;
let rival: SdkTenant;

const importOrders = (tenant: SdkTenant) =>
  fetch(`${gateway.url}/api/v3.1/toolkits/custom/acme_orders`, {
    method: "PUT",
    headers: { "x-api-key": tenant.apiKey, "content-type": "application/json" },
    body: JSON.stringify({ openapi: ordersApi, base_url: `${simulator.url}/api/v2` }),
  });

beforeAll(async () => {
  [gateway, simulator] = await Promise.all([sharedGateway(), startOpenApiSimulator({ documents: [ordersApi] })]);
  acme = await newSdkTenant(gateway, "acme");
  rival = await newSdkTenant(gateway, "rival");
});

afterAll(async () => {
  await Promise.all([gateway?.destroy(), simulator?.close()]);
});

describe("a project's own OpenAPI toolkit", () => {
  it("is imported, connected through the SDK and executed against its own description", async () => {
    const imported = await importOrders(acme);
    expect(imported.status).toBe(201);
    expect(await imported.json()).toMatchObject({ slug: "acme_orders", tools_count: 2, auth_schemes: ["API_KEY"] });

    const authConfig = await acme.composio.authConfigs.create("acme_orders", { type: "use_custom_auth", authScheme: "API_KEY", name: "Orders", credentials: {} });
    await acme.composio.connectedAccounts.initiate("ana", authConfig.id, { config: AuthScheme.APIKey({ api_key: "orders-secret" }) });

    const tools = await acme.composio.tools.getRawComposioTools({ toolkits: ["acme_orders"] });
    expect(tools.map((tool) => tool.slug).sort()).toEqual(["ACME_ORDERS_LIST_ORDERS", "ACME_ORDERS_PLACE_AN_ORDER"]);

    simulator.clearRequests();
    const placed = await acme.composio.tools.execute("ACME_ORDERS_PLACE_AN_ORDER", { userId: "ana", arguments: { sku: "SKU-7", quantity: 2 }, dangerouslySkipVersionCheck: true });
    expect(placed).toMatchObject({ successful: true, data: { id: "ord_1" } });
    const listed = await acme.composio.tools.execute("ACME_ORDERS_LIST_ORDERS", { userId: "ana", arguments: { status: "open" }, dangerouslySkipVersionCheck: true });
    expect(listed.successful).toBe(true);

    const seen = simulator.requests();
    expect(seen.map((r) => [r.operation, r.valid, r.problems])).toEqual([
      ["POST /orders", true, []],
      ["GET /orders", true, []],
    ]);
    expect(seen[0]?.headers["x-orders-key"]).toBe("orders-secret");
  });

  it("is invisible to another project", async () => {
    const listed = await fetch(`${gateway.url}/api/v3.1/toolkits?limit=1000`, { headers: { "x-api-key": rival.apiKey } });
    expect(((await listed.json()) as { items: { slug: string }[] }).items.map((t) => t.slug)).not.toContain("acme_orders");
    const tool = await fetch(`${gateway.url}/api/v3.1/tools/ACME_ORDERS_LIST_ORDERS`, { headers: { "x-api-key": rival.apiKey } });
    expect(tool.status).toBe(404);
    // The rival may import its own toolkit under the same slug: slugs are per project.
    expect((await importOrders(rival)).status).toBe(201);
  });
});

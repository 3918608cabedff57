import { experimental_createTool, experimental_createToolkit, type Composio } from "@composio/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import type { Upstream } from "../upstream/server.ts";
import { newSdkTenant, startGatewayAndSimulator } from "./sdk-tenant.ts";

/**
 * Custom tools end to end, through the official SDK against the real gateway: the SDK sends
 * their definitions on create (and attach), the gateway stores them and makes them findable
 * (search, schemas), and the agent's calls to them run the application's execute functions
 * in this process, never the gateway.
 */
let gateway: LocalGateway;
let upstream: Upstream;
let composio: Composio;
const calls: { tool: string; input: unknown; userId?: string }[] = [];

const weather = experimental_createTool("GET_WEATHER", {
  name: "Get weather",
  description: "Returns the current weather forecast for a city.",
  inputParams: z.object({ city: z.string() }),
  execute: async (input, ctx) => {
    calls.push({ tool: "GET_WEATHER", input, userId: ctx.userId });
    return { city: input.city, forecast: "sunny" };
  },
});

const crm = experimental_createToolkit("CRM", {
  name: "In-house CRM",
  description: "The company's own customer records.",
  preload: true,
  tools: [
    experimental_createTool("FIND_CUSTOMER", {
      name: "Find customer",
      description: "Looks up a customer record by email address in the in-house CRM.",
      inputParams: z.object({ email: z.string() }),
      execute: async (input) => {
        calls.push({ tool: "FIND_CUSTOMER", input });
        return { name: "Ada Lovelace", email: input.email };
      },
    }),
  ],
});

beforeAll(async () => {
  ({ gateway, upstream } = await startGatewayAndSimulator());
  ({ composio } = await newSdkTenant(gateway, "custom-tools-sdk"));
});

afterAll(async () => {
  await Promise.all([gateway?.destroy(), upstream?.close()]);
});

/** The default provider (OpenAI) wraps each tool as `{ type: "function", function: { name, … } }`. */
type FunctionTool = { function: { name: string } };

describe("custom tools through the official SDK", () => {
  it("finds a custom tool through the session's search and runs it in this process with the agent's arguments", async () => {
    const session = await composio.create("user_123", { experimental: { customTools: [weather], customToolkits: [crm] } });
    expect(session.customTools().map((tool) => tool.slug).sort()).toEqual(["LOCAL_CRM_FIND_CUSTOMER", "LOCAL_GET_WEATHER"]);

    const found = await session.search({ query: "what is the weather forecast in Paris" });
    expect(found.results[0]?.primaryToolSlugs[0]).toBe("LOCAL_GET_WEATHER");
    expect(found.toolSchemas.LOCAL_GET_WEATHER?.inputSchema).toMatchObject({ properties: { city: { type: "string" } } });

    // The agent searches, then calls the tool it found: the SDK runs it here, never on the gateway.
    calls.length = 0;
    const outputs = await composio.provider.handleToolCalls(session, {
      choices: [
        {
          message: {
            tool_calls: [
              { id: "call_1", type: "function", function: { name: "COMPOSIO_SEARCH_TOOLS", arguments: JSON.stringify({ queries: [{ use_case: "find a customer by email" }] }) } },
              { id: "call_2", type: "function", function: { name: "LOCAL_GET_WEATHER", arguments: JSON.stringify({ city: "Paris" }) } },
            ],
          },
        },
      ],
    } as never);
    const [search, run] = outputs.map((o) => JSON.parse(String(o.content)) as { successful: boolean; data: Record<string, unknown>; error: string | null });
    expect((search?.data.results as { primary_tool_slugs: string[] }[])[0]?.primary_tool_slugs[0]).toBe("LOCAL_CRM_FIND_CUSTOMER");
    expect(run).toMatchObject({ successful: true, error: null, data: { city: "Paris", forecast: "sunny" } });
    expect(calls).toEqual([{ tool: "GET_WEATHER", input: { city: "Paris" }, userId: "user_123" }]);

    // By slug directly too, and the toolkit's preloaded tool is in session.tools().
    const direct = await session.execute("LOCAL_CRM_FIND_CUSTOMER", { email: "ada@example.com" });
    expect(direct).toMatchObject({ error: null, data: { name: "Ada Lovelace" } });
    expect(((await session.tools()) as unknown as FunctionTool[]).map((tool) => tool.function.name)).toContain("LOCAL_CRM_FIND_CUSTOMER");
  });

  it("restores them with use(id, { customTools }) in a later turn", async () => {
    const created = await composio.create("user_123", { experimental: { customTools: [weather] } });
    const resumed = await composio.use(created.sessionId, { customTools: [weather], customToolkits: [crm] });
    expect(resumed.customTools().map((tool) => tool.slug).sort()).toEqual(["LOCAL_CRM_FIND_CUSTOMER", "LOCAL_GET_WEATHER"]);
    const found = await resumed.search({ query: "look up customer by email" });
    expect(found.results[0]?.primaryToolSlugs[0]).toBe("LOCAL_CRM_FIND_CUSTOMER");
    calls.length = 0;
    expect(await resumed.execute("FIND_CUSTOMER", { email: "bob@example.com" })).toMatchObject({ error: null, data: { email: "bob@example.com" } });
    expect(calls).toEqual([{ tool: "FIND_CUSTOMER", input: { email: "bob@example.com" } }]);
  });
});

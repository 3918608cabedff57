import type { Composio } from "@composio/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import type { Upstream } from "../upstream/server.ts";
import { connectSimulatedGitHub, newSdkTenant, startGatewayAndSimulator } from "./sdk-tenant.ts";

/**
 * The acceptance path of the catalog and executor, driven by the official SDK against
 * the real gateway, with GitHub simulated at the network boundary.
 */
let gateway: LocalGateway;
let upstream: Upstream;
let composio: Composio;
let apiKey: string;

beforeAll(async () => {
  ({ gateway, upstream } = await startGatewayAndSimulator());
  ({ apiKey, composio } = await newSdkTenant(gateway, "sdk"));
});

afterAll(async () => {
  await Promise.all([gateway?.destroy(), upstream?.close()]);
});

describe("tools through the official SDK", () => {
  it("lists a toolkit's tools", async () => {
    const tools = await composio.tools.getRawComposioTools({ toolkits: ["github"], limit: 50 });
    expect(tools.length).toBeGreaterThan(10);
    expect(tools.every((tool) => tool.slug.startsWith("GITHUB_"))).toBe(true);
    const wrapped = await composio.tools.get("user-1", { toolkits: ["github"], limit: 5 });
    expect(wrapped.length).toBeGreaterThan(0);
  });

  it("creates an issue upstream with a key-based account, and logs it", async () => {
    // Connected as octocat, so the request checked below carries its token, gho_octocat_token.
    const account = await connectSimulatedGitHub(composio, upstream, "user-1");
    expect(account.status).toBe("ACTIVE");

    const result = await composio.tools.execute("GITHUB_CREATE_AN_ISSUE", {
      userId: "user-1",
      arguments: { owner: "octocat", repo: "hello-world", title: "Filed through Switchboard", labels: ["bug"] },
      dangerouslySkipVersionCheck: true,
    });
    expect(result.successful).toBe(true);
    expect(result.data).toMatchObject({ title: "Filed through Switchboard", number: 4 });

    const sent = upstream.requests().filter((r) => r.method === "POST" && r.path === "/repos/octocat/hello-world/issues");
    expect(sent).toHaveLength(1);
    expect(sent[0]?.headers.authorization).toBe("Bearer gho_octocat_token");

    const logId = result.logId ?? (result as { log_id?: string }).log_id;
    const log = await fetch(`${gateway.url}/api/v3.1/internal/action_execution/log/${logId}`, { headers: { "x-api-key": apiKey } });
    expect(log.status).toBe(200);
    expect(await log.json()).toMatchObject({ tool_slug: "GITHUB_CREATE_AN_ISSUE", status: "success", upstream_status: 201, user_id: "user-1" });
  });

  it("answers bad arguments with an error naming the field", async () => {
    const result = await composio.tools.execute("GITHUB_CREATE_AN_ISSUE", {
      userId: "user-1",
      arguments: { owner: "octocat", repo: "hello-world" },
      dangerouslySkipVersionCheck: true,
    });
    expect(result.successful).toBe(false);
    expect(result.error).toContain("arguments.title is required");
  });

  it("runs the documented alias GITHUB_CREATE_ISSUE", async () => {
    const result = await composio.tools.execute("GITHUB_CREATE_ISSUE", {
      userId: "user-1",
      arguments: { owner: "octocat", repo: "hello-world", title: "Via the alias" },
      dangerouslySkipVersionCheck: true,
    });
    expect(result.successful).toBe(true);
  });
});

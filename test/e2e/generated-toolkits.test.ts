import { afterAll, beforeAll, describe, it } from "vitest";
import { AdminClient } from "../../scripts/lib/admin-client.ts";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { sharedGateway } from "./shared-gateway.ts";
import { startOpenApiSimulator } from "../upstream/openapi-simulator.ts";
import { startAuthorizationServer, type AuthorizationServer } from "./oauth/authorization-server.ts";
import { checkTool, type GatewayCaller } from "./generated-toolkits/check-tool.ts";
import { connectToSimulator, type ConnectContext } from "./generated-toolkits/connect-account.ts";
import { generatedToolkits, specDocuments } from "./generated-toolkits/generated-sources.ts";
import { fixedTools, sampleTools } from "./generated-toolkits/sample-tools.ts";

/**
 * Every toolkit the OpenAPI generator wrote, checked end to end: a sample of its tools run
 * through the real gateway against a simulator built from the very descriptions the
 * toolkit was generated from. Each call must reach the simulator as exactly one request
 * the real API would accept in form — method, path, query, body, credentials — and come
 * back successful. A failure here is a generator (or executor) bug, named by tool.
 * Toolkits that cannot be checked are skipped with the reason printed.
 */

let gateway: LocalGateway;
let authorizationServer: AuthorizationServer;
let apiKey: string;
const outcomes = new Map<string, string>();

const call: GatewayCaller = async (method, path, body) => {
  const response = await fetch(`${gateway.url}${path}`, {
    method,
    headers: { "x-api-key": apiKey, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json().catch(() => ({}))) as Record<string, unknown> };
};

beforeAll(async () => {
  [gateway, authorizationServer] = await Promise.all([sharedGateway(), startAuthorizationServer()]);
  const admin = new AdminClient(gateway.url, gateway.adminKey);
  const project = await admin.createProject("generated-toolkits");
  apiKey = (await admin.createApiKey(project.id, "e2e")).key;
});

afterAll(async () => {
  const rows = [...outcomes].sort(([a], [b]) => a.localeCompare(b)).map(([slug, outcome]) => `  ${slug.padEnd(24)} ${outcome}`);
  console.log(`Generated toolkits against the OpenAPI simulator:\n${rows.join("\n")}`);
  await Promise.all([gateway?.destroy(), authorizationServer?.close()]);
});

describe("generated toolkits against a simulator of their OpenAPI descriptions", () => {
  const toolkits = generatedToolkits().map((entry) => [entry.fillOf ? `${entry.fillOf} (fill)` : entry.toolkit.slug, entry] as const);

  it.concurrent.for(toolkits)("%s", async ([slug, entry], { skip, expect }) => {
    const skipBecause = (reason: string) => {
      outcomes.set(slug, `skipped: ${reason}`);
      console.log(`${slug}: skipped: ${reason}`);
      skip(reason);
    };
    if (entry.unavailable) return skipBecause(entry.unavailable);
    if ((await call("GET", `/api/v3.1/toolkits/${entry.toolkit.slug}`)).status === 404) return skipBecause("not in the gateway's catalog: run `npm run catalog:build`");
    const sample = entry.fixedTools ? fixedTools(entry.toolkit, entry.fixedTools) : sampleTools(entry.toolkit);
    if (!entry.toolkit.tools.length) return skipBecause("no generated tools");
    if (!sample.length) return skipBecause("every tool has a base URL of its own, which an auth config cannot redirect");

    const sim = await startOpenApiSimulator({ documents: specDocuments(entry.specFiles, entry.sourceAuth) });
    try {
      const userId = `user-${entry.toolkit.slug}${entry.fillOf ? "-fill" : ""}`;
      const ctx: ConnectContext = { call, gatewayUrl: gateway.url, apiKey, authorizationServer };
      const noAuth = await connectToSimulator(ctx, entry, sim.url, userId);
      if (noAuth) return skipBecause(noAuth);
      const failures: string[] = [];
      const notes: string[] = [];
      for (const sampled of sample) {
        const check = await checkTool(call, sim, userId, sampled);
        if (check.failure) failures.push(check.failure);
        notes.push(...check.notes);
      }
      const lines = [...failures.map((f) => `    ✗ ${f}`), ...notes.map((n) => `    · ${n}`)];
      outcomes.set(slug, `${sample.length - failures.length}/${sample.length} passed${lines.length ? `\n${lines.join("\n")}` : ""}`);
      expect(failures).toEqual([]);
    } finally {
      await sim.close();
    }
  });
});

import type { TestProject } from "vitest/node";
import { startLocalGateway } from "../../scripts/lib/local-gateway.ts";
import type { SharedGatewayInfo } from "./shared-gateway.ts";

/**
 * One gateway for the whole e2e run (vitest `globalSetup`): starting wrangler took ~7 s a file.
 * Files that restart a gateway, or need other secrets or vars, still start their own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const gateway = await startLocalGateway();
  const info: SharedGatewayInfo = { url: gateway.url, adminKey: gateway.adminKey, secrets: gateway.secrets, persistDir: gateway.persistDir };
  project.provide("sharedGateway", info);
  return () => gateway.destroy();
}

import type { TestProject } from "vitest/node";
import { startLocalGateway } from "../../scripts/lib/local-gateway.ts";
import { generateSecrets } from "../../scripts/lib/local-secrets.ts";
import type { SharedGatewayInfo } from "./shared-gateway.ts";

/**
 * One gateway for the whole e2e run (vitest `globalSetup`): starting wrangler took ~7 s a file.
 * Files that restart a gateway, or need other secrets or vars, still start their own.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // The operator offers a Slack OAuth app: the SDK's "Composio-managed" auth config paths need one.
  const secrets = { ...generateSecrets(), DEFAULT_OAUTH_APPS: JSON.stringify({ slack: { client_id: "operator-slack", client_secret: "operator-slack-secret" } }) };
  const gateway = await startLocalGateway({ secrets });
  const info: SharedGatewayInfo = { url: gateway.url, adminKey: gateway.adminKey, secrets: gateway.secrets, persistDir: gateway.persistDir };
  project.provide("sharedGateway", info);
  return () => gateway.destroy();
}

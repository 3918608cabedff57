import { AuthScheme, Composio } from "@composio/core";
import { AdminClient } from "../../scripts/lib/admin-client.ts";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { startUpstream, TOKENS, type Upstream } from "../upstream/server.ts";
import { sharedGateway } from "./shared-gateway.ts";

/**
 * The setup the SDK-driven end-to-end tests share: the real gateway beside the GitHub
 * simulator, a project of their own on it with an official SDK client, and a user whose
 * GitHub account is octocat's on the simulator. Anything a test needs beyond that (other
 * projects, other toolkits, more accounts) stays in the test, where its reader sees it.
 */

/** The run's shared gateway, and a simulator of the file's own. */
export async function startGatewayAndSimulator(): Promise<{ gateway: LocalGateway; upstream: Upstream }> {
  const [gateway, upstream] = await Promise.all([sharedGateway(), startUpstream()]);
  return { gateway, upstream };
}

export interface SdkTenant {
  apiKey: string;
  composio: Composio;
}

/**
 * A fresh project with a key and an SDK client on it; call again for "another project". The
 * name gets a random suffix: project names are unique, and the gateway is shared by every file.
 */
export async function newSdkTenant(gateway: LocalGateway, projectName: string): Promise<SdkTenant> {
  const admin = new AdminClient(gateway.url, gateway.adminKey);
  const project = await admin.createProject(`${projectName}-${crypto.randomUUID().slice(0, 8)}`);
  const apiKey = (await admin.createApiKey(project.id, projectName)).key;
  // allowTracking off: the SDK's usage analytics have no business leaving a test run.
  const composio = new Composio({ apiKey, baseURL: gateway.url, allowTracking: false });
  return { apiKey, composio };
}

/** A key-based GitHub auth config whose calls go to the simulator instead of api.github.com. */
export async function createSimulatedGitHubConfig(composio: Composio, upstream: Upstream): Promise<string> {
  const authConfig = await composio.authConfigs.create("github", {
    type: "use_custom_auth",
    authScheme: "BEARER_TOKEN",
    name: "GitHub via simulator",
    credentials: { base_url: upstream.url },
  });
  return authConfig.id;
}

/** Connects `userId` to the simulator as octocat, the user its seed data is built around. */
export async function connectSimulatedGitHub(composio: Composio, upstream: Upstream, userId: string) {
  const authConfigId = await createSimulatedGitHubConfig(composio, upstream);
  return composio.connectedAccounts.initiate(userId, authConfigId, { config: AuthScheme.BearerToken({ token: TOKENS.octocat }) });
}

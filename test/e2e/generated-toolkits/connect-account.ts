import type { AuthorizationServer } from "../oauth/authorization-server.ts";
import { connectViaOAuth, createLink } from "../oauth/connect-flow.ts";
import type { GatewayCaller } from "./check-tool.ts";
import { chooseAuth, type GeneratedToolkit } from "./generated-sources.ts";

/**
 * Connects a user to a toolkit through an auth config whose base URL is the simulator:
 * with a key-based scheme when the toolkit offers one, else through the Connect Link OAuth
 * flow against the mock authorization server (the token it issues is sent as a bearer
 * token, as any OAuth2 token is). The toolkit's base path (`/api/1.0`) is kept, so the
 * simulator sees the path the real API would.
 */

export interface ConnectContext {
  call: GatewayCaller;
  gatewayUrl: string;
  apiKey: string;
  authorizationServer: AuthorizationServer;
}

// Never fetched: the flow stops at the gateway's redirect to it.
const APP_CALLBACK = "http://127.0.0.1:9/app/callback";

async function createConfig(ctx: ConnectContext, slug: string, authScheme: string, credentials: Record<string, string>): Promise<string> {
  const config = await ctx.call("POST", "/api/v3.1/auth_configs", { toolkit: { slug }, auth_config: { type: "use_custom_auth", authScheme, credentials } });
  if (config.status !== 201) throw new Error(`auth config for ${slug}: ${config.status} ${JSON.stringify(config.body)}`);
  return (config.body.auth_config as { id: string }).id;
}

/** Returns why the toolkit cannot be connected, or `undefined` once `userId` is connected. */
export async function connectToSimulator(ctx: ConnectContext, entry: GeneratedToolkit, simulatorUrl: string, userId: string): Promise<string | undefined> {
  const { slug } = entry.toolkit;
  const baseUrl = `${simulatorUrl}${new URL(entry.toolkit.baseUrl).pathname.replace(/\/+$/, "")}`;
  const auth = chooseAuth(entry.toolkit);
  if (auth) {
    const authConfigId = await createConfig(ctx, slug, auth.scheme, { base_url: baseUrl });
    const account = await ctx.call("POST", "/api/v3.1/connected_accounts", {
      auth_config: { id: authConfigId },
      connection: { user_id: userId, state: { authScheme: auth.scheme, val: auth.val } },
    });
    if (account.status !== 201) throw new Error(`connected account for ${slug}: ${account.status} ${JSON.stringify(account.body)}`);
    return undefined;
  }
  if (!entry.toolkit.authSchemes.some((scheme) => scheme.type === "OAUTH2")) return `no scheme the gateway can connect among ${entry.toolkit.authSchemes.map((s) => s.type).join(", ")}`;
  const server = ctx.authorizationServer;
  const authConfigId = await createConfig(ctx, slug, "OAUTH2", {
    client_id: "generated-toolkits-client",
    client_secret: "generated-toolkits-secret",
    authorization_url: server.authorizeUrl,
    token_url: server.tokenUrl,
    base_url: baseUrl,
  });
  const link = await createLink(ctx.gatewayUrl, ctx.apiKey, { auth_config_id: authConfigId, user_id: userId, callback_url: APP_CALLBACK });
  const returned = await connectViaOAuth(link.redirect_url);
  if (returned.searchParams.get("status") !== "success") throw new Error(`OAuth connection for ${slug} ended with ${returned.href}`);
  return undefined;
}

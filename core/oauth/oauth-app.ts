import { z } from "zod";
import type { ToolkitInfo } from "../catalog/registry.ts";
import { KeyRing } from "../crypto/keyring.ts";
import type { AuthConfigRow } from "../db/schema.ts";
import { authConfigAad } from "../crypto/aad.ts";
import { ApiError } from "../http/errors.ts";

/** Everything needed to talk OAuth 2.0 to one provider for one auth config. */
export interface OAuthApp {
  clientId: string;
  clientSecret: string;
  authorizeUrl: string;
  tokenUrl: string;
  revokeUrl: string | undefined;
  scopes: string[];
  scopeSeparator: string;
  pkce: boolean;
  tokenEndpointAuthMethod: "client_secret_basic" | "client_secret_post";
  authorizeParams: Record<string, string>;
}

const ClientCredentials = z.object({ client_id: z.string().min(1), client_secret: z.string().default("") }).passthrough();
const DefaultApps = z.record(
  z.string(),
  ClientCredentials.extend({ authorize_url: z.url().optional(), token_url: z.url().optional() }),
);

function defaultApp(env: Env, toolkitSlug: string) {
  try {
    return DefaultApps.parse(JSON.parse(env.DEFAULT_OAUTH_APPS || "{}"))[toolkitSlug];
  } catch {
    throw new ApiError(503, "default_oauth_apps_invalid", "The operator's DEFAULT_OAUTH_APPS is not valid JSON of {toolkit: {client_id, client_secret}}.");
  }
}

/**
 * Resolves the OAuth app of an auth config: the project's own client (decrypted), or the
 * operator's default for managed configs, with the toolkit's endpoints unless overridden.
 */
export async function oauthAppFor(env: Env, toolkit: ToolkitInfo, authConfig: AuthConfigRow): Promise<OAuthApp> {
  const scheme = toolkit.authSchemes.find((s) => s.type === "OAUTH2");
  if (!scheme || scheme.type !== "OAUTH2") throw new ApiError(400, "oauth_not_supported", `${toolkit.name} does not offer OAuth 2.0.`);
  const managed = authConfig.isManaged ? defaultApp(env, toolkit.slug) : undefined;
  const own = authConfig.credentialsEnc
    ? ClientCredentials.safeParse(JSON.parse(await KeyRing.fromEnv(env).decrypt(authConfig.credentialsEnc, authConfigAad(authConfig))))
    : undefined;
  const client = managed ?? (own?.success ? own.data : undefined);
  if (!client) {
    throw new ApiError(400, "oauth_client_missing", `Auth config ${authConfig.id} has no OAuth client id.`, {
      suggestedFix: "Create the auth config with credentials { client_id, client_secret }, or configure DEFAULT_OAUTH_APPS.",
    });
  }
  return {
    clientId: client.client_id,
    clientSecret: client.client_secret,
    authorizeUrl: authConfig.oauthOverrides.authorize_url ?? managed?.authorize_url ?? scheme.authorizeUrl,
    tokenUrl: authConfig.oauthOverrides.token_url ?? managed?.token_url ?? scheme.tokenUrl,
    revokeUrl: authConfig.oauthOverrides.revoke_url ?? scheme.revokeUrl,
    scopes: authConfig.scopes.length > 0 ? authConfig.scopes : scheme.defaultScopes,
    scopeSeparator: scheme.scopeSeparator,
    pkce: scheme.pkce,
    tokenEndpointAuthMethod: scheme.tokenEndpointAuthMethod,
    authorizeParams: scheme.authorizeParams,
  };
}

export function hasManagedApp(env: Env, toolkitSlug: string): boolean {
  return defaultApp(env, toolkitSlug) !== undefined;
}

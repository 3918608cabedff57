import { findToolkit } from "../catalog/registry.ts";
import type { Database } from "../db/client.ts";
import { ApiError } from "../http/errors.ts";
import { newId } from "../ids.ts";
import { getAuthConfig } from "../repositories/auth-configs.ts";
import { createConnectedAccount } from "../repositories/connected-accounts.ts";
import { insertLinkRequest } from "../repositories/link-requests.ts";
import { getProject } from "../repositories/projects.ts";
import { randomToken } from "../oauth/authorize-url.ts";
import { checkCallbackUrl } from "./callback-url.ts";

export const LINK_TTL_MS = 10 * 60 * 1000;

/** How long links stay valid: LINK_TTL_SECONDS, else ten minutes. */
export function linkTtlMs(env: Pick<Env, "LINK_TTL_SECONDS">): number {
  const seconds = Number(env.LINK_TTL_SECONDS);
  return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : LINK_TTL_MS;
}

export interface NewConnectLink {
  authConfigId: string;
  userId: string;
  callbackUrl?: string;
  alias?: string;
  sessionId?: string;
  /** Defaults to LINK_TTL_MS; routes pass `linkTtlMs(env)`. */
  ttlMs?: number;
}

export interface ConnectLink {
  link_token: string;
  redirect_url: string;
  connected_account_id: string;
  expires_at: string;
}

/**
 * Starts a connection: an INITIATED account the user will complete on the Connect page,
 * and a link to that page valid for ten minutes (LINK_TTL_SECONDS), once.
 */
export async function createConnectLink(db: Database, projectId: string, publicUrl: string, input: NewConnectLink): Promise<ConnectLink> {
  const project = await getProject(db, projectId);
  const callbackUrl = checkCallbackUrl(input.callbackUrl, project.allowedCallbackOrigins);
  const authConfig = await getAuthConfig(db, projectId, input.authConfigId);
  if (authConfig.status !== "ENABLED") throw new ApiError(400, "auth_config_disabled", `Auth config ${authConfig.id} is disabled.`);
  if (!findToolkit(authConfig.toolkitSlug)) throw new ApiError(400, "toolkit_not_found", `Toolkit ${authConfig.toolkitSlug} is not in the catalog.`);
  if (authConfig.authScheme === "NO_AUTH") throw new ApiError(400, "no_auth_toolkit", `${authConfig.toolkitSlug} needs no connection.`);

  const account = await createConnectedAccount(db, projectId, {
    userId: input.userId,
    toolkitSlug: authConfig.toolkitSlug,
    authConfigId: authConfig.id,
    status: "INITIATED",
    alias: input.alias ?? null,
    credentialsEnc: async () => null,
  });
  const now = Date.now();
  const expiresAt = new Date(now + (input.ttlMs ?? LINK_TTL_MS));
  const linkId = newId("lk");
  await insertLinkRequest(db, {
    id: linkId,
    projectId,
    connectedAccountId: account.id,
    authConfigId: authConfig.id,
    userId: input.userId,
    toolkitSlug: authConfig.toolkitSlug,
    callbackUrl,
    sessionId: input.sessionId ?? null,
    status: "PENDING",
    oauthState: null,
    pkceVerifierEnc: null,
    csrfToken: randomToken(),
    expiresAt,
    usedAt: null,
    createdAt: new Date(now),
  });
  return {
    link_token: linkId,
    redirect_url: `${publicUrl}/link/${linkId}`,
    connected_account_id: account.id,
    expires_at: expiresAt.toISOString(),
  };
}

/** Where the gateway is reached from outside: PUBLIC_URL, else the request's own origin. */
export function publicUrl(env: Env, requestUrl: string): string {
  return (env.PUBLIC_URL || new URL(requestUrl).origin).replace(/\/+$/, "");
}

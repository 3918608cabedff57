import { AdminClient } from "../lib/admin-client.ts";

export interface BenchTenant {
  key: string;
  headers: Record<string, string>;
  post(path: string, body: unknown): Promise<Response>;
}

/** A fresh project and key on a running gateway. */
export async function benchTenant(gatewayUrl: string, adminKey: string): Promise<BenchTenant> {
  const admin = new AdminClient(gatewayUrl, adminKey);
  const project = await admin.createProject("bench");
  const key = (await admin.createApiKey(project.id, "bench")).key;
  const headers = { "x-api-key": key, "content-type": "application/json" };
  const post = (path: string, body: unknown) => fetch(`${gatewayUrl}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  return { key, headers, post };
}

/** Gives `bench-user` a GitHub account pointed at the upstream simulator, so tool calls have somewhere real to go. */
export async function connectBenchUser({ post }: BenchTenant, upstreamUrl: string): Promise<void> {
  const authConfig = (await (await post("/api/v3.1/auth_configs", {
    toolkit: { slug: "github" },
    auth_config: { type: "use_custom_auth", authScheme: "BEARER_TOKEN", credentials: { base_url: upstreamUrl } },
  })).json()) as { auth_config: { id: string } };
  await post("/api/v3.1/connected_accounts", {
    auth_config: { id: authConfig.auth_config.id },
    connection: { user_id: "bench-user", state: { authScheme: "BEARER_TOKEN", val: { token: "gho_octocat_token" } } },
  });
}

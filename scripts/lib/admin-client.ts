/** A small client for the operator API, shared by the CLI, `npm run dev`, tests and the benchmark. */
export interface Project {
  id: string;
  name: string;
  is_production: boolean;
  session_ttl_seconds: number;
  log_retention_days: number;
  display_name: string | null;
  logo_url: string | null;
  privacy_url: string | null;
  created_at: string;
}

/** How long a project's sessions and execution logs live; the gateway applies its defaults to what is left out. */
export interface ProjectLifetimes {
  session_ttl_seconds?: number;
  log_retention_days?: number;
}

/** How the Connect page presents the project's app to end users; null clears a field. */
export interface ProjectBranding {
  display_name?: string | null;
  logo_url?: string | null;
  privacy_url?: string | null;
}

/** DELETE /api/admin/projects/{id}: `deleting` (202) means part of it is left, and another DELETE goes on. */
export interface ProjectDeletion {
  project_id: string;
  status: "deleted" | "deleting";
  deleted: Record<"api_keys" | "mcp_credentials" | "mcp_oauth_grants" | "auth_configs" | "connected_accounts" | "link_requests" | "sessions" | "project_toolkits" | "execution_logs", number>;
  sessions_ended: number;
}

export interface ApiKey {
  id: string;
  project_id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface EncryptionStatus {
  current_key_id: string;
  keys: string[];
  rows_by_key: Record<string, number>;
}

export interface EncryptionRotation {
  reencrypted: number;
  remaining: number;
  failed: { column: string; id: string; key_id: string | null; reason: string }[];
}

export interface ToolSearchReindex {
  /** Vectors written: one per tool and one per phrasing of it. */
  upserted: number;
  tools: number;
  next_cursor: string | null;
  total: number;
}

export class GatewayError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

/**
 * One JSON request to the gateway with the given credential headers; a refusal becomes a
 * GatewayError carrying the error envelope's code and message. Shared by the admin and
 * project clients, which differ only in the key they send.
 */
export function gatewayCaller(baseUrl: string, credentials: Record<string, string>) {
  const root = baseUrl.replace(/\/+$/, "");
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${root}${path}`, {
      method,
      headers: { ...credentials, ...(body === undefined ? {} : { "content-type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const payload = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
    if (!response.ok) throw new GatewayError(response.status, payload.error?.code ?? "unknown", payload.error?.message ?? response.statusText);
    return payload as T;
  };
}

/** Follows `next_cursor` to the end of a GET listing (`?limit=100&…`). */
export async function allPages<T>(call: ReturnType<typeof gatewayCaller>, path: string, query: Record<string, string | undefined> = {}): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | null = null;
  do {
    const params = new URLSearchParams({ limit: "100" });
    for (const [name, value] of Object.entries(query)) if (value !== undefined) params.set(name, value);
    if (cursor) params.set("cursor", cursor);
    const page: Page<T> = await call("GET", `${path}?${params}`);
    all.push(...page.items);
    cursor = page.next_cursor;
  } while (cursor);
  return all;
}

export class AdminClient {
  readonly #call: ReturnType<typeof gatewayCaller>;

  constructor(baseUrl: string, adminKey: string) {
    this.#call = gatewayCaller(baseUrl, { authorization: `Bearer ${adminKey}` });
  }

  createProject(name: string, isProduction = false, settings: ProjectLifetimes & ProjectBranding = {}): Promise<Project> {
    return this.#call("POST", "/api/admin/projects", { name, is_production: isProduction, ...settings });
  }

  updateProject(projectId: string, changes: ProjectLifetimes & ProjectBranding & { is_production?: boolean; allowed_callback_origins?: string[] }): Promise<Project> {
    return this.#call("PATCH", `/api/admin/projects/${projectId}`, changes);
  }

  deleteProject(projectId: string): Promise<ProjectDeletion> {
    return this.#call("DELETE", `/api/admin/projects/${encodeURIComponent(projectId)}`);
  }

  #all<T>(path: string): Promise<T[]> {
    return allPages<T>(this.#call, path);
  }

  allProjects(): Promise<Project[]> {
    return this.#all("/api/admin/projects");
  }

  createApiKey(projectId: string, name: string): Promise<ApiKey & { key: string }> {
    return this.#call("POST", `/api/admin/projects/${projectId}/api_keys`, { name });
  }

  allApiKeys(projectId: string): Promise<ApiKey[]> {
    return this.#all(`/api/admin/projects/${projectId}/api_keys`);
  }

  revokeApiKey(projectId: string, keyId: string): Promise<ApiKey> {
    return this.#call("POST", `/api/admin/projects/${projectId}/api_keys/${keyId}/revoke`);
  }

  encryptionStatus(): Promise<EncryptionStatus> {
    return this.#call("GET", "/api/admin/encryption/status");
  }

  /** Re-encrypts one batch under the current key; call until `remaining` is 0. */
  rotateEncryption(batchSize?: number): Promise<EncryptionRotation> {
    return this.#call("POST", "/api/admin/encryption/rotate", batchSize === undefined ? {} : { batch_size: batchSize });
  }

  /** Embeds one page of the catalog into the semantic search index; call with `next_cursor` until it is null. */
  reindexToolSearch(cursor?: string, limit?: number): Promise<ToolSearchReindex> {
    return this.#call("POST", "/api/admin/search/reindex", { ...(cursor === undefined ? {} : { cursor }), ...(limit === undefined ? {} : { limit }) });
  }
}

/** Polls `/health` until the gateway answers, whatever its status. */
export async function waitForGateway(baseUrl: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      await fetch(`${baseUrl}/health`);
      return;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
  throw new Error(`The gateway at ${baseUrl} did not answer within ${timeoutMs / 1000}s.`);
}

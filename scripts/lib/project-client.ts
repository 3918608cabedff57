import { allPages, gatewayCaller } from "./admin-client.ts";

/**
 * A small client for a project's own API (auth configs, connected accounts, sessions, execution logs),
 * authenticated with a project key: what the CLI's project commands use. The operator's admin
 * key opens only /api/admin; a project's data is reached the way its app reaches it.
 */

export interface AuthConfigSummary {
  id: string;
  name: string;
  status: string;
  auth_scheme: string;
  toolkit: { slug: string };
  no_of_connections: number;
  created_at: string;
}

export interface AccountSummary {
  id: string;
  user_id: string;
  status: string;
  status_reason?: string | null;
  alias?: string | null;
  toolkit: { slug: string };
  auth_config: { id: string };
  created_at: string;
}

export interface LogSummary {
  id: string;
  user_id: string | null;
  tool_slug: string;
  toolkit_slug: string;
  status: "success" | "error";
  duration_ms: number;
  error: string | null;
  created_at: string;
}

export interface SessionSummary {
  session_id: string;
  user_id: string;
  status: string;
  created_at: string;
  mcp: { url: string };
}

export interface LogFilters {
  user_id?: string;
  toolkit_slug?: string;
  tool_slug?: string;
  status?: string;
}

export class ProjectClient {
  readonly #call: ReturnType<typeof gatewayCaller>;

  constructor(baseUrl: string, key: string) {
    this.#call = gatewayCaller(baseUrl, { "x-api-key": key });
  }

  #all<T>(path: string, query: Record<string, string | undefined>): Promise<T[]> {
    return allPages<T>(this.#call, path, query);
  }

  authConfigs(toolkit?: string): Promise<AuthConfigSummary[]> {
    return this.#all("/api/v3.1/auth_configs", { toolkit_slug: toolkit });
  }

  accounts(filters: { user?: string; toolkit?: string; status?: string }): Promise<AccountSummary[]> {
    return this.#all("/api/v3.1/connected_accounts", { user_ids: filters.user, toolkit_slugs: filters.toolkit, statuses: filters.status });
  }

  setAccountEnabled(id: string, enabled: boolean): Promise<unknown> {
    return this.#call("PATCH", `/api/v3.1/connected_accounts/${encodeURIComponent(id)}/status`, { enabled });
  }

  refreshAccount(id: string): Promise<unknown> {
    return this.#call("POST", `/api/v3.1/connected_accounts/${encodeURIComponent(id)}/refresh`);
  }

  deleteAccount(id: string): Promise<unknown> {
    return this.#call("DELETE", `/api/v3.1/connected_accounts/${encodeURIComponent(id)}`);
  }

  /** Newest first; ended (deleted or expired) ones too with `includeEnded`. */
  sessions(filters: { user?: string; includeEnded?: boolean }): Promise<SessionSummary[]> {
    return this.#all("/api/v3.1/tool_router/session", { user_id: filters.user, include_ended: filters.includeEnded ? "true" : undefined });
  }

  createSession(userId: string, toolkits: string[]): Promise<{ session_id: string; mcp: { url: string } }> {
    return this.#call("POST", "/api/v3.1/tool_router/session", { user_id: userId, ...(toolkits.length ? { toolkits: { enable: toolkits } } : {}) });
  }

  /** One page of logs, oldest first, from `from` (ms) on. */
  logs(filters: LogFilters, page: { limit: number; cursor?: string | null; from?: number }): Promise<{ data: LogSummary[]; next_cursor: string | null }> {
    const search_params = Object.entries(filters)
      .filter(([, value]) => value !== undefined)
      .map(([field, value]) => ({ field, operation: "==", value }));
    return this.#call("POST", "/api/v3.1/internal/action_execution/logs", {
      limit: page.limit,
      search_params,
      ...(page.cursor ? { cursor: page.cursor } : {}),
      ...(page.from === undefined ? {} : { from: page.from }),
    });
  }
}

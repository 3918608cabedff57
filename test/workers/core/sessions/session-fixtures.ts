import { expect } from "vitest";
import { call, json } from "../../helpers.ts";
import type { ExecuteResult } from "../../fixtures.ts";

/** Builders for the session API, through the real routes. */

export const SESSIONS = "/api/v3.1/tool_router/session";

export interface SessionBody {
  session_id: string;
  mcp: { type: string; url: string; headers: Record<string, string> };
  tool_router_tools: string[];
  config: Record<string, unknown> & { user_id: string };
  config_version: number;
  warnings: { code: string; message: string }[];
}

export async function createSession(key: string, body: Record<string, unknown>): Promise<SessionBody> {
  const response = await call("POST", SESSIONS, { key, body });
  expect(response.status, `creating a session: ${response.status === 201 ? "" : await response.clone().text()}`).toBe(201);
  return json<SessionBody>(response);
}

export async function sessionExecute(key: string, sessionId: string, body: Record<string, unknown>): Promise<ExecuteResult> {
  const response = await call("POST", `${SESSIONS}/${sessionId}/execute`, { key, body });
  expect(response.status, `executing in a session: ${response.status === 200 ? "" : await response.clone().text()}`).toBe(200);
  return json<ExecuteResult>(response);
}

export async function executeMeta<T = Record<string, unknown>>(key: string, sessionId: string, slug: string, args: Record<string, unknown>) {
  const response = await call("POST", `${SESSIONS}/${sessionId}/execute_meta`, { key, body: { slug, arguments: args } });
  expect(response.status, `running ${slug}: ${response.status === 200 ? "" : await response.clone().text()}`).toBe(200);
  return json<{ data: T; error: string | null; successful: boolean; log_id: string }>(response);
}

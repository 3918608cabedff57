import type { OpenApiSimulator } from "../../upstream/openapi-simulator.ts";
import type { SampledTool } from "./sample-tools.ts";

/**
 * One sampled tool through the gateway to the simulator. It passes when the call went out
 * as exactly one request the API would accept in form and came back successful; else
 * `failure` is a one-line account of what went wrong, precise enough to fix the generator
 * by. `notes` carry what the simulator found odd but acceptable.
 */

export interface ToolCheck {
  failure?: string;
  notes: string[];
}

export interface GatewayCaller {
  (method: string, path: string, body?: unknown): Promise<{ status: number; body: Record<string, unknown> }>;
}

function brief(value: unknown, limit = 300): string {
  const text = typeof value === "string" ? value : JSON.stringify(value);
  return text.length > limit ? `${text.slice(0, limit)}…` : text;
}

export async function checkTool(call: GatewayCaller, sim: OpenApiSimulator, userId: string, sampled: SampledTool): Promise<ToolCheck> {
  const { tool } = sampled;
  const label = `${tool.slug} (${sampled.shape}, ${tool.http.method} ${tool.http.path}, arguments ${brief(sampled.arguments, 200)})`;
  sim.clearRequests();
  const result = await call("POST", `/api/v3.1/tools/execute/${tool.slug}`, { user_id: userId, arguments: sampled.arguments });
  if (result.status !== 200) return { failure: `${label}: the gateway answered ${result.status}: ${brief(result.body)}`, notes: [] };
  const seen = sim.requests();
  if (seen.length !== 1) {
    const why = seen.length === 0 ? `tool error: ${brief(result.body.error)}` : seen.map((r) => `${r.method} ${r.path}`).join(", ");
    return { failure: `${label}: the simulator saw ${seen.length} requests (${why})`, notes: [] };
  }
  const request = seen[0]!;
  const notes = request.notes.map((note) => `${tool.slug}: ${note}`);
  if (!request.valid) {
    const query = Object.keys(request.query).length ? `?${new URLSearchParams(Object.entries(request.query).flatMap(([k, vs]) => vs.map((v) => [k, v])))}` : "";
    const body = request.body ? ` body ${brief(request.body, 200)}` : "";
    return { failure: `${label}: sent ${request.method} ${request.path}${query}${body} → ${request.status}: ${request.problems.join("; ")}`, notes };
  }
  if (result.body.successful !== true) return { failure: `${label}: valid request (${request.operation}) but the tool failed: ${brief(result.body.error)}`, notes };
  return { notes };
}

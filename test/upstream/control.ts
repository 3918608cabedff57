/**
 * The test hooks under /_sim: the log of requests the simulated APIs received, programmed
 * faults (status, headers, body, delay, dropped connection) for the next N matching
 * requests, a body of any size, token minting and revocation, and reset to the seed.
 */
import { type Reply, empty, isObject, json } from "./http.ts";
import { Router } from "./router.ts";
import type { GoogleScope, State } from "./store/types.ts";

export interface RecordedRequest {
  /** 1, 2, 3… in arrival order since the last reset. */
  seq: number;
  at: string;
  method: string;
  path: string;
  /** Query parameters; a parameter given more than once is an array. */
  query: Record<string, string | string[]>;
  /** Lower-case header names; `authorization` is kept verbatim so tests can check injected credentials. */
  headers: Record<string, string>;
  /** Parsed JSON, else the text, else null. */
  body: unknown;
  /** The status the simulator answered with (undefined while pending or when the connection was dropped). */
  status?: number;
  /** The id of the fault that shaped the answer, if one did. */
  faultId?: number;
}

export interface FaultSpec {
  /** Path prefix the fault applies to, e.g. `/repos/octocat/hello-world/issues` or `/gmail/`. */
  path: string;
  /** Only this method (any when omitted). */
  method?: string;
  /** How many matching requests it shapes (default 1). */
  times?: number;
  /** Answer with this status; without it the request is handled normally after `delayMs`. */
  status?: number;
  headers?: Record<string, string>;
  /** A string is sent as-is; anything else as JSON. */
  body?: unknown;
  /** Instead of `body`, a JSON body of exactly this many bytes. */
  bodyBytes?: number;
  /** Wait this long before answering (or before handling normally). */
  delayMs?: number;
  /** Destroy the connection without answering (after `delayMs`). */
  disconnect?: boolean;
}

export interface Fault extends FaultSpec {
  id: number;
  remaining: number;
}

/** What the control API acts on; the server owns it. */
export interface SimulatorHooks {
  log: RecordedRequest[];
  faults: Fault[];
  addFault(spec: FaultSpec): Fault;
  reset(): void;
  state(): State;
}

const MAX_HUGE = 512 * 1024 * 1024;

/** A JSON document (`{"data":"xxxx…"}`) of exactly `bytes` bytes. */
export function hugeJson(bytes: number): Buffer {
  const prefix = '{"data":"';
  const suffix = '"}';
  const buffer = Buffer.alloc(bytes, "x");
  buffer.write(prefix, 0);
  buffer.write(suffix, bytes - suffix.length);
  return buffer;
}

export const MIN_HUGE = '{"data":""}'.length;

export function validateFault(value: unknown): FaultSpec | string {
  if (!isObject(value)) return "body must be a JSON object";
  const path = value.path ?? value.pathPrefix;
  if (typeof path !== "string" || !path.startsWith("/")) return "`path` must be a path prefix starting with /";
  const spec: FaultSpec = { path };
  if (value.method !== undefined) {
    if (typeof value.method !== "string") return "`method` must be a string";
    spec.method = value.method.toUpperCase();
  }
  for (const key of ["times", "status", "bodyBytes", "delayMs"] as const) {
    const n = value[key];
    if (n === undefined) continue;
    if (typeof n !== "number" || !Number.isInteger(n) || n < 0) return `\`${key}\` must be a non-negative integer`;
    spec[key] = n;
  }
  if (spec.status !== undefined && (spec.status < 100 || spec.status > 599)) return "`status` must be an HTTP status";
  if (spec.bodyBytes !== undefined && (spec.bodyBytes < MIN_HUGE || spec.bodyBytes > MAX_HUGE)) return `\`bodyBytes\` must be between ${MIN_HUGE} and ${MAX_HUGE}`;
  if (value.headers !== undefined) {
    if (!isObject(value.headers) || !Object.values(value.headers).every((v) => typeof v === "string")) return "`headers` must map names to strings";
    spec.headers = value.headers as Record<string, string>;
  }
  if (value.body !== undefined) spec.body = value.body;
  if (value.disconnect !== undefined) spec.disconnect = value.disconnect === true;
  if (spec.status === undefined && spec.delayMs === undefined && !spec.disconnect) return "give at least one of `status`, `delayMs`, `disconnect`";
  return spec;
}

function bad(message: string): Reply {
  return json(400, { error: message });
}

export function controlRouter(hooks: SimulatorHooks): Router {
  const router = new Router();
  router
    .add("GET", "/_sim", () =>
      json(200, {
        endpoints: [
          "GET /_sim/requests[?path=prefix&method=GET]",
          "DELETE /_sim/requests",
          "POST /_sim/reset",
          "GET|POST|DELETE /_sim/faults",
          "GET /_sim/huge?bytes=N",
          "POST /_sim/tokens",
          "DELETE /_sim/tokens/{token}",
        ],
      }),
    )
    .add("GET", "/_sim/requests", (ctx) => {
      const prefix = ctx.query.get("path");
      const method = ctx.query.get("method")?.toUpperCase();
      const requests = hooks.log.filter((r) => (!prefix || r.path.startsWith(prefix)) && (!method || r.method === method));
      return json(200, { requests });
    })
    .add("DELETE", "/_sim/requests", () => {
      hooks.log.length = 0;
      return empty(204);
    })
    .add("POST", "/_sim/reset", () => {
      hooks.reset();
      return json(200, { reset: true });
    })
    .add("GET", "/_sim/faults", () => json(200, { faults: hooks.faults }))
    .add("POST", "/_sim/faults", (ctx) => {
      // One fault or a list of them, applied in order.
      const specs = Array.isArray(ctx.body) ? ctx.body : [ctx.body];
      const valid: FaultSpec[] = [];
      for (const value of specs) {
        const spec = validateFault(value);
        if (typeof spec === "string") return bad(spec);
        valid.push(spec);
      }
      const faults = valid.map((spec) => hooks.addFault(spec));
      return json(201, Array.isArray(ctx.body) ? { faults } : faults[0]);
    })
    .add("DELETE", "/_sim/faults", () => {
      hooks.faults.length = 0;
      return empty(204);
    })
    .add("GET", "/_sim/huge", (ctx) => {
      const bytes = Number(ctx.query.get("bytes") ?? "1048576");
      if (!Number.isInteger(bytes) || bytes < MIN_HUGE || bytes > MAX_HUGE) return bad(`bytes must be an integer between ${MIN_HUGE} and ${MAX_HUGE}`);
      return { status: 200, headers: { "content-type": "application/json; charset=utf-8" }, text: hugeJson(bytes) };
    })
    .add("POST", "/_sim/tokens", (ctx) => {
      const body = isObject(ctx.body) ? ctx.body : {};
      const state = hooks.state();
      if (typeof body.token !== "string" || body.token === "") return bad("`token` is required");
      if (body.provider === "github") {
        const login = body.login;
        if (typeof login !== "string" || !state.github.users.some((u) => u.login === login)) return bad("`login` must be a seeded GitHub user");
        state.github.tokens.set(body.token, { login, scopes: typeof body.scopes === "string" ? body.scopes : "repo, user" });
        return json(201, { provider: "github", token: body.token, login });
      }
      if (body.provider === "google") {
        const email = body.email;
        if (typeof email !== "string" || !state.google.accounts.some((a) => a.email === email)) return bad("`email` must be a seeded Google account");
        const scopes = Array.isArray(body.scopes) ? body.scopes.filter((s): s is GoogleScope => s === "gmail" || s === "calendar") : (["gmail", "calendar"] as GoogleScope[]);
        state.google.tokens.set(body.token, { email, scopes });
        return json(201, { provider: "google", token: body.token, email, scopes });
      }
      return bad("`provider` must be github or google");
    })
    .add("DELETE", "/_sim/tokens/{token}", (ctx, params) => {
      const state = hooks.state();
      const token = params.token ?? "";
      const removed = state.github.tokens.delete(token) || state.google.tokens.delete(token);
      return removed ? empty(204) : json(404, { error: "unknown token" });
    });
  return router;
}

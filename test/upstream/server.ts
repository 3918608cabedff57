/**
 * The upstream simulator: one local HTTP server standing in for api.github.com,
 * gmail.googleapis.com (/gmail/v1) and www.googleapis.com (/calendar/v3), with test hooks
 * under /_sim. State lives in memory, per server; `reset()` restores the seed.
 *
 *   const upstream = await startUpstream();
 *   await fetch(`${upstream.url}/user`, { headers: { authorization: "Bearer gho_octocat_token" } });
 *   upstream.requests(); // what arrived, Authorization included
 */
import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { registerCalendar } from "./calendar.ts";
import { type Fault, type FaultSpec, type RecordedRequest, controlRouter, hugeJson } from "./control.ts";
import { registerGitHub, githubNotFound } from "./github.ts";
import { registerGmail } from "./gmail.ts";
import { type Ctx, type Reply, parseBody, readBody } from "./http.ts";
import { Router } from "./router.ts";
import { createSeed } from "./store/seed.ts";
import type { State } from "./store/types.ts";

export type { Fault, FaultSpec, RecordedRequest } from "./control.ts";
export { TOKENS } from "./store/seed.ts";

export interface UpstreamOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
}

export interface Upstream {
  /** `http://127.0.0.1:<port>`, no trailing slash. */
  url: string;
  close(): Promise<void>;
  /** A snapshot of the requests the simulated APIs received (control calls excluded). */
  requests(): RecordedRequest[];
  /** Restores the seed and clears the request log and pending faults. */
  reset(): void;
  /** Programs a fault, as `POST /_sim/faults` does. */
  fault(spec: FaultSpec): Fault;
  /** Empties the request log only. */
  clearRequests(): void;
}

const GOOGLE_404 = `<!DOCTYPE html>
<html lang=en>
  <meta charset=utf-8>
  <title>Error 404 (Not Found)!!1</title>
  <p><b>404.</b> <ins>That’s an error.</ins>
  <p>The requested URL was not found on this server.  <ins>That’s all we know.</ins>
`;

function apiRouter(): Router {
  const router = new Router();
  registerGitHub(router);
  registerGmail(router);
  registerCalendar(router);
  return router;
}

function flatHeaders(headers: IncomingMessage["headers"]): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(", ") : value;
  }
  return flat;
}

function flatQuery(query: URLSearchParams): Record<string, string | string[]> {
  const flat: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    flat[key] = values.length === 1 ? (values[0] ?? "") : values;
  }
  return flat;
}

function write(res: ServerResponse, reply: Reply): void {
  if (res.destroyed || res.headersSent) return;
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(reply.headers ?? {})) headers[name.toLowerCase()] = value;
  let payload: Buffer | undefined;
  if (reply.json !== undefined) {
    payload = Buffer.from(JSON.stringify(reply.json));
    headers["content-type"] ??= "application/json; charset=utf-8";
  } else if (reply.text !== undefined) {
    payload = Buffer.isBuffer(reply.text) ? reply.text : Buffer.from(reply.text);
    headers["content-type"] ??= "text/plain; charset=utf-8";
  }
  if (reply.status === 204 || reply.status === 304) payload = undefined;
  headers["content-length"] = String(payload?.length ?? 0);
  res.writeHead(reply.status, headers);
  res.end(payload);
}

function faultReply(fault: Fault): Reply {
  const headers = { ...fault.headers };
  if (fault.bodyBytes !== undefined) return { status: fault.status ?? 200, headers: { "content-type": "application/json; charset=utf-8", ...headers }, text: hugeJson(fault.bodyBytes) };
  if (fault.body === undefined) return { status: fault.status ?? 500, headers, json: fault.status && fault.status >= 400 ? { message: "Simulated fault" } : undefined };
  if (typeof fault.body === "string") return { status: fault.status ?? 500, headers, text: fault.body };
  return { status: fault.status ?? 500, headers, json: fault.body };
}

export async function startUpstream(options: UpstreamOptions = {}): Promise<Upstream> {
  let state: State = createSeed();
  const log: RecordedRequest[] = [];
  const faults: Fault[] = [];
  let faultId = 0;
  let seq = 0;
  const sleepers = new Set<() => void>();
  const api = apiRouter();

  const addFault = (spec: FaultSpec): Fault => {
    const fault: Fault = { ...spec, id: ++faultId, remaining: spec.times ?? 1 };
    if (fault.method) fault.method = fault.method.toUpperCase();
    faults.push(fault);
    return fault;
  };
  const reset = (): void => {
    state = createSeed();
    log.length = 0;
    faults.length = 0;
    seq = 0;
  };
  const control = controlRouter({ log, faults, addFault, reset, state: () => state });

  /** Waits, but lets close() cut the wait short. */
  const sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });

  const takeFault = (method: string, path: string): Fault | undefined => {
    const fault = faults.find((f) => f.remaining > 0 && path.startsWith(f.path) && (!f.method || f.method === method));
    if (!fault) return undefined;
    fault.remaining--;
    if (fault.remaining === 0) faults.splice(faults.indexOf(fault), 1);
    return fault;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const bodyText = await readBody(req);
    const { body, invalid } = parseBody(bodyText, req.headers["content-type"]);
    const ctx: Ctx = {
      method,
      path: url.pathname,
      query: url.searchParams,
      headers: req.headers,
      body,
      bodyText,
      bodyInvalidJson: invalid,
      origin: `http://${req.headers.host ?? "127.0.0.1"}`,
      state,
    };

    if (url.pathname === "/_sim" || url.pathname.startsWith("/_sim/")) {
      const match = control.match(method, url.pathname);
      const reply = match && match !== "method" ? await match.handler(ctx, match.params) : { status: 404, json: { error: `no control endpoint ${method} ${url.pathname}` } };
      write(res, reply);
      return;
    }

    const record: RecordedRequest = {
      seq: ++seq,
      at: new Date().toISOString(),
      method,
      path: url.pathname,
      query: flatQuery(url.searchParams),
      headers: flatHeaders(req.headers),
      body: body ?? null,
    };
    log.push(record);

    const fault = takeFault(method, url.pathname);
    if (fault) {
      record.faultId = fault.id;
      if (fault.delayMs) await sleep(fault.delayMs);
      if (res.destroyed) return;
      if (fault.disconnect) {
        req.socket.destroy();
        return;
      }
      if (fault.status !== undefined) {
        const reply = faultReply(fault);
        record.status = reply.status;
        write(res, reply);
        return;
      }
    }

    let reply: Reply;
    const match = api.match(method, url.pathname);
    if (match && match !== "method") {
      // State may have been reset while a fault delayed this request.
      ctx.state = state;
      reply = await match.handler(ctx, match.params);
    } else if (url.pathname.startsWith("/gmail/") || url.pathname.startsWith("/calendar/")) {
      reply = { status: 404, headers: { "content-type": "text/html; charset=UTF-8" }, text: GOOGLE_404 };
    } else {
      reply = githubNotFound();
    }
    record.status = reply.status;
    write(res, reply);
  };

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      console.error("upstream simulator:", err);
      write(res, { status: 500, json: { message: "Upstream simulator error", error: err instanceof Error ? err.message : String(err) } });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => log.map((r) => structuredClone(r)),
    reset,
    fault: addFault,
    clearRequests: () => {
      log.length = 0;
    },
    close: async () => {
      for (const wake of [...sleepers]) wake();
      await new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

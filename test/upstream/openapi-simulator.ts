/**
 * A generic upstream simulator: a local HTTP server that stands in for any API it has the
 * OpenAPI description of (3.0, 3.1 or Swagger 2.0). It judges each request in form, as the
 * real API would before looking at the data — operation found by method and path, required
 * parameters and body properties present with the right primitive types, no undeclared
 * query parameters, the credentials `security` asks for — and answers 2xx with a body made
 * from the response schema or example, or 4xx with a JSON list of what was wrong. Every
 * request is recorded with its verdict, so a test can assert on what the gateway sent.
 *
 *   const sim = await startOpenApiSimulator({ documents: [spec] });
 *   // point a client at `${sim.url}/api/1.0` (the server's path prefix, as in the spec)
 *   sim.requests(); // [{ method, path, operation, valid, problems, … }]
 */
import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";
import { describeApi } from "./openapi/document.ts";
import { fakeResponse } from "./openapi/fake-response.ts";
import { createMatcher } from "./openapi/match.ts";
import type { JsonObject } from "./openapi/refs.ts";
import { judge, type IncomingRequest } from "./openapi/validate.ts";

export interface OpenApiSimulatorOptions {
  /** Parsed OpenAPI or Swagger documents; their operations are served side by side. */
  documents: object[];
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
}

export interface SimulatedRequest {
  method: string;
  path: string;
  query: Record<string, string[]>;
  headers: Record<string, string>;
  body: string;
  /** `GET /tasks/{task_gid}` (the template as the document writes it), when one matched. */
  operation?: string;
  operationId?: string;
  valid: boolean;
  status: number;
  problems: string[];
  notes: string[];
}

export interface OpenApiSimulator {
  /** `http://127.0.0.1:<port>`, no trailing slash and no server prefix. */
  url: string;
  requests(): SimulatedRequest[];
  clearRequests(): void;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function flatHeaders(req: IncomingMessage): Record<string, string> {
  return Object.fromEntries(Object.entries(req.headers).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(", ") : value]])));
}

export async function startOpenApiSimulator(options: OpenApiSimulatorOptions): Promise<OpenApiSimulator> {
  const match = createMatcher(options.documents.map((document) => describeApi(document as JsonObject)));
  let log: SimulatedRequest[] = [];

  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://simulator.local");
    const request: IncomingRequest = { method: req.method ?? "GET", pathname: url.pathname, query: url.searchParams, headers: flatHeaders(req), body: await readBody(req) };
    const verdict = judge(request, match(request.method, request.pathname));
    const operation = verdict.operation;
    log.push({
      method: request.method,
      path: request.pathname,
      query: Object.fromEntries([...new Set(url.searchParams.keys())].map((key) => [key, url.searchParams.getAll(key)])),
      headers: request.headers,
      body: request.body,
      ...(operation ? { operation: `${operation.method} ${operation.template}` } : {}),
      ...(operation?.operationId ? { operationId: operation.operationId } : {}),
      valid: verdict.valid,
      status: verdict.status,
      problems: verdict.problems,
      notes: verdict.notes,
    });
    if (!verdict.valid) {
      res.writeHead(verdict.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ error: { message: verdict.problems.join("; "), problems: verdict.problems } }));
      return;
    }
    const answer = fakeResponse(operation!);
    res.writeHead(answer.status, answer.contentType ? { "content-type": answer.contentType } : {});
    res.end(answer.body);
  });

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => [...log],
    clearRequests: () => {
      log = [];
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

/**
 * A loopback HTTP proxy that forwards every request to `target` unchanged except for one
 * added header (the API key), streaming both ways so SSE responses stay open. For test
 * clients that cannot send a header of their own, such as the MCP conformance suite.
 */
export interface KeyProxy {
  url: string;
  close(): Promise<void>;
}

/** Hop-by-hop and framing headers belong to each connection, not to the message. */
const NOT_FORWARDED = new Set(["host", "connection", "keep-alive", "transfer-encoding", "content-length", "upgrade", "proxy-connection"]);
/** fetch has already decoded the body, so these no longer describe it. */
const NOT_RETURNED = new Set(["content-encoding", "content-length", "transfer-encoding", "connection", "keep-alive"]);

function forwardedHeaders(incoming: IncomingHttpHeaders, added: Record<string, string>): Headers {
  const headers = new Headers();
  for (const [name, value] of Object.entries(incoming)) {
    if (value === undefined || NOT_FORWARDED.has(name)) continue;
    headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  for (const [name, value] of Object.entries(added)) headers.set(name, value);
  return headers;
}

export async function startKeyProxy(target: string, added: Record<string, string>): Promise<KeyProxy> {
  const server = createServer(async (req, res) => {
    const aborted = new AbortController();
    res.on("close", () => aborted.abort());
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const upstream = await fetch(new URL(req.url ?? "/", target), {
        method: req.method ?? "GET",
        headers: forwardedHeaders(req.headers, added),
        ...(chunks.length ? { body: Buffer.concat(chunks) } : {}),
        signal: aborted.signal,
        redirect: "manual",
      });
      const headers: Record<string, string> = {};
      upstream.headers.forEach((value, name) => {
        if (!NOT_RETURNED.has(name)) headers[name] = value;
      });
      res.writeHead(upstream.status, headers);
      if (upstream.body) Readable.fromWeb(upstream.body as import("node:stream/web").ReadableStream).on("error", () => res.destroy()).pipe(res);
      else res.end();
    } catch {
      if (!res.headersSent) res.writeHead(502).end();
      else res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

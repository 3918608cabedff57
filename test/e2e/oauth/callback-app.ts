/**
 * The developer's app in the Connect Link tests: a tiny local HTTP server whose URL is the
 * link's `callbackUrl`. It records how it was called (the gateway appends `status`,
 * `connected_account_id` and, on failure, `error`) and answers a small page.
 */
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";

export interface CallbackHit {
  path: string;
  query: Record<string, string>;
}

export interface CallbackApp {
  /** `http://127.0.0.1:<port>`. */
  url: string;
  hits(): CallbackHit[];
  close(): Promise<void>;
}

export async function startCallbackApp(): Promise<CallbackApp> {
  const hits: CallbackHit[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const query = Object.fromEntries(url.searchParams);
    hits.push({ path: url.pathname, query });
    const ok = query.status === "success";
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Example app</title></head>
<body style="font:17px system-ui;margin:2rem"><h1>${ok ? "Connected" : "Not connected"}</h1>
<p id="outcome">status=${escape(query.status ?? "")} connected_account_id=${escape(query.connected_account_id ?? "")}${query.error ? ` error=${escape(query.error)}` : ""}</p></body></html>`);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits: () => hits.map((hit) => ({ ...hit, query: { ...hit.query } })),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => (err ? reject(err) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function escape(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

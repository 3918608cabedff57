import { DurableObject } from "cloudflare:workers";

/**
 * The least a request of each session benchmark case can cost on this runtime, with no gateway
 * logic at all: no key check, no routing library, no logging. The gateway's ratios are read
 * against these (scripts/bench/sessions.ts).
 */

interface FloorEnv {
  FLOOR: DurableObjectNamespace<FloorObject>;
}

export class FloorObject extends DurableObject<FloorEnv> {
  /** One RPC round trip and nothing else: what a warm session's `tools/list` cannot avoid. */
  async ping(): Promise<number> {
    return 1;
  }

  /** One SQLite table and row in a new object: what creating a session's object cannot avoid. */
  async open(): Promise<number> {
    this.ctx.storage.sql.exec("CREATE TABLE IF NOT EXISTS opened (at INTEGER NOT NULL)");
    this.ctx.storage.sql.exec("INSERT INTO opened (at) VALUES (?)", Date.now());
    return 1;
  }

  /** The upstream request made from the object, its body read whole: what a tool call cannot avoid. */
  async forward(url: string, authorization: string): Promise<string> {
    return (await fetch(url, { headers: { authorization } })).text();
  }
}

export default {
  async fetch(request, env): Promise<Response> {
    const url = new URL(request.url);
    switch (url.pathname) {
      case "/bare":
        return Response.json({ status: "ok" });
      case "/object":
        return Response.json({ value: await env.FLOOR.getByName("warm").ping() });
      case "/new-object":
        return Response.json({ value: await env.FLOOR.getByName(crypto.randomUUID()).open() }, { status: 201 });
      case "/upstream-through-object":
        return new Response(await env.FLOOR.getByName("warm").forward(url.searchParams.get("url") ?? "", request.headers.get("authorization") ?? ""), {
          headers: { "content-type": "application/json" },
        });
      default:
        return new Response("not found", { status: 404 });
    }
  },
} satisfies ExportedHandler<FloorEnv>;

import { exports } from "cloudflare:workers";
import { describe, expect, it, vi } from "vitest";
import app from "../../../worker/app.ts";
import { openApiDocument } from "../../../worker/docs/openapi-document.ts";
import { ADMIN_KEY, call, newProjectWithKey } from "../helpers.ts";

/**
 * Hostile input on every operation of the OpenAPI document, with a key that gets past the
 * auth check: odd ids in every path parameter, bodies of the wrong JSON type, broken JSON,
 * oversized and control-character query values. Whatever a route does with them, it answers
 * 4xx (or 2xx) with the error envelope — never a 500 (`call` checks that and the envelope on
 * every response). The end user's pages (the Connect page, the OAuth callbacks) answer in HTML,
 * so there only the status is checked. No upstream is reachable: calls that would go out fail at fetch.
 */

interface Operation {
  parameters?: { name: string; in: string }[];
}

const doc = JSON.parse(JSON.stringify(openApiDocument(app, "https://switchboard.example"))) as { paths: Record<string, Record<string, Operation>> };

const ODD_IDS = ["x", "trs_" + "A".repeat(22), "%00", "%2e%2e", "a".repeat(300), "ü✓", "'or'1'='1"];
const ODD_BODIES: string[] = ["{", "[]", "null", "12", '"text"', '{"__proto__":{"admin":true}}', JSON.stringify({ limit: -1, cursor: "%%%", user_id: "" })];
const ODD_QUERY = `?limit=-5&cursor=%%%25&user_id=${"u".repeat(2000)}&search=%00%01&include_ended=maybe&toolkit_slug=,,`;

const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
  Object.entries(item)
    .filter(([method]) => ["get", "post", "patch", "put", "delete"].includes(method))
    .map(([method, op]) => ({ method: method.toUpperCase(), path, op })),
);

// Served, but outside the OpenAPI document (OAuth's own RFC shapes, discovery, the console's page).
const UNDOCUMENTED = [
  ["GET", "/oauth/mcp/authorize"],
  ["POST", "/oauth/mcp/authorize"],
  ["POST", "/oauth/mcp/token"],
  ["POST", "/oauth/mcp/register"],
  ["GET", "/.well-known/oauth-protected-resource/tool_router/{id}/mcp"],
  ["GET", "/.well-known/oauth-authorization-server"],
  ["GET", "/console"],
] as const;
for (const [method, path] of UNDOCUMENTED) operations.push({ method, path, op: {} });

const isAdmin = (path: string) => path.startsWith("/api/admin");
const isPage = (path: string) => path.startsWith("/link/") || path.startsWith("/oauth/") || path.startsWith("/.well-known/") || path === "/console";

/** The API's calls go through `call` (no 500, the error envelope); a page only has to stay under 500. */
async function send(method: string, path: string, options: { key?: string; admin?: string; body?: string }): Promise<void> {
  if (!isPage(path)) {
    await (await call(method, path, options)).body?.cancel();
    return;
  }
  const headers = options.body === undefined ? undefined : { "content-type": "application/json" };
  // Over https, as deployed: the OAuth endpoints refuse a plain-http origin that is not loopback (503, by design).
  const response = await exports.default.fetch(new Request(`https://gateway.test${path}`, { method, headers, body: options.body }));
  expect(response.status, `${method} ${path.slice(0, 120)}`).toBeLessThan(500);
  await response.body?.cancel();
}

describe("every operation under hostile input", () => {
  it("lists the operations it covers", () => {
    expect(operations.length).toBeGreaterThan(80);
  });

  it.each(operations.map((o) => [`${o.method} ${o.path}`, o] as const))("%s never answers 500", async (_, { method, path }) => {
    vi.spyOn(globalThis, "fetch").mockRejectedValue(new TypeError("no network in this test"));
    try {
      const { key } = await newProjectWithKey("fuzz");
      const auth = isAdmin(path) ? { admin: ADMIN_KEY } : { key };
      for (const id of ODD_IDS) {
        const concrete = path.replace(/\{[^}]+\}/g, id);
        await send(method, `${concrete}${method === "GET" ? ODD_QUERY : ""}`, { ...auth, ...(method === "GET" || method === "DELETE" ? {} : { body: "{}" }) });
      }
      const concrete = path.replace(/\{[^}]+\}/g, "x");
      if (method !== "GET" && method !== "DELETE") {
        for (const body of ODD_BODIES) await send(method, concrete, { ...auth, body: body as string });
      }
    } finally {
      vi.restoreAllMocks();
    }
  });
});

import { describe, expect, it } from "vitest";
import packageJson from "../../../package.json";
import { call, json, newProjectWithKey, revokeKey, UNKNOWN_KEY } from "../helpers.ts";

interface Operation {
  summary?: string;
  security?: Record<string, string[]>[];
}
interface Document {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
}

const SCALAR_VERSION = packageJson.devDependencies["@scalar/api-reference"];

/** The operations the gateway serves; the reference must describe each. */
const OPERATIONS = [
  ["get", "/health"],
  ["post", "/api/admin/projects"],
  ["get", "/api/admin/projects"],
  ["get", "/api/admin/projects/{project_id}"],
  ["post", "/api/admin/projects/{project_id}/api_keys"],
  ["get", "/api/admin/projects/{project_id}/api_keys"],
  ["post", "/api/admin/projects/{project_id}/api_keys/{key_id}/revoke"],
  ["get", "/api/v3.1/auth/session/info"],
  ["post", "/api/v3.1/tool_router/session"],
  // Not zod-openapi routes: described by hand (worker/docs/protocol-paths.ts).
  ["post", "/tool_router/{id}/mcp"],
  ["get", "/tool_router/{id}/mcp"],
  ["get", "/link/{token}"],
  ["post", "/link/{token}"],
  ["get", "/oauth/callback"],
] as const;

/** The value of one directive of a Content-Security-Policy header. */
function directive(policy: string, name: string): string | undefined {
  return policy
    .split(";")
    .map((part) => part.trim())
    .find((part) => part.startsWith(`${name} `))
    ?.slice(name.length + 1);
}

describe("GET /api/v3.1/openapi.json", () => {
  it("serves an OpenAPI 3.1 document without a key", async () => {
    const response = await call("GET", "/api/v3.1/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const doc = await json<Document>(response);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "http://gateway.test" }]);
    for (const [method, path] of OPERATIONS) expect(doc.paths[path]?.[method]?.summary, `${method} ${path}`).toBeTruthy();
  });

  it("lists the MCP endpoint behind the project key, and the Connect pages without one", async () => {
    const doc = await json<Document>(await call("GET", "/api/v3.1/openapi.json"));
    expect(doc.paths["/tool_router/{id}/mcp"]?.post?.security).toEqual([{ ApiKey: [] }, { Bearer: [] }]);
    expect(doc.paths["/link/{token}"]?.get?.security).toBeUndefined();
    expect(doc.paths["/oauth/callback"]?.get?.security).toBeUndefined();
  });

  it("is the same whatever key is sent, valid, revoked or unknown", async () => {
    const { projectId, keyId, key } = await newProjectWithKey();
    const plain = await (await call("GET", "/api/v3.1/openapi.json")).text();
    expect(await (await call("GET", "/api/v3.1/openapi.json", { key })).text()).toBe(plain);
    await revokeKey(projectId, keyId);
    expect(await (await call("GET", "/api/v3.1/openapi.json", { key })).text()).toBe(plain);
    expect(await (await call("GET", "/api/v3.1/openapi.json", { key: UNKNOWN_KEY })).text()).toBe(plain);
  });
});

describe("GET /docs", () => {
  it("is an HTML shell that loads the gateway's own copy of Scalar and points it at the document", async () => {
    const response = await call("GET", "/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page.startsWith("<!doctype html>")).toBe(true);
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)].map((m) => ({ attributes: m[1] ?? "", body: m[2] ?? "" }));
    // One script runs: the local bundle, versioned. The other is Scalar's configuration, as data.
    expect(scripts.filter((s) => /\ssrc=/.test(s.attributes)).map((s) => s.attributes.trim())).toEqual([`src="/docs/scalar.js?v=${SCALAR_VERSION}"`]);
    const data = scripts.find((s) => s.attributes.includes('id="api-reference"'));
    expect(data?.attributes).toContain('type="application/json"');
    expect(data?.attributes).toContain('data-url="/api/v3.1/openapi.json"');
    expect(data?.body.trim()).toBe("");
    expect(page).not.toMatch(/https?:\/\//); // nothing named on another host: no CDN, no fonts
    expect(page).not.toMatch(/\son[a-z]+\s*=/i);
  });

  it("configures Scalar to fetch nothing from Scalar's services and to prefill no secret", async () => {
    const page = await (await call("GET", "/docs")).text();
    const attribute = /data-configuration="([^"]*)"/.exec(page)?.[1] ?? "";
    const configuration = JSON.parse(attribute.replaceAll("&quot;", '"').replaceAll("&amp;", "&")) as Record<string, unknown>;
    expect(configuration).toMatchObject({
      withDefaultFonts: false,
      telemetry: false,
      showDeveloperTools: "never",
      agent: { disabled: true },
      mcp: { disabled: true },
      persistAuth: false,
      authentication: { preferredSecurityScheme: "ApiKey" },
    });
    expect(configuration).not.toHaveProperty("proxyUrl");
    expect(JSON.stringify(configuration.authentication)).not.toMatch(/sk_|token|value|password/i);
  });

  it("sends a strict Content-Security-Policy: scripts from the gateway only, no inline script, nothing fetched elsewhere", async () => {
    const response = await call("GET", "/docs");
    const policy = response.headers.get("content-security-policy") ?? "";
    expect(directive(policy, "default-src")).toBe("'none'");
    expect(directive(policy, "script-src")).toBe("'self'");
    expect(directive(policy, "connect-src")).toBe("'self'");
    expect(directive(policy, "img-src")).toBe("'self' data:");
    expect(directive(policy, "style-src")).toBe("'self' 'unsafe-inline'"); // why: worker/docs/reference-page.ts
    expect(directive(policy, "frame-ancestors")).toBe("'none'");
    expect(directive(policy, "font-src")).toBeUndefined(); // so default-src 'none': no font at all
    expect(policy).not.toMatch(/unsafe-eval|https?:|\*/);
    expect(response.headers.get("x-frame-options")).toBe("DENY");
  });

  it("needs no key, and a bad one does not matter", async () => {
    expect((await call("GET", "/docs", { headers: { authorization: "Basic x" } })).status).toBe(200);
    expect((await call("GET", "/docs", { key: UNKNOWN_KEY })).status).toBe(200);
  });
});

describe("GET /docs/scalar.js", () => {
  it("serves Scalar's standalone bundle from the static assets, cached for good at the pinned version", async () => {
    const response = await call("GET", `/docs/scalar.js?v=${SCALAR_VERSION}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(response.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
    expect(response.headers.get("x-content-type-options")).toBe("nosniff");
    const script = await response.text();
    // The standalone build of the pinned version: it defines window.Scalar and carries its version.
    expect(script.length).toBeGreaterThan(1_000_000);
    expect(script).toContain("window.Scalar={createApiReference:");
    expect(script).toContain(`\`${SCALAR_VERSION}\``);
  });

  it("is revalidated hourly when asked for without the current version", async () => {
    for (const path of ["/docs/scalar.js", "/docs/scalar.js?v=0.0.1"]) {
      const response = await call("GET", path);
      expect(response.status, path).toBe(200);
      expect(response.headers.get("cache-control"), path).toBe("public, max-age=3600");
      await response.body?.cancel();
    }
  });

  it("serves no other asset under /docs/, and never the catalog's files", async () => {
    for (const path of ["/docs/standalone.js", "/docs/scalar.js.map", "/catalog/index.json", "/docs/../catalog/index.json"]) {
      const response = await call("GET", path);
      expect(response.status, path).toBe(404);
      await response.body?.cancel();
    }
  });
});

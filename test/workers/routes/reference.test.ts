import { describe, expect, it } from "vitest";
import { call, json, newProjectWithKey, revokeKey, UNKNOWN_KEY } from "../helpers.ts";

interface Document {
  openapi: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, { summary?: string }>>;
}

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
] as const;

describe("GET /api/v3.1/openapi.json", () => {
  it("serves an OpenAPI 3.1 document without a key", async () => {
    const response = await call("GET", "/api/v3.1/openapi.json");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    const doc = await json<Document>(response);
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.servers).toEqual([{ url: "http://gateway.test" }]);
    for (const [method, path] of OPERATIONS) expect(doc.paths[path]?.[method], `${method} ${path}`).toBeDefined();
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
  it("serves one script-free HTML page listing every operation", async () => {
    const response = await call("GET", "/docs");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    const page = await response.text();
    expect(page.startsWith("<!doctype html>")).toBe(true);
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/\son[a-z]+\s*=/i); // no inline event handlers either
    for (const [method, path] of OPERATIONS) expect(page, `${method} ${path}`).toContain(`${method.toUpperCase()} ${path}`);
  });

  it("lists exactly the operations the OpenAPI document has", async () => {
    const doc = await json<Document>(await call("GET", "/api/v3.1/openapi.json"));
    const page = await (await call("GET", "/docs")).text();
    const documented = Object.entries(doc.paths).flatMap(([path, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`));
    const listed = [...page.matchAll(/<a href="#[^"]+">([A-Z]+ [^<]+)<\/a>/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual(documented.sort());
  });

  it("needs no key, and a bad one does not matter", async () => {
    expect((await call("GET", "/docs", { headers: { authorization: "Basic x" } })).status).toBe(200);
    expect((await call("GET", "/docs", { key: UNKNOWN_KEY })).status).toBe(200);
  });
});

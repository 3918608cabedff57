import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLocalGateway, type LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { sharedGateway } from "./shared-gateway.ts";
import { runAdminCli } from "./admin-cli.ts";

interface KeyCreated {
  id: string;
  project_id: string;
  key: string;
}

let gateway: LocalGateway;

beforeAll(async () => {
  gateway = await sharedGateway();
});

afterAll(async () => {
  await gateway?.destroy();
});

async function json<T>(response: Response): Promise<T> {
  return (await response.json()) as T;
}

async function cli<T>(...args: string[]): Promise<T> {
  const result = await runAdminCli([...args, "--json"], gateway);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

describe("the gateway over HTTP", () => {
  it("reports itself healthy without a key", async () => {
    const response = await fetch(`${gateway.url}/health`);
    expect(response.status).toBe(200);
    expect(await json<{ status: string; storage: { d1: string } }>(response)).toMatchObject({ status: "ok", storage: { d1: "ready" } });
  });

  it("keeps two projects made with the admin CLI apart", async () => {
    const alpha = await cli<{ id: string }>("projects", "create", "alpha");
    const beta = await cli<{ id: string }>("projects", "create", "beta");
    const alphaKey = await cli<KeyCreated>("keys", "create", "--project", "alpha", "--name", "alpha-app");
    const betaKey = await cli<KeyCreated>("keys", "create", "--project", beta.id, "--name", "beta-app");

    const alphaInfo = await json<{ project: { id: string } }>(
      await fetch(`${gateway.url}/api/v3.1/auth/session/info`, { headers: { "x-api-key": alphaKey.key } }),
    );
    const betaInfo = await json<{ project: { id: string } }>(
      await fetch(`${gateway.url}/api/v3.1/auth/session/info`, { headers: { authorization: `Bearer ${betaKey.key}` } }),
    );
    expect(alphaInfo.project.id).toBe(alpha.id);
    expect(betaInfo.project.id).toBe(beta.id);

    const alphaKeys = await cli<{ id: string; project_id: string }[]>("keys", "list", "--project", "alpha");
    expect(alphaKeys.map((k) => k.id)).toEqual([alphaKey.id]);
    expect(JSON.stringify(alphaKeys)).not.toContain(alphaKey.key);

    // A project key cannot reach the operator API, so it cannot list anyone's keys.
    const listing = await fetch(`${gateway.url}/api/admin/projects/${beta.id}/api_keys`, { headers: { authorization: `Bearer ${alphaKey.key}` } });
    expect(listing.status).toBe(403);
  });

  it("gives a wrong key a clear 401", async () => {
    const response = await fetch(`${gateway.url}/api/v3.1/auth/session/info`, { headers: { "x-api-key": `sk_${"x".repeat(43)}` } });
    expect(response.status).toBe(401);
    const body = await json<{ error: { code: string; message: string; request_id: string } }>(response);
    expect(body.error.code).toBe("api_key_invalid");
    expect(body.error.request_id).toBe(response.headers.get("x-request-id"));
  });

  it("stops accepting a key revoked with the CLI", async () => {
    await cli("projects", "create", "gamma");
    const key = await cli<KeyCreated>("keys", "create", "--project", "gamma");
    const before = await fetch(`${gateway.url}/api/v3.1/auth/session/info`, { headers: { "x-api-key": key.key } });
    expect(before.status).toBe(200);
    await cli("keys", "revoke", key.id, "--project", "gamma");
    const after = await fetch(`${gateway.url}/api/v3.1/auth/session/info`, { headers: { "x-api-key": key.key } });
    expect(after.status).toBe(401);
    expect((await json<{ error: { code: string } }>(after)).error.code).toBe("api_key_revoked");
  });

  it("makes the CLI explain a failure instead of crashing", async () => {
    const result = await runAdminCli(["keys", "create", "--project", "no-such-project"], gateway);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No project has the id or name "no-such-project"');
    const wrongAdmin = await runAdminCli(["projects", "list"], { url: gateway.url, adminKey: "wrong" });
    expect(wrongAdmin.code).toBe(1);
    expect(wrongAdmin.stderr).toContain("admin_key_invalid");
  });

  it("answers help, and refuses unknown flags and stray arguments with the usage, not a stack trace", async () => {
    const help = await runAdminCli(["help"], gateway);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Usage: npm run admin -- <command>");
    for (const [args, says] of [
      [["projects", "list", "--bogus"], "Unknown option '--bogus'"],
      [["projects", "list", "extra"], 'Unexpected argument "extra" for "projects list"'],
      [["keys", "revoke", "key_1", "key_2", "--project", "x"], 'Unexpected argument "key_2"'],
      [["keys", "create", "--project"], "argument missing"],
    ] as const) {
      const result = await runAdminCli([...args], gateway);
      expect(result.code, args.join(" ")).toBe(1);
      expect(result.stderr).toContain(says);
      expect(result.stderr).toContain("Usage:");
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
  });

  it("reads its catalog from static assets without serving the files to the public", async () => {
    await cli("projects", "create", "catalog-reader");
    const key = await cli<KeyCreated>("keys", "create", "--project", "catalog-reader", "--name", "reader");
    const listing = await fetch(`${gateway.url}/api/v3.1/tools?toolkit_slug=github&limit=2`, { headers: { "x-api-key": key.key } });
    expect(listing.status).toBe(200);
    expect((await json<{ items: { input_parameters: { type: string } }[] }>(listing)).items[0]?.input_parameters.type).toBe("object");
    for (const file of ["/catalog/index.json", "/catalog/search-index.json", "/catalog/shards/0.json"]) {
      const response = await fetch(`${gateway.url}${file}`);
      expect(response.status, file).toBe(404);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe("route_not_found");
    }
  });

  it("serves the API reference", async () => {
    const document = await json<{ openapi: string; paths: Record<string, unknown> }>(await fetch(`${gateway.url}/api/v3.1/openapi.json`));
    expect(document.openapi).toBe("3.1.0");
    expect(Object.keys(document.paths)).toContain("/api/v3.1/auth/session/info");
    expect(Object.keys(document.paths)).toContain("/api/admin/projects");
    // The page is Scalar's viewer, loaded from the gateway and pointed at that document (browser test: api-reference-browser).
    const page = await fetch(`${gateway.url}/docs`);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(await page.text()).toContain("/api/v3.1/openapi.json");
  });
});

describe("local storage", () => {
  it("survives a restart of the gateway", async () => {
    const first = await startLocalGateway();
    const project = await json<{ id: string }>(
      await fetch(`${first.url}/api/admin/projects`, {
        method: "POST",
        headers: { authorization: `Bearer ${first.adminKey}`, "content-type": "application/json" },
        body: JSON.stringify({ name: "persistent" }),
      }),
    );
    await first.stop();
    const second = await startLocalGateway({ persistDir: first.persistDir, secrets: first.secrets });
    try {
      const response = await fetch(`${second.url}/api/admin/projects/${project.id}`, { headers: { authorization: `Bearer ${second.adminKey}` } });
      expect(response.status).toBe(200);
      expect((await json<{ name: string }>(response)).name).toBe("persistent");
    } finally {
      await second.destroy();
    }
  });
});

import { beforeAll, describe, expect, it } from "vitest";
import type { LocalGateway } from "../../scripts/lib/local-gateway.ts";
import { runAdminCli } from "./admin-cli.ts";
import { sharedGateway } from "./shared-gateway.ts";

/** `npm run admin -- projects delete` against the real gateway: refused without --yes, then the project and its key are gone. */

let gateway: LocalGateway;

beforeAll(async () => {
  gateway = await sharedGateway();
});

async function cliJson<T>(...args: string[]): Promise<T> {
  const result = await runAdminCli([...args, "--json"], gateway);
  expect(result.stderr).toBe("");
  expect(result.code).toBe(0);
  return JSON.parse(result.stdout) as T;
}

describe("npm run admin -- projects delete", () => {
  it("refuses without --yes, then deletes the project, whose key stops working; deleting again is harmless", async () => {
    const project = await cliJson<{ id: string; name: string }>("projects", "create", `cli-delete-${crypto.randomUUID().slice(0, 8)}`);
    const { key } = await cliJson<{ key: string }>("keys", "create", "--project", project.id);
    const authConfigs = () => fetch(`${gateway.url}/api/v3.1/auth_configs`, { headers: { "x-api-key": key } });
    expect((await authConfigs()).status).toBe(200);

    const unconfirmed = await runAdminCli(["projects", "delete", project.id], gateway);
    expect(unconfirmed.code).toBe(1);
    expect(unconfirmed.stderr).toContain("--yes");
    expect((await cliJson<{ id: string }[]>("projects", "list")).map((p) => p.id)).toContain(project.id);

    const deleted = await runAdminCli(["projects", "delete", project.name, "--yes"], gateway);
    expect(deleted.stderr).toBe("");
    expect(deleted.code).toBe(0);
    expect(deleted.stdout).toContain(`Deleted project ${project.id}`);
    expect(deleted.stdout).toContain("api_keys: 1");
    expect(deleted.stdout).toContain("mcp_oauth_grants: 0");
    expect(deleted.stdout).not.toContain(key);
    expect((await cliJson<{ id: string }[]>("projects", "list")).map((p) => p.id)).not.toContain(project.id);
    expect((await authConfigs()).status).toBe(401);

    const again = await cliJson<{ status: string; deleted: Record<string, number> }>("projects", "delete", project.id, "--yes");
    expect(again.status).toBe("deleted");
    expect(Object.values(again.deleted).every((n) => n === 0)).toBe(true);
  });

  it("refuses an unknown flag, a missing id and an unknown project with a clear message", async () => {
    const bogus = await runAdminCli(["projects", "delete", "proj_x", "--yess"], gateway);
    expect(bogus.code).toBe(1);
    expect(bogus.stderr).toContain("Unknown option '--yess'");
    const missing = await runAdminCli(["projects", "delete", "--yes"], gateway);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain("Usage: projects delete <id|name> --yes");
    const unknown = await runAdminCli(["projects", "delete", `proj_${"x".repeat(22)}`, "--yes"], gateway);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("project_not_found");
  });
});

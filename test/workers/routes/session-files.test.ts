import { beforeAll, describe, expect, it } from "vitest";
import { expectKeyRefusals, newTenant, type Tenant } from "../fixtures.ts";
import { call, expectError, json } from "../helpers.ts";
import { createSession, executeMeta, SESSIONS } from "../core/sessions/session-fixtures.ts";

/** The session's files over the API the SDK's `session.experimental.files` uses, and its presigned URLs. */
let tenant: Tenant;
let other: Tenant;
let sessionId: string;
let mount: string;

interface FileList {
  items: { mount_relative_path: string; sandbox_mount_prefix: string; size: number; last_modified: string }[];
  next_cursor?: string;
}

/** A download or upload URL, fetched as the SDK would: through the gateway, without the key. */
const transfer = (url: string, init?: { method: string; body: string }) =>
  call(init?.method ?? "GET", new URL(url).pathname, init ? { body: init.body, headers: { "content-type": "application/octet-stream" } } : {});

beforeAll(async () => {
  [tenant, other] = await Promise.all([newTenant("files"), newTenant("files-other")]);
  sessionId = (await createSession(tenant.key, { user_id: "u" })).session_id;
  mount = `${SESSIONS}/${sessionId}/mounts/files`;
  await executeMeta(tenant.key, sessionId, "COMPOSIO_REMOTE_WORKBENCH", {
    code_to_execute: `files.write("reports/a.csv", "x,y\\n1,2\\n"); files.write("reports/b.csv", "z\\n"); files.write("notes.txt", "hi")`,
  });
});

describe("session files", () => {
  it("lists the workbench's files by prefix, with pages", async () => {
    const all = await json<FileList>(await call("GET", `${mount}/items`, { key: tenant.key }));
    expect(all.items.map((i) => i.mount_relative_path)).toEqual(["notes.txt", "reports/a.csv", "reports/b.csv"]);
    expect(all.items[1]).toMatchObject({ sandbox_mount_prefix: "/home/user", size: 8, last_modified: expect.any(String) });
    const reports = await json<FileList>(await call("GET", `${mount}/items?mount_relative_prefix=/reports&limit=1`, { key: tenant.key }));
    expect(reports.items.map((i) => i.mount_relative_path)).toEqual(["reports/a.csv"]);
    const next = await json<FileList>(await call("GET", `${mount}/items?mount_relative_prefix=reports&limit=1&cursor=${reports.next_cursor}`, { key: tenant.key }));
    expect(next.items.map((i) => i.mount_relative_path)).toEqual(["reports/b.csv"]);
    expect(next.next_cursor).toBeUndefined();
  });

  it("downloads through a short-lived URL that needs no key and never renders", async () => {
    const url = await json<{ download_url: string; expires_at: string; mount_relative_path: string }>(
      await call("POST", `${mount}/download_url`, { key: tenant.key, body: { mount_relative_path: "reports/a.csv" } }),
    );
    expect(url.mount_relative_path).toBe("reports/a.csv");
    expect(Date.parse(url.expires_at)).toBeGreaterThan(Date.now());
    const file = await transfer(url.download_url);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-disposition")).toBe('attachment; filename="a.csv"');
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await file.text()).toBe("x,y\n1,2\n");
    await expectError(await transfer(url.download_url.replace(/[^/]{4}$/, "AAAA")), 404, "file_url_invalid");
  });

  // 20 s: its shell run is the file's first, which loads the shell; under load that took most of the default 5 s.
  it("uploads once through an upload URL, where code and shell see it", async () => {
    const url = await json<{ upload_url: string }>(await call("POST", `${mount}/upload_url`, { key: tenant.key, body: { mount_relative_path: "in/data.json", mimetype: "application/json" } }));
    const put = await transfer(url.upload_url, { method: "PUT", body: '{"n": 5}' });
    expect(put.status).toBe(200);
    expect(await json(put)).toMatchObject({ mount_relative_path: "in/data.json", size: 8 });
    await expectError(await transfer(url.upload_url, { method: "PUT", body: "again" }), 404, "file_url_invalid");
    const read = await executeMeta<{ stdout: string }>(tenant.key, sessionId, "COMPOSIO_REMOTE_BASH_TOOL", { command: "jq .n in/data.json" });
    expect(read.data.stdout.trim()).toBe("5");
  }, 20_000);

  it("keeps an upload URL usable when the write is refused, and refuses directories up front", async () => {
    const url = await json<{ upload_url: string }>(await call("POST", `${mount}/upload_url`, { key: tenant.key, body: { mount_relative_path: "late/x.txt" } }));
    await executeMeta(tenant.key, sessionId, "COMPOSIO_REMOTE_BASH_TOOL", { command: "mkdir -p late/x.txt" });
    await expectError(await transfer(url.upload_url, { method: "PUT", body: "x" }), 409, "workbench_file_eisdir");
    await executeMeta(tenant.key, sessionId, "COMPOSIO_REMOTE_BASH_TOOL", { command: "rmdir late/x.txt" });
    expect((await transfer(url.upload_url, { method: "PUT", body: "x" })).status).toBe(200);
    await expectError(await call("POST", `${mount}/upload_url`, { key: tenant.key, body: { mount_relative_path: "late" } }), 409, "workbench_file_eisdir");
  });

  it("deletes files and directories", async () => {
    await executeMeta(tenant.key, sessionId, "COMPOSIO_REMOTE_WORKBENCH", { code_to_execute: `files.write("tmp/x.txt", "x")` });
    const deleted = await call("POST", `${mount}/delete`, { key: tenant.key, body: { mount_relative_path: "tmp" } });
    expect(await json(deleted)).toEqual({ mount_relative_path: "tmp", sandbox_mount_prefix: "/home/user" });
    await expectError(await call("POST", `${mount}/delete`, { key: tenant.key, body: { mount_relative_path: "tmp" } }), 404, "file_not_found");
  });

  it("refuses malformed input with a clear code", async () => {
    await expectError(await call("POST", `${mount}/download_url`, { key: tenant.key, body: { mount_relative_path: "../../etc/passwd" } }), 400, "workbench_path_outside_mount");
    await expectError(await call("POST", `${mount}/download_url`, { key: tenant.key, body: { mount_relative_path: "missing.txt" } }), 404, "file_not_found");
    await expectError(await call("POST", `${mount}/download_url`, { key: tenant.key, body: {} }), 400, "validation_failed");
    await expectError(await call("GET", `${mount}/items?limit=0`, { key: tenant.key }), 400, "validation_failed");
    await expectError(await call("GET", `${SESSIONS}/${sessionId}/mounts/elsewhere/items`, { key: tenant.key }), 404, "mount_not_found");
    await expectError(await transfer(`http://gateway.test/workbench/files/${sessionId}/not-a-token`), 404, "file_url_invalid");
    // A well-formed URL for a session that does not exist never reaches (or creates) an object.
    await expectError(await transfer(`http://gateway.test/workbench/files/trs_${"A".repeat(22)}/${"B".repeat(43)}`), 404, "file_url_invalid");
  });

  it("refuses missing and revoked keys, and another project's key", async () => {
    await expectKeyRefusals("GET", `${mount}/items`);
    await expectKeyRefusals("POST", `${mount}/download_url`, { mount_relative_path: "notes.txt" });
    await expectError(await call("GET", `${mount}/items`, { key: other.key }), 404, "session_not_found");
    await expectError(await call("POST", `${mount}/upload_url`, { key: other.key, body: { mount_relative_path: "x" } }), 404, "session_not_found");
    await expectError(await call("POST", `${mount}/delete`, { key: other.key, body: { mount_relative_path: "notes.txt" } }), 404, "session_not_found");
  });
});

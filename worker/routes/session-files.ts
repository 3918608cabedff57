import { createRoute, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv } from "../app-env.ts";
import { createRouter } from "../http/openapi-app.ts";
import { sessionCall } from "../http/session-call.ts";
import { commonErrors, jsonBody, jsonResponse, notFound, projectRoutes } from "../http/schemas.ts";
import { ownedSession } from "../sessions/ownership.ts";
import { unwrap } from "../../core/sessions/rpc.ts";
import { requireMount } from "../../core/workbench/file-mount.ts";

/** The session's workbench files for the app, in the shapes `session.experimental.files` expects. */

const tags = ["Session files"];
const errors = { ...commonErrors, ...notFound };

const MountParams = z.object({
  session_id: z
    .string()
    .max(100)
    .openapi({ param: { in: "path", name: "session_id" }, example: "trs_3kT0Jx6Q8m2V5b1N9cR4dA", description: "The session's id (`trs_…`)." }),
  mount_id: z
    .string()
    .max(100)
    .openapi({ param: { in: "path", name: "mount_id" }, example: "files", description: "The mount: only `files` (the SDK's default), rooted at the workbench's /home/user. Any other is 404 `mount_not_found`." }),
});
const RelativePath = z.string().min(1).max(1024).openapi({ description: "A path relative to the mount root (/home/user in the workbench).", example: "reports/summary.csv" });

const MountFields = {
  mount_relative_path: z.string().openapi({ description: "The file's path relative to the mount root, normalised (no leading `/`).", example: "reports/summary.csv" }),
  sandbox_mount_prefix: z.string().openapi({ description: "Where the mount is in the workbench: `/home/user`. Code there sees the file at `<prefix>/<mount_relative_path>`." }),
};
const FileItem = z
  .object({
    ...MountFields,
    size: z.number().int().openapi({ description: "The file's size in bytes." }),
    last_modified: z.string().openapi({ description: "When the file was last written (ISO 8601, UTC)." }),
  })
  .openapi("SessionFile");
const FileList = z
  .object({
    items: z.array(FileItem).openapi({ description: "This page's files, by path; at most `limit` of them." }),
    next_cursor: z.string().optional().openapi({ description: "Pass as `cursor` to get the next page; absent on the last page." }),
  })
  .openapi("SessionFileList");
const expiresAt = z.string().openapi({ description: "When the URL stops working (ISO 8601, UTC), 15 minutes after it was issued." });
const DownloadUrl = z
  .object({
    ...MountFields,
    download_url: z.string().openapi({ description: "GET it, without a key, to receive the file as an attachment; `<public URL>/workbench/files/<session_id>/<token>`." }),
    expires_at: expiresAt,
  })
  .openapi("SessionFileDownloadUrl");
const UploadUrl = z
  .object({
    ...MountFields,
    upload_url: z.string().openapi({ description: "PUT the file's bytes to it, without a key, once; it replaces any file at that path." }),
    expires_at: expiresAt,
  })
  .openapi("SessionFileUploadUrl");
const Deleted = z.object(MountFields).openapi("SessionFileDeleted");

const route = projectRoutes(tags);

async function mountedSession(c: Context<AppEnv>, params: z.output<typeof MountParams>) {
  requireMount(params.mount_id);
  const stub = await ownedSession(c.env, c.get("caller").projectId, params.session_id);
  return { stub, call: sessionCall(c) };
}

const app = createRouter();

app.openapi(
  createRoute({
    ...route("get", "/{session_id}/mounts/{mount_id}/items", "List the session's files"),
    request: {
      params: MountParams,
      query: z.object({
        mount_relative_prefix: z
          .string()
          .max(1024)
          .optional()
          .openapi({ description: "Only files whose mount-relative path starts with this text (S3-style: `rep` matches `reports/a.csv`). Omitted: every file." }),
        limit: z.coerce.number().int().min(1).max(500).default(100).openapi({ description: "Files per page, 1–500. Defaults to 100." }),
        cursor: z.string().max(200).optional().openapi({ description: "`next_cursor` from the previous page, unchanged; omit for the first page." }),
      }),
    },
    responses: { 200: jsonResponse(FileList, "Files on the mount, by path."), ...errors },
  }),
  async (c) => {
    const { stub, call } = await mountedSession(c, c.req.valid("param"));
    const query = c.req.valid("query");
    return c.json(unwrap(await stub.listFiles(call, { prefix: query.mount_relative_prefix, limit: query.limit, cursor: query.cursor })), 200);
  },
);

app.openapi(
  createRoute({
    ...route("post", "/{session_id}/mounts/{mount_id}/download_url", "Get a download URL for a file"),
    description: "The URL works without the key for 15 minutes; it serves the file as an attachment.",
    request: { params: MountParams, body: jsonBody(z.object({ mount_relative_path: RelativePath })) },
    responses: { 200: jsonResponse(DownloadUrl, "A short-lived download URL."), ...errors },
  }),
  async (c) => {
    const { stub, call } = await mountedSession(c, c.req.valid("param"));
    const { url, ...rest } = unwrap(await stub.fileUrl(call, { relativePath: c.req.valid("json").mount_relative_path, op: "download" }));
    return c.json({ ...rest, download_url: url }, 200);
  },
);

app.openapi(
  createRoute({
    ...route("post", "/{session_id}/mounts/{mount_id}/upload_url", "Get an upload URL for a file"),
    description: "PUT the file's bytes to the URL (once, within 15 minutes); it replaces any file at that path.",
    request: { params: MountParams, body: jsonBody(
        z.object({
          mount_relative_path: RelativePath,
          mimetype: z.string().max(200).optional().openapi({ description: "The file's media type, as the SDK sends it (at most 200 characters). Accepted; the file is stored as bytes only." }),
        }),
      ) },
    responses: { 200: jsonResponse(UploadUrl, "A short-lived, single-use upload URL."), ...errors },
  }),
  async (c) => {
    const { stub, call } = await mountedSession(c, c.req.valid("param"));
    const body = c.req.valid("json");
    const { url, ...rest } = unwrap(await stub.fileUrl(call, { relativePath: body.mount_relative_path, op: "upload", mimetype: body.mimetype }));
    return c.json({ ...rest, upload_url: url }, 200);
  },
);

app.openapi(
  createRoute({
    ...route("post", "/{session_id}/mounts/{mount_id}/delete", "Delete a file or directory"),
    request: { params: MountParams, body: jsonBody(z.object({ mount_relative_path: RelativePath })) },
    responses: { 200: jsonResponse(Deleted, "It is gone."), ...errors },
  }),
  async (c) => {
    const { stub, call } = await mountedSession(c, c.req.valid("param"));
    return c.json(unwrap(await stub.deleteFile(call, c.req.valid("json").mount_relative_path)), 200);
  },
);

export default app;

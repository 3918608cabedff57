import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../../core/http/errors.ts";
import { database } from "../../core/db/client.ts";
import { idPattern } from "../../core/ids.ts";
import { liveSessionExists } from "../../core/repositories/sessions.ts";
import { unwrap } from "../../core/sessions/rpc.ts";
import { MAX_FILE_BYTES } from "../../core/workbench/file-store.ts";

/**
 * The presigned file URLs of `…/mounts/files/download_url` and `upload_url`. They carry
 * their own authority (a ticket the session's object checks), so no key is asked for;
 * anything that is not a live ticket of that session is a plain 404.
 */
const SESSION_ID = idPattern("trs");
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

const urlInvalid = () => new ApiError(404, "file_url_invalid", "This file URL is unknown, used or expired.");

async function ticketTarget(env: Env, sessionId: string, token: string) {
  if (!SESSION_ID.test(sessionId) || !TOKEN.test(token) || !(await liveSessionExists(database(env), sessionId))) throw urlInvalid();
  return env.SESSIONS.getByName(sessionId);
}

const app = new Hono<AppEnv>();

app.get("/:session_id/:token", async (c) => {
  const stub = await ticketTarget(c.env, c.req.param("session_id"), c.req.param("token"));
  const file = unwrap(await stub.downloadFile(c.req.param("token")));
  // Served from the gateway's origin: never let a browser render it as a page.
  // RPC hands over a copy backed by its own ArrayBuffer, which is what `c.body` wants.
  return c.body(file.bytes as Uint8Array<ArrayBuffer>, 200, {
    "content-type": file.mimetype ?? "application/octet-stream",
    "content-disposition": `attachment; filename="${file.name.replace(/[^\w.-]/g, "_")}"`,
    "x-content-type-options": "nosniff",
    "content-security-policy": "sandbox; default-src 'none'",
    "cache-control": "no-store",
  });
});

const fileSizeLimit = bodyLimit({
  maxSize: MAX_FILE_BYTES,
  onError: () => {
    throw new ApiError(413, "file_too_large", `One file may hold at most ${MAX_FILE_BYTES} bytes.`);
  },
});

app.put("/:session_id/:token", fileSizeLimit, async (c) => {
  const stub = await ticketTarget(c.env, c.req.param("session_id"), c.req.param("token"));
  const bytes = new Uint8Array(await c.req.arrayBuffer());
  return c.json(unwrap(await stub.uploadFile(c.req.param("token"), bytes)), 200);
});

export default app;

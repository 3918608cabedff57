import { ApiError } from "../../core/http/errors.ts";
import { FileStoreError, type FileStore } from "../../core/workbench/file-store.ts";
import { mountItem, pathInMount, MOUNT_PREFIX } from "../../core/workbench/file-mount.ts";
import type { FileTickets, TicketOp } from "./file-tickets.ts";

/** The session API's file operations, run inside the session's object (which owns the files). */
export interface SessionFiles {
  files: FileStore;
  tickets: FileTickets;
}

export interface FileUrl {
  url: string;
  expires_at: string;
  mount_relative_path: string;
  sandbox_mount_prefix: string;
}

/** Where the Worker serves a ticket (worker/routes/workbench-transfer.ts). */
export const transferUrl = (publicUrl: string, sessionId: string, token: string) => `${publicUrl}/workbench/files/${sessionId}/${token}`;

export async function fileUrl(store: SessionFiles, at: { publicUrl: string; sessionId: string }, request: { relativePath: string; op: TicketOp; mimetype?: string | undefined }): Promise<FileUrl> {
  const path = pathInMount(request.relativePath);
  const entry = store.files.stat(path);
  if (request.op === "download" && entry?.kind !== "file") throw new ApiError(404, "file_not_found", `The session has no file ${path.slice(MOUNT_PREFIX.length + 1)}.`);
  if (request.op === "upload" && entry?.kind === "dir") throw new FileStoreError("EISDIR", `${path.slice(MOUNT_PREFIX.length + 1)} is a directory; upload to a file path inside it.`);
  const { token, expiresAt } = await store.tickets.issue({ path, op: request.op, mimetype: request.mimetype ?? null });
  return {
    url: transferUrl(at.publicUrl, at.sessionId, token),
    expires_at: new Date(expiresAt).toISOString(),
    mount_relative_path: path.slice(MOUNT_PREFIX.length + 1),
    sandbox_mount_prefix: MOUNT_PREFIX,
  };
}

export function deleteFile(store: SessionFiles, relativePath: string) {
  const path = pathInMount(relativePath);
  if (!store.files.remove(path, { recursive: true })) throw new ApiError(404, "file_not_found", `The session has no file ${relativePath.slice(0, 200)}.`);
  return { mount_relative_path: path.slice(MOUNT_PREFIX.length + 1), sandbox_mount_prefix: MOUNT_PREFIX };
}

export function downloadByTicket(store: SessionFiles, token: string): Promise<{ bytes: Uint8Array; name: string; mimetype: string | null }> {
  return store.tickets.redeem(token, "download", (ticket) => {
    try {
      return { bytes: store.files.read(ticket.path), name: ticket.path.slice(ticket.path.lastIndexOf("/") + 1), mimetype: ticket.mimetype };
    } catch (err) {
      // Deleted since the URL was issued.
      if (err instanceof FileStoreError) throw new ApiError(404, "file_not_found", "The file behind this URL no longer exists.");
      throw err;
    }
  });
}

export function uploadByTicket(store: SessionFiles, token: string, bytes: Uint8Array) {
  return store.tickets.redeem(token, "upload", (ticket) => mountItem(store.files.write(ticket.path, bytes)));
}

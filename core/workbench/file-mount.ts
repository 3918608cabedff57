import { ApiError } from "../http/errors.ts";
import { pageOfList } from "../http/pagination.ts";
import type { FileEntry, FileStore } from "./file-store.ts";
import { HOME, normalizePath } from "./paths.ts";

/**
 * The session's files as the SDK sees them (`session.experimental.files`): one mount,
 * `files`, rooted at the workbench's home directory, so `report.csv` on the mount is
 * `/home/user/report.csv` to code and shell alike.
 */
export const MOUNT_ID = "files";
export const MOUNT_PREFIX = HOME;

export interface MountItem {
  mount_relative_path: string;
  sandbox_mount_prefix: string;
  size: number;
  last_modified: string;
}

export function requireMount(mountId: string): void {
  if (mountId !== MOUNT_ID) {
    throw new ApiError(404, "mount_not_found", `This session has no file mount "${mountId.slice(0, 100)}".`, {
      suggestedFix: `Use the "${MOUNT_ID}" mount (the SDK's default).`,
    });
  }
}

/** A mount-relative path as a workbench path; refuses anything that would leave the mount. */
export function pathInMount(relative: string): string {
  const path = normalizePath(relative.replace(/^\/+/, ""), MOUNT_PREFIX);
  if (path !== MOUNT_PREFIX && !path.startsWith(`${MOUNT_PREFIX}/`)) {
    throw new ApiError(400, "workbench_path_outside_mount", `"${relative.slice(0, 100)}" points outside the session's file mount.`, {
      suggestedFix: "Use a path relative to the mount, such as reports/summary.csv.",
    });
  }
  if (path === MOUNT_PREFIX) throw new ApiError(400, "workbench_path_invalid", "Name a file, not the mount itself.");
  return path;
}

export function mountItem(entry: FileEntry): MountItem {
  return {
    mount_relative_path: entry.path.slice(MOUNT_PREFIX.length + 1),
    sandbox_mount_prefix: MOUNT_PREFIX,
    size: entry.size,
    last_modified: new Date(entry.updatedAt).toISOString(),
  };
}

/** Files on the mount whose relative path starts with `prefix` (S3-style, so `rep` matches `reports/a.csv`). */
export function listMount(files: FileStore, query: { prefix?: string | undefined; limit: number; cursor?: string | undefined }) {
  const prefix = (query.prefix ?? "").replace(/^\/+/, "");
  const items = files
    .listFiles(MOUNT_PREFIX)
    .map(mountItem)
    .filter((item) => item.mount_relative_path.startsWith(prefix));
  const page = pageOfList(items, query.limit, query.cursor);
  return { items: page.items, ...(page.next_cursor ? { next_cursor: page.next_cursor } : {}) };
}

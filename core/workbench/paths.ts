import { ApiError } from "../http/errors.ts";

/** Where the workbench's code and shell start, as in Composio's sandbox. */
export const HOME = "/home/user";

const MAX_PATH_CHARS = 1024;

function badPath(path: string, why: string): ApiError {
  return new ApiError(400, "workbench_path_invalid", `"${path.slice(0, 100)}" is not a usable workbench path: ${why}.`, {
    suggestedFix: `Use a path like ${HOME}/report.csv (relative paths start at ${HOME}).`,
  });
}

/**
 * The one spelling of a path the file store keeps: absolute, no `.` or `..`, no trailing
 * slash. `..` stops at the root, so no path can name anything outside this session's tree.
 */
export function normalizePath(path: string, cwd: string = HOME): string {
  if (typeof path !== "string" || path.length === 0) throw badPath(String(path), "it is empty");
  if (path.length > MAX_PATH_CHARS) throw badPath(path, `it is longer than ${MAX_PATH_CHARS} characters`);
  if (path.includes("\0")) throw badPath(path, "it contains a NUL character");
  const parts: string[] = [];
  for (const part of `${path.startsWith("/") ? "" : `${cwd}/`}${path}`.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") parts.pop();
    else parts.push(part);
  }
  return `/${parts.join("/")}`;
}

/** `/a/b/c.txt` → `/a/b`; the root is its own parent. */
export function parentOf(path: string): string {
  const cut = path.lastIndexOf("/");
  return cut <= 0 ? "/" : path.slice(0, cut);
}

/** Every directory above a path, outermost first, without the root: `/a/b/c` → `/a`, `/a/b`. */
export function ancestorsOf(path: string): string[] {
  const out: string[] = [];
  for (let dir = parentOf(path); dir !== "/"; dir = parentOf(dir)) out.unshift(dir);
  return out;
}

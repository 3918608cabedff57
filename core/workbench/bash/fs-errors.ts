import { ApiError } from "../../http/errors.ts";
import { FileStoreError, type FileErrno } from "../file-store.ts";

/**
 * just-bash's commands recognise filesystem failures by Node's message shape
 * (`ENOENT: no such file or directory, open '/x'`) and print the familiar text
 * (`cat: x: No such file or directory`), so the adaptor speaks that shape.
 */
const DESCRIPTIONS: Record<FileErrno | "EPERM" | "ENAMETOOLONG", string> = {
  ENOENT: "no such file or directory",
  EISDIR: "illegal operation on a directory",
  ENOTDIR: "not a directory",
  ENOTEMPTY: "directory not empty",
  EEXIST: "file already exists",
  EFBIG: "file too large",
  ENOSPC: "no space left on device",
  EINVAL: "invalid argument",
  EPERM: "operation not permitted",
  ENAMETOOLONG: "name too long",
};

export type FsErrno = keyof typeof DESCRIPTIONS;

export class FsError extends Error {
  readonly code: FsErrno;
  constructor(code: FsErrno, syscall: string, path: string, detail?: string) {
    // The quota errors carry the store's own explanation: "no space left" alone would not say why.
    super(`${code}: ${DESCRIPTIONS[code]}${detail ? ` (${detail})` : ""}, ${syscall} '${path}'`);
    this.name = "FsError";
    this.code = code;
  }
}

/** Turns whatever the file store threw into the errno-shaped error just-bash expects. */
export function toFsError(error: unknown, syscall: string, path: string): Error {
  if (error instanceof FsError) return error;
  if (error instanceof FileStoreError) {
    const detail = error.errno === "ENOSPC" || error.errno === "EFBIG" ? error.message : undefined;
    return new FsError(error.errno, syscall, path, detail);
  }
  // normalizePath refuses empty, NUL-bearing and overlong paths with an ApiError.
  if (error instanceof ApiError) return new FsError(error.message.includes("longer than") ? "ENAMETOOLONG" : "EINVAL", syscall, path);
  return error instanceof Error ? error : new Error(String(error));
}

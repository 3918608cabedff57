import { ApiError } from "../http/errors.ts";
import { ancestorsOf, normalizePath, parentOf } from "./paths.ts";

/** All of a session's files together; a write past it fails and changes nothing. */
export const FILES_QUOTA_BYTES = 64 * 1024 * 1024;
export const MAX_FILE_BYTES = 16 * 1024 * 1024;
/** Files and directories together: empty files cost no bytes, but every entry costs a listing. */
export const MAX_ENTRIES = 10_000;
/** Durable Object SQLite caps one value at 2 MB, so content is kept in chunks below that. */
const CHUNK_BYTES = 1024 * 1024;

export const FILE_STORE_SCHEMA = [
  `CREATE TABLE IF NOT EXISTS workbench_entries (
     path TEXT PRIMARY KEY, parent TEXT NOT NULL, kind TEXT NOT NULL, size INTEGER NOT NULL, updated_at INTEGER NOT NULL)`,
  `CREATE INDEX IF NOT EXISTS workbench_entries_parent ON workbench_entries (parent, path)`,
  `CREATE TABLE IF NOT EXISTS workbench_chunks (path TEXT NOT NULL, seq INTEGER NOT NULL, data BLOB NOT NULL, PRIMARY KEY (path, seq))`,
];

export interface FileEntry {
  path: string;
  kind: "file" | "dir";
  size: number;
  updatedAt: number;
}

/** POSIX-style reasons, so the shell can print the messages people know (`No such file or directory`). */
export type FileErrno = "ENOENT" | "EISDIR" | "ENOTDIR" | "ENOTEMPTY" | "EEXIST" | "EFBIG" | "ENOSPC" | "EINVAL";

const STATUS: Record<FileErrno, 400 | 404 | 409 | 413> = {
  ENOENT: 404,
  EISDIR: 409,
  ENOTDIR: 409,
  ENOTEMPTY: 409,
  EEXIST: 409,
  EFBIG: 413,
  ENOSPC: 413,
  EINVAL: 400,
};

export class FileStoreError extends ApiError {
  readonly errno: FileErrno;
  constructor(errno: FileErrno, message: string) {
    super(STATUS[errno], `workbench_file_${errno.toLowerCase()}`, message);
    this.errno = errno;
  }
}

type EntryRow = { path: string; parent: string; kind: "file" | "dir"; size: number; updated_at: number };

const toEntry = (row: EntryRow): FileEntry => ({ path: row.path, kind: row.kind, size: row.size, updatedAt: row.updated_at });
const ROOT: FileEntry = { path: "/", kind: "dir", size: 0, updatedAt: 0 };
const encoder = new TextEncoder();
const decoder = new TextDecoder();

/**
 * A session's workbench files, in its Durable Object's SQLite: a tree of files and
 * directories under `/`, synchronous like the storage under it, so the sandbox's file API
 * and the shell see every write at once and every write survives eviction. Paths may be
 * relative (to /home/user); every method normalizes them first.
 */
export class FileStore {
  readonly #sql: SqlStorage;
  readonly #transaction: <T>(run: () => T) => T;

  constructor(storage: DurableObjectStorage) {
    this.#sql = storage.sql;
    this.#transaction = (run) => storage.transactionSync(run);
  }

  stat(path: string): FileEntry | null {
    const normalized = normalizePath(path);
    if (normalized === "/") return ROOT;
    const row = this.#sql.exec<EntryRow>("SELECT * FROM workbench_entries WHERE path = ?", normalized).toArray()[0];
    return row ? toEntry(row) : null;
  }

  /** The entries directly inside a directory, by name. */
  list(dir: string = "/"): FileEntry[] {
    const normalized = this.#requireDir(dir);
    return this.#sql.exec<EntryRow>("SELECT * FROM workbench_entries WHERE parent = ? ORDER BY path", normalized).toArray().map(toEntry);
  }

  /** Every file (not directory) at or below a path, by path: what the session API lists. */
  listFiles(under: string = "/"): FileEntry[] {
    const normalized = normalizePath(under);
    const prefix = normalized === "/" ? "/" : `${normalized}/`;
    return this.#sql
      .exec<EntryRow>("SELECT * FROM workbench_entries WHERE kind = 'file' AND (path = ? OR substr(path, 1, ?) = ?) ORDER BY path", normalized, prefix.length, prefix)
      .toArray()
      .map(toEntry);
  }

  read(path: string): Uint8Array {
    const entry = this.#requireFile(path);
    const out = new Uint8Array(entry.size);
    let offset = 0;
    for (const chunk of this.#sql.exec<{ data: ArrayBuffer }>("SELECT data FROM workbench_chunks WHERE path = ? ORDER BY seq", entry.path)) {
      out.set(new Uint8Array(chunk.data), offset);
      offset += chunk.data.byteLength;
    }
    return out;
  }

  readText(path: string): string {
    return decoder.decode(this.read(path));
  }

  /** Creates or replaces a file, and any missing directories above it. */
  write(path: string, content: Uint8Array | string): FileEntry {
    const normalized = normalizePath(path);
    const bytes = typeof content === "string" ? encoder.encode(content) : content;
    if (bytes.byteLength > MAX_FILE_BYTES) {
      throw new FileStoreError("EFBIG", `${normalized} would be ${bytes.byteLength} bytes; one file may hold at most ${MAX_FILE_BYTES} bytes.`);
    }
    const existing = this.stat(normalized);
    if (existing?.kind === "dir") throw new FileStoreError("EISDIR", `${normalized} is a directory.`);
    if (!existing) this.#requireRoomFor([...ancestorsOf(normalized), normalized]);
    const used = this.usage().bytes - (existing?.size ?? 0);
    if (used + bytes.byteLength > FILES_QUOTA_BYTES) {
      throw new FileStoreError("ENOSPC", `Writing ${normalized} would take the session's files past their ${FILES_QUOTA_BYTES}-byte quota (${used} bytes used by other files).`);
    }
    const now = Date.now();
    return this.#transaction(() => {
      this.#makeDirs(ancestorsOf(normalized), now);
      this.#sql.exec("DELETE FROM workbench_chunks WHERE path = ?", normalized);
      for (let seq = 0, offset = 0; offset < bytes.byteLength || seq === 0; seq++, offset += CHUNK_BYTES) {
        const chunk = bytes.slice(offset, offset + CHUNK_BYTES);
        this.#sql.exec("INSERT INTO workbench_chunks (path, seq, data) VALUES (?, ?, ?)", normalized, seq, chunk.buffer);
      }
      this.#sql.exec(
        `INSERT INTO workbench_entries (path, parent, kind, size, updated_at) VALUES (?, ?, 'file', ?, ?)
         ON CONFLICT (path) DO UPDATE SET size = excluded.size, updated_at = excluded.updated_at`,
        normalized,
        parentOf(normalized),
        bytes.byteLength,
        now,
      );
      return { path: normalized, kind: "file" as const, size: bytes.byteLength, updatedAt: now };
    });
  }

  mkdir(path: string, options: { recursive?: boolean } = {}): void {
    const normalized = normalizePath(path);
    const existing = this.stat(normalized);
    if (existing) {
      if (existing.kind === "dir" && options.recursive) return;
      throw new FileStoreError("EEXIST", `${normalized} already exists.`);
    }
    if (!options.recursive) this.#requireDir(parentOf(normalized));
    this.#requireRoomFor([...ancestorsOf(normalized), normalized]);
    this.#transaction(() => this.#makeDirs([...ancestorsOf(normalized), normalized], Date.now()));
  }

  /** Removes a file, or a directory (with what is in it only when `recursive`). False when nothing was there. */
  remove(path: string, options: { recursive?: boolean } = {}): boolean {
    const entry = this.stat(path);
    if (!entry) return false;
    if (entry.path === "/") throw new FileStoreError("EINVAL", "The root directory cannot be removed.");
    if (entry.kind === "dir" && !options.recursive && this.list(entry.path).length > 0) {
      throw new FileStoreError("ENOTEMPTY", `${entry.path} is not empty.`);
    }
    const prefix = `${entry.path}/`;
    this.#transaction(() => {
      for (const table of ["workbench_chunks", "workbench_entries"]) {
        this.#sql.exec(`DELETE FROM ${table} WHERE path = ? OR substr(path, 1, ?) = ?`, entry.path, prefix.length, prefix);
      }
    });
    return true;
  }

  /** Moves a file or a whole directory; replaces a file at the destination, never a directory. */
  rename(from: string, to: string): void {
    const source = this.stat(from);
    if (!source) throw new FileStoreError("ENOENT", `${normalizePath(from)}: no such file or directory.`);
    const target = normalizePath(to);
    if (source.path === "/" || target === source.path || target.startsWith(`${source.path}/`)) {
      throw new FileStoreError("EINVAL", `Cannot move ${source.path} to ${target}.`);
    }
    const existing = this.stat(target);
    if (existing?.kind === "dir") throw new FileStoreError("EISDIR", `${target} is a directory.`);
    // As rename(2): a directory never replaces a file (it would silently delete the file).
    if (existing && source.kind === "dir") throw new FileStoreError("ENOTDIR", `${target} is a file, not a directory.`);
    const prefix = `${source.path}/`;
    const now = Date.now();
    this.#transaction(() => {
      if (existing) for (const table of ["workbench_chunks", "workbench_entries"]) this.#sql.exec(`DELETE FROM ${table} WHERE path = ?`, target);
      this.#makeDirs(ancestorsOf(target), now);
      // `target || substr(path, len + 1)` rewrites the moved path and everything under it at once.
      for (const table of ["workbench_chunks", "workbench_entries"]) {
        this.#sql.exec(
          `UPDATE ${table} SET path = ? || substr(path, ?) WHERE path = ? OR substr(path, 1, ?) = ?`,
          target,
          source.path.length + 1,
          source.path,
          prefix.length,
          prefix,
        );
      }
      const moved = this.#sql.exec<{ path: string }>("SELECT path FROM workbench_entries WHERE path = ? OR substr(path, 1, ?) = ?", target, target.length + 1, `${target}/`);
      for (const { path } of moved.toArray()) this.#sql.exec("UPDATE workbench_entries SET parent = ? WHERE path = ?", parentOf(path), path);
      this.#sql.exec("UPDATE workbench_entries SET updated_at = ? WHERE path = ?", now, target);
    });
  }

  usage(): { bytes: number; files: number; quotaBytes: number } {
    const row = this.#sql.exec<{ bytes: number | null; files: number }>("SELECT sum(size) AS bytes, count(*) AS files FROM workbench_entries WHERE kind = 'file'").one();
    return { bytes: row.bytes ?? 0, files: row.files, quotaBytes: FILES_QUOTA_BYTES };
  }

  #requireFile(path: string): FileEntry {
    const entry = this.stat(path);
    if (!entry) throw new FileStoreError("ENOENT", `${normalizePath(path)}: no such file or directory.`);
    if (entry.kind === "dir") throw new FileStoreError("EISDIR", `${entry.path} is a directory.`);
    return entry;
  }

  #requireDir(path: string): string {
    const entry = this.stat(path);
    if (!entry) throw new FileStoreError("ENOENT", `${normalizePath(path)}: no such file or directory.`);
    if (entry.kind !== "dir") throw new FileStoreError("ENOTDIR", `${entry.path} is not a directory.`);
    return entry.path;
  }

  /** Refuses to create entries past MAX_ENTRIES; `paths` may include ones that already exist. */
  #requireRoomFor(paths: string[]): void {
    const added = paths.filter((path) => !this.stat(path)).length;
    const { entries } = this.#sql.exec<{ entries: number }>("SELECT count(*) AS entries FROM workbench_entries").one();
    if (entries + added > MAX_ENTRIES) {
      throw new FileStoreError("ENOSPC", `The session's workbench already holds ${entries} files and directories, the most it may (${MAX_ENTRIES}). Remove some first.`);
    }
  }

  #makeDirs(dirs: string[], now: number): void {
    for (const dir of dirs) {
      const existing = this.stat(dir);
      if (existing?.kind === "file") throw new FileStoreError("ENOTDIR", `${dir} is a file, not a directory.`);
      if (!existing) this.#sql.exec("INSERT INTO workbench_entries (path, parent, kind, size, updated_at) VALUES (?, ?, 'dir', 0, ?)", dir, parentOf(dir), now);
    }
  }
}

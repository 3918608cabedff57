import type { BufferEncoding, CpOptions, FileContent, FsStat, IFileSystem, MkdirOptions, RmOptions } from "just-bash/browser";
import type { FileEntry, FileStore } from "../file-store.ts";
import { normalizePath } from "../paths.ts";
import { FsError, toFsError } from "./fs-errors.ts";
import type { ShellBudget } from "./shell-budget.ts";
import { decodeBytes, encodeText } from "./text-encoding.ts";

type ReadOptions = Parameters<IFileSystem["readFile"]>[1];
type WriteOptions = Parameters<IFileSystem["writeFile"]>[2];
type Dirent = Awaited<ReturnType<NonNullable<IFileSystem["readdirWithFileTypes"]>>>[number];

const encodingOf = (options: ReadOptions | WriteOptions): BufferEncoding | null | undefined =>
  typeof options === "string" ? options : options?.encoding;

const toStat = (entry: FileEntry): FsStat => ({
  isFile: entry.kind === "file",
  isDirectory: entry.kind === "dir",
  isSymbolicLink: false,
  mode: entry.kind === "dir" ? 0o755 : 0o644,
  size: entry.size,
  mtime: new Date(entry.updatedAt),
});

/**
 * just-bash's filesystem interface over the session's FileStore, so the shell and the
 * code sandbox share one tree and every write lands in SQLite (and its quota) at once.
 * The store has no links or permissions: links are refused, chmod and utimes only check
 * that the path exists.
 */
export class FileStoreFs implements IFileSystem {
  readonly #files: FileStore;
  readonly #budget: ShellBudget | undefined;

  /** With a budget, every call is charged and may first give the isolate a turn (shell-budget.ts). */
  constructor(files: FileStore, budget?: ShellBudget) {
    this.#files = files;
    this.#budget = budget;
  }

  async readFile(path: string, options?: ReadOptions): Promise<string> {
    return decodeBytes(await this.readFileBuffer(path), encodingOf(options));
  }

  async readFileBuffer(path: string): Promise<Uint8Array> {
    await this.#budget?.beforeCall(path);
    const bytes = this.#call("open", path, () => this.#files.read(path));
    this.#budget?.read(bytes.byteLength, path);
    return bytes;
  }

  async writeFile(path: string, content: FileContent, options?: WriteOptions): Promise<void> {
    await this.#budget?.beforeCall(path);
    const bytes = typeof content === "string" ? encodeText(content, encodingOf(options)) : content;
    this.#budget?.written(bytes.byteLength);
    this.#call("write", path, () => this.#files.write(path, bytes));
  }

  async appendFile(path: string, content: FileContent, options?: WriteOptions): Promise<void> {
    await this.#budget?.beforeCall(path);
    const added = typeof content === "string" ? encodeText(content, encodingOf(options)) : content;
    this.#budget?.written(added.byteLength);
    this.#call("append", path, () => {
      const before = this.#files.stat(path)?.kind === "file" ? this.#files.read(path) : new Uint8Array(0);
      const joined = new Uint8Array(before.byteLength + added.byteLength);
      joined.set(before);
      joined.set(added, before.byteLength);
      this.#files.write(path, joined);
    });
  }

  async exists(path: string): Promise<boolean> {
    await this.#budget?.beforeCall(path);
    try {
      return this.#files.stat(path) !== null;
    } catch {
      return false;
    }
  }

  async stat(path: string): Promise<FsStat> {
    await this.#budget?.beforeCall(path);
    return toStat(this.#require("stat", path));
  }

  async lstat(path: string): Promise<FsStat> {
    await this.#budget?.beforeCall(path);
    return toStat(this.#require("lstat", path));
  }

  async mkdir(path: string, options?: MkdirOptions): Promise<void> {
    await this.#budget?.beforeCall(path);
    this.#call("mkdir", path, () => this.#files.mkdir(path, { recursive: options?.recursive ?? false }));
  }

  async readdir(path: string): Promise<string[]> {
    // Charged once, by readdirWithFileTypes.
    return (await this.readdirWithFileTypes(path)).map((entry) => entry.name);
  }

  async readdirWithFileTypes(path: string): Promise<Dirent[]> {
    await this.#budget?.beforeCall(path);
    const entries = this.#call("scandir", path, () => this.#files.list(path));
    return entries.map((entry) => ({
      name: entry.path.slice(entry.path.lastIndexOf("/") + 1),
      isFile: entry.kind === "file",
      isDirectory: entry.kind === "dir",
      isSymbolicLink: false,
    }));
  }

  async rm(path: string, options?: RmOptions): Promise<void> {
    await this.#budget?.beforeCall(path);
    const removed = this.#call("rm", path, () => this.#files.remove(path, { recursive: options?.recursive ?? false }));
    if (!removed && !options?.force) throw new FsError("ENOENT", "rm", path);
  }

  async cp(src: string, dest: string, options?: CpOptions): Promise<void> {
    const source = this.#require("cp", src);
    if (source.kind === "file") {
      this.#call("cp", dest, () => this.#files.write(dest, this.#files.read(source.path)));
      return;
    }
    if (!options?.recursive) throw new FsError("EISDIR", "cp", src);
    const target = normalizePath(dest);
    if (target === source.path || target.startsWith(`${source.path}/`)) throw new FsError("EINVAL", "cp", dest);
    this.#call("cp", dest, () => this.#files.mkdir(target, { recursive: true }));
    for (const child of this.#files.list(source.path)) {
      await this.cp(child.path, `${target}${child.path.slice(source.path.length)}`, options);
    }
  }

  async mv(src: string, dest: string): Promise<void> {
    if (normalizePath(src) === normalizePath(dest)) return;
    this.#call("rename", src, () => this.#files.rename(src, dest));
  }

  resolvePath(base: string, path: string): string {
    return path === "" ? normalizePath(base, "/") : normalizePath(path, normalizePath(base, "/"));
  }

  /** Every path in the tree; `find` and `ls -R` walk it. */
  getAllPaths(): string[] {
    const out = ["/"];
    const walk = (dir: string): void => {
      for (const entry of this.#files.list(dir)) {
        out.push(entry.path);
        if (entry.kind === "dir") walk(entry.path);
      }
    };
    walk("/");
    return out;
  }

  async chmod(path: string): Promise<void> {
    this.#require("chmod", path);
  }

  async utimes(path: string): Promise<void> {
    this.#require("utime", path);
  }

  async symlink(_target: string, linkPath: string): Promise<void> {
    throw new FsError("EPERM", "symlink", linkPath, "the workbench has no links");
  }

  async link(_existingPath: string, newPath: string): Promise<void> {
    throw new FsError("EPERM", "link", newPath, "the workbench has no links");
  }

  async readlink(path: string): Promise<string> {
    this.#require("readlink", path);
    throw new FsError("EINVAL", "readlink", path);
  }

  async realpath(path: string): Promise<string> {
    return this.#require("realpath", path).path;
  }

  #require(syscall: string, path: string): FileEntry {
    const entry = this.#call(syscall, path, () => this.#files.stat(path));
    if (!entry) throw new FsError("ENOENT", syscall, path);
    return entry;
  }

  #call<T>(syscall: string, path: string, run: () => T): T {
    try {
      return run();
    } catch (error) {
      throw toFsError(error, syscall, path);
    }
  }
}

import { describe, expect, it } from "vitest";
import { FILES_QUOTA_BYTES, type FileStore, FileStoreError, MAX_ENTRIES, MAX_FILE_BYTES } from "../../../../core/workbench/file-store.ts";
import { withFileStore } from "./workbench-storage.ts";

function errnoOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof FileStoreError) return error.errno;
    throw error;
  }
  return undefined;
}

const sha256 = async (bytes: Uint8Array) => Array.from(new Uint8Array(await crypto.subtle.digest("SHA-256", bytes)), (b) => b.toString(16).padStart(2, "0")).join("");

const paths = (entries: { path: string }[]) => entries.map((entry) => entry.path);

/** A session's files in its Durable Object's SQLite, used directly. */
describe("FileStore", () => {
  it("keeps a file over 1 MiB in chunks and reads it back byte for byte", async () => {
    await withFileStore(async (files, storage) => {
      const size = 2 * 1024 * 1024 + 12_345;
      const bytes = new Uint8Array(size);
      for (let i = 0; i < size; i++) bytes[i] = (i * 31 + (i >> 11)) & 0xff;
      expect(files.write("big.bin", bytes)).toMatchObject({ path: "/home/user/big.bin", kind: "file", size });
      const chunks = storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM workbench_chunks WHERE path = ?", "/home/user/big.bin").one();
      expect(chunks.n).toBe(3);
      // Digests, because a deep comparison of two million elements takes vitest many seconds.
      expect(await sha256(files.read("/home/user/big.bin"))).toBe(await sha256(bytes));
      files.write("big.bin", "small now");
      expect(files.readText("big.bin")).toBe("small now");
      expect(storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM workbench_chunks WHERE path = ?", "/home/user/big.bin").one().n).toBe(1);
      files.write("empty.txt", "");
      expect(files.read("empty.txt")).toEqual(new Uint8Array(0));
    });
  });

  it("lists a directory's entries and every file below a path", async () => {
    await withFileStore((files) => {
      files.write("b.txt", "b");
      files.write("a/one.txt", "1");
      files.write("a/deep/two.txt", "22");
      files.write("/tmp/other.txt", "x");
      expect(files.list("/home/user").map((e) => [e.path, e.kind])).toEqual([
        ["/home/user/a", "dir"],
        ["/home/user/b.txt", "file"],
      ]);
      expect(paths(files.list("/"))).toEqual(["/home", "/tmp"]);
      expect(paths(files.listFiles("/home/user/a"))).toEqual(["/home/user/a/deep/two.txt", "/home/user/a/one.txt"]);
      expect(paths(files.listFiles())).toEqual(["/home/user/a/deep/two.txt", "/home/user/a/one.txt", "/home/user/b.txt", "/tmp/other.txt"]);
      // A sibling whose name starts with the directory's name is not inside it.
      files.write("a-sibling.txt", "s");
      expect(paths(files.listFiles("a"))).toEqual(["/home/user/a/deep/two.txt", "/home/user/a/one.txt"]);
      expect(errnoOf(() => files.list("b.txt"))).toBe("ENOTDIR");
      expect(errnoOf(() => files.list("missing"))).toBe("ENOENT");
      expect(files.usage()).toEqual({ bytes: 6, files: 5, quotaBytes: FILES_QUOTA_BYTES });
    });
  });

  it("makes directories, with parents only when asked", async () => {
    await withFileStore((files) => {
      expect(errnoOf(() => files.mkdir("x/y"))).toBe("ENOENT");
      files.mkdir("x/y", { recursive: true });
      expect(files.stat("/home/user/x")?.kind).toBe("dir");
      expect(files.stat("/home/user/x/y")?.kind).toBe("dir");
      files.mkdir("x/y", { recursive: true });
      expect(errnoOf(() => files.mkdir("x/y"))).toBe("EEXIST");
      files.write("f.txt", "f");
      expect(errnoOf(() => files.mkdir("f.txt", { recursive: true }))).toBe("EEXIST");
      expect(errnoOf(() => files.mkdir("f.txt/inner", { recursive: true }))).toBe("ENOTDIR");
      expect(errnoOf(() => files.write("f.txt/inner.txt", "no"))).toBe("ENOTDIR");
      expect(errnoOf(() => files.write("x", "no"))).toBe("EISDIR");
      expect(errnoOf(() => files.read("x"))).toBe("EISDIR");
      expect(errnoOf(() => files.read("nope"))).toBe("ENOENT");
    });
  });

  it("renames a directory with everything below it", async () => {
    await withFileStore((files) => {
      files.write("src/a.txt", "a");
      files.write("src/sub/b.txt", "bb");
      files.write("src-keep.txt", "not moved");
      files.rename("src", "/data/dest");
      expect(files.stat("src")).toBeNull();
      expect(paths(files.listFiles("/data"))).toEqual(["/data/dest/a.txt", "/data/dest/sub/b.txt"]);
      expect(paths(files.list("/data/dest"))).toEqual(["/data/dest/a.txt", "/data/dest/sub"]);
      expect(paths(files.list("/data/dest/sub"))).toEqual(["/data/dest/sub/b.txt"]);
      expect(files.readText("/data/dest/sub/b.txt")).toBe("bb");
      expect(files.readText("src-keep.txt")).toBe("not moved");
      expect(errnoOf(() => files.rename("/data", "/data/dest/inside"))).toBe("EINVAL");
      expect(errnoOf(() => files.rename("nope", "x"))).toBe("ENOENT");
      files.write("other.txt", "other");
      expect(errnoOf(() => files.rename("other.txt", "/data/dest"))).toBe("EISDIR");
      expect(errnoOf(() => files.rename("/data/dest", "other.txt"))).toBe("ENOTDIR");
      files.rename("other.txt", "src-keep.txt");
      expect(files.readText("src-keep.txt")).toBe("other");
      expect(files.stat("other.txt")).toBeNull();
    });
  });

  it("removes files, and directories only when empty or recursive", async () => {
    await withFileStore((files, storage) => {
      files.write("tree/a.txt", "a");
      files.write("tree/sub/b.txt", "b");
      files.mkdir("empty");
      expect(errnoOf(() => files.remove("tree"))).toBe("ENOTEMPTY");
      expect(files.remove("empty")).toBe(true);
      expect(files.remove("tree", { recursive: true })).toBe(true);
      expect(files.stat("tree/sub")).toBeNull();
      expect(storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM workbench_chunks").one().n).toBe(0);
      expect(files.remove("tree")).toBe(false);
      expect(errnoOf(() => files.remove("/", { recursive: true }))).toBe("EINVAL");
    });
  });

  it("refuses a file over the per-file limit and a write past the quota, changing nothing", async () => {
    await withFileStore((files: FileStore) => {
      expect(errnoOf(() => files.write("huge.bin", new Uint8Array(MAX_FILE_BYTES + 1)))).toBe("EFBIG");
      const block = new Uint8Array(MAX_FILE_BYTES);
      for (let i = 0; i < FILES_QUOTA_BYTES / MAX_FILE_BYTES; i++) files.write(`f${i}.bin`, block);
      expect(files.usage().bytes).toBe(FILES_QUOTA_BYTES);
      expect(errnoOf(() => files.write("one-more.txt", "x"))).toBe("ENOSPC");
      expect(files.stat("one-more.txt")).toBeNull();
      // Replacing a file counts only what it adds.
      files.write("f0.bin", new Uint8Array(MAX_FILE_BYTES - 10));
      files.write("fits.txt", "0123456789");
      expect(files.usage().bytes).toBe(FILES_QUOTA_BYTES);
      expect(errnoOf(() => files.write("f0.bin", new Uint8Array(MAX_FILE_BYTES)))).toBe("ENOSPC");
      expect(files.stat("f0.bin")?.size).toBe(MAX_FILE_BYTES - 10);
    });
  });

  it("refuses entries past the count limit, even empty ones", async () => {
    await withFileStore((files: FileStore) => {
      files.mkdir("/d");
      for (let i = 1; i < MAX_ENTRIES; i++) files.write(`/d/${i}`, "");
      expect(errnoOf(() => files.write("/d/one-more", ""))).toBe("ENOSPC");
      expect(errnoOf(() => files.mkdir("/e"))).toBe("ENOSPC");
      files.write("/d/1", "replacing adds no entry");
      files.remove("/d/1");
      files.write("/d/again", "");
    });
    // Ten thousand writes, each checking the quota and the count.
  }, 60_000);

  it("normalizes paths, and `..` never leaves the root", async () => {
    await withFileStore((files) => {
      expect(files.write("../../../../etc/passwd", "mine").path).toBe("/etc/passwd");
      expect(files.write("/home/user/./a/../b.txt", "b").path).toBe("/home/user/b.txt");
      expect(files.readText("/../../home//user/b.txt/")).toBe("b");
      expect(files.stat("..")).toMatchObject({ path: "/home", kind: "dir" });
      expect(files.stat("../../..")).toMatchObject({ path: "/", kind: "dir" });
      expect(errnoOf(() => files.write("../../..", "root"))).toBe("EISDIR");
      expect(() => files.write("", "x")).toThrow(/not a usable workbench path/);
      expect(() => files.write("a\0b", "x")).toThrow(/NUL/);
      expect(paths(files.listFiles("/"))).toEqual(["/etc/passwd", "/home/user/b.txt"]);
    });
  });
});

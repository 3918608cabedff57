import { describe, expect, it } from "vitest";
import { runBash } from "../../../../core/workbench/bash/run-bash.ts";
import type { FileStore } from "../../../../core/workbench/file-store.ts";
import { withFileStore } from "./workbench-storage.ts";

const sh = (files: FileStore, command: string, limits?: Parameters<typeof runBash>[0]["limits"]) => runBash({ command, files, limits });

/** COMPOSIO_REMOTE_BASH_TOOL's engine: just-bash over the session's files in Durable Object SQLite. */
describe("runBash", () => {
  it("writes with echo and reads with cat, starting in /home/user", async () => {
    await withFileStore(async (files) => {
      const written = await sh(files, 'echo "héllo world" > greeting.txt && pwd');
      expect(written).toMatchObject({ stdout: "/home/user\n", stderr: "", exitCode: 0, error: null, stdoutTruncated: false });
      expect(files.readText("/home/user/greeting.txt")).toBe("héllo world\n");
      const read = await sh(files, "cat greeting.txt; echo $HOME $USER");
      expect(read.stdout).toBe("héllo world\n/home/user user\n");
    });
  });

  it("runs a jq pipeline through sort, uniq and wc", async () => {
    await withFileStore(async (files) => {
      const items = ["b", "a", "b", "c", "a"].map((name, id) => ({ id, name }));
      files.write("data.json", JSON.stringify({ items }));
      const result = await sh(files, "cat data.json | jq '.items[] | .name' | sort | uniq | wc -l");
      expect(result).toMatchObject({ stdout: expect.stringMatching(/^\s*3\n$/), exitCode: 0, error: null });
      const names = await sh(files, "jq -r '.items[].name' data.json | sort -u | tr '\\n' ,");
      expect(names.stdout).toBe("a,b,c,");
    });
  });

  it("has grep, head, tail, sed and awk", async () => {
    await withFileStore(async (files) => {
      files.write("log.txt", ["alpha 1", "beta 2", "gamma 3", "beta 4", "delta 5"].join("\n") + "\n");
      expect((await sh(files, "grep -c beta log.txt")).stdout).toBe("2\n");
      expect((await sh(files, "head -n 2 log.txt")).stdout).toBe("alpha 1\nbeta 2\n");
      expect((await sh(files, "tail -n 1 log.txt")).stdout).toBe("delta 5\n");
      expect((await sh(files, "sed -n 's/^beta /B=/p' log.txt")).stdout).toBe("B=2\nB=4\n");
      expect((await sh(files, "awk '{ s += $2 } END { print s }' log.txt")).stdout).toBe("15\n");
      expect((await sh(files, "grep -n gamma log.txt | cut -d: -f1")).stdout).toBe("3\n");
    });
  });

  it("sees what the file store wrote, and the file store sees what the shell wrote", async () => {
    await withFileStore(async (files) => {
      files.write("/home/user/reports/q1.csv", "a,b\n1,2\n");
      files.write("/tmp/scratch.txt", "elsewhere\n");
      expect((await sh(files, "ls reports")).stdout).toBe("q1.csv\n");
      expect((await sh(files, "cat reports/q1.csv /tmp/scratch.txt")).stdout).toBe("a,b\n1,2\nelsewhere\n");
      expect((await sh(files, "find . -name '*.csv'")).stdout).toBe("./reports/q1.csv\n");
      await sh(files, "printf 'x\\ny\\n' > reports/q2.csv && echo more >> reports/q2.csv && cp reports/q2.csv /tmp/");
      expect(files.readText("/home/user/reports/q2.csv")).toBe("x\ny\nmore\n");
      expect(files.readText("/tmp/q2.csv")).toBe("x\ny\nmore\n");
      expect(files.listFiles("/home/user").map((f) => f.path)).toEqual(["/home/user/reports/q1.csv", "/home/user/reports/q2.csv"]);
    });
  });

  it("makes, moves and removes files and directories", async () => {
    await withFileStore(async (files) => {
      const result = await sh(files, "mkdir -p a/b && echo 1 > a/b/one.txt && mv a moved && mv moved/b/one.txt moved/two.txt && rm -r moved/b && ls -R moved");
      expect(result).toMatchObject({ exitCode: 0, stderr: "" });
      expect(files.stat("/home/user/a")).toBeNull();
      expect(files.readText("/home/user/moved/two.txt")).toBe("1\n");
      expect(files.stat("/home/user/moved/b")).toBeNull();
      const refused = await sh(files, "mkdir moved");
      expect(refused.exitCode).not.toBe(0);
      expect(refused.stderr).toContain("File exists");
      expect((await sh(files, "rm moved/two.txt && rmdir moved && ls")).stdout).toBe("");
    });
  });

  it("answers a missing file with the usual message, not an exception", async () => {
    await withFileStore(async (files) => {
      const cat = await sh(files, "cat nope.txt");
      expect(cat).toMatchObject({ stdout: "", stderr: "cat: nope.txt: No such file or directory\n", exitCode: 1, error: null });
      expect((await sh(files, "ls /missing")).stderr).toContain("No such file or directory");
      expect((await sh(files, "rm gone")).stderr).toContain("No such file or directory");
      expect((await sh(files, "cat /home/user/../../etc/passwd")).stderr).toContain("No such file or directory");
    });
  });

  it("cuts long output and says how much was cut", async () => {
    await withFileStore(async (files) => {
      const result = await sh(files, "seq 1 5000", { maxOutputChars: 100 });
      expect(result.stdoutTruncated).toBe(true);
      expect(result.stdout.startsWith("1\n2\n3\n")).toBe(true);
      const total = Array.from({ length: 5000 }, (_, i) => `${i + 1}\n`).join("").length;
      expect(result.stdout).toContain(`…[stdout truncated: ${total - 100} more characters]`);
      expect(result.stderrTruncated).toBe(false);
    });
  });

  it("stops an infinite loop with a clear error, and the next command works", async () => {
    await withFileStore(async (files) => {
      const looped = await sh(files, "while true; do :; done");
      expect(looped.error).toMatchObject({ kind: "limit", message: expect.stringContaining("execution limit") });
      expect(looped.exitCode).not.toBe(0);
      expect(looped.error?.message).not.toContain("executionLimits");
      const next = await sh(files, "echo still here");
      expect(next).toMatchObject({ stdout: "still here\n", exitCode: 0, error: null });
    });
  });

  it("stops a command at its wall time", async () => {
    await withFileStore(async (files) => {
      const slept = await sh(files, "sleep 5; echo never", { wallTimeMs: 200 });
      expect(slept.error).toMatchObject({ kind: "timeout" });
      expect(slept.stdout).toBe("");
      expect(slept.durationMs).toBeLessThan(2_000);
    });
  });

  it("reports the quota as a shell error and changes nothing", async () => {
    await withFileStore(async (files) => {
      for (const name of ["a", "b", "c", "d"]) files.write(`${name}.bin`, new Uint8Array(16 * 1024 * 1024));
      const redirected = await sh(files, "echo one more > full.txt; echo after");
      expect(redirected.stderr).toMatch(/^bash: ENOSPC: no space left on device \(.*quota.*\), write '\/home\/user\/full\.txt'\n$/);
      expect(redirected).toMatchObject({ exitCode: 1, error: { kind: "limit", message: expect.stringContaining("quota") } });
      // As in bash, `>` truncates (creates) the file before the write that fails.
      expect(files.stat("full.txt")?.size).toBe(0);
      const copied = await sh(files, "cp a.bin e.bin; echo after");
      expect(copied.stdout).toBe("after\n");
      expect(copied.stderr).toMatch(/^cp: .*/);
      expect(files.stat("e.bin")).toBeNull();
      files.remove("d.bin");
      expect((await sh(files, "echo fits > small.txt && cat small.txt")).stdout).toBe("fits\n");
    });
  });

  it("has no network, JavaScript, Python or SQLite", async () => {
    await withFileStore(async (files) => {
      for (const command of ["curl https://example.com", "js-exec -c 'console.log(1)'", "python3 -c 'print(1)'", "sqlite3 :memory: 'select 1'"]) {
        const result = await sh(files, command);
        expect(result.exitCode, command).toBe(127);
        expect(result.stderr, command).toMatch(/command not (found|available)/);
      }
    });
  });
});

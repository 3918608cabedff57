import { describe, expect, it } from "vitest";
import { runInSandbox, type SandboxCapabilities, type SandboxRequest } from "../../../../core/workbench/sandbox/index.ts";

const none: SandboxCapabilities = { sync: {}, async: {} };
const run = (code: string, extra: Partial<SandboxRequest> = {}) => runInSandbox({ code, variables: {}, capabilities: none, ...extra });

describe("runInSandbox: results and languages", () => {
  it("returns the last expression's value, or an explicit top-level return", async () => {
    expect((await run("const a = 2\nconst b = 3\na * b")).result).toBe(6);
    expect((await run("if (true) return { ok: 1 }\n42")).result).toEqual({ ok: 1 });
    const none = await run("let x = 1;");
    expect(none).toMatchObject({ ok: true, result: null, error: null });
  });

  it("strips TypeScript types and keeps ES syntax", async () => {
    const out = await run("interface P { n: number }\nconst p: P = { n: 4 };\nconst q = p?.n ?? 0;\nq as number", { language: "typescript" });
    expect(out).toMatchObject({ ok: true, result: 4 });
  });

  it("reports syntax errors at the user's line and column", async () => {
    const js = await run("const a = 1;\nconst b = ;\n");
    expect(js.error).toMatchObject({ kind: "syntax" });
    expect(js.error?.message).toContain("line 2, column 11");
    const ts = await run("let x: number = 1;\nlet y: = 2;", { language: "typescript" });
    expect(ts.error?.kind).toBe("syntax");
    expect(ts.error?.message).toContain("line 2");
  });

  it("reports an uncaught exception with its message and a stack in the user's lines", async () => {
    const out = await run("const a = 1;\nfunction boom() { throw new TypeError('nope') }\nboom()");
    expect(out.error).toMatchObject({ kind: "exception", message: "TypeError: nope" });
    expect(out.error?.stack).toContain("cell.js:2");
  });
});

describe("runInSandbox: capabilities", () => {
  it("awaits async capabilities at the top level and calls sync ones under dotted names", async () => {
    const capabilities: SandboxCapabilities = {
      async: { run_composio_tool: async (slug, args) => ({ slug, args, items: [1, 2, 3] }) },
      sync: { "files.read": (path) => `content of ${String(path)}` },
    };
    const out = await run("const r = await run_composio_tool('HACKERNEWS_GET_TOP', { n: 3 });\n[r.slug, r.items.filter((i) => i > 1), files.read('/a.txt')]", { capabilities });
    expect(out).toMatchObject({ ok: true, result: ["HACKERNEWS_GET_TOP", [2, 3], "content of /a.txt"] });
  });

  it("turns a rejection or a throw into an Error the code can catch", async () => {
    const capabilities: SandboxCapabilities = {
      async: { tool: async () => { throw new Error("upstream said 404"); } },
      sync: { "files.read": () => { throw new Error("ENOENT: no such file"); } },
    };
    const out = await run("let a, b;\ntry { await tool() } catch (e) { a = e.message }\ntry { files.read('x') } catch (e) { b = e instanceof Error && e.message }\n[a, b]", { capabilities });
    expect(out.result).toEqual(["upstream said 404", "ENOENT: no such file"]);
  });

  it("stops a run that awaits a host call past the wall limit, and abandons the call", async () => {
    const capabilities: SandboxCapabilities = { async: { slow: () => new Promise((resolve) => setTimeout(() => resolve(1), 2_000)) }, sync: {} };
    const out = await run("await slow()", { capabilities, limits: { wallMs: 200 } });
    expect(out.error?.kind).toBe("timeout");
    expect(out.durationMs).toBeLessThan(1_500);
  });

  it("supports sleep and setTimeout", async () => {
    const out = await run("let fired = false; setTimeout(() => { fired = true }, 5); await sleep(20); fired");
    expect(out.result).toBe(true);
  });
});

describe("runInSandbox: output", () => {
  it("sends console.log to stdout and console.error to stderr, shown like Node", async () => {
    const out = await run("console.log('hi', 1, { a: [1, 'x'] }, null); console.warn('careful'); console.error(new Error('bad'))");
    expect(out.stdout).toBe("hi 1 { a: [ 1, \"x\" ] } null\n");
    expect(out.stderr).toMatch(/^careful\nError: bad/);
  });

  it("cuts each stream at outputChars with a marker line", async () => {
    const out = await run("for (let i = 0; i < 1000; i++) console.log('line ' + i)", { limits: { outputChars: 100 } });
    expect(out.stdoutTruncated).toBe(true);
    expect(out.stdout.length).toBeLessThan(200);
    expect(out.stdout).toMatch(/…\[stdout truncated: \d+ more characters\]\n$/);
    expect(out.stderrTruncated).toBe(false);
  });

  it("reports console lines as progress", async () => {
    const messages: string[] = [];
    await run("console.log('step 1'); console.log('step 2')", { onProgress: (event) => messages.push(event.message) });
    expect(messages[0]).toBe("step 1");
  });

  it("returns a preview of a result too large to return whole", async () => {
    const out = await run("'x'.repeat(200000)");
    expect(out.resultTruncated).toBe(true);
    expect(String(out.result)).toMatch(/…\[result truncated: \d+ more characters\]$/);
  });
});

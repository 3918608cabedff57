import { describe, expect, it } from "vitest";
import { runInSandbox, type SandboxRequest } from "../../../../core/workbench/sandbox/index.ts";

const run = (code: string, extra: Partial<SandboxRequest> = {}) => runInSandbox({ code, variables: {}, capabilities: { sync: {}, async: {} }, ...extra });

describe("runInSandbox: variables between runs", () => {
  it("keeps const, let, var, destructured names and new globals, and restores them next run", async () => {
    const first = await run("const a = 1;\nlet { b, c: [d] } = { b: 'two', c: [3] };\nif (true) { var e = { nested: [true, null] } }\nglobalThis.g = 'global';\nh = 8;\nfor (let i = 0; i < 2; i++) {}");
    expect(first.ok).toBe(true);
    expect(first.variables).toEqual({ a: 1, b: "two", d: 3, e: { nested: [true, null] }, g: "global", h: 8 });
    const second = await run("const a = 10; // declared again\n[a, b, d, e.nested[0], g, h]", { variables: first.variables });
    expect(second.result).toEqual([10, "two", 3, true, "global", 8]);
    expect(second.variables).toMatchObject({ a: 10, b: "two", g: "global" });
  });

  it("does not keep functions, classes, Maps or cycles, and says why", async () => {
    const out = await run("function helper() {}\nclass K {}\nconst m = new Map();\nconst cyc = {}; cyc.self = cyc;\nconst f = { fn: () => 1 };\nconst ok = [1]");
    expect(out.variables).toEqual({ ok: [1] });
    expect(out.unsavedVariables.sort()).toEqual(["K", "cyc", "f", "helper", "m"]);
    expect(out.unsavedReasons.helper).toMatch(/^a function/);
    expect(out.unsavedReasons.K).toMatch(/^a class/);
    expect(out.unsavedReasons.m).toMatch(/^a Map/);
    expect(out.unsavedReasons.cyc).toMatch(/circular reference at \.self/);
    expect(out.unsavedReasons.f).toMatch(/a function at \.fn/);
  });

  it("collects variables when the cell throws, skipping names it never reached", async () => {
    const out = await run("const a = 1;\nthrow new Error('halfway');\nconst b = 2;", { variables: { b: "old" } });
    expect(out.error?.kind).toBe("exception");
    expect(out.variables).toEqual({ a: 1, b: "old" });
  });

  it("refuses variables past the size budget with a reason", async () => {
    const out = await run("const small = 'ok';\nconst big = 'x'.repeat(2 * 1024 * 1024);");
    expect(out.variables).toEqual({ small: "ok" });
    expect(out.unsavedReasons.big).toMatch(/too large/);
  });

  it("does not let a restored variable replace a workbench global", async () => {
    const out = await run("typeof console.log", { variables: { console: 1 } });
    expect(out.result).toBe("function");
  });
});

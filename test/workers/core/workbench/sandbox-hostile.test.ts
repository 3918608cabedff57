import { describe, expect, it } from "vitest";
import { runInSandbox, type SandboxCapabilities, type SandboxRequest } from "../../../../core/workbench/sandbox/index.ts";
import { readOutcome } from "../../../../core/workbench/sandbox/read-outcome.ts";

const none: SandboxCapabilities = { sync: {}, async: {} };
const run = (code: string, extra: Partial<SandboxRequest> = {}) => runInSandbox({ code, variables: {}, capabilities: none, ...extra });

async function expectHealthy() {
  expect(await run("[1, 2, 3].map((n) => n * 2)")).toMatchObject({ ok: true, result: [2, 4, 6] });
}

describe("runInSandbox: a cell that replaces built-ins", () => {
  it("still gets its result, variables and output when JSON, Object.keys and Array methods are replaced", async () => {
    const code = [
      "const kept = { a: [1, 'two'], b: { c: null } };",
      "JSON.stringify = () => 'x'.repeat(10 * 1024 * 1024);",
      "JSON.parse = () => ({ smuggled: true });",
      "Object.keys = () => ['nope'];",
      "Object.getOwnPropertyNames = () => [];",
      "Array.prototype.map = function () { return ['mapped'] };",
      "Array.prototype.join = function () { return 'joined' };",
      "Array.prototype.push = function () { throw new Error('no push') };",
      "Promise.prototype.then = function () { return this };",
      "console.log('still', { shown: [1, 2] });",
      "({ answer: 42, list: [1, 2, 3] })",
    ].join("\n");
    const out = await run(code);
    expect(out).toMatchObject({ ok: true, error: null, result: { answer: 42, list: [1, 2, 3] }, resultTruncated: false });
    expect(out.stdout).toBe("still { shown: [ 1, 2 ] }\n");
    expect(out.variables).toEqual({ kept: { a: [1, "two"], b: { c: null } } });
    await expectHealthy();
  });

  it("keeps the result bound and the variables budget when JSON.stringify is replaced", async () => {
    const out = await run("const big = 'y'.repeat(3 * 1024 * 1024);\nJSON.stringify = () => '1';\n'r'.repeat(200000)");
    expect(out.resultTruncated).toBe(true);
    expect(String(out.result).length).toBeLessThan(101_000);
    expect(out.variables).toEqual({});
    expect(out.unsavedReasons.big).toMatch(/too large/);
  });

  it("reports a thrown error correctly after the cell replaced String and JSON", async () => {
    const out = await run("String = () => { throw new Error('hijacked') };\nJSON.stringify = () => undefined;\nthrow new TypeError('real failure')");
    expect(out.error).toMatchObject({ kind: "exception", message: "TypeError: real failure" });
  });
});

describe("runInSandbox: the host checks the report", () => {
  it("turns a malformed report into an exception, never a throw", () => {
    for (const report of ["not json", "[]", '{"ok":"yes"}', '{"ok":true,"resultJson":"{nope"}', '{"ok":true,"variables":{"json":"[1]","unsaved":{}}}']) {
      expect("malformed" in readOutcome(report)).toBe(true);
    }
  });

  it("ends the run with an exception when the cell garbles the report, keeping the variables as they were", async () => {
    const out = await run("const x = 1;\nObject.prototype.toJSON = () => 'garbled';\n2", { variables: { before: 1 } });
    expect(out).toMatchObject({ ok: false, result: null, variables: { before: 1 } });
    expect(out.error).toMatchObject({ kind: "exception", message: expect.stringMatching(/^The run's report was malformed/) });
    await expectHealthy();
  });

  it("bounds a report's result and variables whatever the sandbox claims", () => {
    const huge = "z".repeat(3 * 1024 * 1024);
    const reading = readOutcome(JSON.stringify({ ok: true, resultJson: JSON.stringify(huge), variables: { json: JSON.stringify({ small: 1, huge }), unsaved: { f: "a function" } } }));
    if (!("outcome" in reading)) throw new Error("expected an outcome");
    expect(reading.outcome.resultTruncated).toBe(true);
    expect(String(reading.outcome.result)).toMatch(/result truncated: \d+ more characters\]$/);
    expect(reading.outcome.variables?.values).toEqual({ small: 1 });
    expect(reading.outcome.variables?.unsaved.huge).toMatch(/bytes of JSON; one variable may use at most 1048576/);
    expect(reading.outcome.variables?.unsaved.f).toBe("a function");
  });

  it("counts the variables budget in UTF-8 bytes", async () => {
    const out = await run("const small = 'ok';\nconst euros = '€'.repeat(900000);");
    expect(out.variables).toEqual({ small: "ok" });
    expect(out.unsavedVariables).toEqual(["euros"]);
    expect(out.unsavedReasons.euros).toMatch(/2700002 bytes of JSON/);
    const fits = await run("const a = '€'.repeat(150000);\nconst b = '€'.repeat(150000);");
    expect(Object.keys(fits.variables)).toEqual(["a", "b"]);
    const second = await run("const a = '€'.repeat(300000);\nconst b = '€'.repeat(100000);");
    expect(Object.keys(second.variables)).toEqual(["a"]);
    expect(second.unsavedReasons.b).toMatch(/all variables together may use 1048576 bytes/);
  });
});

describe("runInSandbox: capability answers too large for the sandbox", () => {
  const fortyMegabytes = "x".repeat(40 * 1024 * 1024);

  it("refuses a 40 MB async answer with an Error the cell can catch", async () => {
    const capabilities: SandboxCapabilities = { async: { big: async () => fortyMegabytes }, sync: {} };
    const started = Date.now();
    const out = await run("let m; try { await big() } catch (e) { m = e.message }\nm", { capabilities });
    expect(out.ok).toBe(true);
    expect(out.result).toMatch(/^big returned \d+ bytes, more than the sandbox can take \(limit 16777216\); ask for less or write it to a file$/);
    expect(Date.now() - started).toBeLessThan(10_000);
    await expectHealthy();
  });

  it("refuses a huge sync answer the same way", async () => {
    const capabilities: SandboxCapabilities = { async: {}, sync: { "files.read": () => fortyMegabytes } };
    const out = await run("files.read('/big.txt')", { capabilities });
    expect(out.error).toMatchObject({ kind: "exception" });
    expect(out.error?.message).toMatch(/files\.read returned \d+ bytes, more than the sandbox can take/);
    await expectHealthy();
  });

  it("stops with kind memory, quickly, when an async answer under the limit still does not fit", async () => {
    const capabilities: SandboxCapabilities = { async: { big: async () => "x".repeat(12 * 1024 * 1024) }, sync: {} };
    const started = Date.now();
    const out = await run("const hold = []; try { while (true) hold.push('y'.repeat(1024 * 1024) + hold.length) } catch {}\nhold.length = hold.length - 4;\nconst s = await big();\ns.length", { capabilities });
    expect(out.error).toMatchObject({ kind: "memory", message: expect.stringMatching(/^The value returned by big was too large for the sandbox's memory/) });
    expect(Date.now() - started).toBeLessThan(10_000);
    await expectHealthy();
  });

  it("stops with kind memory when a sync answer under the limit does not fit", async () => {
    const capabilities: SandboxCapabilities = { async: {}, sync: { read: () => "x".repeat(12 * 1024 * 1024) } };
    const out = await run("const hold = []; try { while (true) hold.push('y'.repeat(1024 * 1024) + hold.length) } catch {}\nhold.length = hold.length - 4;\nread().length", { capabilities });
    expect(out.error).toMatchObject({ kind: "memory", message: expect.stringMatching(/^The value returned by read was too large for the sandbox's memory/) });
    await expectHealthy();
  });
});

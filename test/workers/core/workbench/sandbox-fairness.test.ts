import { describe, expect, it } from "vitest";
import type { FileStore } from "../../../../core/workbench/file-store.ts";
import { runInSandbox, type SandboxCapabilities, type SandboxRequest } from "../../../../core/workbench/sandbox/index.ts";
import { withStallProbe } from "./fairness-probe.ts";
import { withFileStore } from "./workbench-storage.ts";

/** The file helpers as workbench code sees them (helpers.ts), over the session's real store. */
const fileCapabilities = (files: FileStore): SandboxCapabilities => ({
  sync: {
    "files.exists": (path) => files.stat(String(path)) !== null,
    "files.read": (path) => files.readText(String(path)),
    "files.write": (path, text) => void files.write(String(path), String(text)),
  },
  async: {},
});

const run = (code: string, extra: Partial<SandboxRequest> = {}) => runInSandbox({ code, variables: {}, capabilities: { sync: {}, async: {} }, ...extra });

/**
 * Stalls longer than this mean another session's request would have waited that long. The
 * figures (README, docs/workbench.md) are measured end to end; here, on a CI machine running
 * other suites beside this one, the bound only has to tell the seconds-long stalls these attacks
 * caused before from a pause of a few slices (one 317 ms stall was seen under load).
 */
const MAX_STALL_MS = 1_000;

async function expectHealthy(capabilities?: SandboxCapabilities) {
  expect(await run("[1, 2, 3].map((n) => n * 2)", capabilities ? { capabilities } : {})).toMatchObject({ ok: true, result: [2, 4, 6] });
}

describe("runInSandbox: one run cannot stall the isolate", () => {
  it("charges a loop of files.exists to the CPU budget and pauses while it runs", async () => {
    await withFileStore(async (files) => {
      const capabilities = fileCapabilities(files);
      const probe = await withStallProbe(() => run(`for (;;) files.exists("a")`, { capabilities, limits: { cpuMs: 1_000 } }));
      console.log(`files.exists loop: ended after ${probe.elapsedMs} ms, stall p99 ${probe.p99} ms, max ${probe.max} ms`);
      expect(probe.value.error?.kind).toBe("cpu");
      expect(probe.value.error?.message).toMatch(/helper calls/);
      expect(probe.elapsedMs).toBeLessThan(10_000);
      expect(probe.max).toBeLessThan(MAX_STALL_MS);
      await expectHealthy(capabilities);
    });
  });

  it("charges the bytes of files.read of a big file", async () => {
    await withFileStore(async (files) => {
      files.write("big.txt", "x".repeat(4 * 1024 * 1024));
      const capabilities = fileCapabilities(files);
      const probe = await withStallProbe(() => run(`let n = 0;\nfor (;;) n += files.read("big.txt").length`, { capabilities, limits: { cpuMs: 1_000 } }));
      console.log(`files.read(4 MiB) loop: ended after ${probe.elapsedMs} ms, stall p99 ${probe.p99} ms, max ${probe.max} ms`);
      expect(probe.value.error?.kind).toBe("cpu");
      expect(probe.elapsedMs).toBeLessThan(15_000);
      expect(probe.max).toBeLessThan(MAX_STALL_MS);
      await expectHealthy(capabilities);
    });
  });

  it("charges console output and pauses while a million lines are printed", async () => {
    const probe = await withStallProbe(() => run(`for (let i = 0; i < 1e6; i++) console.log("line", i)`, { limits: { cpuMs: 1_000 } }));
    console.log(`1e6 console.log: ended after ${probe.elapsedMs} ms (${probe.value.error?.kind ?? "ok"}), stall p99 ${probe.p99} ms, max ${probe.max} ms`);
    expect(probe.value.error?.kind).toBe("cpu");
    expect(probe.value.stdoutTruncated).toBe(true);
    expect(probe.max).toBeLessThan(MAX_STALL_MS);
    await expectHealthy();
  });

  it("pauses an endless loop at the top level before its CPU budget ends it", async () => {
    const probe = await withStallProbe(() => run("let n = 0;\nwhile (true) { n++ }", { limits: { cpuMs: 1_000 } }));
    console.log(`while (true): ended after ${probe.elapsedMs} ms, stall p99 ${probe.p99} ms, max ${probe.max} ms`);
    expect(probe.value.error?.kind).toBe("cpu");
    expect(probe.max).toBeLessThan(MAX_STALL_MS);
  });

  it("holds the wall limit over synchronous helper calls", async () => {
    await withFileStore(async (files) => {
      const capabilities = fileCapabilities(files);
      const probe = await withStallProbe(() => run(`for (;;) files.exists("a")`, { capabilities, limits: { wallMs: 500, cpuMs: 60_000 } }));
      expect(probe.value.error?.kind).toBe("timeout");
      expect(probe.elapsedMs).toBeLessThan(3_000);
      await expectHealthy(capabilities);
    });
  });

  it("runs two thousand parallel tool calls a few at a time, without stalling", async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const capabilities: SandboxCapabilities = {
      sync: {},
      async: {
        run_composio_tool: async (slug) => {
          inFlight += 1;
          mostInFlight = Math.max(mostInFlight, inFlight);
          await new Promise((resolve) => setTimeout(resolve, 1));
          inFlight -= 1;
          return { data: { slug, items: Array.from({ length: 20 }, (_, i) => ({ i, title: `issue ${i}` })) }, error: null, successful: true };
        },
      },
    };
    const probe = await withStallProbe(() =>
      run(`(await Promise.all(Array.from({ length: 2000 }, (_, i) => run_composio_tool("GITHUB_GET_ISSUE", { i })))).length`, { capabilities }),
    );
    console.log(`2,000 parallel tool calls: ended after ${probe.elapsedMs} ms, stall p99 ${probe.p99} ms, max ${probe.max} ms, at most ${mostInFlight} in flight; largest gap at ${probe.gaps.indexOf(probe.max)} of ${probe.gaps.length}`);
    expect(probe.value.error).toBeNull();
    expect(probe.value).toMatchObject({ ok: true, result: 2000 });
    expect(mostInFlight).toBeLessThanOrEqual(8);
    expect(probe.p99).toBeLessThan(MAX_STALL_MS);
    // One pause of 250-370 ms remains early in the run (measured; probably the engine's own GC
    // over two thousand pending promise chains, which no yield point can split).
    expect(probe.max).toBeLessThan(MAX_STALL_MS);
  });

  it("refuses twenty thousand pending sleeps with a clear limit error", async () => {
    const probe = await withStallProbe(() => run("await Promise.all(Array.from({ length: 20000 }, () => sleep(1)))"));
    console.log(`20,000 parallel sleep(1): ended after ${probe.elapsedMs} ms, stall p99 ${probe.p99} ms, max ${probe.max} ms`);
    expect(probe.value.error?.kind).toBe("limit");
    expect(probe.value.error?.message).toMatch(/Too many calls waiting at once/);
    expect(probe.value.error?.message).not.toMatch(/detached|TypeError/);
    expect(probe.max).toBeLessThan(MAX_STALL_MS);
    await expectHealthy();
  });

  it("keeps loops correct with their yield points", async () => {
    const out = await run(
      [
        "let s = 0;",
        "for (let i = 0; i < 100000; i++) s += i;",
        "let j = 0; do j++; while (j < 10)",
        "outer: for (const a of [1, 2, 3]) for (const b of [1, 2, 3]) { if (b === 2) continue outer; s += a * b }",
        "const inner = async () => { let k = 0; while (k < 5) k++; return k };",
        "function plain() { let m = 0; for (let i = 0; i < 3; i++) m += i; return m }",
        "[s, j, await inner(), plain()]",
      ].join("\n"),
    );
    expect(out).toMatchObject({ ok: true, result: [4999950000 + 6, 10, 5, 3] });
  });
});

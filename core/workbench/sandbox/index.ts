/**
 * The workbench's JavaScript sandbox: QuickJS-ng compiled to WebAssembly, one fresh engine
 * instance per run. It knows nothing about sessions; the caller hands in capabilities and
 * the previous run's variables and persists what comes back.
 *
 * Semantics of a run (a "cell"), also in README.md beside this file:
 * - TypeScript is stripped of its types by sucrase (ES syntax kept); JavaScript runs as is.
 * - The cell is the body of an async function: top-level `await` works. Its result is the
 *   value of its last statement if that is an expression (like a notebook cell), or of an
 *   explicit top-level `return`. Results are JSON; past 100k characters, a preview string
 *   with `resultTruncated`.
 * - Syntax errors come back as kind "syntax" with the user's line and column.
 * - Variables: after the run (also when it threw) the names the cell declared at top level
 *   (`var`/`let`/`const`/destructuring/`function`/`class`) and every new global
 *   (`globalThis.x = …`, `x = …`) are kept if they are JSON values, 1 MiB (UTF-8) in all; functions,
 *   classes, Maps, Dates, cycles and anything past the budget are listed in
 *   `unsavedVariables` with a reason. Before the next run they are restored as globals, so
 *   `const x` in one run is `x` in the next and may be declared again. A run stopped by a
 *   limit keeps the variables as they were before it.
 * - Output: console.log/info/debug to stdout, console.warn/error to stderr, values shown
 *   roughly as Node shows them; each stream kept up to `outputChars` and then cut with a
 *   marker line `…[stdout truncated: N more characters]`.
 * - No ambient network or bindings: `fetch` throws an Error that says how to call tools
 *   instead. `sleep(ms)` and `setTimeout`/`clearTimeout` wait on the host; the run ends when
 *   the cell's own promise settles (timers still pending are dropped).
 * - Limits: memory (the engine's whole WebAssembly memory) → kind "memory"; recursion past
 *   256 KiB of stack → "stack"; interpreter work past the CPU budget → "cpu"; wall time,
 *   including time awaiting host calls → "timeout". Each ends only that run. A capability
 *   answer over a quarter of the memory is refused with an Error the cell can catch.
 * - Never throws for anything the cell does: the driver's report is checked on the host
 *   (read-outcome.ts), and a malformed one ends the run as an "exception".
 */
import { executeCell } from "./execute-cell.ts";
import { resolveLimits } from "./limits.ts";
import { prepareCell } from "./prepare-code.ts";
import { newQuickJSModule } from "./quickjs-module.ts";
import { toSandboxResult } from "./sandbox-result.ts";
import type { SandboxRequest, SandboxResult } from "./types.ts";

export { DEFAULT_LIMITS, type SandboxLimits } from "./limits.ts";
export { NO_NETWORK_MESSAGE } from "./prelude.ts";
export type { SandboxCapabilities, SandboxError, SandboxErrorKind, SandboxRequest, SandboxResult } from "./types.ts";

export async function runInSandbox(request: SandboxRequest): Promise<SandboxResult> {
  const startedAt = Date.now();
  const limits = resolveLimits(request.limits);
  const cell = prepareCell(request.code, request.language ?? "javascript");
  if (!cell.ok) {
    return toSandboxResult(request, { ending: { stopped: { kind: "syntax", message: `SyntaxError: ${cell.message}` } } }, false, startedAt);
  }
  const engine = await newQuickJSModule(limits.memoryBytes);
  const report = await executeCell(engine.module, cell.source, request, limits, startedAt);
  return toSandboxResult(request, report, engine.memoryExhausted(), startedAt);
}

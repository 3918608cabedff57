import type { BoundedOutput } from "../bounded-output.ts";
import { classifyCellError } from "./classify-error.ts";
import type { CellEnding, CellReport } from "./execute-cell.ts";
import type { SandboxError, SandboxRequest, SandboxResult } from "./types.ts";

/**
 * The caller's view of a run. A run stopped by a limit (or by its own out-of-memory error) did
 * not finish, so it changes no variables: the request's come back as they were. The outcome
 * was already checked and bounded by the host (read-outcome.ts).
 */
export function toSandboxResult(request: SandboxRequest, report: CellReport | { ending: CellEnding; stdout?: BoundedOutput; stderr?: BoundedOutput }, memoryExhausted: boolean, startedAt: number): SandboxResult {
  const { stdout, stderr } = report;
  const ending = memoryExhausted ? asMemoryFailure(report.ending) : report.ending;
  const base = {
    stdout: stdout?.text() ?? "",
    stderr: stderr?.text() ?? "",
    stdoutTruncated: stdout?.truncated ?? false,
    stderrTruncated: stderr?.truncated ?? false,
  };
  const unchanged = { variables: request.variables, unsavedVariables: [], unsavedReasons: {} };
  if ("stopped" in ending) {
    return { ok: false, result: null, resultTruncated: false, ...base, error: ending.stopped, ...unchanged, durationMs: Date.now() - startedAt };
  }
  const { outcome } = ending;
  const error: SandboxError | null = outcome.ok ? null : classifyCellError(outcome.error ?? { name: "Error", message: "unknown failure" });
  const kept = outcome.variables
    ? { variables: outcome.variables.values, unsavedVariables: Object.keys(outcome.variables.unsaved), unsavedReasons: outcome.variables.unsaved }
    : unchanged;
  return { ok: outcome.ok, result: outcome.result, resultTruncated: outcome.resultTruncated, ...base, error, ...kept, durationMs: Date.now() - startedAt };
}

/** With the memory at its cap, a bare thrown `null` is QuickJS failing to allocate even its error. */
function asMemoryFailure(ending: CellEnding): CellEnding {
  const error = "outcome" in ending ? ending.outcome.error : undefined;
  if (error?.name === "Uncaught" && error.message === "null") {
    return { outcome: { ok: false, result: null, resultTruncated: false, error: { name: "InternalError", message: "out of memory" } } };
  }
  return ending;
}

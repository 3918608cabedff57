/**
 * What crossing the sandbox boundary costs, in the same estimated milliseconds as the CPU
 * budget (limits.ts: one interrupt tick ≈ 1 ms). The interpreter's ticks do not see host work:
 * a loop of `files.exists` polls the interpreter a handful of times per call while the host
 * runs a SQLite query, and a loop of `files.read` of a big file copies megabytes per call.
 * Workerd's clock stands still during synchronous code, so the cost is estimated from what
 * the call moved, not timed.
 *
 * Calibrated under workerd on this machine (test/workers/core/workbench/sandbox-fairness.test.ts
 * prints the real cost next to the charge): a helper call with a small answer ~0.1 ms (its log entry included), a
 * console line ~0.01 ms, and ~12 ms per MiB moved (JSON on the host, the copy into wasm, JSON
 * again in QuickJS). Estimates err high: overcharging ends a runaway sooner, undercharging
 * lets it stall the isolate longer.
 */
const SYNC_CALL_MS = 0.12;
const ASYNC_CALL_MS = 0.5;
const PRINT_MS = 0.01;
const MS_PER_BYTE = 12 / (1024 * 1024);

/** A synchronous helper (files.*): a storage query and its answer copied in. */
export function syncCallCost(argsChars: number, answerChars: number): number {
  return SYNC_CALL_MS + (argsChars + answerChars) * MS_PER_BYTE;
}

/** An async helper (a tool call, a sleep): the host's side of the call and its answer copied in. */
export function asyncCallCost(argsChars: number, answerChars: number): number {
  return ASYNC_CALL_MS + (argsChars + answerChars) * MS_PER_BYTE;
}

/** A console line: formatted in the sandbox (ticks see that), copied out and kept or counted. */
export function printCost(lineChars: number): number {
  return PRINT_MS + lineChars * MS_PER_BYTE;
}

/** How much one run may use; the caller may lower or raise any of them per run. */
export interface SandboxLimits {
  /** Wall-clock time for the whole run, including time spent awaiting host calls. */
  wallMs: number;
  /** Interpreter work, counted in interrupt ticks (see TICKS_PER_CPU_MS), not measured time. */
  cpuMs: number;
  /** The engine's whole WebAssembly memory: heap, stack and QuickJS itself. */
  memoryBytes: number;
  /** Characters kept per output stream (stdout, stderr); the rest is replaced by a marker line. */
  outputChars: number;
}

export const DEFAULT_LIMITS: SandboxLimits = {
  wallMs: 60_000,
  cpuMs: 5_000,
  memoryBytes: 64 * 1024 * 1024,
  outputChars: 20_000,
};

/**
 * QuickJS-ng calls the interrupt handler once every 10,000 interpreter polls (function calls
 * and loop back-edges). In workerd `Date.now()` stands still during synchronous code (a
 * Spectre mitigation), so a deadline check alone never fires inside `while (true) {}`;
 * counting handler calls is the clock instead. Measured on this machine (V8 12, Node 22):
 * an empty loop runs ~4 ticks/ms, arithmetic ~0.75, string building ~0.3, regex backtracking
 * ~1. One tick per millisecond is the middle; typical code lands within 3x of `cpuMs`.
 * A native call that runs long between two polls (sorting a million strings) is not counted:
 * the platform's own CPU limit is the backstop for that.
 */
export const TICKS_PER_CPU_MS = 1;

/** Deep recursion fails with a RangeError well before the host's own stack (~512 KiB overflowed it). */
export const MAX_STACK_BYTES = 256 * 1024;

/** The run's result is returned whole up to this many characters of JSON, else as a preview. */
export const MAX_RESULT_CHARS = 100_000;

/**
 * The persisted variables, as UTF-8 bytes of JSON: all of them together (the object the caller
 * stores), and so each one. Durable Object SQLite refuses a value over 2 MB, and "€" is one
 * character but three bytes, so the budget is counted in bytes, on the host.
 */
export const MAX_VARIABLES_BYTES = 1024 * 1024;

/**
 * Async calls (timers, sleeps, helper calls) waiting at once. Each holds a promise in the
 * engine and an answer that will be copied into its memory; twenty thousand `sleep(1)`s
 * answering together once failed inside the engine (a detached ArrayBuffer) instead of as a
 * clear error. Past this the run ends with kind `limit`; 2,000 parallel tool calls still fit.
 */
export const MAX_PENDING_CALLS = 2_500;

/** Helper calls (tools, proxy) of one run actually running at once; the rest queue (call-gate.ts). */
export const MAX_CALLS_IN_FLIGHT = 8;

/** Console lines are reported as progress at most this often. */
export const PROGRESS_INTERVAL_MS = 1_000;

export function resolveLimits(overrides: Partial<SandboxLimits> | undefined): SandboxLimits {
  return { ...DEFAULT_LIMITS, ...overrides };
}

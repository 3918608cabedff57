import type { BashOptions } from "just-bash/browser";

type ExecutionLimits = NonNullable<BashOptions["executionLimits"]>;

/** What one COMPOSIO_REMOTE_BASH_TOOL call may spend. */
export interface BashLimits {
  /** Wall time for the whole command line (Composio allows 180 s; a session turn should not wait that long). */
  wallTimeMs: number;
  /** Characters of stdout, and separately of stderr, returned to the caller; the rest is cut with a marker. */
  maxOutputChars: number;
  /** Commands run in total, counting every one in a loop or pipeline. */
  maxCommandCount: number;
  /** Iterations of one shell loop (and of awk, sed and jq loops). */
  maxLoopIterations: number;
  /** Bytes of files read by all commands together (`grep` over a 4 MiB file in a loop reads 4 MiB each time). */
  maxReadBytes: number;
}

export const DEFAULT_BASH_LIMITS: BashLimits = {
  wallTimeMs: 30_000,
  maxOutputChars: 20_000,
  maxCommandCount: 10_000,
  maxLoopIterations: 10_000,
  maxReadBytes: 256 * 1024 * 1024,
};

/**
 * What just-bash keeps in memory before we cut it: enough for `cat` of the largest file
 * the store holds (16 MiB), far below a Durable Object's 128 MB.
 */
const MAX_BUFFERED_OUTPUT_BYTES = 24 * 1024 * 1024;

export function resolveBashLimits(overrides: Partial<BashLimits> = {}): BashLimits {
  const limits = { ...DEFAULT_BASH_LIMITS };
  for (const key of Object.keys(limits) as (keyof BashLimits)[]) {
    const value = overrides[key];
    if (typeof value === "number" && Number.isSafeInteger(value) && value > 0) limits[key] = value;
  }
  return limits;
}

/**
 * Our limits on top of just-bash's `hardened` profile, which already bounds every other
 * resource (glob work, brace expansion, string and array sizes) tighter than `normal`.
 */
export function toExecutionLimits(limits: BashLimits): ExecutionLimits {
  return {
    maxExecutionTimeMs: limits.wallTimeMs,
    maxCommandCount: limits.maxCommandCount,
    maxLoopIterations: limits.maxLoopIterations,
    maxAwkIterations: limits.maxLoopIterations,
    maxSedIterations: limits.maxLoopIterations,
    maxJqIterations: limits.maxLoopIterations,
    maxOutputSize: MAX_BUFFERED_OUTPUT_BYTES,
  };
}

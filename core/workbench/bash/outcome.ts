/** Why a run ended early, in words the model can act on; null when the command simply finished. */
export type BashError = { kind: "timeout" | "limit" | "internal"; message: string } | null;

import { FsError } from "./fs-errors.ts";

/**
 * just-bash reports a tripped execution limit as exit 126 with one `bash: …` line on stderr
 * (`too many commands executed (>10000), increase executionLimits.maxCommandCount`), and its
 * deadline as exit 124. Both are turned into a structured error here; the advice about
 * `executionLimits` names a host option the caller cannot change, so it is dropped.
 */
const LIMIT_LINE = /^bash: (.*(?:limit|too many|exceeded|maximum).*)$/im;
const DEADLINE_LINE = /execution deadline|timed out|timeout/i;

export function classifyOutcome(result: { exitCode: number; stderr: string }, timedOut: boolean, wallTimeMs: number): BashError {
  if (timedOut || (result.exitCode === 124 && DEADLINE_LINE.test(result.stderr))) {
    return { kind: "timeout", message: `The command was stopped after ${wallTimeMs} ms of wall time.` };
  }
  const limit = result.exitCode === 126 ? LIMIT_LINE.exec(result.stderr) : null;
  if (limit?.[1]) {
    const what = limit[1].replace(/,?\s*increase executionLimits\.\w+/i, "").trim();
    return { kind: "limit", message: `The command was stopped by an execution limit: ${what}.` };
  }
  return null;
}

/**
 * A filesystem error from a redirection (`echo x > full.txt`) is not caught by just-bash: it
 * ends the whole command line, and the output before it is lost. It still reaches the caller
 * as the line bash would print; running past the quota also counts as a limit.
 */
export function fromEscapedFsError(error: unknown): { stderr: string; error: BashError } | null {
  if (!(error instanceof FsError)) return null;
  const quota = error.code === "ENOSPC" || error.code === "EFBIG";
  return {
    stderr: `bash: ${error.message}\n`,
    error: quota ? { kind: "limit", message: `The command was stopped by the session's file quota: ${error.message}` } : null,
  };
}

import type { SandboxLimits } from "./limits.ts";

export interface SandboxCapabilities {
  /**
   * Async host functions exposed as globals (dotted names allowed: "files.read" creates a
   * `files` object); arguments and results are JSON values; a rejection becomes a thrown
   * Error inside the sandbox with the same message.
   */
  async: Record<string, (...args: unknown[]) => Promise<unknown>>;
  /** Sync host functions (the file API over Durable Object SQLite is synchronous). */
  sync: Record<string, (...args: unknown[]) => unknown>;
}

export interface SandboxRequest {
  code: string;
  language?: "javascript" | "typescript";
  /** Restored as globals before the run (the previous run's `variables`). */
  variables: Record<string, unknown>;
  capabilities: SandboxCapabilities;
  limits?: Partial<SandboxLimits>;
  /** Called with console output lines while the run goes on, at most once a second. */
  onProgress?(event: { message: string }): void;
}

/** `limit`: a count the run may not pass (calls waiting at once), as opposed to time, CPU or memory. */
export type SandboxErrorKind = "syntax" | "exception" | "timeout" | "cpu" | "memory" | "stack" | "limit";

export interface SandboxError {
  kind: SandboxErrorKind;
  message: string;
  stack?: string;
}

export interface SandboxResult {
  ok: boolean;
  /** The JSON value of the cell's result; a preview string when `resultTruncated`. */
  result: unknown;
  resultTruncated: boolean;
  stdout: string;
  stderr: string;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  error: SandboxError | null;
  /** The variables to persist; after a run stopped by a limit, the request's variables unchanged. */
  variables: Record<string, unknown>;
  /** Names not kept (functions, classes, cycles, Maps, too large), with the reason for each below. */
  unsavedVariables: string[];
  unsavedReasons: Record<string, string>;
  durationMs: number;
}

import { Bash, getCommandNames, type CommandName } from "just-bash/browser";
import type { FileStore } from "../file-store.ts";
import { HOME } from "../paths.ts";
import { BoundedOutput } from "../bounded-output.ts";
import { FileStoreFs } from "./file-store-fs.ts";
import { toFsError } from "./fs-errors.ts";
import { resolveBashLimits, toExecutionLimits, type BashLimits } from "./limits.ts";
import { classifyOutcome, fromEscapedFsError, type BashError } from "./outcome.ts";
import { ShellBudget } from "./shell-budget.ts";

export interface BashRequest {
  command: string;
  files: FileStore;
  limits?: Partial<BashLimits>;
}

export interface BashResult {
  stdout: string;
  stderr: string;
  exitCode: number;
  stdoutTruncated: boolean;
  stderrTruncated: boolean;
  durationMs: number;
  error: BashError;
}

/**
 * Every built-in but html-to-markdown, which only makes sense next to curl (and curl exists
 * only with a network config, which the workbench never gives it). getCommandNames() lists
 * exactly the CommandName union, typed as plain strings, hence the guard.
 */
const COMMANDS = getCommandNames().filter((name): name is CommandName => name !== "html-to-markdown");

/** Grace after the deadline for just-bash to unwind before we stop waiting for it. */
const UNWIND_GRACE_MS = 1_000;

/**
 * Runs one command line in a simulated bash (just-bash) over the session's files.
 * Nothing else is reachable: no network (curl exists only when just-bash is given a
 * network config, and it is not), no JavaScript, Python or SQLite engines, no host
 * environment. Shell state (variables, cwd) does not outlive the call; files do.
 */
export async function runBash(request: BashRequest): Promise<BashResult> {
  const limits = resolveBashLimits(request.limits);
  const started = Date.now();
  const abort = new AbortController();
  const budget = new ShellBudget(limits.maxReadBytes, () => abort.abort());
  const bash = new Bash({
    fs: new FileStoreFs(request.files, budget),
    cwd: HOME,
    commands: COMMANDS,
    env: { HOME, USER: "user", LOGNAME: "user", PATH: "/usr/bin:/bin" },
    executionLimitProfile: "hardened",
    executionLimits: toExecutionLimits(limits),
    // Its guard patches globals the whole isolate shares; in this (browser) build it is inert anyway.
    defenseInDepth: false,
  });

  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<"deadline">((resolve) => {
    timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
      // just-bash stops at its next statement boundary; a command stuck inside one gets a grace period.
      timer = setTimeout(() => resolve("deadline"), UNWIND_GRACE_MS);
    }, limits.wallTimeMs);
  });

  try {
    try {
      request.files.mkdir(HOME, { recursive: true });
    } catch (error) {
      throw toFsError(error, "mkdir", HOME);
    }
    const outcome = await Promise.race([bash.exec(request.command, { signal: abort.signal }), deadline]);
    const finished = outcome === "deadline" ? { stdout: "", stderr: "", exitCode: 124 } : outcome;
    const stdout = new BoundedOutput("stdout", limits.maxOutputChars);
    const stderr = new BoundedOutput("stderr", limits.maxOutputChars);
    stdout.write(finished.stdout);
    stderr.write(finished.stderr);
    return {
      stdout: stdout.text(),
      stderr: stderr.text(),
      exitCode: finished.exitCode,
      stdoutTruncated: stdout.truncated,
      stderrTruncated: stderr.truncated,
      durationMs: Date.now() - started,
      error: budget.exceeded ? { kind: "limit", message: `The command was stopped by an execution limit: ${budget.exceeded}.` } : classifyOutcome(finished, timedOut, limits.wallTimeMs),
    };
  } catch (error) {
    const escaped = budget.exceeded ? { stderr: `bash: ${budget.exceeded}\n`, error: { kind: "limit" as const, message: `The command was stopped by an execution limit: ${budget.exceeded}.` } } : fromEscapedFsError(error);
    if (!escaped) console.error("workbench bash: the shell failed", error);
    return {
      stdout: "",
      stderr: escaped?.stderr ?? "bash: internal error\n",
      exitCode: 1,
      stdoutTruncated: false,
      stderrTruncated: false,
      durationMs: Date.now() - started,
      error: escaped ? escaped.error : { kind: "internal", message: "The shell failed unexpectedly; the command may have run in part." },
    };
  } finally {
    clearTimeout(timer);
  }
}

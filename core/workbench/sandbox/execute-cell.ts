import type { QuickJSContext, QuickJSHandle, QuickJSWASMModule } from "quickjs-emscripten-core";
import { BoundedOutput } from "../bounded-output.ts";
import { FairShare } from "../fair-share.ts";
import { CallGate } from "./call-gate.ts";
import { callAsyncCapability, callSyncCapability, maxAnswerBytes, refusal, sleepCapability } from "./capability-calls.ts";
import { CELL_FILENAME } from "./classify-error.ts";
import { HostBridge } from "./host-bridge.ts";
import { TimerQueue } from "./timer-queue.ts";
import { asyncCallCost, printCost, syncCallCost } from "./host-costs.ts";
import { MAX_CALLS_IN_FLIGHT, MAX_PENDING_CALLS, MAX_RESULT_CHARS, MAX_STACK_BYTES, MAX_VARIABLES_BYTES, PROGRESS_INTERVAL_MS, TICKS_PER_CPU_MS, type SandboxLimits } from "./limits.ts";
import { NO_NETWORK_MESSAGE, PRELUDE_FILENAME, PRELUDE_SOURCE, type PreludeConfig } from "./prelude.ts";
import { readOutcome, type CellOutcome } from "./read-outcome.ts";
import type { SandboxError, SandboxRequest } from "./types.ts";

/** How a run ended: the prelude reported an outcome, or the host stopped it (a limit, an engine fault). */
export type CellEnding = { outcome: CellOutcome } | { stopped: SandboxError };

export interface CellReport {
  ending: CellEnding;
  stdout: BoundedOutput;
  stderr: BoundedOutput;
}

/**
 * Runs one prepared cell in a fresh runtime and context of `module`, and disposes both.
 *
 * The cell's promise is driven by hand: after the first synchronous call and after each
 * answer to an async host call, pending jobs run until the sandbox waits again. The run ends
 * at the first of: the prelude settles, the CPU tick budget or wall deadline passes (checked
 * in the interrupt handler, and by a timer while the cell awaits the host), or the cell waits
 * with no host call outstanding (a promise nothing will settle).
 *
 * The CPU budget counts the interpreter's ticks plus what each host call is estimated to cost
 * (host-costs.ts), and the same charges fill the run's slice of the isolate (FairShare): when
 * it is used up, the cell's next yield point (loop bodies, yield-points.ts) awaits a real
 * macrotask, and async answers wait for one before they go in.
 */
export async function executeCell(module: QuickJSWASMModule, source: string, request: SandboxRequest, limits: SandboxLimits, startedAt: number): Promise<CellReport> {
  const stdout = new BoundedOutput("stdout", limits.outputChars);
  const stderr = new BoundedOutput("stderr", limits.outputChars);
  let ended = false;
  let resolveEnding: (ending: CellEnding) => void = () => {};
  const ending = new Promise<CellEnding>((resolve) => (resolveEnding = resolve));
  const end = (value: CellEnding) => {
    if (ended) return;
    ended = true;
    resolveEnding(value);
  };
  const stop = (kind: SandboxError["kind"], message: string) => end({ stopped: { kind, message } });

  const deadline = startedAt + limits.wallMs;
  const timeoutMessage = `The run took longer than its wall-time limit (${limits.wallMs} ms) and was stopped.`;
  const fairShare = new FairShare();
  let cpuUsedMs = 0;
  /** Charges estimated work to the CPU budget and the slice; false once the run is over (a limit, or already ended). */
  const charge = (ms: number): boolean => {
    if (ended) return false;
    cpuUsedMs += ms;
    fairShare.charge(ms);
    if (cpuUsedMs > limits.cpuMs) stop("cpu", `The code used up its CPU budget (about ${limits.cpuMs} ms of work, helper calls and output included) and was stopped. Is there an endless loop?`);
    else if (Date.now() > deadline) stop("timeout", timeoutMessage);
    return !ended;
  };

  const runtime = module.newRuntime();
  // No runtime.setMemoryLimit: this build counts allocations, not bytes, so it would fail at
  // an arbitrary point; the capped WebAssembly memory (quickjs-module.ts) is the limit.
  runtime.setMaxStackSize(MAX_STACK_BYTES);
  runtime.setInterruptHandler(() => !charge(1 / TICKS_PER_CPU_MS));
  const context = runtime.newContext();
  const bridge = new HostBridge(context);
  const timer = setTimeout(() => stop("timeout", timeoutMessage), Math.max(0, deadline - Date.now()));

  const timers = new TimerQueue();
  const capabilities = {
    sync: request.capabilities.sync,
    async: { sleep: sleepCapability(limits.wallMs, timers), ...request.capabilities.async },
  };
  const answerLimit = maxAnswerBytes(limits.memoryBytes);
  const gate = new CallGate(MAX_CALLS_IN_FLIGHT);
  let lastProgressAt = -Infinity;

  /** Host-level failures (a wasm trap, the host's own stack) end the run instead of escaping. */
  const guarded = (fn: () => void) => {
    try {
      fn();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      // With the wasm memory capped, an access out of bounds is an allocation that did not fit.
      if (/call stack size/i.test(message)) stop("stack", `The sandbox engine failed: ${message}`);
      // "detached ArrayBuffer": the wasm memory grew while the host held a view of it, which
      // happens only when a burst of answers filled it.
      else if (/memory access out of bounds|out of memory|detached ArrayBuffer/i.test(message)) stop("memory", `The code ran out of memory (the workbench's memory limit) and was stopped (the engine failed: ${message}).`);
      else stop("exception", `The sandbox engine failed: ${message}`);
    }
  };

  const runPendingJobs = () => {
    if (ended) return;
    const jobs = runtime.executePendingJobs();
    if (jobs.error) {
      const error = dumpError(context, jobs.error);
      if (error.message === "out of memory") stop("memory", "The code ran out of memory (the workbench's memory limit) and was stopped.");
    }
    if (!ended && bridge.pendingCalls === 0) {
      stop("exception", "The code is waiting for a promise that nothing will ever settle, so the run was ended.");
    }
  };

  const host = bridge.newHostObject({
    print: (stream, line) => {
      if (!charge(printCost(line.length))) return;
      (stream === "stderr" ? stderr : stdout).write(`${line}\n`);
      if (request.onProgress && Date.now() - lastProgressAt >= PROGRESS_INTERVAL_MS) {
        lastProgressAt = Date.now();
        try {
          request.onProgress({ message: line.slice(0, 200) });
        } catch {
          // A failing progress listener must not fail the run.
        }
      }
    },
    callSync: (name, argsJson) => {
      if (!charge(syncCallCost(argsJson.length, 0))) return refusal("The run was stopped.");
      const answer = callSyncCapability(capabilities, name, argsJson, answerLimit);
      return charge(syncCallCost(0, answer.length)) ? answer : refusal("The run was stopped.");
    },
    admitAsync: () => {
      if (bridge.pendingCalls >= MAX_PENDING_CALLS) {
        stop("limit", `Too many calls waiting at once (more than ${MAX_PENDING_CALLS} timers, sleeps and helper calls together), so the run was stopped. Start them in batches: await one batch before starting the next.`);
      }
      return !ended;
    },
    callAsync: async (name, argsJson) => {
      if (!charge(asyncCallCost(argsJson.length, 0))) return refusal("The run was stopped.");
      const call = () => callAsyncCapability(capabilities, name, argsJson, answerLimit);
      const answer = name === "sleep" ? await call() : await gate.run(call);
      charge(asyncCallCost(0, answer.length));
      return answer;
    },
    due: () => fairShare.due || Date.now() > deadline,
    pause: async () => {
      await fairShare.pause();
      if (Date.now() > deadline) stop("timeout", timeoutMessage);
    },
    beforeAnswer: () => fairShare.maybePause(),
    settle: (reportJson) => {
      const reading = readOutcome(reportJson);
      if ("outcome" in reading) end(reading);
      else stop("exception", `The run's report was malformed (${reading.malformed}), so its result and variables were not kept. Did the code replace a built-in such as JSON.stringify?`);
    },
    afterAsyncAnswer: () => guarded(runPendingJobs),
    answerFailed: (name) =>
      stop("memory", `The value returned by ${name} was too large for the sandbox's memory, so the run was stopped. Write large data to a file, or ask for less (a smaller query, fewer fields, a page at a time).`),
  });

  const config: PreludeConfig = {
    sync: Object.keys(capabilities.sync),
    async: Object.keys(capabilities.async),
    maxResultChars: MAX_RESULT_CHARS,
    maxVariablesBytes: MAX_VARIABLES_BYTES,
    noNetworkMessage: NO_NETWORK_MESSAGE,
  };

  const startCell = () => {
    const prelude = evaluate(context, PRELUDE_SOURCE, PRELUDE_FILENAME);
    if ("error" in prelude) return stop("exception", `The workbench prelude failed: ${prelude.error.message}`);
    const configJson = context.newString(JSON.stringify(config));
    const start = context.callFunction(prelude.value, context.undefined, host, configJson);
    configJson.dispose();
    prelude.value.dispose();
    if (start.error) return stop("exception", `The workbench prelude failed: ${dumpError(context, start.error).message}`);
    const cell = evaluate(context, source, CELL_FILENAME);
    if ("error" in cell) {
      start.value.dispose();
      // acorn accepted the code, but QuickJS did not (syntax it does not support yet).
      return stop("syntax", `${cell.error.name}: ${cell.error.message}`);
    }
    const variablesJson = context.newString(JSON.stringify(request.variables));
    const call = context.callFunction(start.value, context.undefined, cell.value, variablesJson);
    variablesJson.dispose();
    cell.value.dispose();
    start.value.dispose();
    if (call.error) return end({ outcome: { ok: false, result: null, resultTruncated: false, error: dumpError(context, call.error) } });
    call.value.dispose();
    runPendingJobs();
  };

  try {
    guarded(startCell);
    return { ending: await ending, stdout, stderr };
  } finally {
    ended = true;
    clearTimeout(timer);
    timers.clear();
    bridge.close();
    try {
      host.dispose();
      context.dispose();
      runtime.dispose();
    } catch {
      // The module instance is discarded with this run, so a failed dispose leaks nothing further.
    }
  }
}

type ThrownValue = { name: string; message: string; stack?: string };

function evaluate(context: QuickJSContext, code: string, filename: string): { value: QuickJSHandle } | { error: ThrownValue } {
  const result = context.evalCode(code, filename, { type: "global" });
  return result.error ? { error: dumpError(context, result.error) } : { value: result.value };
}

/** Reads a thrown value out of the sandbox and frees its handle. */
function dumpError(context: QuickJSContext, handle: QuickJSHandle): ThrownValue {
  const value: unknown = context.dump(handle);
  handle.dispose();
  if (typeof value === "object" && value !== null && "message" in value) {
    const error = value as { name?: unknown; message?: unknown; stack?: unknown };
    return {
      name: typeof error.name === "string" ? error.name : "Error",
      message: String(error.message),
      ...(typeof error.stack === "string" ? { stack: error.stack } : {}),
    };
  }
  return { name: "Uncaught", message: JSON.stringify(value) ?? String(value) };
}

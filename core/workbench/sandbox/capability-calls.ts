import type { TimerQueue } from "./timer-queue.ts";
import type { SandboxCapabilities } from "./types.ts";
import { utf8Length } from "./utf8-length.ts";

/**
 * Host side of a capability call. Arguments arrive as JSON text and the answer leaves as an
 * envelope, so nothing but JSON crosses the boundary and a failure is data, not an exception
 * thrown through the engine.
 *
 * An answer larger than `maxAnswerBytes` is refused before it reaches the engine: copying it
 * in takes its size in the wasm heap, the engine's string as much again (twice for non-Latin-1
 * text), and parsing the envelope more, so a quarter of the memory is about what fits. Past
 * it, allocating the string traps the engine instead of failing; refused here, it is an Error
 * the cell can catch.
 */
export function callSyncCapability(capabilities: SandboxCapabilities, name: string, argsJson: string, maxAnswerBytes: number): string {
  const fn = capabilities.sync[name];
  if (!fn) return failure(new Error(`No workbench function named ${name}`));
  try {
    return success(name, fn(...parseArgs(argsJson)), maxAnswerBytes);
  } catch (error) {
    return failure(error);
  }
}

/** Never rejects: a rejection is returned as a failure envelope. */
export async function callAsyncCapability(capabilities: SandboxCapabilities, name: string, argsJson: string, maxAnswerBytes: number): Promise<string> {
  const fn = capabilities.async[name];
  if (!fn) return failure(new Error(`No workbench function named ${name}`));
  try {
    return success(name, await fn(...parseArgs(argsJson)), maxAnswerBytes);
  } catch (error) {
    return failure(error);
  }
}

/** The largest capability answer, as JSON bytes, that a sandbox with this much memory is handed. */
export function maxAnswerBytes(memoryBytes: number): number {
  return Math.floor(memoryBytes / 4);
}

function parseArgs(argsJson: string): unknown[] {
  const args: unknown = JSON.parse(argsJson);
  return Array.isArray(args) ? args : [];
}

function success(name: string, value: unknown, maxBytes: number): string {
  let envelope: string;
  try {
    envelope = JSON.stringify(value === undefined ? { ok: true } : { ok: true, value });
  } catch {
    return failure(new Error("The workbench function returned a value that is not JSON"));
  }
  // A character is at most 3 bytes: only a large answer needs counting.
  if (envelope.length * 3 <= maxBytes) return envelope;
  const bytes = utf8Length(envelope);
  if (bytes <= maxBytes) return envelope;
  return failure(new Error(`${name} returned ${bytes} bytes, more than the sandbox can take (limit ${maxBytes}); ask for less or write it to a file`));
}

/** A failure envelope with `message`: the cell's call throws an Error that says it. */
export function refusal(message: string): string {
  return failure(new Error(message));
}

function failure(error: unknown): string {
  return JSON.stringify({ ok: false, message: error instanceof Error ? error.message : String(error) });
}

/** `sleep(ms)` for the cell, also what `setTimeout` waits on; the run's wall limit still applies. */
export function sleepCapability(maxMs: number, timers: TimerQueue): (...args: unknown[]) => Promise<unknown> {
  return async (ms) => {
    await timers.wait(Math.min(Math.max(0, Number(ms) || 0), maxMs));
  };
}

import type { SandboxCapabilities } from "./types.ts";

/**
 * Host side of a capability call. Arguments arrive as JSON text and the answer leaves as an
 * envelope, so nothing but JSON crosses the boundary and a failure is data, not an exception
 * thrown through the engine.
 */
export function callSyncCapability(capabilities: SandboxCapabilities, name: string, argsJson: string): string {
  const fn = capabilities.sync[name];
  if (!fn) return failure(new Error(`No workbench function named ${name}`));
  try {
    return success(fn(...parseArgs(argsJson)));
  } catch (error) {
    return failure(error);
  }
}

/** Never rejects: a rejection is returned as a failure envelope. */
export async function callAsyncCapability(capabilities: SandboxCapabilities, name: string, argsJson: string): Promise<string> {
  const fn = capabilities.async[name];
  if (!fn) return failure(new Error(`No workbench function named ${name}`));
  try {
    return success(await fn(...parseArgs(argsJson)));
  } catch (error) {
    return failure(error);
  }
}

function parseArgs(argsJson: string): unknown[] {
  const args: unknown = JSON.parse(argsJson);
  return Array.isArray(args) ? args : [];
}

function success(value: unknown): string {
  try {
    return JSON.stringify(value === undefined ? { ok: true } : { ok: true, value });
  } catch {
    return failure(new Error("The workbench function returned a value that is not JSON"));
  }
}

function failure(error: unknown): string {
  return JSON.stringify({ ok: false, message: error instanceof Error ? error.message : String(error) });
}

/** `sleep(ms)` for the cell, also what `setTimeout` waits on; the run's wall limit still applies. */
export function sleepCapability(maxMs: number): (...args: unknown[]) => Promise<unknown> {
  return (ms) => {
    const wait = Math.min(Math.max(0, Number(ms) || 0), maxMs);
    return new Promise((resolve) => setTimeout(resolve, wait));
  };
}

import { CELL_HEADER } from "./prepare-code.ts";
import { PRELUDE_FILENAME } from "./prelude.ts";
import type { SandboxError } from "./types.ts";

export const CELL_FILENAME = "cell.js";

/** An error the cell did not catch, as the caller sees it: a kind to act on and a readable message. */
export function classifyCellError(error: { name: string; message: string; stack?: string }): SandboxError {
  const stack = error.stack ? cleanStack(error.stack) : undefined;
  if (error.name === "InternalError" && error.message === "out of memory") {
    return { kind: "memory", message: "The code ran out of memory (the workbench's memory limit) and was stopped." };
  }
  if (/call stack size exceeded|stack overflow/i.test(error.message)) {
    return { kind: "stack", message: `${error.name}: ${error.message} (too deep recursion?)`, ...(stack ? { stack } : {}) };
  }
  return { kind: "exception", message: error.name === "Uncaught" ? `Uncaught ${error.message}` : `${error.name}: ${error.message}`, ...(stack ? { stack } : {}) };
}

/**
 * Frames of the workbench's own prelude are noise to the user; columns on line 1 are shifted by
 * the wrapper that makes the cell an async function.
 */
function cleanStack(stack: string): string {
  return stack
    .split("\n")
    .filter((line) => !line.includes(PRELUDE_FILENAME))
    .map((line) => line.replace(new RegExp(`${CELL_FILENAME}:1:(\\d+)`), (_, column: string) => `${CELL_FILENAME}:1:${Math.max(1, Number(column) - CELL_HEADER.length)}`))
    .join("\n")
    .trimEnd();
}

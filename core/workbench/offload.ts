import type { SessionContext, ToolResult } from "../sessions/context.ts";
import { FileStoreError } from "./file-store.ts";
import { HOME } from "./paths.ts";

/** Where tool responses go when they are kept in the workbench (Composio keeps them under `.composio/output` too). */
export const OFFLOAD_DIR = `${HOME}/.composio/output`;
const PREVIEW_CHARS = 1500;

export interface WorkbenchCopy {
  file_path: string;
  characters: number;
}

export interface Offloaded extends WorkbenchCopy {
  offloaded_to_workbench: true;
  preview: string;
  how_to_read: string;
}

/** Writes a tool response into the session's files; null when the workbench is off or out of room. */
export function copyToWorkbench(ctx: SessionContext, slug: string, logId: string, data: unknown, text: string = JSON.stringify(data) ?? "null"): WorkbenchCopy | null {
  if (!ctx.config.workbench.enable) return null;
  const path = `${OFFLOAD_DIR}/${slug.toLowerCase()}_${logId}.json`;
  try {
    ctx.workbench.files.write(path, text);
  } catch (err) {
    // A full workbench must not fail the tool call: the response simply stays inline.
    if (err instanceof FileStoreError) return null;
    throw err;
  }
  return { file_path: path, characters: text.length };
}

/**
 * The session's `auto_offload_threshold` at work: a response longer than it (in characters
 * of JSON) is written to a workbench file and replaced by its path and a preview, so a
 * thousand issues do not flood the model's context. Null when the response stays inline.
 */
export function offloadIfLarge(ctx: SessionContext, slug: string, logId: string, data: unknown): Offloaded | null {
  const { enable, auto_offload_threshold: threshold } = ctx.config.workbench;
  if (!enable) return null;
  // `undefined` (a workbench run with no result) has no JSON text at all.
  const compact = JSON.stringify(data) ?? "null";
  if (compact.length <= threshold) return null;
  const copy = copyToWorkbench(ctx, slug, logId, data, compact);
  if (!copy) return null;
  return {
    offloaded_to_workbench: true,
    ...copy,
    preview: compact.slice(0, PREVIEW_CHARS),
    how_to_read: `The full response is in ${copy.file_path}. Read or filter it with COMPOSIO_REMOTE_WORKBENCH (JSON.parse(files.read(path))) or COMPOSIO_REMOTE_BASH_TOOL (jq, grep, head).`,
  };
}

/** A tool result as the model should see it: offloaded when large (for calls straight from a model, such as MCP). */
export function offloadResult(ctx: SessionContext, slug: string, result: ToolResult): ToolResult {
  const offloaded = result.successful ? offloadIfLarge(ctx, slug, result.log_id, result.data) : null;
  return offloaded ? { ...result, data: { ...offloaded } } : result;
}

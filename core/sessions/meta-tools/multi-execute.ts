import { z } from "@hono/zod-openapi";
import { ApiError } from "../../http/errors.ts";
import type { ToolResult } from "../context.ts";
import { copyToWorkbench, offloadIfLarge, type WorkbenchCopy } from "../../workbench/offload.ts";
import { runAppTool } from "../run-tool.ts";
import { defineMetaTool, fail, isMetaToolSlug, ok, sessionIdArg } from "./meta-tool.ts";

export const MAX_BATCH = 50;

const Item = z.object({
  tool_slug: z.string().min(1).max(100).describe("The tool to run, e.g. GMAIL_SEND_EMAIL."),
  arguments: z.record(z.string(), z.unknown()).default({}).describe("Arguments matching the tool's input schema."),
  account: z.string().max(200).optional().describe("Which connected account to use (id or alias), when the user has several."),
});

const Input = z.object({
  tools: z.array(Item).min(1).max(MAX_BATCH).describe("Independent tool calls, run concurrently: none may need another's output."),
  sync_response_to_workbench: z
    .boolean()
    .optional()
    .describe("Also write every response to a workbench file (listed in remote_file_info), to process them with code or bash later."),
  thought: z.string().max(2000).optional().describe("Why these calls, in one sentence."),
  current_step: z.string().max(200).optional(),
  current_step_metric: z.string().max(200).optional(),
  memory: z.unknown().optional(),
  session_id: sessionIdArg,
});

interface ItemResult {
  tool_slug: string;
  index: number;
  response: Omit<ToolResult, "log_id"> & { log_id: string | null };
  error: string | null;
}

export default defineMetaTool({
  slug: "COMPOSIO_MULTI_EXECUTE_TOOL",
  name: "Run tools",
  description: `Runs up to ${MAX_BATCH} tool calls at once, concurrently, and returns each call's response or error in order. Only batch calls that are independent of each other; run dependent steps in later calls. Get slugs and argument schemas from COMPOSIO_SEARCH_TOOLS first.`,
  input: Input,
  enabled: (config) => config.execute.enable_multi_execute,
  async run(ctx, args, logId) {
    const copies: Array<WorkbenchCopy & { index: number; tool_slug: string }> = [];
    let done = 0;
    const results: ItemResult[] = await Promise.all(
      args.tools.map(async (item, index): Promise<ItemResult> => {
        const failure = (error: string): ItemResult => ({
          tool_slug: item.tool_slug,
          index,
          response: { data: {}, error, successful: false, log_id: null },
          error,
        });
        if (isMetaToolSlug(item.tool_slug)) return failure(`${item.tool_slug} is a meta tool; call it directly, not inside COMPOSIO_MULTI_EXECUTE_TOOL.`);
        try {
          const result = await runAppTool(ctx, { toolSlug: item.tool_slug, arguments: item.arguments, account: item.account, via: "multi", parentId: logId });
          const offloaded = result.successful ? offloadIfLarge(ctx, item.tool_slug, result.log_id, result.data) : null;
          if (offloaded) copies.push({ index, tool_slug: item.tool_slug, ...offloaded });
          else if (args.sync_response_to_workbench) {
            const copy = copyToWorkbench(ctx, item.tool_slug, result.log_id, result.data);
            if (copy) copies.push({ index, tool_slug: item.tool_slug, ...copy });
          }
          ctx.progress?.(`${++done} of ${args.tools.length} calls done (${item.tool_slug})`);
          return { tool_slug: item.tool_slug, index, response: offloaded ? { ...result, data: { ...offloaded } } : result, error: result.error };
        } catch (err) {
          if (err instanceof ApiError && err.status < 500) return failure(err.message);
          // One broken call must not sink the batch; the detail goes to the log, not the agent.
          console.error(JSON.stringify({ level: "error", message: "multi-execute item failed", tool_slug: item.tool_slug, error: String(err) }));
          return failure("The gateway could not run this call.");
        }
      }),
    );
    const errorCount = results.filter((r) => r.error !== null).length;
    const data = {
      results,
      total_count: results.length,
      success_count: results.length - errorCount,
      error_count: errorCount,
      remote_file_info: copies.length > 0 ? copies.sort((a, b) => a.index - b.index).map(({ index, tool_slug, file_path, characters }) => ({ index, tool_slug, file_path, characters })) : null,
      next_steps:
        errorCount > 0
          ? "Fix the failed calls (see each error) and run only those again; do not repeat the calls that succeeded."
          : "All calls succeeded. Continue with the next step, or answer the user.",
    };
    return errorCount === 0 ? ok(data) : fail(`${errorCount} of ${results.length} tool calls failed.`, data);
  },
});

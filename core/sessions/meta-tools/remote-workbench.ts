import { z } from "@hono/zod-openapi";
import { workbenchHelpers } from "../../workbench/helpers.ts";
import { offloadIfLarge } from "../../workbench/offload.ts";
import { defineMetaTool, fail, ok, sessionIdArg } from "./meta-tool.ts";

const Input = z.object({
  code_to_execute: z.string().min(1).max(100_000).describe("JavaScript or TypeScript to run in the session's persistent sandbox. Top-level await works; the last expression is the result."),
  language: z.enum(["javascript", "typescript"]).optional().describe("Defaults to typescript, which also runs plain JavaScript."),
  thought: z.string().max(2000).optional(),
  current_step: z.string().max(200).optional(),
  current_step_metric: z.string().max(200).optional(),
  session_id: sessionIdArg,
});

const DESCRIPTION = `Runs JavaScript or TypeScript in a sandbox that belongs to this session, to process large tool outputs, join or filter data, or chain many tool calls without sending everything through the conversation.
Available inside the code:
- await run_composio_tool(slug, args) → { data, error, successful, log_id }: runs any tool this session may use, with the user's connected account.
- await proxy_execute(method, endpoint, toolkit, query_params?, body?, headers?) → { status, headers, data }: a raw API request with the user's credentials (only if the session enables proxy execution).
- files.read(path), files.write(path, text | value), files.list(dir?), files.exists(path), files.remove(path): the session's files (shared with COMPOSIO_REMOTE_BASH_TOOL; relative paths start at /home/user).
- console.log / console.error go to stdout / stderr.
Top-level await works, and the value of the last expression is returned as results. Top-level variables holding JSON values (and anything assigned to globalThis) are kept for the next call; functions and classes are not, so define them again. There is no network access (fetch is disabled) and runs are limited in time and memory.`;

/** Runs workbench code and reports it the way Composio's workbench does (results, stdout, stderr). */
export default defineMetaTool({
  slug: "COMPOSIO_REMOTE_WORKBENCH",
  name: "Remote workbench",
  description: DESCRIPTION,
  input: Input,
  enabled: (config) => config.workbench.enable,
  async run(ctx, args, logId) {
    const { variables, queue } = ctx.workbench;
    ctx.progress?.("Starting the workbench");
    // Loaded on first use, like the shell: most isolates never run workbench code.
    const { runInSandbox } = await import("../../workbench/sandbox/index.ts");
    const outcome = await queue.run(async () => {
      const finished = await runInSandbox({
        code: args.code_to_execute,
        language: args.language ?? "typescript",
        variables: variables.load(),
        capabilities: workbenchHelpers(ctx, logId),
        onProgress: (event: { message: string }) => ctx.progress?.(event.message),
      });
      // Even a failed run keeps what it had set before failing, like a notebook cell.
      variables.replaceAll(finished.variables);
      return finished;
    });
    const resultFile = offloadIfLarge(ctx, "COMPOSIO_REMOTE_WORKBENCH", logId, outcome.result);
    const data = {
      results: resultFile ? resultFile.preview : outcome.result,
      results_file_path: resultFile?.file_path ?? null,
      stdout: outcome.stdout,
      stderr: outcome.stderr,
      stdout_truncated: outcome.stdoutTruncated,
      stderr_truncated: outcome.stderrTruncated,
      error: outcome.error,
      saved_variables: Object.keys(outcome.variables),
      unsaved_variables: outcome.unsavedVariables,
      why_unsaved: outcome.unsavedReasons,
      duration_ms: outcome.durationMs,
      sandbox_id_suffix: ctx.sessionId.slice(-6),
    };
    if (outcome.error) return fail(`The code stopped with ${outcome.error.kind === "exception" ? "an error" : `a ${outcome.error.kind} error`}: ${outcome.error.message}`, data);
    return ok(data);
  },
});

import { z } from "@hono/zod-openapi";
import { defineMetaTool, fail, ok, sessionIdArg } from "./meta-tool.ts";

const Input = z.object({
  command: z.string().min(1).max(20_000).describe("A bash command line (pipes, redirects, loops), run in /home/user."),
  session_id: sessionIdArg,
});

const lineCount = (text: string) => (text === "" ? 0 : text.split("\n").length - (text.endsWith("\n") ? 1 : 0));

/** A simulated bash over the session's files: the same files COMPOSIO_REMOTE_WORKBENCH reads and writes. */
export default defineMetaTool({
  slug: "COMPOSIO_REMOTE_BASH_TOOL",
  name: "Remote bash",
  description:
    "Runs a bash command over this session's workbench files (shared with COMPOSIO_REMOTE_WORKBENCH; working directory /home/user), e.g. to inspect or filter large tool outputs saved there: ls, cat, grep, head, tail, wc, jq, sed, awk, sort, uniq, find, mkdir, mv, cp, rm. A simulated shell: no network, no package installs, no programs other than its built-in commands; shell variables and cd do not carry over to the next call, files do.",
  input: Input,
  enabled: (config) => config.workbench.enable,
  async run(ctx, args) {
    ctx.progress?.("Running the command");
    // Loaded on first use: the shell is a megabyte of code that most isolates never run.
    const { runBash } = await import("../../workbench/bash/run-bash.ts");
    const outcome = await ctx.workbench.queue.run(() => runBash({ command: args.command, files: ctx.workbench.files }));
    const data = {
      stdout: outcome.stdout,
      stderr: outcome.stderr,
      exit_code: outcome.exitCode,
      stdoutLines: lineCount(outcome.stdout),
      stderrLines: lineCount(outcome.stderr),
      stdout_truncated: outcome.stdoutTruncated,
      stderr_truncated: outcome.stderrTruncated,
      error: outcome.error,
      duration_ms: outcome.durationMs,
      sandbox_id_suffix: ctx.sessionId.slice(-6),
    };
    if (outcome.error) return fail(outcome.error.message, data);
    // A non-zero exit is an answer, not a gateway failure: the agent reads stderr and adapts.
    return outcome.exitCode === 0 ? ok(data) : fail(`The command exited with status ${outcome.exitCode}.${outcome.stderr ? ` ${outcome.stderr.slice(0, 500)}` : ""}`, data);
  },
});

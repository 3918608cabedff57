import { z } from "@hono/zod-openapi";
import { defineMetaTool, fail, sessionIdArg } from "./meta-tool.ts";

const Input = z.object({
  command: z.string().min(1).max(20_000).describe("A shell command, run in the workbench's working directory."),
  session_id: sessionIdArg,
});

/** Listed when the workbench is on; its sandbox engine is a later piece of work. */
export default defineMetaTool({
  slug: "COMPOSIO_REMOTE_BASH_TOOL",
  name: "Remote bash",
  description: "Runs a shell command in the session's workbench, which sees the same files as COMPOSIO_REMOTE_WORKBENCH. Not available yet on this gateway: it answers with an error.",
  input: Input,
  enabled: (config) => config.workbench.enable,
  run: async () => fail("COMPOSIO_REMOTE_BASH_TOOL is not available yet on this gateway."),
});

import { z } from "@hono/zod-openapi";
import { defineMetaTool, fail, sessionIdArg } from "./meta-tool.ts";

const Input = z.object({
  code_to_execute: z.string().min(1).max(100_000).describe("Code to run in the session's persistent sandbox."),
  thought: z.string().max(2000).optional(),
  current_step: z.string().max(200).optional(),
  current_step_metric: z.string().max(200).optional(),
  session_id: sessionIdArg,
});

/** Listed when the workbench is on; its sandbox engine is a later piece of work. */
export default defineMetaTool({
  slug: "COMPOSIO_REMOTE_WORKBENCH",
  name: "Remote workbench",
  description:
    "Runs code in a sandbox that keeps its files and state for the whole session, to process large tool outputs or chain many calls. Not available yet on this gateway: it answers with an error.",
  input: Input,
  enabled: (config) => config.workbench.enable,
  run: async () => fail("COMPOSIO_REMOTE_WORKBENCH is not available yet on this gateway. Call the tools directly or with COMPOSIO_MULTI_EXECUTE_TOOL."),
});

import type { StoredCustomTool } from "./definitions.ts";

/**
 * What a call to a custom tool that reached the gateway (over MCP, in a multi-execute batch
 * sent without the SDK's routing, or POST …/execute) is told. Only the SDK process holds
 * the tool's execute function, so the gateway has nothing to run and no upstream to ask.
 */
export function runsInApplication(tool: StoredCustomTool): string {
  return (
    `${tool.slug} is a custom tool of the application (Composio SDK experimental_createTool): it runs in the application's own process, not on the gateway, so it cannot be run here. ` +
    "Call it through the application's tools (session.tools() or session.execute() in @composio/core), which run it locally."
  );
}

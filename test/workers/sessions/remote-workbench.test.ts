import { describe, expect, it } from "vitest";
import { newTenant } from "../fixtures.ts";
import { createSession, executeMeta } from "./session-fixtures.ts";

/** The workbench tools are listed when the workbench is on; their engine comes later, so they say so. */
describe("COMPOSIO_REMOTE_WORKBENCH and COMPOSIO_REMOTE_BASH_TOOL", () => {
  it("are listed with the workbench on, and answer that they are not available yet", async () => {
    const { key } = await newTenant("workbench");
    const session = await createSession(key, { user_id: "u" });
    expect(session.tool_router_tools).toEqual(expect.arrayContaining(["COMPOSIO_REMOTE_WORKBENCH", "COMPOSIO_REMOTE_BASH_TOOL"]));
    const code = await executeMeta(key, session.session_id, "COMPOSIO_REMOTE_WORKBENCH", { code_to_execute: "print(1)" });
    expect(code).toMatchObject({ successful: false, error: expect.stringContaining("not available yet"), log_id: expect.stringMatching(/^log_/) });
    const bash = await executeMeta(key, session.session_id, "COMPOSIO_REMOTE_BASH_TOOL", { command: "ls" });
    expect(bash).toMatchObject({ successful: false, error: expect.stringContaining("not available yet") });
    const off = await createSession(key, { user_id: "u", workbench: { enable: false } });
    expect(off.tool_router_tools).not.toContain("COMPOSIO_REMOTE_WORKBENCH");
    expect(off.tool_router_tools).not.toContain("COMPOSIO_REMOTE_BASH_TOOL");
  });
});

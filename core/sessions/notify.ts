import type { LinkRequestRow } from "../db/schema.ts";

/**
 * Tells the session that started a Connect Link how its connection ended (ACTIVE or FAILED),
 * so a COMPOSIO_WAIT_FOR_CONNECTIONS call waiting in the session's object returns at once.
 * Best effort: a session that is gone must never fail the user's connection.
 */
export async function notifySessionOfConnection(
  env: Env,
  link: Pick<LinkRequestRow, "sessionId" | "projectId" | "toolkitSlug" | "connectedAccountId">,
  status: "ACTIVE" | "FAILED" = "ACTIVE",
): Promise<void> {
  if (!link.sessionId) return;
  try {
    await env.SESSIONS.getByName(link.sessionId).connectionChanged({
      projectId: link.projectId,
      toolkitSlug: link.toolkitSlug,
      connectedAccountId: link.connectedAccountId,
      status,
    });
  } catch (err) {
    console.error(JSON.stringify({ level: "warn", message: "could not notify the session of a connection", session_id: link.sessionId, error: String(err) }));
  }
}

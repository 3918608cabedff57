import type { Context } from "hono";
import type { SessionCall } from "../../durable-objects/session-object.ts";
import type { AppEnv } from "../app-env.ts";
import { publicUrl } from "../../core/connect/create-link.ts";
import { callerCredential } from "../../core/executor/log-credential.ts";

/** The caller as a session's object needs it: the project the key proved, where links point, the project's session TTL, the credential its logs name. */
export function sessionCall(c: Context<AppEnv>): SessionCall {
  const caller = c.get("caller");
  return { projectId: caller.projectId, publicUrl: publicUrl(c.env, c.req.url), sessionTtlMs: caller.sessionTtlMs, credential: callerCredential(caller) };
}

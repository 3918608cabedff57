import { z } from "@hono/zod-openapi";
import type { SessionRow } from "../../core/db/schema.ts";
import { pageQuery } from "../../core/http/pagination.ts";
import { queryBoolean } from "../http/query.ts";
import { commonErrors, ErrorSchema, notFound } from "../http/schemas.ts";
import { idPattern } from "../../core/ids.ts";
import { sessionMcpUrl } from "../../core/sessions/views.ts";

/** The project's session list (from the D1 index) and the session's live log stream: their query and response shapes. */

export const SessionListQuery = pageQuery.extend({
  user_id: z.string().min(1).max(256).optional().openapi({ description: "Only this user's sessions: the `user_id` they were created with." }),
  include_ended: queryBoolean.optional().openapi({
    type: "string",
    enum: ["true", "false"],
    description: "`true` lists deleted and expired sessions too; by default only live ones are listed.",
  }),
});

export const SessionStatus = z.enum(["active", "expired", "deleted"]).openapi({
  description:
    "`active`: live (it may still expire before its object's next alarm marks it); `expired`: it went unused past the project's `session_ttl_seconds`; `deleted`: ended by a DELETE.",
});

export const SessionSummarySchema = z
  .object({
    session_id: z.string().openapi({ description: "The session's `trs_` id.", example: "trs_3kT0Jx6Q8m2V5b1N9cR4dA" }),
    user_id: z.string().openapi({ description: "The end user the session was created for." }),
    status: SessionStatus,
    created_at: z.string().datetime().openapi({ description: "When the session was created." }),
    expired_at: z.string().datetime().optional().openapi({ description: "When the session expired; only on `expired` sessions." }),
    deleted_at: z.string().datetime().optional().openapi({ description: "When the session was deleted; only on `deleted` sessions." }),
    mcp: z
      .object({
        type: z.literal("http").openapi({ description: "Streamable HTTP, as in the session view." }),
        url: z.string().openapi({ description: "The session's MCP endpoint (answers only while the session is active)." }),
      })
      .openapi({ description: "Where an MCP client reaches the session, as `mcp` in the session view (without headers)." }),
  })
  .openapi("SessionSummary");

export type SessionSummary = z.infer<typeof SessionSummarySchema>;

export const SessionListPage = z
  .object({
    items: z.array(SessionSummarySchema).openapi({ description: "Sessions, newest first." }),
    next_cursor: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page; null on the last page." }),
  })
  .openapi("SessionList");

/** A row of the D1 index as listed. An expired row has `deleted_at` too (the expiry ends it); only the reason shows. */
export function sessionSummaryView(row: SessionRow, publicUrl: string): SessionSummary {
  const ended = row.expiredAt ? { status: "expired" as const, expired_at: row.expiredAt.toISOString() } : row.deletedAt ? { status: "deleted" as const, deleted_at: row.deletedAt.toISOString() } : { status: "active" as const };
  return {
    session_id: row.id,
    user_id: row.userId,
    created_at: row.createdAt.toISOString(),
    ...ended,
    mcp: { type: "http", url: sessionMcpUrl(publicUrl, row.id) },
  };
}

/** The stream is refused before anything opens for an id that cannot be a session's (400 `validation_failed`). */
export const LogStreamParam = z.object({
  session_id: z
    .string()
    .regex(idPattern("trs"), "Not a session id: session ids are trs_ followed by 22 letters, digits, - or _.")
    .openapi({ param: { in: "path", name: "session_id" }, description: "The session's `trs_` id.", example: "trs_3kT0Jx6Q8m2V5b1N9cR4dA" }),
});

const SSE_EXAMPLE = [
  ": keepalive",
  "",
  "event: ready",
  'data: {"session_id":"trs_3kT0Jx6Q8m2V5b1N9cR4dA"}',
  "",
  "event: log",
  'data: {"id":"log_…","tool_slug":"GITHUB_GET_THE_AUTHENTICATED_USER","toolkit_slug":"github","kind":"app","via":"mcp","parent_id":null,"status":"success","error":null,"connected_account_id":"ca_…","duration_ms":212,"created_at":"2026-01-01T12:00:00.000Z"}',
  "",
  "event: end",
  'data: {"session_id":"trs_3kT0Jx6Q8m2V5b1N9cR4dA","reason":"deleted"}',
].join("\n");

const errorResponse = (description: string) => ({ description, content: { "application/json": { schema: ErrorSchema } } });

export const LogStreamResponses = {
  200: {
    description: "An open event stream (`text/event-stream`).",
    content: {
      "text/event-stream": {
        schema: z.string().openapi({
          description:
            "SSE frames: `ready` (data: `{ session_id }`), then `log` per call (data: a session log item), and `end` (data: `{ session_id, reason }`, reason `deleted` or `expired`) before the stream closes because the session ended. Lines starting with `:` are keepalive comments.",
          example: SSE_EXAMPLE,
        }),
      },
    },
  },
  ...commonErrors,
  ...notFound,
  405: errorResponse("HEAD: a stream is read with GET."),
  410: errorResponse("The session expired (`session_expired`)."),
} as const;

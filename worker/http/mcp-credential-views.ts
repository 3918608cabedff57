import { z } from "@hono/zod-openapi";
import { MCP_CREDENTIAL_SCOPES, type McpCredentialRow } from "../../core/db/schema.ts";
import { sessionMcpUrl } from "../../core/sessions/views.ts";

/** Public shapes of scoped MCP credentials. The hash never leaves the repository layer; the secret is shown once. */

const timestamp = (description: string) => z.string().datetime().openapi({ description });

export const McpCredentialSchema = z
  .object({
    id: z.string().openapi({ example: "mcc_Jw2kL0aP9cV7xN1mQ8sT5B", description: "The credential's id (`mcc_…`), used to revoke it. Not the secret." }),
    name: z.string().openapi({ description: "The app's label for the credential, e.g. the client or device it was given to (`default` unless one was given)." }),
    scope: z.enum(MCP_CREDENTIAL_SCOPES).openapi({
      description: "`session`: opens the MCP endpoint of `session_id` only. `user`: opens the MCP endpoint of every session of `user_id` in the project, present and future. Neither opens any other route.",
    }),
    session_id: z.string().nullable().openapi({ description: "The session it opens (scope `session`); null for scope `user`." }),
    user_id: z.string().openapi({ description: "The user whose sessions it opens (scope `user`), or the user of its session (scope `session`)." }),
    prefix: z.string().openapi({ example: "smc_AbC12dEf", description: "Public start of the secret, to tell credentials apart." }),
    status: z.enum(["active", "expired", "revoked"]).openapi({ description: "`active` until it is revoked (`revoked`) or its `expires_at` passes (`expired`); revoked wins over expired." }),
    created_at: timestamp("When the credential was created (ISO 8601, UTC)."),
    expires_at: timestamp("When it stops working (ISO 8601, UTC)."),
    last_used_at: timestamp("When it last opened an MCP request (ISO 8601, UTC), accurate to about a minute; null if never used.").nullable(),
    revoked_at: timestamp("When it was revoked (ISO 8601, UTC); null while not revoked. Revoking again keeps the first time.").nullable(),
  })
  .openapi("McpCredential", { description: "A scoped MCP credential's public details; the secret itself is shown only once, when it is created." });

export const CreatedMcpCredentialSchema = McpCredentialSchema.extend({
  secret: z.string().openapi({ example: "smc_3kT0Vq8yJ2mXb1Lw9RzN4AQ7pZcX5dE2fG8hJ1kL0mN", description: "The credential itself (`smc_` and 43 characters). Shown this once; only its hash is stored. Send it as `Authorization: Bearer smc_…`." }),
  mcp: z
    .object({
      type: z.literal("http").openapi({ description: "The transport: Streamable HTTP." }),
      url: z.string().nullable().openapi({ description: "The MCP endpoint it opens (scope `session`); null for scope `user`: use any of the user's sessions' `mcp.url`, as `url_template` shows." }),
      url_template: z.string().openapi({ example: "https://gateway.example.com/tool_router/{session_id}/mcp", description: "The MCP endpoint of a session, `{session_id}` to be replaced." }),
      headers: z.object({ Authorization: z.string().openapi({ description: "`Bearer smc_…`: the header an MCP client sends." }) }).openapi({ description: "The headers an MCP client must send." }),
    })
    .openapi({ description: "A ready-to-paste MCP client configuration (Cursor's `url` and `headers`; `mcp-remote <url> --header \"Authorization: Bearer smc_…\"` for Claude Desktop). Shown this once: it holds the secret." }),
}).openapi("CreatedMcpCredential");

export function mcpCredentialView(row: McpCredentialRow, now = Date.now()): z.infer<typeof McpCredentialSchema> {
  return {
    id: row.id,
    name: row.name,
    scope: row.scope,
    session_id: row.sessionId,
    user_id: row.userId,
    prefix: row.lookupPrefix,
    status: row.revokedAt ? "revoked" : row.expiresAt.getTime() <= now ? "expired" : "active",
    created_at: row.createdAt.toISOString(),
    expires_at: row.expiresAt.toISOString(),
    last_used_at: row.lastUsedAt?.toISOString() ?? null,
    revoked_at: row.revokedAt?.toISOString() ?? null,
  };
}

export function createdMcpCredentialView(row: McpCredentialRow, secret: string, publicUrl: string): z.infer<typeof CreatedMcpCredentialSchema> {
  return {
    ...mcpCredentialView(row),
    secret,
    mcp: {
      type: "http",
      url: row.sessionId === null ? null : sessionMcpUrl(publicUrl, row.sessionId),
      url_template: sessionMcpUrl(publicUrl, "{session_id}"),
      headers: { Authorization: `Bearer ${secret}` },
    },
  };
}

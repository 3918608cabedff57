/**
 * The endpoints that are not REST routes, described in the OpenAPI document by hand: the
 * session's MCP endpoint (JSON-RPC over Streamable HTTP, worker/routes/session-mcp.ts) and the
 * pages a person opens in a browser to connect an account (worker/routes/connect-page.ts).
 * Their handlers speak their own protocols (JSON-RPC, HTML forms, OAuth redirects), so they are
 * plain Hono routes with no zod schema to generate this from; keep this beside them in mind
 * when they change.
 */
const ERROR = { $ref: "#/components/schemas/Error" };
const restError = (description: string) => ({ description, content: { "application/json": { schema: ERROR } } });
const htmlPage = (description: string) => ({ description, content: { "text/html": { schema: { type: "string" } } } });

const JSON_RPC_MESSAGE = {
  type: "object",
  description: "A JSON-RPC 2.0 request or notification (MCP `initialize`, `tools/list`, `tools/call`, …), or a batch of them.",
  required: ["jsonrpc", "method"],
  properties: {
    jsonrpc: { type: "string", const: "2.0", description: "Always `2.0`." },
    id: { type: ["string", "integer"], description: "The request's id; absent on a notification." },
    method: { type: "string", description: "The MCP method.", examples: ["tools/list", "tools/call"] },
    params: { type: "object", description: "The method's parameters: for `tools/call`, `name` and `arguments`." },
  },
  examples: [{ jsonrpc: "2.0", id: 1, method: "tools/call", params: { name: "COMPOSIO_SEARCH_TOOLS", arguments: { queries: [{ use_case: "star a GitHub repository" }] } } }],
};

const JSON_RPC_ERROR = {
  type: "object",
  description: "A JSON-RPC error outside any request (a transport fault).",
  properties: {
    jsonrpc: { type: "string", const: "2.0", description: "Always `2.0`." },
    error: {
      type: "object",
      description: "What went wrong.",
      properties: { code: { type: "integer", description: "`-32000` for transport faults." }, message: { type: "string", description: "A readable explanation." } },
    },
    id: { type: "null", description: "Null: the fault belongs to no request." },
  },
};

const sessionId = { name: "id", in: "path", required: true, description: "The session's id (`trs_…`), as `POST /api/v3.1/tool_router/session` returned it.", schema: { type: "string" } };
const linkToken = { name: "token", in: "path", required: true, description: "The Connect Link's token (`lk_…`), from the link's `redirect_url`.", schema: { type: "string" } };
const mcpSecurity = [{ ApiKey: [] }, { Bearer: [] }];
/** Failures every MCP request can meet before the protocol starts, in the REST error envelope. */
const mcpRefusals = {
  401: restError("No project key or MCP credential, or not a valid one: `api_key_…`, or `mcp_credential_malformed`, `mcp_credential_invalid`, `mcp_credential_revoked`, `mcp_credential_expired`."),
  403: restError("The `Origin` header names a foreign site (DNS rebinding protection): `origin_not_allowed`; or the MCP credential's scope does not hold this session: `mcp_credential_scope_mismatch`."),
  404: restError("No such session in the key's project."),
};

export const protocolPaths = {
  "/tool_router/{id}/mcp": {
    post: {
      tags: ["MCP"],
      summary: "Send MCP messages to a session",
      description:
        "The session's MCP server over Streamable HTTP, stateless (no `Mcp-Session-Id`). Point an MCP client at this URL with a scoped MCP credential, `Authorization: Bearer smc_…` (`POST /api/v3.1/tool_router/session/{session_id}/mcp_credentials`), which opens this endpoint and nothing else; the project key in `x-api-key` (or as a Bearer token) works too, from your own servers. " +
        "`tools/list` answers the session's tools (the meta tools and, when enabled, the workbench); `tools/call` runs one like `POST /api/v3.1/tool_router/session/{session_id}/execute` would. " +
        "The answer is JSON unless the client lists `text/event-stream` first in `Accept`, or asks for progress (`_meta.progressToken`): then an SSE stream carrying `notifications/progress`.",
      security: mcpSecurity,
      parameters: [sessionId],
      requestBody: { required: true, content: { "application/json": { schema: JSON_RPC_MESSAGE } } },
      responses: {
        200: {
          description: "The JSON-RPC response (tool failures are results with `isError: true`).",
          content: {
            "application/json": { schema: { type: "object", description: "A JSON-RPC 2.0 response." } },
            "text/event-stream": { schema: { type: "string", description: "Server-sent events: progress notifications, then the response." } },
          },
        },
        202: { description: "Notifications only: accepted, nothing to answer." },
        400: { description: "Malformed JSON-RPC, or an unsupported `MCP-Protocol-Version`.", content: { "application/json": { schema: JSON_RPC_ERROR } } },
        ...mcpRefusals,
        406: { description: "`Accept` must list both `application/json` and `text/event-stream`.", content: { "application/json": { schema: JSON_RPC_ERROR } } },
      },
    },
    get: {
      tags: ["MCP"],
      summary: "Open a session's MCP event stream",
      description:
        "The standalone SSE stream for messages the server sends first: `notifications/tools/list_changed` when the session's tools change (a PATCH, a completed connection). Send `Accept: text/event-stream`.",
      security: mcpSecurity,
      parameters: [sessionId],
      responses: {
        200: { description: "An open event stream.", content: { "text/event-stream": { schema: { type: "string", description: "Server-sent events." } } } },
        400: { description: "An unsupported `MCP-Protocol-Version`.", content: { "application/json": { schema: JSON_RPC_ERROR } } },
        ...mcpRefusals,
        406: { description: "`Accept` does not include `text/event-stream`.", content: { "application/json": { schema: JSON_RPC_ERROR } } },
      },
    },
  },
  "/link/{token}": {
    get: {
      tags: ["Connect page"],
      summary: "Open a Connect Link",
      description:
        "The page a person opens to connect an account (the `redirect_url` of `POST /api/v3.1/connected_accounts/link`): what is being connected, the scopes asked for, then a button to the provider (OAuth 2.0) or a form for the key. HTML, not for API clients; sets a CSRF cookie for the form.",
      parameters: [linkToken],
      responses: {
        200: htmlPage("The Connect page."),
        400: htmlPage("The toolkit cannot be connected with the auth config's scheme here."),
        404: htmlPage("No such link."),
        410: htmlPage("The link was already used, or has expired."),
      },
    },
    post: {
      tags: ["Connect page"],
      summary: "Submit the Connect page",
      description:
        "The page's form. For OAuth 2.0 it redirects to the provider's authorization URL (with `state` and PKCE); for keys it stores the credentials encrypted and redirects to the link's `callback_url` with `status=success&connected_account_id=…` (or shows a page saying it is done).",
      parameters: [linkToken],
      requestBody: {
        required: true,
        content: {
          "application/x-www-form-urlencoded": {
            schema: {
              type: "object",
              required: ["csrf_token"],
              properties: {
                csrf_token: { type: "string", description: "The token the page carried; it must also match the page's cookie (double submit)." },
                api_key: { type: "string", description: "For API_KEY auth configs." },
                token: { type: "string", description: "For BEARER_TOKEN auth configs." },
                username: { type: "string", description: "For BASIC auth configs." },
                password: { type: "string", description: "For BASIC auth configs." },
              },
              additionalProperties: { type: "string", description: "The toolkit's other credential fields, when its scheme asks for them." },
            },
          },
        },
      },
      responses: {
        200: htmlPage("Connected (the link has no `callback_url`)."),
        303: { description: "To the provider's authorization page (OAuth 2.0), or to the link's `callback_url` with the outcome." },
        400: htmlPage("The form expired or was not sent from the page, or a credential was refused."),
        404: htmlPage("No such link."),
        410: htmlPage("The link was already used, or has expired."),
      },
    },
  },
  "/oauth/callback": {
    get: {
      tags: ["Connect page"],
      summary: "Finish an OAuth 2.0 connection",
      description:
        "The redirect URI to register with OAuth providers: `<PUBLIC_URL>/oauth/callback`. The provider sends the person back here; the gateway exchanges the code (with the PKCE verifier), stores the tokens encrypted, and redirects to the link's `callback_url` with `status` and `connected_account_id` (and `error` when it failed).",
      parameters: [
        { name: "state", in: "query", required: true, description: "The state the gateway sent with the authorization request; single use.", schema: { type: "string" } },
        { name: "code", in: "query", required: false, description: "The authorization code, when the person approved.", schema: { type: "string" } },
        { name: "error", in: "query", required: false, description: "The provider's error code, when the person refused or it failed (RFC 6749 §4.1.2.1).", schema: { type: "string" } },
        { name: "error_description", in: "query", required: false, description: "The provider's explanation of `error`.", schema: { type: "string" } },
      ],
      responses: {
        200: htmlPage("The outcome, when the link has no `callback_url`."),
        303: { description: "To the link's `callback_url` with `status=success|failed`, `connected_account_id` and, on failure, `error`." },
        400: htmlPage("The state is unknown, expired or already used; or the connection failed and the link has no `callback_url`."),
      },
    },
  },
};

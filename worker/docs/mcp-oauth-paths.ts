/**
 * The OAuth 2.1 authorization server MCP clients use (worker/routes/mcp-authorize.ts,
 * worker/routes/mcp-well-known.ts), described by hand like the other protocol endpoints: its
 * wire format is the OAuth RFCs', served by `@cloudflare/workers-oauth-provider`, not zod
 * schemas. MCP clients find all of it on their own from a session endpoint's 401; this is for
 * people writing or debugging one. test/workers/mcp-oauth/oauth-flow.test.ts checks every field
 * the live endpoints answer with is described here.
 */
const TAGS = ["MCP authorization"];

/** The RFC 6749 §5.2 error body every OAuth endpoint answers with. */
const OAUTH_ERROR = {
  type: "object",
  description: "An OAuth error (RFC 6749 §5.2).",
  required: ["error"],
  properties: {
    error: { type: "string", description: "The error code: `invalid_request`, `invalid_client`, `invalid_grant`, `unsupported_grant_type`, `invalid_client_metadata`, …" },
    error_description: { type: "string", description: "What went wrong, for a person." },
  },
};
const oauthError = (description: string) => ({ description, content: { "application/json": { schema: OAUTH_ERROR } } });
const htmlPage = (description: string) => ({ description, content: { "text/html": { schema: { type: "string", description: "An HTML page." } } } });
const form = (schema: object) => ({ required: true, content: { "application/x-www-form-urlencoded": { schema } } });

const stringList = (description: string) => ({ type: "array", items: { type: "string", description: "One value." }, description });

const AUTHORIZATION_SERVER_METADATA = {
  type: "object",
  description: "RFC 8414 authorization server metadata.",
  properties: {
    issuer: { type: "string", description: "The gateway's origin (`PUBLIC_URL`, else the origin it was reached on)." },
    authorization_endpoint: { type: "string", description: "`<issuer>/oauth/mcp/authorize`." },
    token_endpoint: { type: "string", description: "`<issuer>/oauth/mcp/token`." },
    registration_endpoint: { type: "string", description: "`<issuer>/oauth/mcp/register` (RFC 7591)." },
    revocation_endpoint: { type: "string", description: "The token endpoint, which also revokes (RFC 7009)." },
    scopes_supported: stringList("`mcp`: use one session's tools; the only scope."),
    response_types_supported: stringList("`code`."),
    response_modes_supported: stringList("`query`."),
    grant_types_supported: stringList("`authorization_code` and `refresh_token`."),
    token_endpoint_auth_methods_supported: stringList("How clients authenticate at the token endpoint; `none` for public clients (PKCE)."),
    code_challenge_methods_supported: stringList("`S256` only."),
    authorization_response_iss_parameter_supported: { type: "boolean", description: "True: the redirect carries `iss` (RFC 9207)." },
    client_id_metadata_document_supported: { type: "boolean", description: "Whether a URL may serve as a client id; false here." },
  },
};

const PROTECTED_RESOURCE_METADATA = {
  type: "object",
  description: "RFC 9728 protected resource metadata of one session's MCP endpoint.",
  properties: {
    resource: { type: "string", description: "The session's MCP URL, `<issuer>/tool_router/<session_id>/mcp`: the `resource` a client asks a token for." },
    authorization_servers: stringList("The issuer: the gateway's origin."),
    bearer_methods_supported: stringList("`header`: `Authorization: Bearer …`."),
    scopes_supported: stringList("`mcp`."),
    resource_name: { type: "string", description: "A readable name." },
    resource_documentation: { type: "string", description: "The gateway's API reference." },
  },
};

/** The authorization request (RFC 6749 §4.1.1 with PKCE and RFC 8707), on the authorize page's URL. */
const AUTHORIZE_QUERY = [
  { name: "response_type", in: "query", required: true, description: "`code`.", schema: { type: "string" } },
  { name: "client_id", in: "query", required: true, description: "The id registration returned.", schema: { type: "string" } },
  { name: "redirect_uri", in: "query", required: true, description: "One of the client's registered redirect URIs.", schema: { type: "string" } },
  { name: "code_challenge", in: "query", required: true, description: "The PKCE challenge: base64url SHA-256 of the client's verifier.", schema: { type: "string" } },
  { name: "code_challenge_method", in: "query", required: true, description: "`S256`.", schema: { type: "string" } },
  { name: "resource", in: "query", required: false, description: "The session's MCP URL (RFC 8707). Clients following the MCP spec send it; without it the session is the one the typed code was issued for.", schema: { type: "string" } },
  { name: "scope", in: "query", required: false, description: "`mcp`.", schema: { type: "string" } },
  { name: "state", in: "query", required: false, description: "Returned unchanged on the redirect.", schema: { type: "string" } },
];

const CLIENT_METADATA = {
  type: "object",
  description: "RFC 7591 client metadata.",
  properties: {
    client_id: { type: "string", description: "The client's id (in a response only)." },
    client_id_issued_at: { type: "integer", description: "When the id was issued, Unix seconds (in a response only)." },
    client_secret: { type: "string", description: "For confidential clients only, shown once (in a response only)." },
    client_secret_issued_at: { type: "integer", description: "When the secret was issued, Unix seconds (in a response only)." },
    client_secret_expires_at: { type: "integer", description: "When the registration lapses without renewal (90 days), Unix seconds (in a response only)." },
    redirect_uris: stringList("Where authorization redirects back to; required."),
    client_name: { type: "string", description: "Shown on the authorize page." },
    client_uri: { type: "string", description: "The client's home page." },
    logo_uri: { type: "string", description: "The client's logo." },
    policy_uri: { type: "string", description: "The client's privacy policy." },
    tos_uri: { type: "string", description: "The client's terms of service." },
    jwks_uri: { type: "string", description: "The client's public keys." },
    contacts: stringList("People responsible for the client."),
    grant_types: stringList("`authorization_code`, `refresh_token`."),
    response_types: stringList("`code`."),
    token_endpoint_auth_method: { type: "string", description: "`none` for a public client (the usual MCP client), `client_secret_basic` or `client_secret_post` otherwise." },
  },
};

const TOKEN_REQUEST = {
  type: "object",
  description: "A token request (RFC 6749 §4.1.3 or §6) or a revocation (RFC 7009).",
  properties: {
    grant_type: { type: "string", description: "`authorization_code` or `refresh_token`; absent for a revocation." },
    code: { type: "string", description: "The authorization code from the redirect (`authorization_code`)." },
    redirect_uri: { type: "string", description: "The same redirect URI as the authorization request (`authorization_code`)." },
    code_verifier: { type: "string", description: "The PKCE verifier (`authorization_code`)." },
    refresh_token: { type: "string", description: "The refresh token (`refresh_token`); it rotates: use the new one next time." },
    client_id: { type: "string", description: "The client's id (public clients)." },
    client_secret: { type: "string", description: "The client's secret (confidential clients using `client_secret_post`)." },
    resource: { type: "string", description: "The session's MCP URL (RFC 8707); the token opens that session only." },
    token: { type: "string", description: "The access or refresh token to revoke (revocation)." },
    token_type_hint: { type: "string", description: "`access_token` or `refresh_token` (revocation)." },
  },
};

const TOKEN_RESPONSE = {
  type: "object",
  description: "Tokens (RFC 6749 §5.1).",
  properties: {
    access_token: { type: "string", description: "Send as `Authorization: Bearer …` to the session's MCP endpoint; it opens nothing else." },
    token_type: { type: "string", description: "`bearer`." },
    expires_in: { type: "integer", description: "Seconds the access token lives: 900." },
    refresh_token: { type: "string", description: "Gets new tokens; a grant lives while it is used (30 days after the last refresh)." },
    scope: { type: "string", description: "`mcp`." },
    resource: { type: "string", description: "The session's MCP URL the token is for." },
  },
};

export const mcpOAuthPaths = {
  "/.well-known/oauth-authorization-server": {
    get: {
      tags: TAGS,
      summary: "Authorization server metadata",
      description: "Where MCP clients learn the endpoints below (RFC 8414). Public and cacheable.",
      responses: { 200: { description: "The metadata.", content: { "application/json": { schema: AUTHORIZATION_SERVER_METADATA } } } },
    },
  },
  "/.well-known/oauth-protected-resource/tool_router/{id}/mcp": {
    get: {
      tags: TAGS,
      summary: "A session endpoint's protected resource metadata",
      description:
        "What a session's MCP endpoint is and who issues its tokens (RFC 9728); the `resource_metadata` of the endpoint's 401 challenge points here. Also served at `/tool_router/{id}/mcp/.well-known/oauth-protected-resource`.",
      parameters: [{ name: "id", in: "path", required: true, description: "The session's id (`trs_…`).", schema: { type: "string" } }],
      responses: {
        200: { description: "The metadata.", content: { "application/json": { schema: PROTECTED_RESOURCE_METADATA } } },
        404: { description: "Not a session id: `session_not_found`.", content: { "application/json": { schema: { $ref: "#/components/schemas/Error" } } } },
      },
    },
  },
  "/oauth/mcp/register": {
    post: {
      tags: TAGS,
      summary: "Register an MCP client",
      description:
        "Dynamic client registration (RFC 7591), which MCP clients do on their own before authorizing. A client that sends a project key or an MCP credential needs no OAuth: it is refused with `invalid_client_metadata`, and the description says what was wrong with the key it sent.",
      requestBody: { required: true, content: { "application/json": { schema: CLIENT_METADATA } } },
      responses: {
        201: { description: "The registered client.", content: { "application/json": { schema: CLIENT_METADATA } } },
        400: oauthError("The metadata is not acceptable, or the client sent a key (`invalid_client_metadata`)."),
      },
    },
  },
  "/oauth/mcp/authorize": {
    get: {
      tags: TAGS,
      summary: "Open the authorize page",
      description:
        "Where an MCP client sends the person (RFC 6749 §4.1.1, PKCE S256 required). The page asks for the connect code the app issued for the session (`POST /api/v3.1/tool_router/session/{session_id}/mcp_connect_codes`), which proves the app considers this person the session's user.",
      parameters: AUTHORIZE_QUERY,
      responses: {
        200: htmlPage("The authorize page."),
        302: { description: "Back to the client's redirect URI with an `error`, for problems the client may hear about (RFC 6749 §4.1.2.1)." },
        400: htmlPage("An unknown client, a redirect URI it did not register, or a `resource` that is no session of this gateway."),
      },
    },
    post: {
      tags: TAGS,
      summary: "Submit the connect code",
      description: "The page's form. A valid code grants the client a token for its session and redirects back to the client with `code`, `state` and `iss`.",
      parameters: AUTHORIZE_QUERY,
      requestBody: form({
        type: "object",
        required: ["code"],
        properties: { code: { type: "string", description: "The connect code the app showed the person; single use." } },
      }),
      responses: {
        302: { description: "To the client's redirect URI with the authorization code." },
        400: htmlPage("The code is wrong, used or expired (the page asks again), or the request is not valid."),
        410: htmlPage("The session has ended."),
      },
    },
  },
  "/oauth/mcp/token": {
    post: {
      tags: TAGS,
      summary: "Get, refresh or revoke tokens",
      description:
        "Exchanges an authorization code (with its PKCE verifier) or a refresh token for tokens scoped to one session (RFC 6749 §4.1.3, §6), or revokes a token (RFC 7009). Tokens are stored only as hashes.",
      requestBody: form(TOKEN_REQUEST),
      responses: {
        200: { description: "Tokens; or, for a revocation, an empty answer.", content: { "application/json": { schema: TOKEN_RESPONSE } } },
        400: oauthError("The code or refresh token is invalid, used, expired or for another client or session (`invalid_grant`), or the request is malformed."),
        401: oauthError("The client could not be authenticated (`invalid_client`)."),
      },
    },
  },
};

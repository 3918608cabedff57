import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "./app-env.ts";
import { requireAdminKey } from "./auth/require-admin-key.ts";
import { mcpAuthChallenge } from "./auth/mcp-challenge.ts";
import { mcpOAuthOr, refuseMcpOAuthTokens } from "./auth/mcp-oauth-caller.ts";
import { requireApiKey } from "./auth/require-api-key.ts";
import { refuseMcpCredentials, requireMcpCaller } from "./auth/require-mcp-caller.ts";
import { registerSecuritySchemes } from "./docs/openapi-document.ts";
import { catalogLoaded } from "./http/catalog-loaded.ts";
import { onError, onNotFound } from "./http/error-handler.ts";
import { ApiError } from "../core/http/errors.ts";
import { createRouter } from "./http/openapi-app.ts";
import { requestId } from "./http/request-id.ts";
import adminApiKeys from "./routes/admin-api-keys.ts";
import adminEncryption from "./routes/admin-encryption.ts";
import adminProjects from "./routes/admin-projects.ts";
import adminSearch from "./routes/admin-search.ts";
import authConfigs from "./routes/auth-configs.ts";
import authSession from "./routes/auth-session.ts";
import connectPage from "./routes/connect-page.ts";
import operatorConsole from "./routes/console.ts";
import customToolkits, { MAX_OPENAPI_BYTES } from "./routes/custom-toolkits.ts";
import connectedAccounts from "./routes/connected-accounts.ts";
import executionLogs from "./routes/execution-logs.ts";
import health from "./routes/health.ts";
import mcpCredentials from "./routes/mcp-credentials.ts";
import mcpAuthorize from "./routes/mcp-authorize.ts";
import mcpGrants from "./routes/mcp-grants.ts";
import mcpWellKnown from "./routes/mcp-well-known.ts";
import { mountReference } from "./routes/reference.ts";
import sessionMcp, { refuseForeignOrigins } from "./routes/session-mcp.ts";
import sessionFiles from "./routes/session-files.ts";
import sessions from "./routes/sessions.ts";
import workbenchTransfer from "./routes/workbench-transfer.ts";
import toolkits from "./routes/toolkits.ts";
import tools from "./routes/tools.ts";

const MAX_BODY_BYTES = 1024 * 1024;

const app = createRouter();

app.use(requestId);
app.use(catalogLoaded);
/** Refuses bodies over `maxSize` bytes with a 413 that says the limit. */
const limitBody = (maxSize: number, what: string) =>
  bodyLimit({
    maxSize,
    onError: () => {
      throw new ApiError(413, "payload_too_large", `${what} are limited to ${maxSize} bytes.`);
    },
  });

const CUSTOM_TOOLKITS = "/api/v3.1/toolkits/custom";
const apiBodyLimit = limitBody(MAX_BODY_BYTES, "Request bodies");
// An OpenAPI description may be larger than any other request: its route has its own limit.
app.use(`${CUSTOM_TOOLKITS}/*`, limitBody(MAX_OPENAPI_BYTES, "OpenAPI documents"));
app.use("/api/*", (c, next) => (c.req.path.startsWith(`${CUSTOM_TOOLKITS}/`) ? next() : apiBodyLimit(c, next)));

app.use(
  "/tool_router/*",
  bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ApiError(413, "payload_too_large", `Request bodies are limited to ${MAX_BODY_BYTES} bytes.`);
    },
  }),
);

// OAuth discovery for MCP clients: public, so ahead of every key check.
app.route("/", mcpWellKnown);
// The MCP authorization server: its authorize page, token and registration endpoints.
app.use("/oauth/mcp/*", apiBodyLimit);
app.route("/", mcpAuthorize);
// An MCP credential (smc_…) opens MCP endpoints only: every other route refuses it, with a code that says so.
app.use(refuseMcpCredentials);
// Likewise an MCP OAuth access token.
app.use(refuseMcpOAuthTokens);
app.use("/api/admin/*", requireAdminKey);
app.use("/tool_router/:id/mcp/*", mcpAuthChallenge);
app.use("/tool_router/:id/mcp/*", refuseForeignOrigins);
// The project key, an MCP credential scoped to this session, or an OAuth access token for it.
app.use("/tool_router/:id/mcp/*", mcpOAuthOr(requireMcpCaller));
// Every tenant route needs a project key: checked here, once, before any of their routers runs.
// (Not all of /api/v3.1: its OpenAPI document is public.)
for (const tenantRoutes of [
  "/api/v3.1/auth/session",
  "/api/v3.1/toolkits",
  "/api/v3.1/tools",
  "/api/v3.1/auth_configs",
  "/api/v3.1/connected_accounts",
  "/api/v3.1/internal/action_execution",
  "/api/v3.1/tool_router/session",
  "/api/v3.1/mcp_credentials",
]) {
  // `/x/*` matches `/x` itself too.
  app.use(`${tenantRoutes}/*`, requireApiKey);
}

app.route("/health", health);
app.route("/api/admin/projects", adminProjects);
app.route("/api/admin/projects/:project_id/api_keys", adminApiKeys);
app.route("/api/admin/encryption", adminEncryption);
app.route("/api/admin/search", adminSearch);
app.route("/api/v3.1/auth/session", authSession);
// Before the toolkits router, whose /{slug} would take "custom" for a toolkit.
app.route(CUSTOM_TOOLKITS, customToolkits);
app.route("/api/v3.1/toolkits", toolkits);
app.route("/api/v3.1/tools", tools);
app.route("/api/v3.1/auth_configs", authConfigs);
app.route("/api/v3.1/connected_accounts", connectedAccounts);
app.route("/api/v3.1/internal/action_execution", executionLogs);
app.route("/api/v3.1/tool_router/session", sessions);
app.route("/api/v3.1/tool_router/session", sessionFiles);
// /tool_router/session/{session_id}/mcp_credentials and /mcp_credentials
app.route("/api/v3.1", mcpCredentials);
// /tool_router/session/{session_id}/mcp_connect_codes and /mcp_grants
app.route("/api/v3.1", mcpGrants);
app.route("/workbench/files", workbenchTransfer);
app.route("/tool_router/:id/mcp", sessionMcp);
app.route("/", connectPage);
app.route("/", operatorConsole);

registerSecuritySchemes(app);
mountReference(app);

app.onError(onError);
app.notFound(onNotFound);

export default app;

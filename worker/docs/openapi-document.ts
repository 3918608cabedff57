import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { version } from "../version.ts";
import { mcpOAuthPaths } from "./mcp-oauth-paths.ts";
import { protocolPaths } from "./protocol-paths.ts";

export const OPENAPI_PATH = "/api/v3.1/openapi.json";

/** Registers how callers authenticate, once, on the root app. */
export function registerSecuritySchemes(app: OpenAPIHono<AppEnv>): void {
  const registry = app.openAPIRegistry;
  registry.registerComponent("securitySchemes", "ApiKey", {
    type: "apiKey",
    in: "header",
    name: "x-api-key",
    description: "A project API key (`sk_…`), as the Composio SDK sends it.",
  });
  registry.registerComponent("securitySchemes", "Bearer", {
    type: "http",
    scheme: "bearer",
    description: "The same project API key as a Bearer token.",
  });
  registry.registerComponent("securitySchemes", "AdminKey", {
    type: "http",
    scheme: "bearer",
    description: "The operator's ADMIN_API_KEY secret (also accepted as `x-admin-key`).",
  });
}

/** The routes' generated description, with the MCP endpoint, its OAuth server and the Connect pages beside them. */
export function openApiDocument(app: OpenAPIHono<AppEnv>, origin: string) {
  const document = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "Switchboard API",
      version,
      description:
        "A self-hosted tool gateway for AI agents, compatible with the Composio v3.1 API. " +
        "Errors share one envelope: `{ error: { code, message, status, request_id, suggested_fix?, errors? } }`.",
    },
    servers: [{ url: origin }],
  });
  return { ...document, paths: { ...document.paths, ...protocolPaths, ...mcpOAuthPaths } };
}

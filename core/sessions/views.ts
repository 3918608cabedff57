import { z } from "@hono/zod-openapi";
import { loadTools, type CatalogEnv } from "../catalog/registry.ts";
import { ToolSchema, toolView } from "../http/catalog-views.ts";
import type { SessionConfig } from "./config.ts";
import { SessionConfigSchema } from "./config.ts";
import { parseCustomTools } from "./custom-tools/definitions.ts";
import { CustomToolsViewSchema, customToolsView } from "./custom-tools/view.ts";
import { preloadedTools } from "./filters.ts";
import { enabledMetaTools, metaInputSchema } from "./meta-tools/index.ts";
import type { MetaTool } from "./meta-tools/meta-tool.ts";

/** Response shapes of `@composio/client`'s `tool_router.session` resource. */

/** The docs advise fewer than 20 preloaded tools: more crowd the model's context. */
export const PRELOAD_ADVISORY_LIMIT = 20;

export const SessionSchema = z
  .object({
    session_id: z.string().openapi({ description: "The session's id (`trs_` and 22 URL-safe base64 characters). Every create returns a new one.", example: "trs_3kT0Jx6Q8m2V5b1N9cR4dA" }),
    mcp: z
      .object({
        type: z.literal("http").openapi({ description: "Always `http`: Streamable HTTP (JSON-RPC over POST, SSE when asked)." }),
        url: z.string().openapi({ description: "The session's MCP endpoint, `<public URL>/tool_router/<session_id>/mcp`." }),
        headers: z.record(z.string(), z.string()).openapi({ description: "Send your project key as `x-api-key` (or `Authorization: Bearer`); it is never echoed back." }),
      })
      .openapi({ description: "How an MCP client reaches the session." }),
    tool_router_tools: z
      .array(z.string())
      .openapi({ description: "Slugs of the meta tools the session's config enables (e.g. `COMPOSIO_SEARCH_TOOLS`, `COMPOSIO_MANAGE_CONNECTIONS`)." }),
    config: SessionConfigSchema,
    config_version: z.number().int().openapi({ description: "The config's version: 1 at create, one more for each update. Send it as `expected_config_version` to update safely." }),
    expires_at: z.string().datetime().optional().openapi({
      description: "When the session expires if it is not used again: every use extends it by the project's `session_ttl_seconds` (7 days unless set). An expired session's storage is deleted and it answers 410 `session_expired`.",
    }),
    warnings: z
      .array(
        z.object({
          code: z.string().openapi({ description: "`DEFAULT_USER_ID` (`user_id` is `default`) or `PRELOAD_TOOLS_HIGH_CONTEXT_USAGE` (more than 20 preloaded tools)." }),
          message: z.string().openapi({ description: "What the warning means and what to do about it." }),
        }),
      )
      .openapi({ description: "Advice about the config that did not stop it being accepted; empty when there is none." }),
    experimental: CustomToolsViewSchema.optional().openapi({ description: "The session's custom tools under the slugs the agent sees (`LOCAL_…`), each with its `original_slug`." }),
  })
  .openapi("Session");

export type SessionView = z.infer<typeof SessionSchema>;

export interface SessionState {
  id: string;
  projectId: string;
  config: SessionConfig;
  configVersion: number;
  createdAt: number;
  updatedAt: number;
  /** When the session expires unless used again (undefined only for sessions from before expiry existed, until their next use). */
  expiresAt?: number | undefined;
  /**
   * The custom tools' definitions as JSON text, where the response shows them (create, get,
   * attach): their schemas are arbitrary JSON, which Durable Object RPC's types cannot carry.
   */
  customToolsJson?: string | undefined;
}

export function warningsFor(config: SessionConfig): { code: string; message: string }[] {
  const warnings: { code: string; message: string }[] = [];
  if (config.user_id === "default") {
    warnings.push({
      code: "DEFAULT_USER_ID",
      message: 'user_id "default" gives every end user the same connected accounts. Use a stable id from your own database instead.',
    });
  }
  const preloaded = preloadedTools(config).length;
  if (preloaded > PRELOAD_ADVISORY_LIMIT) {
    warnings.push({
      code: "PRELOAD_TOOLS_HIGH_CONTEXT_USAGE",
      message: `${preloaded} tools are preloaded; more than ${PRELOAD_ADVISORY_LIMIT} crowd the model's context. Preload fewer and let the agent use COMPOSIO_SEARCH_TOOLS.`,
    });
  }
  return warnings;
}

/** The session's MCP endpoint (the route in worker/routes/session-mcp.ts). */
export const sessionMcpUrl = (publicUrl: string, sessionId: string): string => `${publicUrl}/tool_router/${sessionId}/mcp`;

export function sessionView(state: SessionState, publicUrl: string): SessionView {
  const custom = customToolsView(parseCustomTools(state.customToolsJson));
  return {
    session_id: state.id,
    // The key is not echoed: no response carries a secret. The SDK adds its own key to `session.mcp.headers`.
    mcp: { type: "http", url: sessionMcpUrl(publicUrl, state.id), headers: {} },
    tool_router_tools: enabledMetaTools(state.config).map((tool) => tool.slug),
    config: state.config,
    config_version: state.configVersion,
    ...(state.expiresAt === undefined ? {} : { expires_at: new Date(state.expiresAt).toISOString() }),
    warnings: warningsFor(state.config),
    ...(custom ? { experimental: custom } : {}),
  };
}

const COMPOSIO_LOGO = "https://logos.composio.dev/api/composio";
const META_VERSION = "20260101_00";

export function metaToolView(tool: MetaTool): z.infer<typeof ToolSchema> {
  return {
    slug: tool.slug,
    name: tool.name,
    description: tool.description,
    human_description: tool.description,
    toolkit: { slug: "composio", name: "Composio", logo: COMPOSIO_LOGO },
    input_parameters: metaInputSchema(tool),
    output_parameters: { type: "object", properties: { data: { type: "object" }, error: { type: ["string", "null"] }, successful: { type: "boolean" } } },
    no_auth: true,
    version: META_VERSION,
    available_versions: [META_VERSION],
    scopes: [],
    scope_requirements: null,
    tags: [],
    is_deprecated: false,
    deprecated: { available_versions: [META_VERSION], displayName: tool.name, is_deprecated: false, toolkit: { logo: COMPOSIO_LOGO }, version: META_VERSION },
  };
}

/** What `session.tools()` wraps: the enabled meta tools, then the preloaded app tools. */
export async function sessionToolViews(env: CatalogEnv, config: SessionConfig): Promise<z.infer<typeof ToolSchema>[]> {
  const apps = await loadTools(env, preloadedTools(config));
  return [...enabledMetaTools(config).map(metaToolView), ...apps.map(({ toolkit, tool }) => toolView(toolkit, tool))];
}

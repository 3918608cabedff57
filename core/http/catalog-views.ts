import { z } from "@hono/zod-openapi";
import type { ToolDefinition, ToolkitDefinition } from "../../catalog/definition.ts";

/** What a tool's view reads of its toolkit (the catalog's index and full definitions both have it). */
type ToolkitBasics = Pick<ToolkitDefinition, "slug" | "name" | "logo" | "authSchemes">;

/** Response shape of `@composio/client`'s tools resource, from catalog entries (toolkits: worker/http/toolkit-views.ts). */
export const ToolSchema = z
  .object({
    slug: z.string().openapi({ description: "The tool's slug, `TOOLKIT_ACTION` in UPPER_SNAKE_CASE (at most 64 characters): what execute takes.", example: "GITHUB_STAR_A_REPOSITORY" }),
    name: z.string().openapi({ description: "Display name." }),
    description: z.string().openapi({ description: "What the tool does, written for the model that picks it (at most 1,024 characters)." }),
    human_description: z.string().openapi({ description: "A description for people; the same text as `description` here." }),
    toolkit: z
      .object({
        slug: z.string().openapi({ description: "The toolkit's slug, lower_snake_case.", example: "github" }),
        name: z.string().openapi({ description: "The toolkit's display name." }),
        logo: z.string().openapi({ description: "URL of the toolkit's logo." }),
      })
      .openapi({ description: "The toolkit the tool belongs to." }),
    input_parameters: z.record(z.string(), z.unknown()).openapi({ description: "JSON Schema (draft 2020-12, `type: object`) of the tool's arguments: what `arguments` must match when executing it." }),
    output_parameters: z
      .record(z.string(), z.unknown())
      .openapi({ description: "JSON Schema of the tool's `data` on success; `{ type: \"object\", properties: {} }` when the catalog does not describe it." }),
    no_auth: z.boolean().openapi({ description: "Whether the tool runs without a connected account (its toolkit has the `NO_AUTH` scheme)." }),
    version: z.string().openapi({ description: "The tool's version, `YYYYMMDD_NN`.", example: "20260101_00" }),
    available_versions: z.array(z.string()).openapi({ description: "Versions that can be asked for; only the current one here." }),
    scopes: z.array(z.string()).openapi({ description: "OAuth scopes the tool needs from the connected account, as the catalog lists them; may be empty." }),
    scope_requirements: z.null().openapi({ description: "Composio's structured scope requirements; always null here (see `scopes`)." }),
    tags: z.array(z.string()).openapi({ description: "The tool's tags: MCP hint tags (`readOnlyHint`, `destructiveHint`, `idempotentHint`, `openWorldHint`) and free-form ones. Sessions filter on them with `tags`." }),
    is_deprecated: z.boolean().openapi({ description: "Always false: no tool in this catalog is deprecated." }),
    deprecated: z
      .object({
        available_versions: z.array(z.string()).openapi({ description: "Same as the top-level `available_versions`." }),
        displayName: z.string().openapi({ description: "Same as `name`." }),
        is_deprecated: z.boolean().openapi({ description: "Same as the top-level `is_deprecated` (false)." }),
        toolkit: z.object({ logo: z.string().openapi({ description: "URL of the toolkit's logo." }) }).openapi({ description: "The toolkit's logo, where older clients look for it." }),
        version: z.string().openapi({ description: "Same as the top-level `version`." }),
      })
      .openapi({ description: "Fields older Composio clients read, repeating the ones above." }),
  })
  .openapi("Tool");

export function isNoAuth(toolkit: Pick<ToolkitDefinition, "authSchemes">): boolean {
  return toolkit.authSchemes.some((scheme) => scheme.type === "NO_AUTH");
}

export function toolView(toolkit: ToolkitBasics, tool: ToolDefinition): z.infer<typeof ToolSchema> {
  return {
    slug: tool.slug,
    name: tool.name,
    description: tool.description,
    human_description: tool.description,
    toolkit: { slug: toolkit.slug, name: toolkit.name, logo: toolkit.logo },
    input_parameters: tool.inputSchema,
    output_parameters: tool.outputSchema ?? { type: "object", properties: {} },
    no_auth: isNoAuth(toolkit),
    version: tool.version,
    available_versions: [tool.version],
    scopes: tool.scopes,
    scope_requirements: null,
    tags: tool.tags,
    is_deprecated: false,
    deprecated: { available_versions: [tool.version], displayName: tool.name, is_deprecated: false, toolkit: { logo: toolkit.logo }, version: tool.version },
  };
}

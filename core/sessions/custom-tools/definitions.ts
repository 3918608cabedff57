import { z } from "@hono/zod-openapi";

/**
 * Custom tools as `@composio/core` sends them (`experimental_createTool` /
 * `experimental_createToolkit`, serialised into `experimental.custom_tools` and
 * `custom_toolkits` on session create and attach). The SDK keeps the execute functions;
 * only the definitions reach the gateway, so the agent can find them and read their schemas.
 */

/** Composio's cap on the exposed slug, `LOCAL_[TOOLKIT_]SLUG`; the SDK checks it too. */
export const MAX_FINAL_SLUG_LENGTH = 60;
/** Tools across standalone ones and every toolkit: enough for an app's own tools, small enough to rank on every search. */
export const MAX_CUSTOM_TOOLS = 100;
export const MAX_CUSTOM_TOOLKITS = 20;
/** One schema as JSON; real tool schemas are a few kilobytes. */
export const MAX_SCHEMA_BYTES = 32 * 1024;
/** All definitions together, stored as one value in the session's SQLite (which caps a value at 2 MB). */
export const MAX_DEFINITIONS_BYTES = 512 * 1024;

export const LOCAL_PREFIX = "LOCAL_";

/** As the SDK's CustomToolSlugSchema: its reserved prefixes route calls, so no definition may claim them. */
const Slug = z
  .string()
  .min(1)
  .max(MAX_FINAL_SLUG_LENGTH)
  .regex(/^[A-Za-z0-9_-]+$/, "only letters, digits, underscores and hyphens")
  .refine((s) => !/^(LOCAL|COMPOSIO)_/i.test(s), "must not start with LOCAL_ or COMPOSIO_ (reserved)");

const jsonBytes = (value: unknown) => new TextEncoder().encode(JSON.stringify(value)).length;

const Schema = z
  .record(z.string(), z.unknown())
  .refine((schema) => jsonBytes(schema) <= MAX_SCHEMA_BYTES, `larger than ${MAX_SCHEMA_BYTES / 1024} KiB as JSON`);

/** The SDK always sends an object schema (`inputParams` must be a `z.object()`). */
const InputSchema = Schema.refine((schema) => schema.type === "object" && typeof schema.properties === "object" && schema.properties !== null, {
  message: 'must be a JSON Schema with type "object" and properties',
});

const toolFields = {
  slug: Slug.openapi({
    description:
      "The tool's own slug: 1–60 letters, digits, `_` or `-`, not starting with `LOCAL_` or `COMPOSIO_`. The agent sees it as `LOCAL_[<TOOLKIT>_]<SLUG>` (upper case, at most 60 characters).",
  }),
  name: z.string().min(1).max(200).openapi({ description: "Display name (1–200 characters)." }),
  description: z.string().min(1).max(4000).openapi({ description: "What the tool does, for the agent that searches and picks it (1–4,000 characters)." }),
  input_schema: InputSchema.openapi({ description: "JSON Schema of the arguments: `type: \"object\"` with `properties`, at most 32 KiB as JSON." }),
  output_schema: Schema.optional().openapi({ description: "JSON Schema of the result, at most 32 KiB as JSON; optional." }),
  /** An SDK hint (expose the tool directly in `session.tools()`); echoed back, never acted on here. */
  preload: z.boolean().optional().openapi({ description: "The SDK's hint to expose the tool directly in `session.tools()`. Echoed back; not acted on by the gateway." }),
};

export const CustomToolInput = z.object({
  ...toolFields,
  extends_toolkit: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: "A toolkit's slug (e.g. `gmail`) whose connection the tool uses (the SDK's `extendsToolkit`); its slug then becomes `LOCAL_<TOOLKIT>_<SLUG>`." }),
});
export const CustomToolkitInput = z.object({
  slug: Slug.openapi({ description: "The custom toolkit's slug (same rules as a tool's); its tools are exposed as `LOCAL_<TOOLKIT>_<SLUG>`." }),
  name: z.string().min(1).max(200).openapi({ description: "Display name (1–200 characters)." }),
  description: z.string().min(1).max(4000).openapi({ description: "What the toolkit is for (1–4,000 characters)." }),
  preload: z.boolean().optional().openapi({ description: "The SDK's hint to expose all its tools directly. Echoed back; not acted on by the gateway." }),
  tools: z.array(z.object(toolFields)).min(1).max(MAX_CUSTOM_TOOLS).openapi({ description: "The toolkit's tools (1–100)." }),
});

export const CustomToolsInput = {
  custom_tools: z
    .array(CustomToolInput)
    .max(MAX_CUSTOM_TOOLS)
    .optional()
    .openapi({
      description:
        "The SDK's standalone custom tools (`experimental_createTool`): definitions only, run by your application. At most 100 tools in all (with those in toolkits), 512 KiB of JSON. Create and attach only; an update refuses them.",
    }),
  custom_toolkits: z
    .array(CustomToolkitInput)
    .max(MAX_CUSTOM_TOOLKITS)
    .optional()
    .openapi({ description: "The SDK's custom toolkits (`experimental_createToolkit`), at most 20, each with its tools. Create and attach only; an update refuses them." }),
};

export interface CustomToolsRequest {
  custom_tools?: z.infer<typeof CustomToolInput>[] | undefined;
  custom_toolkits?: z.infer<typeof CustomToolkitInput>[] | undefined;
}

/** One custom tool as the session keeps it: under its exposed slug, with the group it belongs to. */
export const StoredCustomTool = z.object({
  slug: z.string(),
  original_slug: z.string(),
  name: z.string(),
  description: z.string(),
  input_schema: z.record(z.string(), z.unknown()),
  output_schema: z.record(z.string(), z.unknown()).optional(),
  preload: z.boolean().optional(),
  /** A Composio toolkit whose connection the tool uses (`extendsToolkit`); absent for standalone tools. */
  extends_toolkit: z.string().optional(),
  /** The custom toolkit it was defined in. */
  toolkit: z.object({ slug: z.string(), name: z.string(), description: z.string(), preload: z.boolean().optional() }).optional(),
});
export type StoredCustomTool = z.infer<typeof StoredCustomTool>;

export const StoredCustomTools = z.array(StoredCustomTool);

/** Definitions sent as JSON text (how they cross Durable Object RPC), parsed like any stored value. */
export function parseCustomTools(json: string | undefined): StoredCustomTool[] {
  return json ? StoredCustomTools.parse(JSON.parse(json)) : [];
}

/** The group a custom tool is shown under: its custom toolkit, the toolkit it extends, or `custom`. */
export function customToolkitSlug(tool: StoredCustomTool): string {
  return tool.toolkit?.slug.toLowerCase() ?? tool.extends_toolkit?.toLowerCase() ?? "custom";
}

export function isLocalSlug(slug: string): boolean {
  return slug.toUpperCase().startsWith(LOCAL_PREFIX);
}

export function findCustomTool(tools: readonly StoredCustomTool[], slug: string): StoredCustomTool | undefined {
  const upper = slug.toUpperCase();
  return tools.find((tool) => tool.slug === upper);
}

import { z } from "@hono/zod-openapi";
import type { SessionConfig } from "../config.ts";
import type { SessionContext } from "../context.ts";

/** The meta tools, in the order `session.tools()` lists them (names kept for SDK compatibility). */
export const META_TOOL_SLUGS = [
  "COMPOSIO_SEARCH_TOOLS",
  "COMPOSIO_GET_TOOL_SCHEMAS",
  "COMPOSIO_MULTI_EXECUTE_TOOL",
  "COMPOSIO_MANAGE_CONNECTIONS",
  "COMPOSIO_WAIT_FOR_CONNECTIONS",
  "COMPOSIO_REMOTE_WORKBENCH",
  "COMPOSIO_REMOTE_BASH_TOOL",
] as const;
export type MetaToolSlug = (typeof META_TOOL_SLUGS)[number];

export function isMetaToolSlug(slug: string): slug is MetaToolSlug {
  return (META_TOOL_SLUGS as readonly string[]).includes(slug.toUpperCase());
}

/** Every meta tool answers `{ data, error, successful }`; the caller adds the log id. */
export interface MetaOutcome {
  data: Record<string, unknown>;
  error: string | null;
  successful: boolean;
}

export interface MetaTool {
  slug: MetaToolSlug;
  name: string;
  description: string;
  input: z.ZodType;
  /** Whether the session's config exposes this tool. */
  enabled(config: SessionConfig): boolean;
  /** Runs with raw arguments: they are parsed here, and bad ones answered as a failed outcome. */
  run(ctx: SessionContext, args: unknown, logId: string): Promise<MetaOutcome>;
}

/** Every meta tool accepts the session id it was told to pass along (Composio's `session_id`). */
export const sessionIdArg = z.string().max(100).optional().describe("The session id from an earlier meta tool response; optional.");

export function defineMetaTool<S extends z.ZodType>(definition: {
  slug: MetaToolSlug;
  name: string;
  description: string;
  input: S;
  enabled(config: SessionConfig): boolean;
  run(ctx: SessionContext, args: z.output<S>, logId: string): Promise<MetaOutcome>;
}): MetaTool {
  return {
    ...definition,
    async run(ctx, args, logId) {
      const parsed = definition.input.safeParse(args ?? {});
      if (!parsed.success) {
        const problems = parsed.error.issues.map((issue) => `${["arguments", ...issue.path.map(String)].join(".")}: ${issue.message}`);
        return { data: { invalid_arguments: problems }, error: `Invalid arguments for ${definition.slug}: ${problems.join("; ")}.`, successful: false };
      }
      return definition.run(ctx, parsed.data, logId);
    },
  };
}

const schemas = new WeakMap<MetaTool, Record<string, unknown>>();

/** The tool's input as JSON Schema (draft 2020-12), derived once from its zod schema. */
export function metaInputSchema(tool: MetaTool): Record<string, unknown> {
  let schema = schemas.get(tool);
  if (!schema) {
    const { $schema: _ignored, ...rest } = z.toJSONSchema(tool.input, { io: "input", unrepresentable: "any" }) as Record<string, unknown>;
    schema = rest;
    schemas.set(tool, schema);
  }
  return schema;
}

export const ok = (data: Record<string, unknown>): MetaOutcome => ({ data, error: null, successful: true });
export const fail = (error: string, data: Record<string, unknown> = {}): MetaOutcome => ({ data, error, successful: false });

import { z } from "@hono/zod-openapi";
import { HINT_TAGS } from "../../catalog/definition.ts";
import { CustomToolsInput } from "./custom-tools/definitions.ts";

/**
 * A session's configuration, in the two forms `@composio/client` uses: the request
 * (`enable`/`disable`, `enable_proxy_execution`) and the stored/returned snapshot
 * (`enabled`/`disabled`, `proxy_execution_enabled`). Requests are normalised once, here.
 */

const HintTag = z.enum(HINT_TAGS);
const TagList = z.array(HintTag).max(HINT_TAGS.length * 2);
const TagsInput = z.union([TagList, z.object({ enable: TagList.optional(), disable: TagList.optional() })]);
const ToolkitSlug = z.string().min(1).max(100);
const ToolSlug = z.string().min(1).max(100);
const ToolkitList = z.array(ToolkitSlug).max(500);
const ToolList = z.array(ToolSlug).max(1000);

const ToolkitsInput = z.union([ToolkitList, z.object({ enable: ToolkitList }).strict(), z.object({ disable: ToolkitList }).strict()]);
const ToolFilterInput = z.union([
  ToolList,
  z.object({ enable: ToolList }).strict(),
  z.object({ disable: ToolList }).strict(),
  z.object({ tags: TagsInput }).strict(),
]);
const ManageConnectionsInput = z.union([
  z.boolean(),
  z.object({
    enable: z.boolean().nullable().optional(),
    callback_url: z.string().max(2000).optional(),
    enable_wait_for_connections: z.boolean().nullable().optional(),
    /** The name the Composio docs use for `enable_wait_for_connections`. */
    wait_for_connections: z.boolean().nullable().optional(),
    enable_connection_removal: z.boolean().nullable().optional(),
  }),
]);
const SANDBOX_SIZES = ["standard", "medium", "large", "xlarge"] as const;
const WorkbenchInput = z.object({
  enable: z.boolean().optional(),
  enable_proxy_execution: z.boolean().optional(),
  auto_offload_threshold: z.number().int().min(0).max(100_000_000).optional(),
  sandbox_size: z.enum(SANDBOX_SIZES).optional(),
});
const MultiAccountInput = z.object({
  enable: z.boolean().optional(),
  max_accounts_per_toolkit: z.number().int().min(2).max(10).optional(),
  require_explicit_selection: z.boolean().optional(),
});
const PreloadInput = z.object({ tools: z.union([ToolList, z.literal("all")]).optional() });
const SearchInput = z.object({ enable: z.boolean().optional() });
const ExecuteInput = z.object({ enable_multi_execute: z.boolean().optional() });
const PERMISSION_DEFAULTS = ["allow_all", "ask_every_call", "ask_once_per_session"] as const;
const PERMISSION_OVERRIDES = ["always_allow", "always_deny", "ask_once", "ask_always"] as const;
const ExperimentalInput = z.object({
  assistive_prompt_config: z.object({ user_timezone: z.string().max(100).optional() }).optional(),
  /** Kept beside the config, not in it (custom-tools/store.ts); only create and attach take them. */
  ...CustomToolsInput,
  link_url_overwrite: z.url({ protocol: /^https?$/ }).max(2000).optional(),
  permissions: z
    .object({ default: z.enum(PERMISSION_DEFAULTS), overrides: z.record(z.string().max(300), z.enum(PERMISSION_OVERRIDES)).optional() })
    .optional(),
});

/** Every root key the SDK sends; any other root key is refused, as Composio does. */
export const CreateSessionBody = z
  .object({
    user_id: z.string().min(1).max(256),
    toolkits: ToolkitsInput.optional(),
    tools: z.record(ToolkitSlug, ToolFilterInput).optional(),
    tags: TagsInput.optional(),
    auth_configs: z.record(ToolkitSlug, z.string().min(1).max(100)).optional(),
    connected_accounts: z.record(ToolkitSlug, z.union([z.string().min(1).max(100), z.array(z.string().min(1).max(100)).max(10)])).optional(),
    manage_connections: ManageConnectionsInput.optional(),
    workbench: WorkbenchInput.optional(),
    multi_account: MultiAccountInput.optional(),
    preload: PreloadInput.optional(),
    search: SearchInput.optional(),
    execute: ExecuteInput.optional(),
    experimental: ExperimentalInput.optional(),
  })
  .strict()
  .openapi("CreateSession");

/** A partial update: a block given replaces (maps too) or, for settings blocks, merges; `null` resets it. */
export const PatchSessionBody = z
  .object({
    toolkits: ToolkitsInput.nullable().optional(),
    tools: z.record(ToolkitSlug, ToolFilterInput).nullable().optional(),
    tags: TagsInput.nullable().optional(),
    auth_configs: z.record(ToolkitSlug, z.string().min(1).max(100)).nullable().optional(),
    connected_accounts: z.record(ToolkitSlug, z.union([z.string().min(1).max(100), z.array(z.string().min(1).max(100)).max(10)])).nullable().optional(),
    manage_connections: ManageConnectionsInput.nullable().optional(),
    workbench: WorkbenchInput.nullable().optional(),
    multi_account: MultiAccountInput.nullable().optional(),
    preload: PreloadInput.nullable().optional(),
    search: SearchInput.nullable().optional(),
    execute: ExecuteInput.nullable().optional(),
    experimental: ExperimentalInput.nullable().optional(),
    expected_config_version: z.number().int().min(1).optional(),
  })
  .strict()
  .openapi("PatchSession");

export type CreateSessionInput = z.infer<typeof CreateSessionBody>;
export type PatchSessionInput = z.infer<typeof PatchSessionBody>;

const TagFilter = z.object({ enabled: z.array(HintTag).optional(), disabled: z.array(HintTag).optional() });
const ToolFilter = z.union([
  z.object({ enabled: z.array(z.string()) }),
  z.object({ disabled: z.array(z.string()) }),
  z.object({ tags: TagFilter }),
]);

/** The stored and returned form (`SessionCreateResponse.Config`), parsed again whenever it is read from storage. */
export const SessionConfigSchema = z
  .object({
    user_id: z.string(),
    toolkits: z.union([z.object({ enabled: z.array(z.string()) }), z.object({ disabled: z.array(z.string()) })]).optional(),
    tools: z.record(z.string(), ToolFilter).optional(),
    tags: TagFilter.optional(),
    auth_configs: z.record(z.string(), z.string()).optional(),
    connected_accounts: z.record(z.string(), z.array(z.string())).optional(),
    manage_connections: z.object({
      enabled: z.boolean(),
      callback_url: z.string().optional(),
      enable_wait_for_connections: z.boolean(),
      enable_connection_removal: z.boolean(),
    }),
    workbench: z.object({
      enable: z.boolean(),
      proxy_execution_enabled: z.boolean(),
      auto_offload_threshold: z.number().int(),
      sandbox_size: z.enum(SANDBOX_SIZES),
    }),
    multi_account: z.object({ enable: z.boolean(), max_accounts_per_toolkit: z.number().int(), require_explicit_selection: z.boolean() }),
    preload: z.object({ tools: z.union([z.array(z.string()), z.literal("all")]) }),
    search: z.object({ enable: z.boolean() }),
    execute: z.object({ enable_multi_execute: z.boolean() }),
    experimental: z
      .object({
        assistive_prompt_config: z.object({ user_timezone: z.string().optional() }).optional(),
        link_url_overwrite: z.string().optional(),
        permissions: z.object({ default: z.enum(PERMISSION_DEFAULTS), overrides: z.record(z.string(), z.enum(PERMISSION_OVERRIDES)).optional() }).optional(),
      })
      .optional(),
  })
  .openapi("SessionConfig");

export type SessionConfig = z.infer<typeof SessionConfigSchema>;
export type TagFilter = z.infer<typeof TagFilter>;

/** Composio's documented default: tool responses above 20k characters go to the workbench. */
export const DEFAULT_OFFLOAD_THRESHOLD = 20_000;

type ManageInput = z.infer<typeof ManageConnectionsInput>;
type Stored<K extends keyof SessionConfig> = NonNullable<SessionConfig[K]>;

function tagFilter(input: z.infer<typeof TagsInput>): TagFilter {
  if (Array.isArray(input)) return { enabled: input };
  return { ...(input.enable ? { enabled: input.enable } : {}), ...(input.disable ? { disabled: input.disable } : {}) };
}

function toolkitFilter(input: z.infer<typeof ToolkitsInput>): Stored<"toolkits"> {
  const lower = (slugs: string[]) => [...new Set(slugs.map((s) => s.toLowerCase()))];
  if (Array.isArray(input)) return { enabled: lower(input) };
  return "enable" in input ? { enabled: lower(input.enable) } : { disabled: lower(input.disable) };
}

function toolFilters(input: Record<string, z.infer<typeof ToolFilterInput>>): Stored<"tools"> {
  const upper = (slugs: string[]) => [...new Set(slugs.map((s) => s.toUpperCase()))];
  const out: Stored<"tools"> = {};
  for (const [toolkit, rule] of Object.entries(input)) {
    out[toolkit.toLowerCase()] = Array.isArray(rule)
      ? { enabled: upper(rule) }
      : "enable" in rule
        ? { enabled: upper(rule.enable) }
        : "disable" in rule
          ? { disabled: upper(rule.disable) }
          : { tags: tagFilter(rule.tags) };
  }
  return out;
}

function lowerKeys<T>(record: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key.toLowerCase(), value]));
}

function accountPins(input: Record<string, string | string[]>): Record<string, string[]> {
  return Object.fromEntries(Object.entries(input).map(([toolkit, ids]) => [toolkit.toLowerCase(), [...new Set(typeof ids === "string" ? [ids] : ids)]]));
}

const DEFAULTS = {
  manage_connections: { enabled: true, enable_wait_for_connections: false, enable_connection_removal: true },
  workbench: { enable: true, proxy_execution_enabled: false, auto_offload_threshold: DEFAULT_OFFLOAD_THRESHOLD, sandbox_size: "standard" },
  multi_account: { enable: false, max_accounts_per_toolkit: 5, require_explicit_selection: false },
  preload: { tools: [] },
  search: { enable: true },
  execute: { enable_multi_execute: true },
} as const satisfies Partial<SessionConfig>;

function manageConnections(input: ManageInput | undefined, base: Stored<"manage_connections">): Stored<"manage_connections"> {
  if (input === undefined) return base;
  if (typeof input === "boolean") return { ...base, enabled: input };
  const wait = input.enable_wait_for_connections ?? input.wait_for_connections;
  const callbackUrl = input.callback_url ?? base.callback_url;
  return {
    enabled: input.enable ?? base.enabled,
    ...(callbackUrl ? { callback_url: callbackUrl } : {}),
    enable_wait_for_connections: wait ?? base.enable_wait_for_connections,
    enable_connection_removal: input.enable_connection_removal ?? base.enable_connection_removal,
  };
}

function workbench(input: z.infer<typeof WorkbenchInput> | undefined, base: Stored<"workbench">): Stored<"workbench"> {
  return {
    enable: input?.enable ?? base.enable,
    proxy_execution_enabled: input?.enable_proxy_execution ?? base.proxy_execution_enabled,
    auto_offload_threshold: input?.auto_offload_threshold ?? base.auto_offload_threshold,
    sandbox_size: input?.sandbox_size ?? base.sandbox_size,
  };
}

function multiAccount(input: z.infer<typeof MultiAccountInput> | undefined, base: Stored<"multi_account">): Stored<"multi_account"> {
  return {
    enable: input?.enable ?? base.enable,
    max_accounts_per_toolkit: input?.max_accounts_per_toolkit ?? base.max_accounts_per_toolkit,
    require_explicit_selection: input?.require_explicit_selection ?? base.require_explicit_selection,
  };
}

function preload(input: z.infer<typeof PreloadInput> | undefined): Stored<"preload"> {
  const tools = input?.tools;
  if (tools === undefined) return { tools: [] };
  return { tools: tools === "all" ? "all" : [...new Set(tools.map((slug) => slug.toUpperCase()))] };
}

function experimental(input: z.infer<typeof ExperimentalInput> | undefined, base: SessionConfig["experimental"]): SessionConfig["experimental"] {
  if (input === undefined) return base;
  const merged = {
    ...base,
    ...(input.assistive_prompt_config ? { assistive_prompt_config: input.assistive_prompt_config } : {}),
    ...(input.link_url_overwrite ? { link_url_overwrite: input.link_url_overwrite.replace(/\/+$/, "") } : {}),
    ...(input.permissions ? { permissions: input.permissions } : {}),
  };
  return Object.keys(merged).length > 0 ? merged : undefined;
}

/** The snapshot a new session starts from; catalog and reference checks come after. */
export function configFromCreate(input: CreateSessionInput): SessionConfig {
  const expt = experimental(input.experimental, undefined);
  return {
    user_id: input.user_id,
    ...(input.toolkits ? { toolkits: toolkitFilter(input.toolkits) } : {}),
    ...(input.tools && Object.keys(input.tools).length > 0 ? { tools: toolFilters(input.tools) } : {}),
    ...(input.tags ? { tags: tagFilter(input.tags) } : {}),
    ...(input.auth_configs && Object.keys(input.auth_configs).length > 0 ? { auth_configs: lowerKeys(input.auth_configs) } : {}),
    ...(input.connected_accounts && Object.keys(input.connected_accounts).length > 0 ? { connected_accounts: accountPins(input.connected_accounts) } : {}),
    manage_connections: manageConnections(input.manage_connections, DEFAULTS.manage_connections),
    workbench: workbench(input.workbench, DEFAULTS.workbench),
    multi_account: multiAccount(input.multi_account, DEFAULTS.multi_account),
    preload: preload(input.preload),
    search: { enable: input.search?.enable ?? DEFAULTS.search.enable },
    execute: { enable_multi_execute: input.execute?.enable_multi_execute ?? DEFAULTS.execute.enable_multi_execute },
    ...(expt ? { experimental: expt } : {}),
  };
}

/** Applies a PATCH: lists and maps replace, settings blocks merge field by field, `null` resets. */
export function applyPatch(current: SessionConfig, patch: PatchSessionInput): SessionConfig {
  const next: SessionConfig = structuredClone(current);
  const optional = <K extends "toolkits" | "tools" | "tags" | "auth_configs" | "connected_accounts">(key: K, value: SessionConfig[K] | null | undefined) => {
    if (value === undefined) return;
    if (value === null) delete next[key];
    else next[key] = value;
  };
  optional("toolkits", patch.toolkits === null ? null : patch.toolkits && toolkitFilter(patch.toolkits));
  optional("tools", patch.tools === null ? null : patch.tools && toolFilters(patch.tools));
  optional("tags", patch.tags === null ? null : patch.tags && tagFilter(patch.tags));
  optional("auth_configs", patch.auth_configs === null ? null : patch.auth_configs && lowerKeys(patch.auth_configs));
  optional("connected_accounts", patch.connected_accounts === null ? null : patch.connected_accounts && accountPins(patch.connected_accounts));
  if (patch.manage_connections !== undefined) {
    next.manage_connections = patch.manage_connections === null ? { ...DEFAULTS.manage_connections } : manageConnections(patch.manage_connections, current.manage_connections);
  }
  if (patch.workbench !== undefined) next.workbench = workbench(patch.workbench ?? undefined, patch.workbench === null ? DEFAULTS.workbench : current.workbench);
  if (patch.multi_account !== undefined) {
    next.multi_account = multiAccount(patch.multi_account ?? undefined, patch.multi_account === null ? DEFAULTS.multi_account : current.multi_account);
  }
  if (patch.preload !== undefined) next.preload = preload(patch.preload ?? undefined);
  if (patch.search !== undefined) next.search = { enable: patch.search?.enable ?? (patch.search === null ? true : current.search.enable) };
  if (patch.execute !== undefined) {
    next.execute = { enable_multi_execute: patch.execute?.enable_multi_execute ?? (patch.execute === null ? true : current.execute.enable_multi_execute) };
  }
  if (patch.experimental === null) delete next.experimental;
  else if (patch.experimental !== undefined) {
    const expt = experimental(patch.experimental, current.experimental);
    if (expt) next.experimental = expt;
  }
  for (const key of ["tools", "auth_configs", "connected_accounts"] as const) {
    if (next[key] && Object.keys(next[key]).length === 0) delete next[key];
  }
  return next;
}

/** Whether a request carries custom tools (`experimental.custom_tools` / `custom_toolkits`). */
export function customToolsRequested(input: { experimental?: { custom_tools?: unknown[] | undefined; custom_toolkits?: unknown[] | undefined } | null | undefined }): boolean {
  return Boolean(input.experimental?.custom_tools?.length || input.experimental?.custom_toolkits?.length);
}

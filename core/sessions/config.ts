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
const TagsInput = z.union([
  TagList,
  z.object({
    enable: TagList.optional().openapi({ description: "Tools must carry at least one of these hint tags." }),
    disable: TagList.optional().openapi({ description: "Tools carrying any of these hint tags are left out." }),
  }),
]);
const ToolkitSlug = z.string().min(1).max(100);
const ToolSlug = z.string().min(1).max(100);
const ToolkitList = z.array(ToolkitSlug).max(500);
const ToolList = z.array(ToolSlug).max(1000);

const ToolkitsInput = z.union([
  ToolkitList,
  z.object({ enable: ToolkitList.openapi({ description: "Only these toolkits (slugs, at most 500); `[]` allows no app toolkit." }) }).strict(),
  z.object({ disable: ToolkitList.openapi({ description: "Every toolkit but these (slugs, at most 500)." }) }).strict(),
]);
const ToolFilterInput = z.union([
  ToolList,
  z.object({ enable: ToolList.openapi({ description: "Only these tools of the toolkit (slugs or catalog aliases, at most 1,000)." }) }).strict(),
  z.object({ disable: ToolList.openapi({ description: "Every tool of the toolkit but these (slugs or aliases, at most 1,000)." }) }).strict(),
  z.object({ tags: TagsInput.openapi({ description: "A hint-tag filter for this toolkit's tools, replacing the session's `tags` for them." }) }).strict(),
]);
const ManageConnectionsInput = z.union([
  z.boolean(),
  z.object({
    enable: z
      .boolean()
      .nullable()
      .optional()
      .openapi({ description: "Whether the agent gets COMPOSIO_MANAGE_CONNECTIONS to start connections itself. Default true; null or omitted keeps the current value." }),
    callback_url: z.string().max(2000).optional().openapi({
      description:
        "http(s) URL users return to after connecting through a link this session starts (unless the link names its own), with `status` and `connected_account_id` in its query. Must be on one of the project's `allowed_callback_origins` when it lists any.",
    }),
    enable_wait_for_connections: z
      .boolean()
      .nullable()
      .optional()
      .openapi({ description: "Whether the agent also gets COMPOSIO_WAIT_FOR_CONNECTIONS, which returns when the user finishes connecting. Default false; null or omitted keeps the current value." }),
    /** The name the Composio docs use for `enable_wait_for_connections`. */
    wait_for_connections: z.boolean().nullable().optional().openapi({ description: "Same as `enable_wait_for_connections` (the name Composio's docs use); that one wins when both are sent." }),
    enable_connection_removal: z
      .boolean()
      .nullable()
      .optional()
      .openapi({ description: "Composio's switch for a connection-removal tool. Default true; stored and returned, but no such tool is offered here." }),
  }),
]);
const SANDBOX_SIZES = ["standard", "medium", "large", "xlarge"] as const;
const WorkbenchInput = z.object({
  enable: z
    .boolean()
    .optional()
    .openapi({ description: "Whether the agent gets the workbench (COMPOSIO_REMOTE_WORKBENCH and COMPOSIO_REMOTE_BASH_TOOL) and large results are offloaded to it. Default true." }),
  enable_proxy_execution: z.boolean().optional().openapi({ description: "Whether workbench code may call `proxy_execute` (raw requests with the user's accounts). Default false." }),
  auto_offload_threshold: z
    .number()
    .int()
    .min(0)
    .max(100_000_000)
    .optional()
    .openapi({ description: "Characters of JSON above which a result is written to a workbench file and replaced by its path and a preview: MCP tool calls, multi-execute items, workbench results (0 to 100,000,000). Default 20,000 (Composio's documented default)." }),
  sandbox_size: z
    .enum(SANDBOX_SIZES)
    .optional()
    .openapi({ description: "Composio's sandbox tier (`standard`, `medium`, `large`, `xlarge`). Default `standard`; stored and returned, with no effect here." }),
});
const MultiAccountInput = z.object({
  enable: z
    .boolean()
    .optional()
    .openapi({ description: "Whether `connected_accounts` may pin several accounts per toolkit and calls may pick one with `account`. Default false. Not combinable with `preload`." }),
  max_accounts_per_toolkit: z.number().int().min(2).max(10).optional().openapi({ description: "Composio's cap on accounts per toolkit (2–10). Default 5; stored and returned, not enforced here." }),
  require_explicit_selection: z
    .boolean()
    .optional()
    .openapi({ description: "With `enable`: when several accounts could serve a call, refuse it (`account_selection_required`) unless it names one with `account`. Default false: the newest is used." }),
});
const PreloadInput = z.object({
  tools: z
    .union([ToolList, z.literal("all")])
    .optional()
    .openapi({
      description:
        "App tools returned by `GET …/tools` (`session.tools()`) beside the meta tools: slugs the session allows, or `all` (every allowed tool, at most 1,000; needs a positive filter: `toolkits.enable`, a tools enable list or `tags.enable`). Omitted: none. Fewer than 20 advised.",
    }),
});
const SearchInput = z.object({ enable: z.boolean().optional().openapi({ description: "Whether the agent gets COMPOSIO_SEARCH_TOOLS and COMPOSIO_GET_TOOL_SCHEMAS. Default true." }) });
const ExecuteInput = z.object({ enable_multi_execute: z.boolean().optional().openapi({ description: "Whether the agent gets COMPOSIO_MULTI_EXECUTE_TOOL. Default true." }) });
const PERMISSION_DEFAULTS = ["allow_all", "ask_every_call", "ask_once_per_session"] as const;
const PERMISSION_OVERRIDES = ["always_allow", "always_deny", "ask_once", "ask_always"] as const;
const Permissions = z.object({
  default: z
    .enum(PERMISSION_DEFAULTS)
    .openapi({ description: "Composio's default approval policy: `allow_all`, `ask_every_call` or `ask_once_per_session`. Stored and returned; not enforced here." }),
  overrides: z
    .record(z.string().max(300), z.enum(PERMISSION_OVERRIDES))
    .optional()
    .openapi({ description: "Per tool slug: `always_allow`, `always_deny`, `ask_once` or `ask_always`. Stored and returned; not enforced here." }),
});
const ExperimentalInput = z.object({
  assistive_prompt_config: z
    .object({ user_timezone: z.string().max(100).optional().openapi({ description: "The user's IANA time zone (e.g. `Europe/Paris`). Stored and returned." }) })
    .optional()
    .openapi({ description: "Composio's assistive prompt settings. Stored and returned; no prompt is generated here." }),
  /** Kept beside the config, not in it (durable-objects/sessions/custom-tools/store.ts); only create and attach take them. */
  ...CustomToolsInput,
  link_url_overwrite: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional()
    .openapi({ description: "An http(s) origin to build this session's Connect Link URLs on instead of the gateway's public URL (e.g. a proxy on your domain); a trailing `/` is dropped." }),
  permissions: Permissions.optional().openapi({ description: "Composio's tool approval policy. Stored and returned; every allowed tool runs without asking here." }),
});

/** Every root key the SDK sends; any other root key is refused, as Composio does. */
export const CreateSessionBody = z
  .object({
    user_id: z.string().min(1).max(256).openapi({
      description:
        "Your stable id for the end user (1–256 characters): the session uses and connects this user's accounts. `default` is refused in production projects and warned about elsewhere (every user would share accounts).",
      example: "user_42",
    }),
    toolkits: ToolkitsInput.optional().openapi({
      description: "Which toolkits the session may use: a list or `{ enable: [...] }` (only these), or `{ disable: [...] }` (all but these). Slugs are lower-cased. Omitted: every toolkit.",
    }),
    tools: z
      .record(ToolkitSlug, ToolFilterInput)
      .optional()
      .openapi({
        description:
          "Per toolkit slug, which of its tools the session may use: a list or `{ enable }`, `{ disable }`, or `{ tags }`. One rule per toolkit; an explicit list wins over tags. Omitted: all of each allowed toolkit's tools.",
      }),
    tags: TagsInput.optional().openapi({
      description:
        "A filter on MCP hint tags (`readOnlyHint`, `destructiveHint`, `idempotentHint`, `openWorldHint`) for every toolkit without its own rule: a list or `{ enable }` (at least one of them), `{ disable }` (none of them).",
    }),
    auth_configs: z
      .record(ToolkitSlug, z.string().min(1).max(100))
      .optional()
      .openapi({
        description:
          "Per toolkit slug, the auth config (`ac_…`, ENABLED, of that toolkit) the session connects and picks accounts through, instead of the project's newest. Omitted: the project's newest enabled config (or the operator's default app).",
      }),
    connected_accounts: z
      .record(ToolkitSlug, z.union([z.string().min(1).max(100), z.array(z.string().min(1).max(100)).max(10)]))
      .optional()
      .openapi({
        description:
          "Per toolkit slug, the account (`ca_…`) calls use, pinned: an id, or a list of up to 10 (more than one needs `multi_account.enable`). Each must be the session user's and not REVOKED. Omitted: the user's newest ACTIVE account.",
      }),
    manage_connections: ManageConnectionsInput.optional().openapi({
      description: "Whether the agent can start connections itself (COMPOSIO_MANAGE_CONNECTIONS) and where users return: `true`/`false`, or the settings object. Default: enabled.",
    }),
    workbench: WorkbenchInput.optional().openapi({ description: "The workbench (remote sandbox) settings. Default: enabled, no proxy execution, offload above 20,000 characters." }),
    multi_account: MultiAccountInput.optional().openapi({ description: "Several accounts per toolkit. Default: disabled." }),
    preload: PreloadInput.optional().openapi({ description: "App tools to expose directly, beside the meta tools. Default: none." }),
    search: SearchInput.optional().openapi({ description: "The search meta tools. Default: enabled." }),
    execute: ExecuteInput.optional().openapi({ description: "The multi-execute meta tool. Default: enabled." }),
    experimental: ExperimentalInput.optional().openapi({
      description: "Composio's experimental options: the SDK's custom tools (`custom_tools`, `custom_toolkits`), Connect Link base URL, and settings stored as given (assistive prompt, permissions).",
    }),
  })
  .strict()
  .openapi("CreateSession");

/** A partial update: a block given replaces (maps too) or, for settings blocks, merges; `null` resets it. */
export const PatchSessionBody = z
  .object({
    toolkits: ToolkitsInput.nullable().optional().openapi({ description: "Replaces the toolkit filter (as on create); null removes it (every toolkit)." }),
    tools: z
      .record(ToolkitSlug, ToolFilterInput)
      .nullable()
      .optional()
      .openapi({ description: "Replaces the whole per-toolkit tool map (not merged); null or `{}` removes it." }),
    tags: TagsInput.nullable().optional().openapi({ description: "Replaces the hint-tag filter; null removes it." }),
    auth_configs: z
      .record(ToolkitSlug, z.string().min(1).max(100))
      .nullable()
      .optional()
      .openapi({ description: "Replaces the whole toolkit → auth config map (not merged); null or `{}` removes it." }),
    connected_accounts: z
      .record(ToolkitSlug, z.union([z.string().min(1).max(100), z.array(z.string().min(1).max(100)).max(10)]))
      .nullable()
      .optional()
      .openapi({ description: "Replaces the whole toolkit → pinned accounts map (not merged); null or `{}` removes it." }),
    manage_connections: ManageConnectionsInput.nullable()
      .optional()
      .openapi({ description: "Merges field by field into the current settings (`true`/`false` sets only `enable`); null resets them to the defaults." }),
    workbench: WorkbenchInput.nullable().optional().openapi({ description: "Merges field by field into the current workbench settings; null resets them to the defaults." }),
    multi_account: MultiAccountInput.nullable().optional().openapi({ description: "Merges field by field into the current multi-account settings; null resets them (disabled)." }),
    preload: PreloadInput.nullable().optional().openapi({ description: "Replaces the preload list; null or `{}` preloads nothing." }),
    search: SearchInput.nullable().optional().openapi({ description: "Sets `search.enable`; null resets it to true." }),
    execute: ExecuteInput.nullable().optional().openapi({ description: "Sets `execute.enable_multi_execute`; null resets it to true." }),
    experimental: ExperimentalInput.nullable()
      .optional()
      .openapi({ description: "Merges the experimental settings given into the current ones; null removes them all. Custom tools are refused here (set them on create or attach)." }),
    expected_config_version: z
      .number()
      .int()
      .min(1)
      .optional()
      .openapi({ description: "The `config_version` you last read: if the session has moved on, the update is refused with 409 `session_config_conflict` (optimistic concurrency). Omitted: no check." }),
  })
  .strict()
  .openapi("PatchSession");

export type CreateSessionInput = z.infer<typeof CreateSessionBody>;
export type PatchSessionInput = z.infer<typeof PatchSessionBody>;

const TagFilter = z.object({
  enabled: z.array(HintTag).optional().openapi({ description: "Tools must carry at least one of these hint tags." }),
  disabled: z.array(HintTag).optional().openapi({ description: "Tools carrying any of these hint tags are left out." }),
});
const ToolFilter = z.union([
  z.object({ enabled: z.array(z.string()).openapi({ description: "Only these tools of the toolkit (upper-case slugs as sent)." }) }),
  z.object({ disabled: z.array(z.string()).openapi({ description: "Every tool of the toolkit but these." }) }),
  z.object({ tags: TagFilter.openapi({ description: "A hint-tag filter for this toolkit's tools, replacing the session's `tags`." }) }),
]);

/** The stored and returned form (`SessionCreateResponse.Config`), parsed again whenever it is read from storage. */
export const SessionConfigSchema = z
  .object({
    user_id: z.string().openapi({ description: "The end user the session acts for." }),
    toolkits: z
      .union([
        z.object({ enabled: z.array(z.string()).openapi({ description: "Only these toolkits (lower-case slugs)." }) }),
        z.object({ disabled: z.array(z.string()).openapi({ description: "Every toolkit but these." }) }),
      ])
      .optional()
      .openapi({ description: "The toolkit filter, as stored (`enable` → `enabled`, a plain list → `enabled`); absent: every toolkit." }),
    tools: z.record(z.string(), ToolFilter).optional().openapi({ description: "Per toolkit slug (lower case), its tool rule; absent when none is set." }),
    tags: TagFilter.optional().openapi({ description: "The session-wide hint-tag filter; absent when none is set." }),
    auth_configs: z.record(z.string(), z.string()).optional().openapi({ description: "Per toolkit slug, the auth config (`ac_…`) the session uses; absent when none is set." }),
    connected_accounts: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .openapi({ description: "Per toolkit slug, the pinned accounts (`ca_…`), always as a list; absent when none is pinned." }),
    manage_connections: z
      .object({
        enabled: z.boolean().openapi({ description: "Whether the agent has COMPOSIO_MANAGE_CONNECTIONS." }),
        callback_url: z.string().optional().openapi({ description: "Where users return after connecting through the session's links; absent when unset." }),
        enable_wait_for_connections: z.boolean().openapi({ description: "Whether the agent has COMPOSIO_WAIT_FOR_CONNECTIONS." }),
        enable_connection_removal: z.boolean().openapi({ description: "Composio's connection-removal switch; stored, no effect here." }),
      })
      .openapi({ description: "Connection management, with defaults filled in." }),
    workbench: z
      .object({
        enable: z.boolean().openapi({ description: "Whether the workbench tools are offered and large results offloaded." }),
        proxy_execution_enabled: z.boolean().openapi({ description: "Whether workbench code may call `proxy_execute` (the request's `enable_proxy_execution`)." }),
        auto_offload_threshold: z.number().int().openapi({ description: "Characters of JSON above which results go to a workbench file." }),
        sandbox_size: z.enum(SANDBOX_SIZES).openapi({ description: "Composio's sandbox tier; stored, no effect here." }),
      })
      .openapi({ description: "Workbench settings, with defaults filled in." }),
    multi_account: z
      .object({
        enable: z.boolean().openapi({ description: "Whether several accounts per toolkit may be pinned and chosen per call." }),
        max_accounts_per_toolkit: z.number().int().openapi({ description: "Composio's cap on accounts per toolkit; stored, not enforced here." }),
        require_explicit_selection: z.boolean().openapi({ description: "Whether calls with several candidate accounts must name one with `account`." }),
      })
      .openapi({ description: "Multi-account settings, with defaults filled in." }),
    preload: z
      .object({ tools: z.union([z.array(z.string()), z.literal("all")]).openapi({ description: "Preloaded tool slugs (upper case), or `all`; `[]` when none." }) })
      .openapi({ description: "Tools exposed directly beside the meta tools." }),
    search: z.object({ enable: z.boolean().openapi({ description: "Whether COMPOSIO_SEARCH_TOOLS and COMPOSIO_GET_TOOL_SCHEMAS are offered." }) }).openapi({ description: "Search settings." }),
    execute: z
      .object({ enable_multi_execute: z.boolean().openapi({ description: "Whether COMPOSIO_MULTI_EXECUTE_TOOL is offered." }) })
      .openapi({ description: "Execution settings." }),
    experimental: z
      .object({
        assistive_prompt_config: z
          .object({ user_timezone: z.string().optional().openapi({ description: "The user's time zone, as given." }) })
          .optional()
          .openapi({ description: "Composio's assistive prompt settings, as given." }),
        link_url_overwrite: z.string().optional().openapi({ description: "The base URL of the session's Connect Links, without a trailing `/`." }),
        permissions: z
          .object({
            default: z.enum(PERMISSION_DEFAULTS).openapi({ description: "The default approval policy, as given." }),
            overrides: z.record(z.string(), z.enum(PERMISSION_OVERRIDES)).optional().openapi({ description: "Per tool slug, its approval policy, as given." }),
          })
          .optional()
          .openapi({ description: "Composio's tool approval policy, as given; not enforced here." }),
      })
      .optional()
      .openapi({ description: "Experimental settings that were set; absent when none is. Custom tools are not part of the config (see the session's `experimental`)." }),
  })
  .openapi("SessionConfig", {
    description:
      "A session's config as stored and returned, with defaults filled in. Request names become snapshot names: `enable`/`disable` lists → `enabled`/`disabled`, `enable_proxy_execution` → `proxy_execution_enabled`.",
  });

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

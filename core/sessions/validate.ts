import { findTool, findToolkit } from "../catalog/registry.ts";
import { checkCallbackUrl } from "../connect/callback-url.ts";
import type { Database } from "../db/client.ts";
import { ApiError, type FieldError } from "../http/errors.ts";
import { getAuthConfigsByIds } from "../repositories/auth-configs.ts";
import { getProject } from "../repositories/projects.ts";
import { findAccountsByIds } from "../repositories/sessions.ts";
import type { SessionConfig } from "./config.ts";
import { hasPositiveFilter, toolAllowed, whyNotAllowed } from "./filters.ts";

/**
 * Checks a session config before it is stored: every toolkit and tool it names exists
 * (aliases resolve), the preload fits the filters, and every auth config and connected
 * account it pins belongs to this project, the right toolkit and (accounts) the session's user.
 */
export async function validateConfig(db: Database, projectId: string, config: SessionConfig): Promise<void> {
  const errors = catalogErrors(config);
  if (errors.length === 0) errors.push(...(await referenceErrors(db, projectId, config)));
  if (errors.length > 0) {
    throw new ApiError(400, "invalid_session_config", `The session configuration is invalid. ${errors.map((e) => `${e.path}: ${e.message}`).join("; ")}`, {
      errors,
    });
  }
}

function unknownToolkit(path: string, slug: string): FieldError {
  return { path, message: `no toolkit has the slug "${slug}"` };
}

function catalogErrors(config: SessionConfig): FieldError[] {
  const errors: FieldError[] = [];
  const filter = config.toolkits;
  const listed = filter ? ("enabled" in filter ? filter.enabled : filter.disabled) : [];
  for (const slug of listed) if (!findToolkit(slug)) errors.push(unknownToolkit("body.toolkits", slug));

  for (const [toolkitSlug, rule] of Object.entries(config.tools ?? {})) {
    const path = `body.tools.${toolkitSlug}`;
    if (!findToolkit(toolkitSlug)) {
      errors.push(unknownToolkit(path, toolkitSlug));
      continue;
    }
    const slugs = "enabled" in rule ? rule.enabled : "disabled" in rule ? rule.disabled : [];
    const invalid = slugs.filter((slug) => findTool(slug)?.toolkit.slug !== toolkitSlug);
    if (invalid.length > 0) errors.push({ path, message: `not ${toolkitSlug} tools: ${invalid.join(", ")}` });
  }
  for (const key of ["auth_configs", "connected_accounts"] as const) {
    for (const toolkitSlug of Object.keys(config[key] ?? {})) if (!findToolkit(toolkitSlug)) errors.push(unknownToolkit(`body.${key}.${toolkitSlug}`, toolkitSlug));
  }
  if (!config.multi_account.enable) {
    for (const [toolkitSlug, ids] of Object.entries(config.connected_accounts ?? {})) {
      if (ids.length > 1) errors.push({ path: `body.connected_accounts.${toolkitSlug}`, message: "pin one account per toolkit, or enable multi_account" });
    }
  }

  const preload = config.preload.tools;
  if (preload === "all") {
    if (!hasPositiveFilter(config)) {
      errors.push({ path: "body.preload.tools", message: `"all" needs a positive filter: toolkits.enable, a tools enable list, or tags.enable` });
    }
  } else {
    for (const slug of preload) {
      const entry = findTool(slug);
      if (!entry) errors.push({ path: "body.preload.tools", message: `no tool has the slug ${slug}` });
      else if (!toolAllowed(config, entry)) errors.push({ path: "body.preload.tools", message: `${slug} is outside the session: ${whyNotAllowed(config, entry)}` });
    }
  }
  if (config.multi_account.enable && (preload === "all" || preload.length > 0)) {
    errors.push({ path: "body.preload", message: "preloading tools is not supported when multi_account is enabled" });
  }
  return errors;
}

async function referenceErrors(db: Database, projectId: string, config: SessionConfig): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const callbackUrl = config.manage_connections.callback_url;
  if (callbackUrl) {
    try {
      checkCallbackUrl(callbackUrl, (await getProject(db, projectId)).allowedCallbackOrigins);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      errors.push({ path: "body.manage_connections.callback_url", message: err.message });
    }
  }
  const authConfigIds = Object.entries(config.auth_configs ?? {});
  if (authConfigIds.length > 0) {
    const found = await getAuthConfigsByIds(db, projectId, authConfigIds.map(([, id]) => id));
    for (const [toolkitSlug, id] of authConfigIds) {
      const row = found.get(id);
      const path = `body.auth_configs.${toolkitSlug}`;
      if (!row) errors.push({ path, message: `this project has no auth config ${id}` });
      else if (row.toolkitSlug !== toolkitSlug) errors.push({ path, message: `${id} is a ${row.toolkitSlug} auth config` });
      else if (row.status !== "ENABLED") errors.push({ path, message: `${id} is disabled` });
    }
  }
  const pins = Object.entries(config.connected_accounts ?? {});
  if (pins.length > 0) {
    const ids = pins.flatMap(([, list]) => list);
    const accounts = await findAccountsByIds(db, projectId, ids);
    for (const [toolkitSlug, list] of pins) {
      const path = `body.connected_accounts.${toolkitSlug}`;
      for (const id of list) {
        const account = accounts.get(id);
        if (!account) errors.push({ path, message: `this project has no connected account ${id}` });
        else if (account.toolkitSlug !== toolkitSlug) errors.push({ path, message: `${id} is a ${account.toolkitSlug} account` });
        else if (account.userId !== config.user_id) errors.push({ path, message: `${id} belongs to another user` });
        else if (account.status === "REVOKED") errors.push({ path, message: `${id} has been revoked` });
      }
    }
  }
  return errors;
}

import { z } from "@hono/zod-openapi";
import { findToolkit } from "../catalog/registry.ts";
import { KeyRing } from "../crypto/keyring.ts";
import { proxyExecute, type ProxyResult } from "../executor/proxy.ts";
import { proxyRequestFields } from "../executor/proxy-request.ts";
import { openAccount } from "../executor/resolve-account.ts";
import { ApiError } from "../http/errors.ts";
import { chooseAccount } from "./accounts.ts";
import type { SessionContext } from "./context.ts";
import { toolkitAllowed } from "./filters.ts";

export const SessionProxyBody = z
  .object({
    toolkit_slug: z
      .string()
      .min(1)
      .max(100)
      .openapi({ description: "The toolkit whose API to call and whose account to use; it must be one of the session's toolkits (403 otherwise).", example: "github" }),
    ...proxyRequestFields,
    account: z.string().max(200).optional().openapi({ description: "Which of the user's accounts (id or alias); the session's choice otherwise." }),
    custom_connection_data: z.unknown().optional().openapi({ description: "Composio's per-call connection data. Accepted and ignored: credentials come from the session's account." }),
  })
  .openapi("SessionProxyExecute");

/** A raw request to the toolkit's API with the account the session would use for it. */
export async function sessionProxy(ctx: SessionContext, body: z.output<typeof SessionProxyBody>): Promise<ProxyResult> {
  const toolkit = findToolkit(body.toolkit_slug);
  if (!toolkit) throw new ApiError(400, "toolkit_not_found", `No toolkit has the slug ${body.toolkit_slug}.`);
  if (!toolkitAllowed(ctx.config, toolkit.slug)) throw new ApiError(403, "toolkit_not_in_session", `${toolkit.slug} is not one of this session's toolkits.`);
  const pool = await ctx.accounts();
  const choice = chooseAccount(ctx.config, toolkit, pool, { explicit: body.account, linked: ctx.linkedAccount(toolkit.slug) });
  if (!choice.ok) throw new ApiError(400, choice.code, choice.message);
  if (!choice.account) throw new ApiError(400, "no_connected_account", `${toolkit.name} needs no credentials: call its API directly.`);
  const resolved = await openAccount(KeyRing.fromEnv(ctx.env), choice.account, pool.authConfigs.get(choice.account.authConfigId));
  return proxyExecute({ toolkit, resolved }, {
    endpoint: body.endpoint,
    method: body.method,
    body: body.body,
    parameters: body.parameters,
  });
}

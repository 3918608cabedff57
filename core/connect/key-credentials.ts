import { z } from "@hono/zod-openapi";
import type { AuthScheme } from "../../catalog/definition.ts";
import type { StoredCredentials } from "../executor/credentials.ts";
import { ApiError } from "../http/errors.ts";

/** Composio's connection `state` for key-based schemes: `{ authScheme, val: {…} }`. */
export const ConnectionState = z.object({
  authScheme: z
    .enum(["API_KEY", "BEARER_TOKEN", "BASIC", "NO_AUTH", "OAUTH2"])
    .openapi({ description: "Must equal the auth config's scheme. `OAUTH2` is refused here: OAuth accounts connect through a Connect Link." }),
  val: z.record(z.string(), z.unknown()).default({}).openapi({
    description:
      "The credentials, by scheme: API_KEY `{ api_key }` (or `generic_api_key`, plus any extra fields the toolkit's scheme requires); BEARER_TOKEN `{ token }`; BASIC `{ username, password? }`; NO_AUTH `{}`. Defaults to `{}`. Encrypted at rest, never returned.",
  }),
});

export type ConnectionState = z.infer<typeof ConnectionState>;

/** The first scheme of that type the toolkit offers: the one the executor sends credentials by. */
export function toolkitScheme(toolkit: { authSchemes: readonly AuthScheme[] } | undefined, type: string): AuthScheme | undefined {
  return toolkit?.authSchemes.find((scheme) => scheme.type === type);
}

/**
 * Turns a key-based connection state into what we store; OAuth goes through Connect Links.
 * `toolkitScheme` is the toolkit's scheme of that type: an API_KEY one may ask for more
 * credentials than the key (its `additionalFields`), each required unless it has a default.
 */
export function credentialsFromState(scheme: string, state: ConnectionState | undefined, toolkitScheme?: AuthScheme): StoredCredentials {
  const val = state?.val ?? {};
  const text = (name: string) => (typeof val[name] === "string" && val[name] !== "" ? (val[name] as string) : undefined);
  const missing = (field: string) =>
    new ApiError(400, "validation_failed", `A ${scheme} connection needs \`connection.state.val.${field}\`.`, {
      errors: [{ path: `body.connection.state.val.${field}`, message: "is required" }],
    });
  if (state && state.authScheme !== scheme) {
    throw new ApiError(400, "auth_scheme_mismatch", `The auth config uses ${scheme}, but the connection state is ${state.authScheme}.`);
  }
  switch (scheme) {
    case "API_KEY": {
      const key = text("api_key") ?? text("generic_api_key");
      if (!key) throw missing("api_key");
      const parts = toolkitScheme?.type === "API_KEY" ? (toolkitScheme.additionalFields ?? []) : [];
      const absent = parts.find((part) => part.default === undefined && !text(part.field));
      if (absent) throw missing(absent.field);
      const additional = Object.fromEntries(parts.flatMap((part) => (text(part.field) ? [[part.field, text(part.field)!]] : [])));
      return Object.keys(additional).length ? { type: "API_KEY", api_key: key, additional } : { type: "API_KEY", api_key: key };
    }
    case "BEARER_TOKEN": {
      const token = text("token");
      if (!token) throw missing("token");
      return { type: "BEARER_TOKEN", token };
    }
    case "BASIC": {
      const username = text("username");
      if (!username) throw missing("username");
      return { type: "BASIC", username, password: text("password") ?? "" };
    }
    case "NO_AUTH":
      return { type: "NO_AUTH" };
    default:
      // @composio/core recognises this wording (it names the link endpoint and says "no longer
      // supported") and raises its own ComposioLegacyConnectedAccountsEndpointRetiredError.
      throw new ApiError(
        400,
        "use_connect_link",
        `Creating ${scheme} accounts directly is no longer supported: the user connects through a Connect Link (POST /api/v3/connected_accounts/link, or /api/v3.1/…).`,
        { suggestedFix: "Call composio.connectedAccounts.link() (POST /api/v3.1/connected_accounts/link) and send the user to the returned URL." },
      );
  }
}

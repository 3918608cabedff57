import { z } from "@hono/zod-openapi";
import { authConfigAad } from "../../core/crypto/aad.ts";
import type { KeyRing } from "../../core/crypto/keyring.ts";
import type { AuthConfigRow } from "../../core/db/schema.ts";

const httpUrl = z.url({ protocol: /^https?$/ });
const scopeList = z.union([z.string().max(4000), z.array(z.string().max(500)).max(200)]);

/**
 * `credentials` of an auth config, as the SDK sends them: a few settings that are not
 * secret (scopes, endpoint overrides) and any number of secrets (client secret, keys),
 * which are stored together, encrypted, and never returned.
 */
export const Credentials = z
  .object({
    client_id: z.string().max(500).optional().openapi({ description: "OAUTH2: your OAuth app's client id (at most 500 characters). Stored encrypted with the secrets." }),
    client_secret: z.string().max(2000).optional().openapi({ description: "OAUTH2: your OAuth app's client secret (at most 2,000 characters). Encrypted at rest, never returned." }),
    scopes: scopeList
      .optional()
      .openapi({ description: "OAuth scopes to request, instead of the toolkit's default scopes: a space- or comma-separated string, or an array. Omitted or empty: the toolkit's defaults." }),
    user_scopes: scopeList.optional().openapi({ description: "Accepted for compatibility; not used." }),
    base_url: httpUrl.optional().openapi({ description: "Overrides the toolkit's API base URL (GitHub Enterprise, tests)." }),
    authorization_url: httpUrl.optional().openapi({ description: "OAUTH2: an http(s) URL overriding the toolkit's authorization endpoint." }),
    token_url: httpUrl.optional().openapi({ description: "OAUTH2: an http(s) URL overriding the toolkit's token endpoint." }),
    revoke_url: httpUrl.optional().openapi({ description: "RFC 7009 revocation endpoint, overriding the toolkit's." }),
  })
  .catchall(z.unknown());

/** The same for PATCH: `null` clears a setting or removes a secret; omitted ones are kept. */
export const CredentialChanges = z
  .object({
    client_id: z.string().max(500).nullable().optional().openapi({ description: "A new OAuth client id, stored encrypted; null removes it; omitted keeps it." }),
    client_secret: z.string().max(2000).nullable().optional().openapi({ description: "A new client secret, replacing the stored one (encrypted, never returned); null removes it; omitted keeps it." }),
    scopes: scopeList.optional().openapi({ description: "Replaces the OAuth scopes to request: a space- or comma-separated string, or an array; empty falls back to the toolkit's defaults." }),
    user_scopes: scopeList.optional().openapi({ description: "Accepted for compatibility; not used." }),
    base_url: httpUrl.nullable().optional().openapi({ description: "An http(s) URL overriding the toolkit's API base URL; null clears the override." }),
    authorization_url: httpUrl.nullable().optional().openapi({ description: "An http(s) URL overriding the OAuth authorization endpoint; null restores the toolkit's." }),
    token_url: httpUrl.nullable().optional().openapi({ description: "An http(s) URL overriding the OAuth token endpoint; null restores the toolkit's." }),
    revoke_url: httpUrl.nullable().optional().openapi({ description: "An http(s) URL overriding the RFC 7009 revocation endpoint; null restores the toolkit's." }),
  })
  .catchall(z.unknown());

const OVERRIDES = { authorization_url: "authorize_url", token_url: "token_url", revoke_url: "revoke_url" } as const;
const SETTINGS = new Set(["scopes", "user_scopes", "base_url", ...Object.keys(OVERRIDES)]);

export function parseScopes(scopes: string | string[]): string[] {
  return (typeof scopes === "string" ? scopes.split(/[ ,]+/) : scopes).map((s) => s.trim()).filter(Boolean);
}

/** The secrets among `credentials`: everything that is not a known setting. */
export function secretsOf(credentials: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(credentials).filter(([name, value]) => !SETTINGS.has(name) && value !== undefined));
}

/** Endpoint overrides as stored in `oauth_overrides`, from create-time credentials. */
export function oauthOverridesOf(credentials: Record<string, unknown>): Record<string, string> {
  const overrides: Record<string, string> = {};
  for (const [field, column] of Object.entries(OVERRIDES)) {
    const value = credentials[field];
    if (typeof value === "string") overrides[column] = value;
  }
  return overrides;
}

/** What a PATCH's `credentials` change on the row: settings replaced, secrets merged and re-encrypted. */
export async function credentialChanges(
  keyRing: KeyRing,
  row: AuthConfigRow,
  changes: z.infer<typeof CredentialChanges>,
): Promise<Partial<Pick<AuthConfigRow, "credentialsEnc" | "scopes" | "baseUrlOverride" | "oauthOverrides">>> {
  const result: Partial<Pick<AuthConfigRow, "credentialsEnc" | "scopes" | "baseUrlOverride" | "oauthOverrides">> = {};
  if (changes.scopes !== undefined) result.scopes = parseScopes(changes.scopes);
  if (changes.base_url !== undefined) result.baseUrlOverride = changes.base_url;
  const overrides = { ...row.oauthOverrides };
  let overridesChanged = false;
  for (const [field, column] of Object.entries(OVERRIDES)) {
    const value = changes[field as keyof typeof OVERRIDES];
    if (value === undefined) continue;
    overridesChanged = true;
    if (value === null) delete overrides[column];
    else overrides[column] = value;
  }
  if (overridesChanged) result.oauthOverrides = overrides;

  const secretChanges = Object.entries(changes).filter(([name, value]) => !SETTINGS.has(name) && value !== undefined);
  if (secretChanges.length > 0) {
    const aad = authConfigAad(row);
    const secrets = row.credentialsEnc ? (JSON.parse(await keyRing.decrypt(row.credentialsEnc, aad)) as Record<string, unknown>) : {};
    for (const [name, value] of secretChanges) {
      if (value === null) delete secrets[name];
      else secrets[name] = value;
    }
    // Written under the current key, so a rotated secret also moves to the newest key.
    result.credentialsEnc = Object.keys(secrets).length > 0 ? await keyRing.encrypt(JSON.stringify(secrets), aad) : null;
  }
  return result;
}

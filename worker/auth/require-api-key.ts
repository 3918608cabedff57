import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import { inProjectCatalog } from "../../core/catalog/project-catalog.ts";
import { database } from "../../core/db/client.ts";
import { sha256Hex } from "../../core/encoding.ts";
import { ApiError } from "../../core/http/errors.ts";
import { findApiKeyBySecret, recordApiKeyUse } from "../repositories/api-keys.ts";
import { isWellFormedApiKey } from "./api-key-format.ts";
import { bearerToken } from "./bearer-token.ts";
import { recordLastUse } from "./last-use.ts";
import { apiKeyCacheTtlMs, keyCache, type KnownKey } from "./key-cache.ts";


const KEY_HELP = "Send your project API key as `x-api-key: sk_…` or `Authorization: Bearer sk_…`.";

/** Reads the key from `x-api-key` (what the Composio SDK sends) or a Bearer token. */
function presentedKey(c: Context<AppEnv>): string {
  const headerKey = c.req.header("x-api-key")?.trim();
  if (headerKey) return headerKey;
  const authorization = c.req.header("authorization");
  if (authorization === undefined) {
    throw new ApiError(401, "api_key_missing", "This endpoint needs a project API key.", { suggestedFix: KEY_HELP });
  }
  const token = bearerToken(authorization);
  if (!token) {
    throw new ApiError(401, "api_key_malformed", "The Authorization header must use the Bearer scheme.", { suggestedFix: KEY_HELP });
  }
  return token;
}

async function resolveKey(c: Context<AppEnv>, key: string, hash: string, now: number): Promise<KnownKey | null> {
  const cached = keyCache.get(hash, now);
  if (cached !== undefined) return cached;
  const row = await findApiKeyBySecret(database(c.env), key);
  const known = row
    ? {
        projectId: row.projectId,
        keyId: row.id,
        revoked: row.revokedAt !== null,
        sessionTtlMs: row.sessionTtlSeconds * 1000,
        lastUsedRecordedAt: row.lastUsedAt?.getTime() ?? null,
      }
    : null;
  keyCache.set(hash, known, now, apiKeyCacheTtlMs(c.env));
  return known;
}

/** Resolves the project from the API key once; handlers read it from `c.var.caller`. */
export const requireApiKey = createMiddleware<AppEnv>(async (c, next) => {
  const key = presentedKey(c);
  if (!isWellFormedApiKey(key)) {
    throw new ApiError(401, "api_key_malformed", "The API key is not in the form this gateway issues (`sk_` and 43 characters).", {
      suggestedFix: KEY_HELP,
    });
  }
  const now = Date.now();
  const known = await resolveKey(c, key, await sha256Hex(key), now);
  if (!known) {
    throw new ApiError(401, "api_key_invalid", "The API key is not recognised.", {
      suggestedFix: "Check that you copied the whole key, or create a new one with `npm run admin -- keys create`.",
    });
  }
  if (known.revoked) {
    throw new ApiError(401, "api_key_revoked", "The API key has been revoked.", { suggestedFix: "Create a new key for the project." });
  }
  recordLastUse(c, known, now, recordApiKeyUse, "API key");
  c.set("caller", { projectId: known.projectId, keyId: known.keyId, credentialType: "api_key", sessionTtlMs: known.sessionTtlMs });
  // The rest of the request sees the project's own toolkits beside the shared catalog.
  await inProjectCatalog(database(c.env), known.projectId, () => next());
});

import type { McpCredentialScope } from "../../core/db/schema.ts";
import { KeyCache } from "./key-cache.ts";

/** What this isolate remembers about a credential it has seen; entries live API_KEY_CACHE_TTL_SECONDS. */
export interface KnownMcpCredential {
  projectId: string;
  keyId: string;
  revoked: boolean;
  expiresAt: number;
  scope: McpCredentialScope;
  sessionId: string | null;
  userId: string;
  sessionTtlMs: number;
  lastUsedRecordedAt: number | null;
}

/** One per isolate, beside the project keys' (revoking either marks it here at once). */
export const mcpCredentialCache = new KeyCache<KnownMcpCredential>();

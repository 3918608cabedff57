import { sha256Hex, toBase64Url } from "../../core/encoding.ts";
import { bearerToken } from "./bearer-token.ts";

/**
 * A scoped MCP credential is `smc_` + 43 URL-safe characters (256 random bits): told apart from
 * a project key (`sk_`) by its first characters, so every route can refuse it before any lookup.
 * Its first characters are public (listed, and they find the row); only a hash of the whole is
 * stored.
 */
export const MCP_CREDENTIAL_PREFIX = "smc_";
const CREDENTIAL_PATTERN = /^smc_[A-Za-z0-9_-]{43}$/;
const LOOKUP_PREFIX_LENGTH = MCP_CREDENTIAL_PREFIX.length + 8;

export interface MintedMcpCredential {
  secret: string;
  prefix: string;
  hash: string;
}

export async function mintMcpCredential(): Promise<MintedMcpCredential> {
  const secret = `${MCP_CREDENTIAL_PREFIX}${toBase64Url(crypto.getRandomValues(new Uint8Array(32)))}`;
  return { secret, prefix: mcpCredentialPrefix(secret), hash: await sha256Hex(secret) };
}

export function isWellFormedMcpCredential(value: string): boolean {
  return CREDENTIAL_PATTERN.test(value);
}

export function mcpCredentialPrefix(secret: string): string {
  return secret.slice(0, LOOKUP_PREFIX_LENGTH);
}

/**
 * The token a request presents, from `Authorization: Bearer …` or `x-api-key`, when it looks like
 * an MCP credential (starts with `smc_`, well formed or not); undefined otherwise. `x-admin-key` is
 * looked at too, so the operator API refuses one sent there as clearly.
 */
export function presentedMcpCredential(headers: { header(name: string): string | undefined }): string | undefined {
  const bearer = bearerToken(headers.header("authorization"));
  const candidates = [headers.header("x-api-key")?.trim(), bearer, headers.header("x-admin-key")?.trim()];
  return candidates.find((value) => value?.startsWith(MCP_CREDENTIAL_PREFIX));
}

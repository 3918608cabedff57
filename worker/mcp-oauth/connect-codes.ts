import { database } from "../../core/db/client.ts";
import { sha256Hex } from "../../core/encoding.ts";
import { newId } from "../../core/ids.ts";
import { insertMcpConnectCode, redeemMcpConnectCode } from "../repositories/mcp-connect-codes.ts";

/**
 * MCP connect codes: how the app vouches for its user when an OAuth-only MCP client asks for a
 * session. The app (with its project key) asks for a code for one session and shows it to the
 * person it considers that session's user; the gateway's authorize page grants the client access
 * to that session only on the code. The gateway never learns who the person is: the app already
 * knows, and the code carries exactly that judgement, once, for minutes.
 *
 * Twelve characters of Crockford base32 (60 bits), shown as `XXXX-XXXX-XXXX`: easy to read
 * aloud and type on a phone (no I, L, O, U; case, spaces and dashes ignored), and, being
 * single-use and short-lived, far beyond online guessing. Only its SHA-256 is stored.
 */

export const CONNECT_CODE_TTL_SECONDS = 600;
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const LENGTH = 12;

function newCode(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(LENGTH));
  // 256 is a multiple of 32: every character is uniform.
  const chars = Array.from(bytes, (byte) => ALPHABET[byte % 32]).join("");
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

/** What a person typed, as the code was issued: Crockford's read-alikes mapped, separators dropped. */
export function normalizeCode(typed: string): string | undefined {
  const chars = typed
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/[IL]/g, "1")
    .replace(/O/g, "0");
  if (chars.length !== LENGTH || [...chars].some((ch) => !ALPHABET.includes(ch))) return undefined;
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8)}`;
}

export interface IssuedConnectCode {
  code: string;
  expiresAt: Date;
}

export async function issueConnectCode(env: Env, projectId: string, sessionId: string, now = new Date()): Promise<IssuedConnectCode> {
  const code = newCode();
  const expiresAt = new Date(now.getTime() + CONNECT_CODE_TTL_SECONDS * 1000);
  await insertMcpConnectCode(database(env), { id: newId("mcd"), projectId, sessionId, codeHash: await sha256Hex(code), createdAt: now, expiresAt });
  return { code, expiresAt };
}

/**
 * The project and session a code was issued for, spending it; undefined if it is wrong, used,
 * expired, or (when `sessionId` is given) another session's.
 */
export async function redeemConnectCode(env: Env, sessionId: string | undefined, typed: string): Promise<{ projectId: string; sessionId: string } | undefined> {
  const code = normalizeCode(typed);
  if (!code) return undefined;
  const row = await redeemMcpConnectCode(database(env), sessionId, await sha256Hex(code), new Date());
  return row ? { projectId: row.projectId, sessionId: row.sessionId } : undefined;
}

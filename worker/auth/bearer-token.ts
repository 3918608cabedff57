/**
 * The token of an `Authorization: Bearer <token>` header (RFC 6750 §2.1: one token, the scheme
 * in any case); undefined for no header, another scheme, or more than one word after it.
 */
export function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "")?.[1];
}

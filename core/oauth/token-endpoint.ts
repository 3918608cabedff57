import { z } from "zod";
import { authenticateClient } from "./client-auth.ts";
import type { OAuthApp } from "./oauth-app.ts";

/** A token endpoint's answer, JSON or form-encoded (GitHub answers forms unless asked). */
const TokenResponse = z
  .object({
    access_token: z.string().min(1),
    refresh_token: z.string().optional(),
    expires_in: z.coerce.number().optional(),
    token_type: z.string().optional(),
    scope: z.string().optional(),
  })
  .passthrough();
export type TokenResponse = z.infer<typeof TokenResponse>;

/** An RFC 6749 §5.2 error, e.g. `invalid_grant`, or a transport failure. */
export class TokenEndpointError extends Error {
  override readonly name = "TokenEndpointError";
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}

const TOKEN_TIMEOUT_MS = 15_000;

async function parseBody(response: Response): Promise<Record<string, unknown>> {
  const text = await response.text();
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return Object.fromEntries(new URLSearchParams(text));
  }
}

async function tokenRequest(app: OAuthApp, params: Record<string, string>): Promise<TokenResponse> {
  const body = new URLSearchParams(params);
  const headers = new Headers({ accept: "application/json", "content-type": "application/x-www-form-urlencoded" });
  authenticateClient(app, body, headers);
  let response: Response;
  try {
    response = await fetch(app.tokenUrl, { method: "POST", headers, body, signal: AbortSignal.timeout(TOKEN_TIMEOUT_MS) });
  } catch (err) {
    throw new TokenEndpointError("temporarily_unavailable", `The token endpoint did not answer: ${err instanceof Error ? err.message : String(err)}`);
  }
  const payload = await parseBody(response);
  if (typeof payload.error === "string") {
    const description = typeof payload.error_description === "string" ? `: ${payload.error_description}` : "";
    throw new TokenEndpointError(payload.error, `${payload.error}${description}`);
  }
  const parsed = TokenResponse.safeParse(payload);
  if (!response.ok || !parsed.success) {
    throw new TokenEndpointError(response.ok ? "invalid_response" : "server_error", `The token endpoint answered ${response.status} without an access token.`);
  }
  return parsed.data;
}

export function exchangeCode(app: OAuthApp, code: string, redirectUri: string, codeVerifier: string | undefined): Promise<TokenResponse> {
  return tokenRequest(app, {
    grant_type: "authorization_code",
    code,
    redirect_uri: redirectUri,
    ...(codeVerifier ? { code_verifier: codeVerifier } : {}),
  });
}

export function refreshAccessToken(app: OAuthApp, refreshToken: string): Promise<TokenResponse> {
  return tokenRequest(app, { grant_type: "refresh_token", refresh_token: refreshToken });
}

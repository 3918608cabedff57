import { z } from "zod";
import type { AuthScheme } from "../../catalog/definition.ts";
import type { UpstreamRequest } from "./request-builder.ts";

/** What a connected account stores, encrypted, per scheme. */
export const StoredCredentials = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("OAUTH2"),
    access_token: z.string(),
    refresh_token: z.string().optional(),
    token_type: z.string().optional(),
    scope: z.string().optional(),
  }),
  z.object({ type: z.literal("BEARER_TOKEN"), token: z.string().min(1) }),
  z.object({
    type: z.literal("API_KEY"),
    api_key: z.string().min(1),
    /** The scheme's additional credentials, by their `field` (Trello's `token`, Plaid's `client_id`). */
    additional: z.record(z.string(), z.string()).optional(),
  }),
  z.object({ type: z.literal("BASIC"), username: z.string().min(1), password: z.string() }),
  z.object({ type: z.literal("NO_AUTH") }),
]);
export type StoredCredentials = z.infer<typeof StoredCredentials>;

/** RFC 7617 credentials, UTF-8 encoded: `btoa` alone throws on any character outside Latin-1. */
function basicToken(username: string, password: string): string {
  let binary = "";
  for (const byte of new TextEncoder().encode(`${username}:${password}`)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Adds the account's credentials to the request, the way its scheme says. */
export function applyCredentials(request: UpstreamRequest, scheme: AuthScheme, credentials: StoredCredentials): void {
  switch (credentials.type) {
    case "OAUTH2":
      request.headers.set("authorization", `Bearer ${credentials.access_token}`);
      return;
    case "BEARER_TOKEN":
      request.headers.set("authorization", `Bearer ${credentials.token}`);
      return;
    case "BASIC":
      request.headers.set("authorization", `Basic ${basicToken(credentials.username, credentials.password)}`);
      return;
    case "API_KEY": {
      if (scheme.type !== "API_KEY") throw new Error("An API key needs the toolkit's API_KEY scheme to know where it goes.");
      if (scheme.in === "query") request.url.searchParams.set(scheme.name, credentials.api_key);
      else request.headers.set(scheme.name, `${scheme.prefix}${credentials.api_key}`);
      // The API wants all of them on every request: one missing is as good as no key at all.
      for (const part of scheme.additionalFields ?? []) {
        const value = credentials.additional?.[part.field] ?? part.default;
        if (value === undefined) continue;
        if (part.in === "query") request.url.searchParams.set(part.name, value);
        else request.headers.set(part.name, value);
      }
      return;
    }
    case "NO_AUTH":
      return;
  }
}

/** Every credential value, as stored and as sent, so results, errors and logs can be scrubbed of them. */
export function secretValues(credentials: StoredCredentials): string[] {
  const values = Object.entries(credentials)
    .filter(([key]) => key !== "type" && key !== "token_type" && key !== "scope" && key !== "username" && key !== "additional")
    .map(([, value]) => String(value));
  // Sent beside the key, so as much a secret as the key (a client id with its secret, a user token).
  if (credentials.type === "API_KEY") values.push(...Object.values(credentials.additional ?? {}));
  // The encoded pair is as good as the password to whoever reads it back from an echo.
  if (credentials.type === "BASIC") values.push(basicToken(credentials.username, credentials.password));
  return values.filter((value) => value.length >= 4);
}

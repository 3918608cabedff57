import { ApiError } from "../http/errors.ts";

/**
 * A Connect Link's `callback_url` must be an absolute http(s) URL, and, when the project
 * lists allowed origins, on one of them: the gateway never redirects anywhere else.
 */
export function checkCallbackUrl(raw: string | undefined, allowedOrigins: string[]): string | null {
  if (raw === undefined || raw === "") return null;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(`callback_url is not an absolute URL.`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") throw invalid("callback_url must use http or https.");
  if (url.username || url.password) throw invalid("callback_url may not carry credentials.");
  if (allowedOrigins.length > 0 && !allowedOrigins.includes(url.origin)) {
    throw new ApiError(400, "callback_url_not_allowed", `callback_url must be on one of this project's allowed origins (${allowedOrigins.join(", ")}).`, {
      suggestedFix: "Add the origin with PATCH /api/admin/projects/{project_id} (allowed_callback_origins).",
    });
  }
  return url.toString();
}

function invalid(message: string): ApiError {
  return new ApiError(400, "invalid_callback_url", message, { errors: [{ path: "body.callback_url", message }] });
}

/** The developer's callback URL with the outcome appended, as Composio reports it. */
export function callbackRedirect(callbackUrl: string, outcome: Record<string, string>): string {
  const url = new URL(callbackUrl);
  for (const [name, value] of Object.entries(outcome)) url.searchParams.set(name, value);
  return url.toString();
}

/**
 * How a link ended, as the app's callback is told: Composio's `success` and `failed` (with
 * `error`), and `cancelled` when the person chose not to connect.
 */
export interface LinkOutcome {
  status: "success" | "failed" | "cancelled";
  error?: string;
}

/** The way back to the app with the outcome, or null when the link has no callback URL (the page then says to close the window). */
export function returnToApp(link: { callbackUrl: string | null; connectedAccountId: string }, outcome: LinkOutcome): string | null {
  if (!link.callbackUrl) return null;
  return callbackRedirect(link.callbackUrl, {
    status: outcome.status,
    connected_account_id: link.connectedAccountId,
    ...(outcome.error ? { error: outcome.error } : {}),
  });
}

/** The most useful human message in an upstream error body, whatever the API's convention. */
export function upstreamMessage(body: unknown): string | undefined {
  if (typeof body === "string") return body.slice(0, 500) || undefined;
  if (!body || typeof body !== "object") return undefined;
  const record = body as Record<string, unknown>;
  const parts: string[] = [];
  const error = record.error;
  if (typeof record.message === "string") parts.push(record.message);
  else if (error && typeof error === "object" && typeof (error as Record<string, unknown>).message === "string") {
    parts.push((error as Record<string, string>).message ?? "");
  } else if (typeof error === "string") parts.push(typeof record.error_description === "string" ? `${error}: ${record.error_description}` : error);
  // GitHub's 422 lists the fields that failed; Slack uses { ok: false, error }.
  if (Array.isArray(record.errors)) {
    const details = record.errors
      .map((e) => (e && typeof e === "object" ? [e.field, e.code ?? e.message].filter(Boolean).join(" ") : String(e)))
      .filter(Boolean);
    if (details.length > 0) parts.push(`(${details.join("; ")})`);
  }
  return parts.length > 0 ? parts.join(" ").slice(0, 500) : undefined;
}

/** Replaces every occurrence of a secret with a marker, so it cannot leak through an error. */
export function scrub(text: string, secrets: string[]): string {
  return secrets.reduce((out, secret) => out.split(secret).join("[REDACTED]"), text);
}

/** `scrub` applied to every string (and key) of a parsed JSON value. */
export function scrubValue(value: unknown, secrets: string[]): unknown {
  if (secrets.length === 0) return value;
  if (typeof value === "string") return scrub(value, secrets);
  if (Array.isArray(value)) return value.map((item) => scrubValue(item, secrets));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [scrub(key, secrets), scrubValue(item, secrets)]));
  }
  return value;
}

/**
 * Slack (and APIs like it) answer 200 with `{ ok: false, error: "channel_not_found" }` when the
 * call failed. Both fields are needed: `ok: false` alone is data elsewhere (Snyk's test result
 * says `ok: false` when it found vulnerabilities, and the call succeeded).
 */
export function reportsFailure(body: unknown): boolean {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return false;
  const { ok, error } = body as Record<string, unknown>;
  return ok === false && typeof error === "string";
}

const SECRET_KEY = /token|secret|password|passwd|api[_-]?key|authorization|credential|cookie|private[_-]?key/i;

/** A copy of the arguments with secret-looking fields replaced, for the execution log. */
export function redactArguments(value: unknown, depth = 0): unknown {
  if (value === null || typeof value !== "object") return value;
  // Deeper than this is not looked through, so it is not logged either: it could hold a secret.
  if (depth > 8) return "[TRUNCATED]";
  if (Array.isArray(value)) return value.map((item) => redactArguments(item, depth + 1));
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, SECRET_KEY.test(key) ? "[REDACTED]" : redactArguments(item, depth + 1)]),
  );
}

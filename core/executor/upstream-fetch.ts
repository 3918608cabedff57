import type { UpstreamRequest } from "./request-builder.ts";

export interface FetchPolicy {
  timeoutMs: number;
  /** Retries after the first attempt; only idempotent calls are retried. */
  maxRetries: number;
  /** A Retry-After longer than this is not waited for: the 429 is returned instead. */
  maxRetryAfterMs: number;
}

export const DEFAULT_FETCH_POLICY: FetchPolicy = { timeoutMs: 30_000, maxRetries: 2, maxRetryAfterMs: 10_000 };

const IDEMPOTENT = new Set(["GET", "HEAD", "PUT", "DELETE", "OPTIONS"]);

export class UpstreamTimeoutError extends Error {
  override readonly name = "UpstreamTimeoutError";
}

/** Retry-After is either delta-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function backoffMs(attempt: number): number {
  const base = 250 * 2 ** attempt;
  return base + Math.random() * base * 0.25;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends the request with a timeout, retrying idempotent calls on 429 and 5xx with
 * exponential backoff, honouring Retry-After. Returns the last response.
 */
export async function fetchUpstream(
  request: UpstreamRequest,
  policy: FetchPolicy = DEFAULT_FETCH_POLICY,
): Promise<{ response: Response; attempts: number }> {
  const retryable = IDEMPOTENT.has(request.method);
  for (let attempt = 0; ; attempt += 1) {
    let response: Response;
    // A timer of our own, cleared once the answer starts: a pending AbortSignal.timeout would
    // keep whoever called (a session's Durable Object) referenced for the whole timeout.
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), policy.timeoutMs);
    try {
      response = await fetch(request.url, {
        method: request.method,
        headers: request.headers,
        ...(request.body === undefined ? {} : { body: request.body }),
        signal: controller.signal,
        redirect: "manual",
      });
    } catch (err) {
      if (controller.signal.aborted) {
        throw new UpstreamTimeoutError(`No answer from ${request.url.host} within ${policy.timeoutMs / 1000}s.`);
      }
      throw err;
    } finally {
      clearTimeout(timer);
    }
    const shouldRetry = retryable && attempt < policy.maxRetries && (response.status === 429 || response.status >= 500);
    if (!shouldRetry) return { response, attempts: attempt + 1 };
    const wait = retryAfterMs(response.headers.get("retry-after")) ?? backoffMs(attempt);
    if (wait > policy.maxRetryAfterMs) return { response, attempts: attempt + 1 };
    await response.body?.cancel();
    await sleep(wait);
  }
}

import { vi } from "vitest";

/** One request the Worker sent upstream, as it left the isolate. */
export interface SentRequest {
  method: string;
  url: URL;
  headers: Headers;
  body: string | null;
}

export type Reply = (request: SentRequest, index: number) => Response | Promise<Response>;

/**
 * Stands in for the network: every outbound `fetch` is recorded and answered by `reply`.
 * Responses must be built inside `reply`, during the request that reads them (workerd binds
 * a body stream to the request that made it). The timeout signal is honoured: an answer
 * that never comes rejects with the signal's reason, as a real fetch would.
 */
export function mockUpstream(reply: Reply) {
  const sent: SentRequest[] = [];
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo | URL, init);
    const record: SentRequest = {
      method: request.method,
      url: new URL(request.url),
      headers: new Headers(request.headers),
      // Decoded by hand: Request.text() warns on form bodies (OAuth token and revocation calls).
      body: request.body ? new TextDecoder().decode(await request.arrayBuffer()) : null,
    };
    sent.push(record);
    const answer = Promise.resolve(reply(record, sent.length - 1));
    const signal = init?.signal;
    if (!signal) return answer;
    const aborted = new Promise<never>((_, reject) => {
      if (signal.aborted) reject(signal.reason);
      signal.addEventListener("abort", () => reject(signal.reason), { once: true });
    });
    return Promise.race([answer, aborted]);
  });
  return { sent, spy };
}

/** An answer that never comes: only a timeout ends the wait. */
export const never = (): Promise<Response> => new Promise<Response>(() => {});

/**
 * Makes the executor's timeouts fire after `afterMs` of real time: every timer of a second
 * or more (the upstream timeout is 30 s) is shortened; shorter ones keep their delay.
 */
export function shortenTimeouts(afterMs = 20): void {
  const realSetTimeout = globalThis.setTimeout;
  vi.spyOn(globalThis, "setTimeout").mockImplementation(((handler: () => void, ms?: number) =>
    realSetTimeout(handler, (ms ?? 0) >= 1000 ? afterMs : ms)) as typeof setTimeout);
}

import { request, type SignIn } from "./api.ts";

/**
 * Reads a Server-Sent Events response through fetch, because EventSource cannot send the
 * `x-api-key` header and the key must never ride in a URL. Calls `onEvent` per frame until
 * `signal` aborts or the stream ends.
 */
export async function followEvents(signIn: SignIn, path: string, signal: AbortSignal, onEvent: (event: string, data: string) => void): Promise<void> {
  const response = await request("project", signIn, path, { signal });
  const reader = response.body?.pipeThrough(new TextDecoderStream()).getReader();
  if (!reader) return;
  let buffer = "";
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        dispatch(buffer.slice(0, end), onEvent);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
      }
    }
  } finally {
    reader.releaseLock();
  }
}

function dispatch(frame: string, onEvent: (event: string, data: string) => void): void {
  let event = "message";
  const data: string[] = [];
  for (const line of frame.split("\n")) {
    if (line.startsWith(":")) continue; // a keepalive comment
    const colon = line.indexOf(":");
    const field = colon < 0 ? line : line.slice(0, colon);
    const value = colon < 0 ? "" : line.slice(colon + 1).replace(/^ /, "");
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  if (data.length > 0) onEvent(event, data.join("\n"));
}

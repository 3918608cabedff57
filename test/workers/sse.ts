/** Reading Server-Sent Events in tests: the gateway's streams stay open, so every read has a deadline. */

export interface SseMessage {
  event: string | undefined;
  data: Record<string, unknown>;
}

const decoders = new WeakMap<ReadableStreamDefaultReader<Uint8Array>, { decoder: TextDecoder; buffered: string }>();

/**
 * The next SSE event with data on the stream (comment frames skipped), or a timeout. What a
 * read brings beyond that event is kept for the next call on the same reader.
 */
export async function nextMessage(reader: ReadableStreamDefaultReader<Uint8Array>, timeoutMs = 5_000): Promise<SseMessage> {
  let state = decoders.get(reader);
  if (!state) decoders.set(reader, (state = { decoder: new TextDecoder(), buffered: "" }));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let end = state.buffered.indexOf("\n\n");
    while (end !== -1) {
      const lines = state.buffered.slice(0, end).split("\n");
      state.buffered = state.buffered.slice(end + 2);
      const data = lines.find((line) => line.startsWith("data: "));
      if (data) return { event: lines.find((line) => line.startsWith("event: "))?.slice(7), data: JSON.parse(data.slice(6)) as Record<string, unknown> };
      end = state.buffered.indexOf("\n\n");
    }
    const left = deadline - Date.now();
    if (left <= 0) throw new Error("no event on the stream in time");
    let timer: ReturnType<typeof setTimeout> | undefined;
    const chunk = await Promise.race([
      reader.read(),
      new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error("no event on the stream in time")), left))),
    ]).finally(() => clearTimeout(timer));
    if (chunk.done) throw new Error("the stream ended");
    state.buffered += state.decoder.decode(chunk.value, { stream: true });
  }
}

const chunkDecoder = new TextDecoder();

/** The next chunk the stream gives, as text, or null once it has ended (no deadline: for streams that write at once). */
export async function readChunk(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string | null> {
  const chunk = await reader.read();
  return chunk.done ? null : chunkDecoder.decode(chunk.value);
}

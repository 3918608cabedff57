/** Bodies above this are cut, so one huge upstream answer cannot flood a model's context. */
export const MAX_RESPONSE_BYTES = 512 * 1024;

export interface UpstreamBody {
  data: unknown;
  /** Total bytes the upstream sent, when the body was cut. */
  truncatedFrom?: number;
}

export function truncationMarker(shown: number, total: number): string {
  return `…[truncated by Switchboard: showing the first ${shown} of ${total} bytes]`;
}

async function readCapped(response: Response, limit: number): Promise<{ bytes: Uint8Array; total: number }> {
  // A body that says its size and fits is read in one go: chunk by chunk costs a promise per chunk.
  const declared = Number(response.headers.get("content-length") ?? Number.NaN);
  if (Number.isInteger(declared) && declared >= 0 && declared <= limit && !response.headers.has("content-encoding")) {
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.byteLength <= limit) return { bytes, total: bytes.byteLength };
    return { bytes: bytes.subarray(0, limit), total: bytes.byteLength };
  }
  const reader = response.body?.getReader();
  if (!reader) return { bytes: new Uint8Array(), total: 0 };
  const chunks: Uint8Array[] = [];
  let kept = 0;
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (kept < limit) {
      const slice = value.subarray(0, limit - kept);
      chunks.push(slice);
      kept += slice.byteLength;
    }
  }
  const bytes = new Uint8Array(kept);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, total };
}

/** Parses JSON when the upstream says it is JSON and it arrived whole; text otherwise. */
export async function readUpstreamBody(response: Response, limit = MAX_RESPONSE_BYTES): Promise<UpstreamBody> {
  const { bytes, total } = await readCapped(response, limit);
  const text = new TextDecoder().decode(bytes);
  if (total > limit) return { data: `${text}${truncationMarker(bytes.byteLength, total)}`, truncatedFrom: total };
  if (text === "") return { data: null };
  if (/json/i.test(response.headers.get("content-type") ?? "")) {
    try {
      return { data: JSON.parse(text) };
    } catch {
      return { data: text };
    }
  }
  return { data: text };
}

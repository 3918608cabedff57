/**
 * Just enough RFC 822 / MIME for Gmail: parse what clients send through messages.send
 * (folded headers, RFC 2047 encoded words, multipart bodies, base64 and quoted-printable),
 * and build the source back for `format=raw` and the payload for `format=full`.
 */
import type { GmailHeader, GmailMessage } from "./store/types.ts";

export interface ParsedMail {
  headers: GmailHeader[];
  text: string;
  html?: string;
}

export function header(headers: readonly GmailHeader[], name: string): string | undefined {
  const lower = name.toLowerCase();
  return headers.find((h) => h.name.toLowerCase() === lower)?.value;
}

/** Decodes `=?UTF-8?B?…?=` and `=?UTF-8?Q?…?=` words in a header value. */
export function decodeWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?)/g, "$1")
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_whole, _charset: string, encoding: string, data: string) => {
      if (encoding.toUpperCase() === "B") return Buffer.from(data, "base64").toString("utf8");
      return decodeQuotedPrintable(data.replaceAll("_", " "));
    });
}

export function decodeQuotedPrintable(input: string): string {
  const bytes: number[] = [];
  const soft = input.replace(/=\r?\n/g, "");
  for (let i = 0; i < soft.length; i++) {
    const ch = soft[i] ?? "";
    const hex = soft.slice(i + 1, i + 3);
    if (ch === "=" && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(ch, "utf8"));
    }
  }
  return Buffer.from(bytes).toString("utf8");
}

function splitHead(source: string): { head: string; body: string } {
  const match = /\r?\n\r?\n/.exec(source);
  if (!match) return { head: source, body: "" };
  return { head: source.slice(0, match.index), body: source.slice(match.index + match[0].length) };
}

function parseHeaders(head: string): GmailHeader[] {
  const headers: GmailHeader[] = [];
  for (const line of head.split(/\r?\n/)) {
    const last = headers[headers.length - 1];
    if (/^[ \t]/.test(line) && last) {
      last.value += ` ${line.trim()}`;
      continue;
    }
    const colon = line.indexOf(":");
    if (colon > 0) headers.push({ name: line.slice(0, colon).trim(), value: line.slice(colon + 1).trim() });
  }
  return headers.map((h) => ({ name: h.name, value: decodeWords(h.value) }));
}

function decodeBody(body: string, headers: readonly GmailHeader[]): string {
  const encoding = (header(headers, "Content-Transfer-Encoding") ?? "").toLowerCase();
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") return decodeQuotedPrintable(body);
  return body;
}

/** Walks a MIME entity, collecting the first text/plain and text/html leaves. */
function collect(source: string, into: { text?: string; html?: string }): GmailHeader[] {
  const { head, body } = splitHead(source);
  const headers = parseHeaders(head);
  const type = header(headers, "Content-Type") ?? "text/plain";
  const boundary = /boundary="?([^";]+)"?/i.exec(type)?.[1];
  if (/^multipart\//i.test(type) && boundary) {
    const delimiter = `--${boundary}`;
    const end = body.indexOf(`${delimiter}--`);
    // Drop the preamble before the first delimiter and the epilogue after the closing one.
    const parts = (end >= 0 ? body.slice(0, end) : body).split(delimiter).slice(1);
    for (const part of parts) collect(part.replace(/^[ \t]*\r?\n/, "").replace(/\r?\n$/, ""), into);
  } else if (/^text\/html/i.test(type)) {
    into.html ??= decodeBody(body, headers);
  } else if (/^text\//i.test(type)) {
    into.text ??= decodeBody(body, headers);
  }
  return headers;
}

export function parseRfc822(source: string): ParsedMail {
  const into: { text?: string; html?: string } = {};
  const headers = collect(source, into);
  const parsed: ParsedMail = { headers, text: (into.text ?? "").replace(/\r\n/g, "\n") };
  if (into.html !== undefined) parsed.html = into.html;
  return parsed;
}

/** Addresses in a To/Cc/Bcc value: `A <a@x>, b@y` → ["a@x", "b@y"]; undefined when one is malformed. */
export function addresses(value: string | undefined): string[] | undefined {
  if (value === undefined || value.trim() === "") return [];
  const result: string[] = [];
  for (const part of value.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/)) {
    const trimmed = part.trim();
    if (trimmed === "") continue;
    const address = (/<([^>]*)>/.exec(trimmed)?.[1] ?? trimmed).trim();
    if (!/^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/.test(address)) return undefined;
    result.push(address.toLowerCase());
  }
  return result;
}

export function contentTypeOf(message: GmailMessage): string {
  return message.html !== undefined ? `multipart/alternative; boundary="${boundaryOf(message)}"` : 'text/plain; charset="UTF-8"';
}

function boundaryOf(message: GmailMessage): string {
  return `000000000000${message.id}`;
}

/** The message's headers, with Content-Type filled in when the store did not keep one. */
export function headersOf(message: GmailMessage): GmailHeader[] {
  if (header(message.headers, "Content-Type")) return message.headers;
  return [...message.headers, { name: "Content-Type", value: contentTypeOf(message) }];
}

export function buildRfc822(message: GmailMessage): string {
  if (message.raw !== undefined) return message.raw;
  const head = headersOf(message)
    .map((h) => `${h.name}: ${h.value}`)
    .join("\r\n");
  if (message.html === undefined) return `${head}\r\n\r\n${message.text.replace(/\r?\n/g, "\r\n")}`;
  const b = boundaryOf(message);
  return [
    head,
    "",
    `--${b}`,
    'Content-Type: text/plain; charset="UTF-8"',
    "",
    message.text.replace(/\r?\n/g, "\r\n"),
    `--${b}`,
    'Content-Type: text/html; charset="UTF-8"',
    "",
    message.html,
    `--${b}--`,
    "",
  ].join("\r\n");
}

/** Gmail's snippet: the start of the plain text, whitespace collapsed and HTML-escaped. */
export function snippetOf(message: GmailMessage): string {
  const plain = message.text || (message.html ?? "").replace(/<[^>]*>/g, " ");
  const collapsed = plain.replace(/\s+/g, " ").trim();
  const cut = collapsed.length > 200 ? collapsed.slice(0, 200).replace(/\s+\S*$/, "") : collapsed;
  return cut.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function bodyPart(data: string): { size: number; data: string } {
  const bytes = Buffer.from(data, "utf8");
  return { size: bytes.length, data: bytes.toString("base64url") };
}

/** The `payload` of a `format=full` message: a MessagePart tree. */
export function payloadOf(message: GmailMessage): Record<string, unknown> {
  const headers = headersOf(message);
  if (message.html === undefined) {
    return { partId: "", mimeType: "text/plain", filename: "", headers, body: bodyPart(message.text) };
  }
  return {
    partId: "",
    mimeType: "multipart/alternative",
    filename: "",
    headers,
    body: { size: 0 },
    parts: [
      { partId: "0", mimeType: "text/plain", filename: "", headers: [{ name: "Content-Type", value: 'text/plain; charset="UTF-8"' }], body: bodyPart(message.text) },
      { partId: "1", mimeType: "text/html", filename: "", headers: [{ name: "Content-Type", value: 'text/html; charset="UTF-8"' }], body: bodyPart(message.html) },
    ],
  };
}

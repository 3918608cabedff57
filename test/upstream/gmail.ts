/**
 * A slice of the Gmail API v1 (gmail.googleapis.com/gmail/v1): profile, messages (list with
 * Gmail search, get in every format, send, modify, trash, untrash, delete), labels and threads.
 * Mail sent to another simulated account is delivered to that account's inbox.
 */
import { google, googleError, type GoogleCall } from "./google.ts";
import { type Ctx, type Handler, type Reply, decodeBase64Any, empty, intParam, isObject, json, listParam, matchesTerms, parseSearch } from "./http.ts";
import { addresses, buildRfc822, header, headersOf, parseRfc822, payloadOf, snippetOf } from "./mime.ts";
import type { Router } from "./router.ts";
import type { GmailLabel, GmailMessage, GoogleState, Mailbox } from "./store/types.ts";

const BASE = "/gmail/v1/users/{userId}";
const NOT_FOUND = "Requested entity was not found.";

type GmailHandler = (ctx: Ctx, params: Record<string, string>, mailbox: Mailbox, call: GoogleCall) => Reply;

/** Resolves `userId` (`me` or the account's own address) to the caller's mailbox. */
function gmail(method: string, handler: GmailHandler): Handler {
  return google("gmail", `caribou.api.proto.MailboxService.${method}`, (ctx, params, call) => {
    const userId = params.userId ?? "";
    if (!call.isSelf(userId) || userId === "primary") return googleError(403, `Delegation denied for ${userId}`, { reason: "forbidden" });
    const mailbox = ctx.state.google.mailboxes.get(call.account.email);
    if (!mailbox) return googleError(400, "Mail service not enabled", { reason: "failedPrecondition", status: "FAILED_PRECONDITION" });
    return handler(ctx, params, mailbox, call);
  });
}

function notFound(): Reply {
  return googleError(404, NOT_FOUND);
}

function findMessage(mailbox: Mailbox, id: string): GmailMessage | undefined {
  return mailbox.messages.find((m) => m.id === id);
}

/** Gmail rejects ids that are not hex before looking them up. */
function invalidId(id: string): Reply | undefined {
  return /^[0-9a-f]{1,32}$/i.test(id) ? undefined : googleError(400, "Invalid id value", { reason: "invalidArgument" });
}

function newId(google: GoogleState): string {
  return `196a1c0f${(google.nextMessage++).toString(16).padStart(8, "0")}`;
}

function sizeEstimate(message: GmailMessage): number {
  return Buffer.byteLength(buildRfc822(message)) + 300;
}

function minimal(message: GmailMessage): Record<string, unknown> {
  return {
    id: message.id,
    threadId: message.threadId,
    labelIds: [...message.labelIds],
    snippet: snippetOf(message),
    sizeEstimate: sizeEstimate(message),
    historyId: String(message.historyId),
    internalDate: String(message.internalDate),
  };
}

const FORMATS = ["full", "metadata", "minimal", "raw"] as const;
type Format = (typeof FORMATS)[number];

function messageJson(message: GmailMessage, format: Format, metadataHeaders: string[]): Record<string, unknown> {
  const base = minimal(message);
  if (format === "minimal") return base;
  if (format === "raw") return { ...base, raw: Buffer.from(buildRfc822(message)).toString("base64url") };
  if (format === "metadata") {
    const wanted = metadataHeaders.map((h) => h.toLowerCase());
    const headers = headersOf(message).filter((h) => wanted.length === 0 || wanted.includes(h.name.toLowerCase()));
    return { ...base, payload: { mimeType: message.html !== undefined ? "multipart/alternative" : "text/plain", headers } };
  }
  return { ...base, payload: payloadOf(message) };
}

function formatParam(ctx: Ctx): Format | Reply {
  const format = ctx.query.get("format") ?? "full";
  if ((FORMATS as readonly string[]).includes(format)) return format as Format;
  return googleError(400, `Invalid value at 'format' (type.googleapis.com/gmail.v1.GetMessageRequest.Format), "${format}"`, {
    reason: "invalid",
    extra: { details: [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field: "format", description: `Invalid value at 'format', "${format}"` }] }] },
  });
}

/** A label id or name (as Gmail search accepts it: case-insensitive, `-` for spaces) to its id. */
function labelIdFor(mailbox: Mailbox, value: string): string | undefined {
  const wanted = value.toLowerCase().replace(/-/g, " ");
  return mailbox.labels.find((l) => l.id.toLowerCase() === value.toLowerCase() || l.name.toLowerCase().replace(/-/g, " ") === wanted)?.id;
}

/** `2025/05/13`, `2025-05-13` or epoch seconds, as Gmail's after:/before: take them. */
function dateValue(value: string): number | undefined {
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const match = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})$/.exec(value);
  return match ? Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) : undefined;
}

/** Gmail search: from:, to:, cc:, subject:, label:, in:, is:, after:, before:, and words. */
function matcher(mailbox: Mailbox, q: string, includeSpamTrash: boolean): (m: GmailMessage) => boolean {
  const { terms, qualifiers } = parseSearch(q);
  const explicitlyHidden = qualifiers.some(
    (qual) => (qual.key === "in" || qual.key === "label") && ["spam", "trash", "anywhere"].includes(qual.value.toLowerCase()),
  );
  const hideSpamTrash = !includeSpamTrash && !explicitlyHidden;
  return (m) => {
    if (hideSpamTrash && (m.labelIds.includes("SPAM") || m.labelIds.includes("TRASH"))) return false;
    const get = (name: string): string => (header(m.headers, name) ?? "").toLowerCase();
    for (const { key, value, negated } of qualifiers) {
      const v = value.toLowerCase();
      let ok = true;
      if (key === "from" || key === "to" || key === "cc" || key === "bcc" || key === "subject") ok = get(key).includes(v);
      else if (key === "label" || key === "in") {
        if (v === "anywhere") ok = true;
        else {
          const id = labelIdFor(mailbox, value);
          ok = id !== undefined && m.labelIds.includes(id);
        }
      } else if (key === "is") {
        if (v === "unread") ok = m.labelIds.includes("UNREAD");
        else if (v === "read") ok = !m.labelIds.includes("UNREAD");
        else if (v === "starred" || v === "important") ok = m.labelIds.includes(v.toUpperCase());
        else if (v === "sent") ok = m.labelIds.includes("SENT");
      } else if (key === "after" || key === "newer") ok = m.internalDate >= (dateValue(v) ?? 0);
      else if (key === "before" || key === "older") ok = m.internalDate < (dateValue(v) ?? Infinity);
      else if (key === "has") ok = v === "attachment" ? false : true;
      else if (key === "category") ok = m.labelIds.includes(`CATEGORY_${v.toUpperCase()}`);
      if (ok === negated) return false;
    }
    const text = [header(m.headers, "Subject"), header(m.headers, "From"), header(m.headers, "To"), header(m.headers, "Cc"), m.text, snippetOf(m)].join("\n");
    return matchesTerms(terms.filter((t) => t !== "OR" && t !== "AND"), text);
  };
}

/** Messages matching the list parameters (`q`, `labelIds`, `includeSpamTrash`), newest first. */
function filtered(ctx: Ctx, mailbox: Mailbox): GmailMessage[] {
  const labelIds = listParam(ctx.query, "labelIds");
  const match = matcher(mailbox, ctx.query.get("q") ?? "", ctx.query.get("includeSpamTrash") === "true");
  return mailbox.messages
    .filter((m) => labelIds.every((id) => m.labelIds.includes(id)) && match(m))
    .sort((a, b) => b.internalDate - a.internalDate || b.id.localeCompare(a.id));
}

/** Gmail's paging: maxResults (default 100, at most 500) and an opaque pageToken. */
function page<T>(ctx: Ctx, items: T[]): { slice: T[]; nextPageToken?: string } | Reply {
  const requested = intParam(ctx.query, "maxResults", 100);
  const max = Math.min(requested > 0 ? requested : 100, 500);
  const token = ctx.query.get("pageToken");
  let offset = 0;
  if (token) {
    const decoded = /^0*(\d+)$/.exec(token);
    if (!decoded) return googleError(400, "Invalid pageToken", { reason: "invalidArgument" });
    offset = Number(decoded[1]);
  }
  const slice = items.slice(offset, offset + max);
  const next = offset + max < items.length ? String(offset + max).padStart(20, "0") : undefined;
  return next === undefined ? { slice } : { slice, nextPageToken: next };
}

function isReply(value: unknown): value is Reply {
  return isObject(value) && typeof value.status === "number";
}

// --- handlers ---------------------------------------------------------------------------

const getProfile: GmailHandler = (_ctx, _params, mailbox) => {
  const threads = new Set(mailbox.messages.map((m) => m.threadId));
  const historyId = Math.max(0, ...mailbox.messages.map((m) => m.historyId));
  return json(200, { emailAddress: mailbox.email, messagesTotal: mailbox.messages.length, threadsTotal: threads.size, historyId: String(historyId) });
};

const listMessages: GmailHandler = (ctx, _params, mailbox) => {
  const messages = filtered(ctx, mailbox);
  const paged = page(ctx, messages);
  if (isReply(paged)) return paged;
  const body: Record<string, unknown> = {};
  if (paged.slice.length > 0) body.messages = paged.slice.map((m) => ({ id: m.id, threadId: m.threadId }));
  if (paged.nextPageToken) body.nextPageToken = paged.nextPageToken;
  body.resultSizeEstimate = messages.length;
  return json(200, body);
};

const getMessage: GmailHandler = (ctx, params, mailbox) => {
  const id = params.id ?? "";
  const bad = invalidId(id);
  if (bad) return bad;
  const format = formatParam(ctx);
  if (isReply(format)) return format;
  const message = findMessage(mailbox, id);
  return message ? json(200, messageJson(message, format, listParam(ctx.query, "metadataHeaders"))) : notFound();
};

function nextHistory(google: GoogleState): number {
  return google.nextHistory++;
}

/** Finds the thread a message belongs to: the given threadId, else the message it replies to. */
function threadFor(mailbox: Mailbox, headers: GmailMessage["headers"]): string | undefined {
  const refs = `${header(headers, "In-Reply-To") ?? ""} ${header(headers, "References") ?? ""}`;
  if (refs.trim() === "") return undefined;
  return mailbox.messages.find((m) => {
    const messageId = header(m.headers, "Message-ID");
    return messageId !== undefined && refs.includes(messageId);
  })?.threadId;
}

const sendMessage: GmailHandler = (ctx, _params, mailbox, call) => {
  const body = isObject(ctx.body) ? ctx.body : {};
  if (typeof body.raw !== "string" || body.raw === "") {
    return googleError(400, "'raw' RFC822 payload message string or uploading message via /upload/* URL required", { reason: "invalidArgument" });
  }
  const source = decodeBase64Any(body.raw).toString("utf8");
  const parsed = parseRfc822(source);
  const recipients: string[] = [];
  for (const field of ["To", "Cc", "Bcc"]) {
    const list = addresses(header(parsed.headers, field));
    if (!list) return googleError(400, `Invalid ${field} header`, { reason: "invalidArgument" });
    recipients.push(...list);
  }
  if (recipients.length === 0) return googleError(400, "Recipient address required", { reason: "invalidArgument" });

  const google = ctx.state.google;
  let threadId: string | undefined;
  if (body.threadId !== undefined) {
    if (typeof body.threadId !== "string" || !mailbox.messages.some((m) => m.threadId === body.threadId)) return notFound();
    threadId = body.threadId;
  }
  const now = Date.now();
  const headers = [...parsed.headers];
  const self = call.account.email.toLowerCase();
  if (!header(headers, "From")) headers.unshift({ name: "From", value: `${call.account.name} <${call.account.email}>` });
  if (!header(headers, "Date")) headers.push({ name: "Date", value: new Date(now).toUTCString().replace("GMT", "+0000") });
  const id = newId(google);
  if (!header(headers, "Message-ID")) headers.push({ name: "Message-ID", value: `<${id}@mail.gmail.com>` });

  const toSelf = recipients.includes(self);
  const sent: GmailMessage = {
    id,
    threadId: threadId ?? threadFor(mailbox, headers) ?? id,
    labelIds: toSelf ? ["UNREAD", "SENT", "INBOX"] : ["SENT"],
    internalDate: now,
    historyId: nextHistory(google),
    headers,
    text: parsed.text,
    raw: source,
  };
  if (parsed.html !== undefined) sent.html = parsed.html;
  mailbox.messages.push(sent);

  // Deliver a copy to each other simulated mailbox among the recipients, without Bcc.
  for (const address of new Set(recipients)) {
    const inbox = google.mailboxes.get(address);
    if (!inbox || address === self) continue;
    const deliveredHeaders = headers.filter((h) => h.name.toLowerCase() !== "bcc");
    const deliveredId = newId(google);
    const delivered: GmailMessage = {
      id: deliveredId,
      threadId: threadFor(inbox, deliveredHeaders) ?? deliveredId,
      labelIds: ["UNREAD", "CATEGORY_PERSONAL", "INBOX"],
      internalDate: now,
      historyId: nextHistory(google),
      headers: [{ name: "Delivered-To", value: address }, ...deliveredHeaders],
      text: parsed.text,
    };
    if (parsed.html !== undefined) delivered.html = parsed.html;
    inbox.messages.push(delivered);
  }
  return json(200, { id: sent.id, threadId: sent.threadId, labelIds: [...sent.labelIds] });
};

function labelIdList(value: unknown): string[] | undefined {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === "string")) return undefined;
  return value as string[];
}

function idOnly(message: GmailMessage): Record<string, unknown> {
  return { id: message.id, threadId: message.threadId, labelIds: [...message.labelIds] };
}

const modifyMessage: GmailHandler = (ctx, params, mailbox) => {
  const id = params.id ?? "";
  const bad = invalidId(id);
  if (bad) return bad;
  const body = isObject(ctx.body) ? ctx.body : {};
  const add = labelIdList(body.addLabelIds);
  const remove = labelIdList(body.removeLabelIds);
  if (!add || !remove) return googleError(400, "Invalid JSON payload received. Expected a list of label ids.", { reason: "invalid" });
  for (const labelId of [...add, ...remove]) {
    if (!mailbox.labels.some((l) => l.id === labelId)) return googleError(400, `Invalid label: ${labelId}`, { reason: "invalidArgument" });
  }
  if (add.some((l) => l === "SENT" || l === "DRAFT")) return googleError(400, "Cannot add label SENT or DRAFT", { reason: "invalidArgument" });
  const message = findMessage(mailbox, id);
  if (!message) return notFound();
  message.labelIds = [...message.labelIds.filter((l) => !remove.includes(l)), ...add.filter((l) => !message.labelIds.includes(l) && !remove.includes(l))];
  message.historyId = nextHistory(ctx.state.google);
  return json(200, idOnly(message));
};

const trashMessage: GmailHandler = (ctx, params, mailbox) => {
  const id = params.id ?? "";
  const bad = invalidId(id);
  if (bad) return bad;
  const message = findMessage(mailbox, id);
  if (!message) return notFound();
  message.labelIds = [...message.labelIds.filter((l) => l !== "INBOX" && l !== "SPAM" && l !== "TRASH"), "TRASH"];
  message.historyId = nextHistory(ctx.state.google);
  return json(200, idOnly(message));
};

const untrashMessage: GmailHandler = (ctx, params, mailbox) => {
  const id = params.id ?? "";
  const bad = invalidId(id);
  if (bad) return bad;
  const message = findMessage(mailbox, id);
  if (!message) return notFound();
  const wasTrashed = message.labelIds.includes("TRASH");
  message.labelIds = message.labelIds.filter((l) => l !== "TRASH");
  const receivedHere = !message.labelIds.includes("SENT");
  if (wasTrashed && receivedHere && !message.labelIds.includes("INBOX")) message.labelIds.push("INBOX");
  message.historyId = nextHistory(ctx.state.google);
  return json(200, idOnly(message));
};

const deleteMessage: GmailHandler = (_ctx, params, mailbox) => {
  const id = params.id ?? "";
  const bad = invalidId(id);
  if (bad) return bad;
  const index = mailbox.messages.findIndex((m) => m.id === id);
  if (index < 0) return notFound();
  mailbox.messages.splice(index, 1);
  return empty(204);
};

function labelJson(label: GmailLabel): Record<string, unknown> {
  const json: Record<string, unknown> = { id: label.id, name: label.name };
  if (label.messageListVisibility) json.messageListVisibility = label.messageListVisibility;
  if (label.labelListVisibility) json.labelListVisibility = label.labelListVisibility;
  json.type = label.type;
  if (label.color) json.color = label.color;
  return json;
}

const listLabels: GmailHandler = (_ctx, _params, mailbox) => json(200, { labels: mailbox.labels.map(labelJson) });

const getLabel: GmailHandler = (_ctx, params, mailbox) => {
  const label = mailbox.labels.find((l) => l.id === params.id);
  if (!label) return notFound();
  const messages = mailbox.messages.filter((m) => m.labelIds.includes(label.id));
  const unread = messages.filter((m) => m.labelIds.includes("UNREAD"));
  return json(200, {
    ...labelJson(label),
    messagesTotal: messages.length,
    messagesUnread: unread.length,
    threadsTotal: new Set(messages.map((m) => m.threadId)).size,
    threadsUnread: new Set(unread.map((m) => m.threadId)).size,
  });
};

const createLabel: GmailHandler = (ctx, _params, mailbox) => {
  const body = isObject(ctx.body) ? ctx.body : {};
  const name = typeof body.name === "string" ? body.name.trim() : "";
  if (name === "") return googleError(400, "Invalid label name", { reason: "invalidArgument" });
  if (mailbox.labels.some((l) => l.name.toLowerCase() === name.toLowerCase())) {
    return googleError(409, "Label name exists or conflicts", { reason: "duplicate" });
  }
  const ids = mailbox.labels.map((l) => /^Label_(\d+)$/.exec(l.id)?.[1]).filter((n): n is string => n !== undefined).map(Number);
  const label: GmailLabel = {
    id: `Label_${Math.max(0, ...ids) + 1}`,
    name,
    type: "user",
    messageListVisibility: body.messageListVisibility === "hide" ? "hide" : "show",
    labelListVisibility: body.labelListVisibility === "labelHide" || body.labelListVisibility === "labelShowIfUnread" ? body.labelListVisibility : "labelShow",
  };
  if (isObject(body.color) && typeof body.color.textColor === "string" && typeof body.color.backgroundColor === "string") {
    label.color = { textColor: body.color.textColor, backgroundColor: body.color.backgroundColor };
  }
  mailbox.labels.push(label);
  return json(200, labelJson(label));
};

function threads(messages: GmailMessage[]): Map<string, GmailMessage[]> {
  const byThread = new Map<string, GmailMessage[]>();
  for (const m of messages) byThread.set(m.threadId, [...(byThread.get(m.threadId) ?? []), m]);
  return byThread;
}

const listThreads: GmailHandler = (ctx, _params, mailbox) => {
  // A thread matches when any of its messages does; it is listed by its newest message.
  const matching = filtered(ctx, mailbox);
  const all = threads(mailbox.messages);
  const ids = [...new Set(matching.map((m) => m.threadId))];
  const paged = page(ctx, ids);
  if (isReply(paged)) return paged;
  const body: Record<string, unknown> = {};
  if (paged.slice.length > 0) {
    body.threads = paged.slice.map((threadId) => {
      const messages = (all.get(threadId) ?? []).sort((a, b) => a.internalDate - b.internalDate);
      const latest = messages[messages.length - 1];
      return { id: threadId, snippet: latest ? snippetOf(latest) : "", historyId: String(Math.max(0, ...messages.map((m) => m.historyId))) };
    });
  }
  if (paged.nextPageToken) body.nextPageToken = paged.nextPageToken;
  body.resultSizeEstimate = ids.length;
  return json(200, body);
};

const getThread: GmailHandler = (ctx, params, mailbox) => {
  const id = params.id ?? "";
  const bad = invalidId(id);
  if (bad) return bad;
  const format = formatParam(ctx);
  if (isReply(format)) return format;
  const messages = mailbox.messages.filter((m) => m.threadId === id).sort((a, b) => a.internalDate - b.internalDate);
  if (messages.length === 0) return notFound();
  const metadataHeaders = listParam(ctx.query, "metadataHeaders");
  return json(200, {
    id,
    historyId: String(Math.max(...messages.map((m) => m.historyId))),
    messages: messages.map((m) => messageJson(m, format === "raw" ? "full" : format, metadataHeaders)),
  });
};

export function registerGmail(router: Router): void {
  router
    .add("GET", `${BASE}/profile`, gmail("GetProfile", getProfile))
    .add("GET", `${BASE}/messages`, gmail("ListMessages", listMessages))
    .add("POST", `${BASE}/messages/send`, gmail("SendMessage", sendMessage))
    .add("GET", `${BASE}/messages/{id}`, gmail("GetMessage", getMessage))
    .add("DELETE", `${BASE}/messages/{id}`, gmail("DeleteMessage", deleteMessage))
    .add("POST", `${BASE}/messages/{id}/modify`, gmail("ModifyMessage", modifyMessage))
    .add("POST", `${BASE}/messages/{id}/trash`, gmail("TrashMessage", trashMessage))
    .add("POST", `${BASE}/messages/{id}/untrash`, gmail("UntrashMessage", untrashMessage))
    .add("GET", `${BASE}/labels`, gmail("ListLabels", listLabels))
    .add("POST", `${BASE}/labels`, gmail("CreateLabel", createLabel))
    .add("GET", `${BASE}/labels/{id}`, gmail("GetLabel", getLabel))
    .add("GET", `${BASE}/threads`, gmail("ListThreads", listThreads))
    .add("GET", `${BASE}/threads/{id}`, gmail("GetThread", getThread));
}

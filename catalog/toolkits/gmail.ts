import type { ToolkitInput } from "../definition.ts";

/**
 * Gmail through the Gmail REST API v1 (https://developers.google.com/gmail/api/reference/rest).
 * Every tool needs only `gmail.modify` (read, send, drafts, labels, trash), so that is the one
 * scope asked for; permanent deletion (which needs the full `https://mail.google.com/`) is left out
 * on purpose. Sending takes a base64url RFC 2822 message in `raw`, exactly as the API does.
 */

const VERSION = "20261101_00";
const MODIFY = "https://www.googleapis.com/auth/gmail.modify";

const READ = ["readOnlyHint", "openWorldHint", "email"];
const WRITE = ["openWorldHint", "email"];
const IDEMPOTENT_WRITE = ["idempotentHint", "openWorldHint", "email"];
const DESTRUCTIVE = ["destructiveHint", "idempotentHint", "openWorldHint", "email"];

const userId = {
  type: "string",
  description: "The mailbox to act on: \"me\" (the connected account) or its email address.",
  default: "me",
};
const messageId = { type: "string", description: "The Gmail message id (the `id` field from GMAIL_FETCH_EMAILS, not the Message-ID header)." };
const threadId = { type: "string", description: "The Gmail thread id (the `threadId` field of a message, or `id` from GMAIL_LIST_THREADS)." };
const labelIds = (what: string) => ({
  type: "array",
  items: { type: "string", description: "A label id." },
  description: `${what} Use label ids, not names: system labels are INBOX, UNREAD, STARRED, IMPORTANT, SENT, DRAFT, SPAM, TRASH, CATEGORY_PERSONAL, CATEGORY_SOCIAL, CATEGORY_PROMOTIONS, CATEGORY_UPDATES, CATEGORY_FORUMS; user labels have ids like Label_12 (see GMAIL_LIST_LABELS).`,
});
const query = {
  type: "string",
  description:
    "Gmail search query, same syntax as the Gmail search box, e.g. \"from:alice@example.com is:unread newer_than:7d\", \"subject:invoice has:attachment\", \"in:sent after:2026/01/01\".",
};
const maxResults = (max: number) => ({
  type: "integer",
  description: `How many results to return per page (1-${max}; Gmail's default is 100).`,
});
const pageToken = { type: "string", description: "The `nextPageToken` from a previous call, to fetch the next page." };
const includeSpamTrash = { type: "boolean", description: "Also include results from Spam and Trash (default false)." };
const format = {
  type: "string",
  enum: ["full", "metadata", "minimal", "raw"],
  description:
    "How much to return: \"full\" (headers and decoded MIME structure; body parts are base64url in payload.parts[].body.data), \"metadata\" (headers only, cheaper), \"minimal\" (ids, labels, snippet), or \"raw\" (the whole RFC 2822 message base64url-encoded in `raw`). Defaults to full.",
};
const metadataHeaders = {
  type: "array",
  items: { type: "string", description: "A header name." },
  description: "With format \"metadata\", only these headers are returned, e.g. [\"From\", \"To\", \"Subject\", \"Date\", \"Message-ID\"].",
};
const raw = {
  type: "string",
  description:
    "The complete email as an RFC 2822 message, base64url-encoded (URL-safe alphabet: '-' and '_' instead of '+' and '/'; padding optional). Build the message as header lines such as \"To: bob@example.com\", \"Cc: …\", \"Subject: Hello\", \"Content-Type: text/plain; charset=UTF-8\" (or text/html), separated by CRLF, then an empty line, then the body; then base64url-encode the whole text. The From header may be omitted (Gmail uses the account's address). Non-ASCII subjects should be RFC 2047 encoded (=?UTF-8?B?…?=).",
};

export const gmail: ToolkitInput = {
  slug: "gmail",
  name: "Gmail",
  description: "Read, search, send, draft, label and trash email in a Gmail or Google Workspace mailbox.",
  categories: ["email", "productivity"],
  logo: "https://www.gstatic.com/images/branding/product/2x/gmail_2020q4_48dp.png",
  baseUrl: "https://gmail.googleapis.com",
  authSchemes: [
    {
      type: "OAUTH2",
      authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth",
      tokenUrl: "https://oauth2.googleapis.com/token",
      revokeUrl: "https://oauth2.googleapis.com/revoke",
      defaultScopes: [MODIFY],
      scopeSeparator: " ",
      pkce: true,
      tokenEndpointAuthMethod: "client_secret_post",
      authorizeParams: { access_type: "offline", prompt: "consent" },
    },
    { type: "BEARER_TOKEN" },
  ],
  tools: [
    {
      slug: "GMAIL_SEND_EMAIL",
      name: "Send email",
      description:
        "Send an email from the connected Gmail account, given as a base64url-encoded RFC 2822 message in `raw` (headers, blank line, body). To reply inside an existing conversation use GMAIL_REPLY_TO_THREAD instead.",
      inputSchema: {
        type: "object",
        properties: { user_id: userId, raw },
        required: ["raw"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [MODIFY],
      http: { method: "POST", path: "/gmail/v1/users/{user_id}/messages/send", args: { user_id: "path", raw: "body" } },
    },
    {
      slug: "GMAIL_REPLY_TO_THREAD",
      name: "Reply to thread",
      description:
        "Send a reply into an existing Gmail conversation. Supply the thread id and the reply as a base64url RFC 2822 message whose Subject matches the thread's subject (\"Re: …\") and whose In-Reply-To and References headers carry the Message-ID header of the message being answered (read it with GMAIL_FETCH_MESSAGE_BY_MESSAGE_ID, format \"metadata\").",
      inputSchema: {
        type: "object",
        properties: {
          user_id: userId,
          thread_id: { ...threadId, description: "The id of the Gmail thread to reply in." },
          raw,
        },
        required: ["thread_id", "raw"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [MODIFY],
      http: {
        method: "POST",
        path: "/gmail/v1/users/{user_id}/messages/send",
        args: { user_id: "path", thread_id: "body", raw: "body" },
        wireNames: { thread_id: "threadId" },
      },
    },
    {
      slug: "GMAIL_FETCH_EMAILS",
      name: "Fetch emails",
      description:
        "List or search messages in the mailbox, newest first, optionally filtered by a Gmail search query and/or label ids. Returns only message ids and thread ids plus a page token; fetch each message's content with GMAIL_FETCH_MESSAGE_BY_MESSAGE_ID.",
      inputSchema: {
        type: "object",
        properties: {
          user_id: userId,
          query,
          label_ids: labelIds("Only return messages that carry all of these labels, e.g. [\"INBOX\", \"UNREAD\"]."),
          max_results: maxResults(500),
          page_token: pageToken,
          include_spam_trash: includeSpamTrash,
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [MODIFY],
      http: {
        method: "GET",
        path: "/gmail/v1/users/{user_id}/messages",
        args: { user_id: "path", query: "query", label_ids: "query", max_results: "query", page_token: "query", include_spam_trash: "query" },
        wireNames: { query: "q", label_ids: "labelIds", max_results: "maxResults", page_token: "pageToken", include_spam_trash: "includeSpamTrash" },
      },
    },
    {
      slug: "GMAIL_FETCH_MESSAGE_BY_MESSAGE_ID",
      name: "Get message",
      description:
        "Get one email by its Gmail message id: headers (From, To, Subject, Date…), labels, snippet and body. Use format \"metadata\" when only headers are needed.",
      inputSchema: {
        type: "object",
        properties: { user_id: userId, message_id: messageId, format, metadata_headers: metadataHeaders },
        required: ["message_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [MODIFY],
      http: {
        method: "GET",
        path: "/gmail/v1/users/{user_id}/messages/{message_id}",
        args: { user_id: "path", message_id: "path", format: "query", metadata_headers: "query" },
        wireNames: { metadata_headers: "metadataHeaders" },
      },
    },
    {
      slug: "GMAIL_GET_ATTACHMENT",
      name: "Get attachment",
      description:
        "Download one attachment of a message. The attachment id is in payload.parts[].body.attachmentId of GMAIL_FETCH_MESSAGE_BY_MESSAGE_ID; the content comes back base64url-encoded in `data`.",
      inputSchema: {
        type: "object",
        properties: {
          user_id: userId,
          message_id: messageId,
          attachment_id: { type: "string", description: "The attachment id (payload.parts[].body.attachmentId)." },
        },
        required: ["message_id", "attachment_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [MODIFY],
      http: {
        method: "GET",
        path: "/gmail/v1/users/{user_id}/messages/{message_id}/attachments/{attachment_id}",
        args: { user_id: "path", message_id: "path", attachment_id: "path" },
      },
    },
    {
      slug: "GMAIL_LIST_THREADS",
      name: "List threads",
      description:
        "List or search conversations (threads) in the mailbox, optionally filtered by a Gmail search query and/or label ids. Returns thread ids with a snippet; read a whole conversation with GMAIL_FETCH_MESSAGE_BY_THREAD_ID.",
      inputSchema: {
        type: "object",
        properties: {
          user_id: userId,
          query,
          label_ids: labelIds("Only return threads that carry all of these labels."),
          max_results: maxResults(500),
          page_token: pageToken,
          include_spam_trash: includeSpamTrash,
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [MODIFY],
      http: {
        method: "GET",
        path: "/gmail/v1/users/{user_id}/threads",
        args: { user_id: "path", query: "query", label_ids: "query", max_results: "query", page_token: "query", include_spam_trash: "query" },
        wireNames: { query: "q", label_ids: "labelIds", max_results: "maxResults", page_token: "pageToken", include_spam_trash: "includeSpamTrash" },
      },
    },
    {
      slug: "GMAIL_FETCH_MESSAGE_BY_THREAD_ID",
      name: "Get thread",
      description: "Get a whole conversation: every message in a Gmail thread, oldest first, with headers and bodies.",
      inputSchema: {
        type: "object",
        properties: { user_id: userId, thread_id: threadId, format, metadata_headers: metadataHeaders },
        required: ["thread_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [MODIFY],
      http: {
        method: "GET",
        path: "/gmail/v1/users/{user_id}/threads/{thread_id}",
        args: { user_id: "path", thread_id: "path", format: "query", metadata_headers: "query" },
        wireNames: { metadata_headers: "metadataHeaders" },
      },
    },
    {
      slug: "GMAIL_CREATE_EMAIL_DRAFT",
      name: "Create draft",
      description:
        "Save an email as a draft, given as a base64url-encoded RFC 2822 message in `message.raw` (add `message.threadId` for a reply draft in an existing conversation). Send it later with GMAIL_SEND_DRAFT.",
      inputSchema: {
        type: "object",
        properties: {
          user_id: userId,
          message: {
            type: "object",
            description: "The draft's message.",
            properties: {
              raw,
              threadId: { type: "string", description: "Optional thread id, to place the draft in an existing conversation." },
            },
            required: ["raw"],
          },
        },
        required: ["message"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [MODIFY],
      http: { method: "POST", path: "/gmail/v1/users/{user_id}/drafts", args: { user_id: "path", message: "body" } },
    },
    {
      slug: "GMAIL_LIST_DRAFTS",
      name: "List drafts",
      description: "List the drafts in the mailbox (draft ids with their message ids), optionally filtered by a Gmail search query.",
      inputSchema: {
        type: "object",
        properties: {
          user_id: userId,
          query,
          max_results: maxResults(500),
          page_token: pageToken,
          include_spam_trash: includeSpamTrash,
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [MODIFY],
      http: {
        method: "GET",
        path: "/gmail/v1/users/{user_id}/drafts",
        args: { user_id: "path", query: "query", max_results: "query", page_token: "query", include_spam_trash: "query" },
        wireNames: { query: "q", max_results: "maxResults", page_token: "pageToken", include_spam_trash: "includeSpamTrash" },
      },
    },
    {
      slug: "GMAIL_SEND_DRAFT",
      name: "Send draft",
      description: "Send an existing draft to its recipients. The draft is removed from Drafts and the sent message is returned.",
      inputSchema: {
        type: "object",
        properties: {
          user_id: userId,
          draft_id: { type: "string", description: "The draft id (from GMAIL_CREATE_EMAIL_DRAFT or GMAIL_LIST_DRAFTS; not the message id)." },
        },
        required: ["draft_id"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [MODIFY],
      http: {
        method: "POST",
        path: "/gmail/v1/users/{user_id}/drafts/send",
        args: { user_id: "path", draft_id: "body" },
        wireNames: { draft_id: "id" },
      },
    },
    {
      slug: "GMAIL_DELETE_DRAFT",
      name: "Delete draft",
      description: "Permanently delete a draft (it does not go to Trash). Sent messages are not affected.",
      inputSchema: {
        type: "object",
        properties: {
          user_id: userId,
          draft_id: { type: "string", description: "The draft id (from GMAIL_LIST_DRAFTS)." },
        },
        required: ["draft_id"],
        additionalProperties: false,
      },
      tags: DESTRUCTIVE,
      version: VERSION,
      scopes: [MODIFY],
      http: { method: "DELETE", path: "/gmail/v1/users/{user_id}/drafts/{draft_id}", args: { user_id: "path", draft_id: "path" } },
    },
    {
      slug: "GMAIL_LIST_LABELS",
      name: "List labels",
      description: "List all labels in the mailbox, system (INBOX, UNREAD, …) and user-created, with their ids. Use it to turn a label name into the id other tools need.",
      inputSchema: {
        type: "object",
        properties: { user_id: userId },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [MODIFY],
      http: { method: "GET", path: "/gmail/v1/users/{user_id}/labels", args: { user_id: "path" } },
    },
    {
      slug: "GMAIL_CREATE_LABEL",
      name: "Create label",
      description: "Create a new user label (folder-like tag) in the mailbox. Nest labels with a slash in the name, e.g. \"Clients/Acme\".",
      inputSchema: {
        type: "object",
        properties: {
          user_id: userId,
          name: { type: "string", description: "The label's display name; must be unique in the mailbox." },
          label_list_visibility: {
            type: "string",
            enum: ["labelShow", "labelShowIfUnread", "labelHide"],
            description: "Whether the label shows in Gmail's label list (default labelShow).",
          },
          message_list_visibility: {
            type: "string",
            enum: ["show", "hide"],
            description: "Whether the label shows on messages in the message list (default show).",
          },
        },
        required: ["name"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [MODIFY],
      http: {
        method: "POST",
        path: "/gmail/v1/users/{user_id}/labels",
        args: { user_id: "path", name: "body", label_list_visibility: "body", message_list_visibility: "body" },
        wireNames: { label_list_visibility: "labelListVisibility", message_list_visibility: "messageListVisibility" },
      },
    },
    {
      slug: "GMAIL_DELETE_LABEL",
      name: "Delete label",
      description: "Permanently delete a user-created label and remove it from every message and thread that carries it. The messages themselves are kept.",
      inputSchema: {
        type: "object",
        properties: {
          user_id: userId,
          label_id: { type: "string", description: "The user label's id (e.g. Label_12, from GMAIL_LIST_LABELS). System labels cannot be deleted." },
        },
        required: ["label_id"],
        additionalProperties: false,
      },
      tags: DESTRUCTIVE,
      version: VERSION,
      scopes: [MODIFY],
      http: { method: "DELETE", path: "/gmail/v1/users/{user_id}/labels/{label_id}", args: { user_id: "path", label_id: "path" } },
    },
    {
      slug: "GMAIL_ADD_LABEL_TO_EMAIL",
      name: "Modify message labels",
      description:
        "Add and/or remove labels on one message. This is also how to archive (remove INBOX), mark read (remove UNREAD) or unread (add UNREAD), star (add STARRED) or mark important.",
      inputSchema: {
        type: "object",
        properties: {
          user_id: userId,
          message_id: messageId,
          add_label_ids: labelIds("Labels to add."),
          remove_label_ids: labelIds("Labels to remove."),
        },
        required: ["message_id"],
        additionalProperties: false,
      },
      tags: IDEMPOTENT_WRITE,
      version: VERSION,
      scopes: [MODIFY],
      http: {
        method: "POST",
        path: "/gmail/v1/users/{user_id}/messages/{message_id}/modify",
        args: { user_id: "path", message_id: "path", add_label_ids: "body", remove_label_ids: "body" },
        wireNames: { add_label_ids: "addLabelIds", remove_label_ids: "removeLabelIds" },
      },
    },
    {
      slug: "GMAIL_BATCH_MODIFY_MESSAGES",
      name: "Modify labels on many messages",
      description:
        "Add and/or remove labels on up to 1000 messages at once, e.g. mark a whole search result as read or archive it. Returns an empty response on success.",
      inputSchema: {
        type: "object",
        properties: {
          user_id: userId,
          ids: { type: "array", items: { type: "string", description: "A message id." }, description: "The Gmail message ids to modify (at most 1000)." },
          add_label_ids: labelIds("Labels to add to every message."),
          remove_label_ids: labelIds("Labels to remove from every message."),
        },
        required: ["ids"],
        additionalProperties: false,
      },
      tags: IDEMPOTENT_WRITE,
      version: VERSION,
      scopes: [MODIFY],
      http: {
        method: "POST",
        path: "/gmail/v1/users/{user_id}/messages/batchModify",
        args: { user_id: "path", ids: "body", add_label_ids: "body", remove_label_ids: "body" },
        wireNames: { add_label_ids: "addLabelIds", remove_label_ids: "removeLabelIds" },
      },
    },
    {
      slug: "GMAIL_MODIFY_THREAD_LABELS",
      name: "Modify thread labels",
      description: "Add and/or remove labels on every message of a conversation, e.g. archive a whole thread (remove INBOX) or mark it read (remove UNREAD).",
      inputSchema: {
        type: "object",
        properties: {
          user_id: userId,
          thread_id: threadId,
          add_label_ids: labelIds("Labels to add."),
          remove_label_ids: labelIds("Labels to remove."),
        },
        required: ["thread_id"],
        additionalProperties: false,
      },
      tags: IDEMPOTENT_WRITE,
      version: VERSION,
      scopes: [MODIFY],
      http: {
        method: "POST",
        path: "/gmail/v1/users/{user_id}/threads/{thread_id}/modify",
        args: { user_id: "path", thread_id: "path", add_label_ids: "body", remove_label_ids: "body" },
        wireNames: { add_label_ids: "addLabelIds", remove_label_ids: "removeLabelIds" },
      },
    },
    {
      slug: "GMAIL_MOVE_TO_TRASH",
      name: "Move message to trash",
      description: "Move one message to Trash, where Gmail deletes it for good after 30 days. Undo with GMAIL_UNTRASH_MESSAGE.",
      inputSchema: {
        type: "object",
        properties: { user_id: userId, message_id: messageId },
        required: ["message_id"],
        additionalProperties: false,
      },
      tags: DESTRUCTIVE,
      version: VERSION,
      scopes: [MODIFY],
      http: { method: "POST", path: "/gmail/v1/users/{user_id}/messages/{message_id}/trash", args: { user_id: "path", message_id: "path" } },
    },
    {
      slug: "GMAIL_UNTRASH_MESSAGE",
      name: "Restore message from trash",
      description: "Take a message back out of Trash, restoring it to where it was.",
      inputSchema: {
        type: "object",
        properties: { user_id: userId, message_id: messageId },
        required: ["message_id"],
        additionalProperties: false,
      },
      tags: IDEMPOTENT_WRITE,
      version: VERSION,
      scopes: [MODIFY],
      http: { method: "POST", path: "/gmail/v1/users/{user_id}/messages/{message_id}/untrash", args: { user_id: "path", message_id: "path" } },
    },
    {
      slug: "GMAIL_GET_PROFILE",
      name: "Get profile",
      description: "Get the connected mailbox's email address and its total message and thread counts.",
      inputSchema: {
        type: "object",
        properties: { user_id: userId },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [MODIFY],
      http: { method: "GET", path: "/gmail/v1/users/{user_id}/profile", args: { user_id: "path" } },
    },
  ],
  aliases: {
    GMAIL_GET_MESSAGE: "GMAIL_FETCH_MESSAGE_BY_MESSAGE_ID",
    GMAIL_GET_THREAD: "GMAIL_FETCH_MESSAGE_BY_THREAD_ID",
    GMAIL_REMOVE_LABEL: "GMAIL_DELETE_LABEL",
    GMAIL_MODIFY_MESSAGE_LABELS: "GMAIL_ADD_LABEL_TO_EMAIL",
    GMAIL_TRASH_MESSAGE: "GMAIL_MOVE_TO_TRASH",
  },
};

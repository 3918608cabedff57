import type { ToolkitInput } from "../definition.ts";

/**
 * Outlook mail, calendar and contacts through Microsoft Graph v1.0
 * (https://learn.microsoft.com/graph/api/overview), for work, school and personal Microsoft
 * accounts (the `common` tenant). Delegated permissions only, so every path is under `/me`.
 * Graph's OData query options ($top, $filter, …) are exposed as plain argument names and renamed
 * on the wire; its `Prefer` header (time zone of returned events, text or HTML bodies) is an
 * optional argument where it matters.
 */

const VERSION = "20261101_00";
const USER_READ = "User.Read";
const MAIL_RW = "Mail.ReadWrite";
const MAIL_SEND = "Mail.Send";
const CAL_RW = "Calendars.ReadWrite";
const CONTACTS_RW = "Contacts.ReadWrite";

const READ_MAIL = ["readOnlyHint", "openWorldHint", "email"];
const WRITE_MAIL = ["openWorldHint", "email"];
const READ_CAL = ["readOnlyHint", "openWorldHint", "calendar"];
const WRITE_CAL = ["openWorldHint", "calendar"];
const UPDATE_CAL = ["destructiveHint", "idempotentHint", "openWorldHint", "calendar"];

const ODATA = { top: "$top", skip: "$skip", filter: "$filter", orderby: "$orderby", select: "$select", search: "$search" } as const;

const top = (dflt: number, max: number) => ({ type: "integer", description: `How many items to return (default ${dflt}, at most ${max}).` });
const skip = { type: "integer", description: "How many items to skip, for paging (e.g. 10 for the second page of 10)." };
const select = (dflt: string) => ({
  type: "string",
  description: "Comma-separated properties to return; leave the default unless more (e.g. body) is needed.",
  default: dflt,
});
const messageId = { type: "string", description: "The Outlook message id (the `id` from OUTLOOK_LIST_MESSAGES or OUTLOOK_SEARCH_MESSAGES)." };
const eventId = { type: "string", description: "The event id (the `id` from OUTLOOK_LIST_EVENTS or OUTLOOK_GET_CALENDAR_VIEW)." };
const MESSAGE_SELECT =
  "id,subject,from,toRecipients,ccRecipients,receivedDateTime,isRead,importance,hasAttachments,bodyPreview,conversationId,parentFolderId,webLink";
const EVENT_SELECT =
  "id,subject,start,end,isAllDay,location,organizer,attendees,isOnlineMeeting,onlineMeeting,showAs,isCancelled,responseStatus,bodyPreview,webLink,seriesMasterId,type";
const preferTimeZone = {
  type: "string",
  description:
    "Time zone for the start and end times in the response, as a Prefer header value: outlook.timezone=\"<zone>\" with a Windows or IANA zone name, e.g. outlook.timezone=\"Europe/Paris\". Default UTC.",
};
const recipients = (who: string) => ({
  type: "array",
  description: `${who}, e.g. [{"emailAddress": {"address": "ana@example.com", "name": "Ana"}}].`,
  items: {
    type: "object",
    description: "One recipient.",
    properties: {
      emailAddress: {
        type: "object",
        description: "The recipient's address.",
        properties: {
          address: { type: "string", description: "The email address." },
          name: { type: "string", description: "The display name, optional." },
        },
        required: ["address"],
      },
    },
    required: ["emailAddress"],
  },
});
const itemBody = (what: string) => ({
  type: "object",
  description: `${what}, e.g. {"contentType": "Text", "content": "Hello"}.`,
  properties: {
    contentType: { type: "string", enum: ["Text", "HTML"], description: "Whether content is plain text or HTML." },
    content: { type: "string", description: "The text or HTML." },
  },
  required: ["contentType", "content"],
});
const importance = { type: "string", enum: ["low", "normal", "high"], description: "The message's importance (default normal)." };
const dateTimeTimeZone = (what: string) => ({
  type: "object",
  description: `${what}, e.g. {"dateTime": "2026-11-03T14:00:00", "timeZone": "Europe/Paris"}.`,
  properties: {
    dateTime: { type: "string", description: "Local date and time without offset, e.g. \"2026-11-03T14:00:00\"." },
    timeZone: { type: "string", description: "A Windows or IANA time zone name, e.g. \"Pacific Standard Time\", \"Europe/Paris\" or \"UTC\"." },
  },
  required: ["dateTime", "timeZone"],
});
const attendees = {
  type: "array",
  description: "The people to invite. On an update this replaces the whole attendee list.",
  items: {
    type: "object",
    description: "One attendee.",
    properties: {
      emailAddress: {
        type: "object",
        description: "The attendee's address.",
        properties: {
          address: { type: "string", description: "The email address." },
          name: { type: "string", description: "The display name, optional." },
        },
        required: ["address"],
      },
      type: { type: "string", enum: ["required", "optional", "resource"], description: "Attendance type (default required)." },
    },
    required: ["emailAddress"],
  },
};
const eventFields = {
  subject: { type: "string", description: "The event's title." },
  body: itemBody("The event's description"),
  location: {
    type: "object",
    description: "Where it happens, e.g. {\"displayName\": \"Room 4\"}.",
    properties: { displayName: { type: "string", description: "The location's name or address." } },
    required: ["displayName"],
  },
  attendees,
  is_all_day: {
    type: "boolean",
    description: "An all-day event; start and end must then be midnight in the same time zone, end exclusive.",
  },
  is_online_meeting: { type: "boolean", description: "Create a Teams meeting link for the event (work and school accounts)." },
  online_meeting_provider: {
    type: "string",
    enum: ["teamsForBusiness", "skypeForBusiness", "skypeForConsumer"],
    description: "The online meeting provider when is_online_meeting is true (usually teamsForBusiness).",
  },
  show_as: {
    type: "string",
    enum: ["free", "tentative", "busy", "oof", "workingElsewhere"],
    description: "How the time shows in free/busy (default busy).",
  },
  reminder_minutes_before_start: { type: "integer", description: "Minutes before the start to remind the user." },
  categories: { type: "array", description: "Outlook category names to apply.", items: { type: "string", description: "A category name." } },
};
const eventWireNames = {
  is_all_day: "isAllDay",
  is_online_meeting: "isOnlineMeeting",
  online_meeting_provider: "onlineMeetingProvider",
  show_as: "showAs",
  reminder_minutes_before_start: "reminderMinutesBeforeStart",
} as const;

export const outlook: ToolkitInput = {
  slug: "outlook",
  name: "Outlook",
  description: "Read, search, send, reply to and organise Outlook email, manage Outlook calendar events and contacts, through Microsoft Graph.",
  categories: ["email", "calendar", "productivity"],
  logo: "https://res-1.cdn.office.net/files/fabric-cdn-prod_20230815.002/assets/brand-icons/product/svg/outlook_48x1.svg",
  baseUrl: "https://graph.microsoft.com/v1.0",
  authSchemes: [
    {
      type: "OAUTH2",
      authorizeUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/authorize",
      tokenUrl: "https://login.microsoftonline.com/common/oauth2/v2.0/token",
      defaultScopes: ["offline_access", USER_READ, MAIL_RW, MAIL_SEND, CAL_RW, CONTACTS_RW],
      scopeSeparator: " ",
      pkce: true,
      tokenEndpointAuthMethod: "client_secret_post",
      authorizeParams: {},
    },
  ],
  tools: [
    {
      slug: "OUTLOOK_SEND_EMAIL",
      name: "Send email",
      description:
        "Send a new email from the connected Outlook mailbox; a copy is saved in Sent Items. To answer an existing message use OUTLOOK_REPLY_EMAIL so the reply stays in its conversation.",
      inputSchema: {
        type: "object",
        properties: {
          message: {
            type: "object",
            description: "The email to send.",
            properties: {
              subject: { type: "string", description: "The subject line." },
              body: itemBody("The email's body"),
              toRecipients: recipients("The To recipients"),
              ccRecipients: recipients("The Cc recipients"),
              bccRecipients: recipients("The Bcc recipients"),
              replyTo: recipients("Addresses replies should go to, if not the sender"),
              importance,
            },
            required: ["subject", "body", "toRecipients"],
          },
          save_to_sent_items: { type: "boolean", description: "Keep a copy in Sent Items (default true)." },
        },
        required: ["message"],
        additionalProperties: false,
      },
      tags: WRITE_MAIL,
      version: VERSION,
      scopes: [MAIL_SEND],
      http: {
        method: "POST",
        path: "/me/sendMail",
        args: { message: "body", save_to_sent_items: "body" },
        wireNames: { save_to_sent_items: "saveToSentItems" },
      },
    },
    {
      slug: "OUTLOOK_LIST_MESSAGES",
      name: "List messages in a folder",
      description:
        "List the messages in a mail folder (the Inbox unless another is named), newest first, optionally narrowed by an OData filter such as \"isRead eq false\" or \"receivedDateTime ge 2026-11-01T00:00:00Z\". For keyword search use OUTLOOK_SEARCH_MESSAGES.",
      inputSchema: {
        type: "object",
        properties: {
          folder_id: {
            type: "string",
            description: "A folder id from OUTLOOK_LIST_MAIL_FOLDERS or a well-known name: inbox, sentitems, drafts, deleteditems, archive, junkemail, outbox.",
            default: "inbox",
          },
          filter: {
            type: "string",
            description:
              "OData filter, e.g. \"isRead eq false\", \"from/emailAddress/address eq 'ana@example.com'\", \"receivedDateTime ge 2026-11-01T00:00:00Z and hasAttachments eq true\". When combined with orderby, the orderby properties must appear first in the filter.",
          },
          orderby: { type: "string", description: "Sort order, e.g. \"receivedDateTime desc\" (the default)." },
          top: top(10, 1000),
          skip,
          select: select(MESSAGE_SELECT),
        },
        additionalProperties: false,
      },
      tags: READ_MAIL,
      version: VERSION,
      scopes: [MAIL_RW],
      http: {
        method: "GET",
        path: "/me/mailFolders/{folder_id}/messages",
        args: { folder_id: "path", filter: "query", orderby: "query", top: "query", skip: "query", select: "query" },
        wireNames: odata(["filter", "orderby", "top", "skip", "select"]),
      },
    },
    {
      slug: "OUTLOOK_SEARCH_MESSAGES",
      name: "Search messages",
      description:
        "Search all mail folders by keywords and KQL terms like from:, to:, subject:, body:, hasattachments:yes and received>=2026-11-01, ranked by relevance. The query must be wrapped in double quotes, e.g. \"\\\"from:ana subject:invoice\\\"\".",
      inputSchema: {
        type: "object",
        properties: {
          search: {
            type: "string",
            description: "The KQL search string, including its surrounding double quotes, e.g. \"\\\"quarterly report\\\"\" or \"\\\"from:ana@example.com received>=2026-10-01\\\"\".",
          },
          top: top(10, 1000),
          select: select(MESSAGE_SELECT),
        },
        required: ["search"],
        additionalProperties: false,
      },
      tags: READ_MAIL,
      version: VERSION,
      scopes: [MAIL_RW],
      http: {
        method: "GET",
        path: "/me/messages",
        args: { search: "query", top: "query", select: "query" },
        wireNames: odata(["search", "top", "select"]),
      },
    },
    {
      slug: "OUTLOOK_GET_MESSAGE",
      name: "Get message",
      description:
        "Get one email by id, with its full body, sender, recipients and dates. Set prefer to get the body as plain text instead of HTML.",
      inputSchema: {
        type: "object",
        properties: {
          message_id: messageId,
          select: {
            type: "string",
            description: "Comma-separated properties to return, e.g. \"subject,from,body,receivedDateTime\"; omit for all.",
          },
          prefer: {
            type: "string",
            enum: ["outlook.body-content-type=\"text\"", "outlook.body-content-type=\"html\""],
            description: "The body's format, sent as the Prefer header: text or HTML (the default).",
          },
        },
        required: ["message_id"],
        additionalProperties: false,
      },
      tags: READ_MAIL,
      version: VERSION,
      scopes: [MAIL_RW],
      http: {
        method: "GET",
        path: "/me/messages/{message_id}",
        args: { message_id: "path", select: "query", prefer: "header" },
        wireNames: { select: "$select", prefer: "Prefer" },
      },
    },
    {
      slug: "OUTLOOK_REPLY_EMAIL",
      name: "Reply to email",
      description:
        "Reply to the sender of a message in the same conversation, with the reply text in comment; Outlook sets the subject and recipient. Use OUTLOOK_REPLY_ALL to include every recipient.",
      inputSchema: {
        type: "object",
        properties: {
          message_id: { ...messageId, description: "The id of the message being answered." },
          comment: { type: "string", description: "The reply text (HTML allowed), placed above the quoted original." },
        },
        required: ["message_id", "comment"],
        additionalProperties: false,
      },
      tags: WRITE_MAIL,
      version: VERSION,
      scopes: [MAIL_SEND],
      http: { method: "POST", path: "/me/messages/{message_id}/reply", args: { message_id: "path", comment: "body" } },
    },
    {
      slug: "OUTLOOK_REPLY_ALL",
      name: "Reply all",
      description: "Reply to the sender and all other recipients of a message, in the same conversation. Put the reply text in comment.",
      inputSchema: {
        type: "object",
        properties: {
          message_id: { ...messageId, description: "The id of the message being answered." },
          comment: { type: "string", description: "The reply text (HTML allowed), placed above the quoted original." },
        },
        required: ["message_id", "comment"],
        additionalProperties: false,
      },
      tags: WRITE_MAIL,
      version: VERSION,
      scopes: [MAIL_SEND],
      http: { method: "POST", path: "/me/messages/{message_id}/replyAll", args: { message_id: "path", comment: "body" } },
    },
    {
      slug: "OUTLOOK_FORWARD_MESSAGE",
      name: "Forward email",
      description: "Forward a message, with its attachments, to new recipients, with an optional note above it.",
      inputSchema: {
        type: "object",
        properties: {
          message_id: { ...messageId, description: "The id of the message to forward." },
          to_recipients: recipients("Who to forward it to"),
          comment: { type: "string", description: "A note placed above the forwarded message." },
        },
        required: ["message_id", "to_recipients"],
        additionalProperties: false,
      },
      tags: WRITE_MAIL,
      version: VERSION,
      scopes: [MAIL_SEND],
      http: {
        method: "POST",
        path: "/me/messages/{message_id}/forward",
        args: { message_id: "path", to_recipients: "body", comment: "body" },
        wireNames: { to_recipients: "toRecipients" },
      },
    },
    {
      slug: "OUTLOOK_CREATE_DRAFT",
      name: "Create draft",
      description: "Save a new email in Drafts without sending it; returns the draft with its id. Send it later with OUTLOOK_SEND_DRAFT.",
      inputSchema: {
        type: "object",
        properties: {
          subject: { type: "string", description: "The subject line." },
          body: itemBody("The email's body"),
          to_recipients: recipients("The To recipients"),
          cc_recipients: recipients("The Cc recipients"),
          bcc_recipients: recipients("The Bcc recipients"),
          importance,
        },
        required: ["subject", "body"],
        additionalProperties: false,
      },
      tags: WRITE_MAIL,
      version: VERSION,
      scopes: [MAIL_RW],
      http: {
        method: "POST",
        path: "/me/messages",
        args: { subject: "body", body: "body", to_recipients: "body", cc_recipients: "body", bcc_recipients: "body", importance: "body" },
        wireNames: { to_recipients: "toRecipients", cc_recipients: "ccRecipients", bcc_recipients: "bccRecipients" },
      },
    },
    {
      slug: "OUTLOOK_SEND_DRAFT",
      name: "Send draft",
      description: "Send a message that is saved in Drafts (from OUTLOOK_CREATE_DRAFT) to its recipients.",
      inputSchema: {
        type: "object",
        properties: { message_id: { ...messageId, description: "The draft's message id." } },
        required: ["message_id"],
        additionalProperties: false,
      },
      tags: WRITE_MAIL,
      version: VERSION,
      scopes: [MAIL_SEND],
      http: { method: "POST", path: "/me/messages/{message_id}/send", args: { message_id: "path" } },
    },
    {
      slug: "OUTLOOK_UPDATE_EMAIL",
      name: "Update message",
      description: "Mark a message read or unread, flag it, set its categories or importance. Only the fields given change.",
      inputSchema: {
        type: "object",
        properties: {
          message_id: messageId,
          is_read: { type: "boolean", description: "true marks it read, false unread." },
          flag: {
            type: "object",
            description: "Follow-up flag, e.g. {\"flagStatus\": \"flagged\"}.",
            properties: {
              flagStatus: { type: "string", enum: ["notFlagged", "flagged", "complete"], description: "The flag state." },
            },
            required: ["flagStatus"],
          },
          categories: { type: "array", description: "Outlook category names; replaces the current list.", items: { type: "string", description: "A category name." } },
          importance,
        },
        required: ["message_id"],
        additionalProperties: false,
      },
      tags: ["idempotentHint", "openWorldHint", "email"],
      version: VERSION,
      scopes: [MAIL_RW],
      http: {
        method: "PATCH",
        path: "/me/messages/{message_id}",
        args: { message_id: "path", is_read: "body", flag: "body", categories: "body", importance: "body" },
        wireNames: { is_read: "isRead" },
      },
    },
    {
      slug: "OUTLOOK_MOVE_MESSAGE",
      name: "Move message",
      description: "Move a message to another mail folder, e.g. archive it. The moved message gets a new id, which is returned.",
      inputSchema: {
        type: "object",
        properties: {
          message_id: messageId,
          destination_id: {
            type: "string",
            description: "The destination folder's id (OUTLOOK_LIST_MAIL_FOLDERS) or a well-known name: inbox, archive, deleteditems, junkemail, drafts, sentitems.",
          },
        },
        required: ["message_id", "destination_id"],
        additionalProperties: false,
      },
      tags: WRITE_MAIL,
      version: VERSION,
      scopes: [MAIL_RW],
      http: {
        method: "POST",
        path: "/me/messages/{message_id}/move",
        args: { message_id: "path", destination_id: "body" },
        wireNames: { destination_id: "destinationId" },
      },
    },
    {
      slug: "OUTLOOK_DELETE_MESSAGE",
      name: "Delete message",
      description: "Delete a message: it moves to Deleted Items, from which it can still be recovered.",
      inputSchema: {
        type: "object",
        properties: { message_id: messageId },
        required: ["message_id"],
        additionalProperties: false,
      },
      tags: ["destructiveHint", "idempotentHint", "openWorldHint", "email"],
      version: VERSION,
      scopes: [MAIL_RW],
      http: { method: "DELETE", path: "/me/messages/{message_id}", args: { message_id: "path" } },
    },
    {
      slug: "OUTLOOK_LIST_MAIL_FOLDERS",
      name: "List mail folders",
      description: "List the top-level mail folders (Inbox, Archive, user folders…) with their ids and unread and total counts.",
      inputSchema: {
        type: "object",
        properties: {
          top: top(10, 1000),
          skip,
          include_hidden_folders: { type: "boolean", description: "Include hidden folders (default false)." },
        },
        additionalProperties: false,
      },
      tags: READ_MAIL,
      version: VERSION,
      scopes: [MAIL_RW],
      http: {
        method: "GET",
        path: "/me/mailFolders",
        args: { top: "query", skip: "query", include_hidden_folders: "query" },
        wireNames: { top: "$top", skip: "$skip", include_hidden_folders: "includeHiddenFolders" },
      },
    },
    {
      slug: "OUTLOOK_LIST_EVENTS",
      name: "List events",
      description:
        "List events on the user's default calendar, with OData filtering and sorting, e.g. filter \"start/dateTime ge '2026-11-01T00:00:00'\". Recurring series appear once, as their master event; use OUTLOOK_GET_CALENDAR_VIEW to see each occurrence in a date range.",
      inputSchema: {
        type: "object",
        properties: {
          filter: { type: "string", description: "OData filter, e.g. \"start/dateTime ge '2026-11-01T00:00:00'\" or \"contains(subject, 'review')\"." },
          orderby: { type: "string", description: "Sort order, e.g. \"start/dateTime\"." },
          top: top(10, 1000),
          skip,
          select: select(EVENT_SELECT),
          prefer: preferTimeZone,
        },
        additionalProperties: false,
      },
      tags: READ_CAL,
      version: VERSION,
      scopes: [CAL_RW],
      http: {
        method: "GET",
        path: "/me/events",
        args: { filter: "query", orderby: "query", top: "query", skip: "query", select: "query", prefer: "header" },
        wireNames: { ...odata(["filter", "orderby", "top", "skip", "select"]), prefer: "Prefer" },
      },
    },
    {
      slug: "OUTLOOK_GET_CALENDAR_VIEW",
      name: "Get calendar view",
      description:
        "List every event occurrence between two times on the user's default calendar, with recurring events expanded. The best way to answer \"what is on my calendar this week\".",
      inputSchema: {
        type: "object",
        properties: {
          start_date_time: { type: "string", description: "Start of the window, ISO 8601, e.g. \"2026-11-03T00:00:00Z\" or with an offset." },
          end_date_time: { type: "string", description: "End of the window, ISO 8601, e.g. \"2026-11-10T00:00:00Z\"." },
          orderby: { type: "string", description: "Sort order, e.g. \"start/dateTime\"." },
          top: top(10, 1000),
          skip,
          select: select(EVENT_SELECT),
          prefer: preferTimeZone,
        },
        required: ["start_date_time", "end_date_time"],
        additionalProperties: false,
      },
      tags: READ_CAL,
      version: VERSION,
      scopes: [CAL_RW],
      http: {
        method: "GET",
        path: "/me/calendarView",
        args: {
          start_date_time: "query",
          end_date_time: "query",
          orderby: "query",
          top: "query",
          skip: "query",
          select: "query",
          prefer: "header",
        },
        wireNames: {
          start_date_time: "startDateTime",
          end_date_time: "endDateTime",
          ...odata(["orderby", "top", "skip", "select"]),
          prefer: "Prefer",
        },
      },
    },
    {
      slug: "OUTLOOK_GET_EVENT",
      name: "Get event",
      description: "Get one calendar event by id, with its body, attendees and their responses, and online meeting link.",
      inputSchema: {
        type: "object",
        properties: {
          event_id: eventId,
          select: { type: "string", description: "Comma-separated properties to return; omit for all." },
          prefer: preferTimeZone,
        },
        required: ["event_id"],
        additionalProperties: false,
      },
      tags: READ_CAL,
      version: VERSION,
      scopes: [CAL_RW],
      http: {
        method: "GET",
        path: "/me/events/{event_id}",
        args: { event_id: "path", select: "query", prefer: "header" },
        wireNames: { select: "$select", prefer: "Prefer" },
      },
    },
    {
      slug: "OUTLOOK_CREATE_EVENT",
      name: "Create event",
      description:
        "Create an event on the user's default calendar; invitations go to any attendees automatically. Set is_online_meeting to add a Teams link.",
      inputSchema: {
        type: "object",
        properties: {
          start: dateTimeTimeZone("When it starts"),
          end: dateTimeTimeZone("When it ends"),
          ...eventFields,
        },
        required: ["subject", "start", "end"],
        additionalProperties: false,
      },
      tags: WRITE_CAL,
      version: VERSION,
      scopes: [CAL_RW],
      http: { method: "POST", path: "/me/events", wireNames: eventWireNames },
    },
    {
      slug: "OUTLOOK_UPDATE_EVENT",
      name: "Update event",
      description:
        "Change an event: only the fields given change (attendees, when given, replace the list). Attendees are sent an update when the user is the organizer.",
      inputSchema: {
        type: "object",
        properties: {
          event_id: eventId,
          start: dateTimeTimeZone("The new start"),
          end: dateTimeTimeZone("The new end"),
          ...eventFields,
        },
        required: ["event_id"],
        additionalProperties: false,
      },
      tags: UPDATE_CAL,
      version: VERSION,
      scopes: [CAL_RW],
      http: { method: "PATCH", path: "/me/events/{event_id}", args: { event_id: "path" }, wireNames: eventWireNames },
    },
    {
      slug: "OUTLOOK_DELETE_EVENT",
      name: "Delete event",
      description: "Delete an event from the calendar. If the user organised the meeting, attendees get a cancellation.",
      inputSchema: {
        type: "object",
        properties: { event_id: eventId },
        required: ["event_id"],
        additionalProperties: false,
      },
      tags: ["destructiveHint", "idempotentHint", "openWorldHint", "calendar"],
      version: VERSION,
      scopes: [CAL_RW],
      http: { method: "DELETE", path: "/me/events/{event_id}", args: { event_id: "path" } },
    },
    {
      slug: "OUTLOOK_RESPOND_TO_EVENT",
      name: "Respond to invitation",
      description: "Accept, tentatively accept or decline a meeting invitation, optionally with a note to the organizer.",
      inputSchema: {
        type: "object",
        properties: {
          event_id: eventId,
          response: {
            type: "string",
            enum: ["accept", "tentativelyAccept", "decline"],
            description: "The answer to give.",
          },
          comment: { type: "string", description: "An optional note to the organizer." },
          send_response: { type: "boolean", description: "Send the response to the organizer (default true)." },
        },
        required: ["event_id", "response"],
        additionalProperties: false,
      },
      tags: ["idempotentHint", "openWorldHint", "calendar"],
      version: VERSION,
      scopes: [CAL_RW],
      http: {
        method: "POST",
        path: "/me/events/{event_id}/{response}",
        args: { event_id: "path", response: "path", comment: "body", send_response: "body" },
        wireNames: { send_response: "sendResponse" },
      },
    },
    {
      slug: "OUTLOOK_GET_SCHEDULE",
      name: "Get free/busy schedule",
      description:
        "Get the free/busy schedule of people or rooms (including the user) between two times, to find a time that suits everyone. Works for accounts in the user's organisation.",
      inputSchema: {
        type: "object",
        properties: {
          schedules: {
            type: "array",
            description: "Email addresses of the people, rooms or distribution lists to check.",
            items: { type: "string", description: "An email address." },
          },
          start_time: dateTimeTimeZone("Start of the window"),
          end_time: dateTimeTimeZone("End of the window"),
          availability_view_interval: {
            type: "integer",
            description: "Length of each slot in the returned availabilityView string, in minutes (5-1440, default 30).",
          },
        },
        required: ["schedules", "start_time", "end_time"],
        additionalProperties: false,
      },
      tags: READ_CAL,
      version: VERSION,
      scopes: [CAL_RW],
      http: {
        method: "POST",
        path: "/me/calendar/getSchedule",
        args: { schedules: "body", start_time: "body", end_time: "body", availability_view_interval: "body" },
        wireNames: { start_time: "startTime", end_time: "endTime", availability_view_interval: "availabilityViewInterval" },
      },
    },
    {
      slug: "OUTLOOK_LIST_CALENDARS",
      name: "List calendars",
      description: "List the user's calendars with their ids, names, colours and whether the user can edit them.",
      inputSchema: {
        type: "object",
        properties: { top: top(10, 1000), skip },
        additionalProperties: false,
      },
      tags: READ_CAL,
      version: VERSION,
      scopes: [CAL_RW],
      http: { method: "GET", path: "/me/calendars", args: { top: "query", skip: "query" }, wireNames: odata(["top", "skip"]) },
    },
    {
      slug: "OUTLOOK_LIST_CONTACTS",
      name: "List contacts",
      description:
        "List the user's Outlook contacts, optionally filtered, e.g. filter \"startswith(displayName, 'Ana')\" or \"emailAddresses/any(a: a/address eq 'ana@example.com')\".",
      inputSchema: {
        type: "object",
        properties: {
          filter: { type: "string", description: "OData filter on contact properties." },
          orderby: { type: "string", description: "Sort order, e.g. \"displayName\"." },
          top: top(10, 1000),
          skip,
          select: select("id,displayName,givenName,surname,emailAddresses,businessPhones,mobilePhone,companyName,jobTitle"),
        },
        additionalProperties: false,
      },
      tags: ["readOnlyHint", "openWorldHint", "contacts"],
      version: VERSION,
      scopes: [CONTACTS_RW],
      http: {
        method: "GET",
        path: "/me/contacts",
        args: { filter: "query", orderby: "query", top: "query", skip: "query", select: "query" },
        wireNames: odata(["filter", "orderby", "top", "skip", "select"]),
      },
    },
    {
      slug: "OUTLOOK_CREATE_CONTACT",
      name: "Create contact",
      description: "Add a contact to the user's Outlook contacts.",
      inputSchema: {
        type: "object",
        properties: {
          given_name: { type: "string", description: "First name." },
          surname: { type: "string", description: "Last name." },
          email_addresses: {
            type: "array",
            description: "Email addresses, e.g. [{\"address\": \"ana@example.com\", \"name\": \"Ana Lima\"}].",
            items: {
              type: "object",
              description: "One email address.",
              properties: {
                address: { type: "string", description: "The email address." },
                name: { type: "string", description: "The display name for it." },
              },
              required: ["address"],
            },
          },
          business_phones: { type: "array", description: "Business phone numbers.", items: { type: "string", description: "A phone number." } },
          mobile_phone: { type: "string", description: "Mobile phone number." },
          company_name: { type: "string", description: "Company." },
          job_title: { type: "string", description: "Job title." },
        },
        required: ["given_name"],
        additionalProperties: false,
      },
      tags: ["openWorldHint", "contacts"],
      version: VERSION,
      scopes: [CONTACTS_RW],
      http: {
        method: "POST",
        path: "/me/contacts",
        wireNames: {
          given_name: "givenName",
          email_addresses: "emailAddresses",
          business_phones: "businessPhones",
          mobile_phone: "mobilePhone",
          company_name: "companyName",
          job_title: "jobTitle",
        },
      },
    },
    {
      slug: "OUTLOOK_GET_PROFILE",
      name: "Get profile",
      description: "Get the connected user's profile: display name, email address (mail and userPrincipalName), job title and id.",
      inputSchema: {
        type: "object",
        properties: {
          select: select("id,displayName,mail,userPrincipalName,givenName,surname,jobTitle,officeLocation,preferredLanguage"),
        },
        additionalProperties: false,
      },
      tags: ["readOnlyHint", "openWorldHint"],
      version: VERSION,
      scopes: [USER_READ],
      http: { method: "GET", path: "/me", args: { select: "query" }, wireNames: { select: "$select" } },
    },
  ],
  aliases: {
    OUTLOOK_OUTLOOK_SEND_EMAIL: "OUTLOOK_SEND_EMAIL",
    OUTLOOK_OUTLOOK_LIST_MESSAGES: "OUTLOOK_LIST_MESSAGES",
    OUTLOOK_OUTLOOK_SEARCH_MESSAGES: "OUTLOOK_SEARCH_MESSAGES",
    OUTLOOK_OUTLOOK_GET_MESSAGE: "OUTLOOK_GET_MESSAGE",
    OUTLOOK_OUTLOOK_REPLY_EMAIL: "OUTLOOK_REPLY_EMAIL",
    OUTLOOK_OUTLOOK_CREATE_DRAFT: "OUTLOOK_CREATE_DRAFT",
    OUTLOOK_OUTLOOK_UPDATE_EMAIL: "OUTLOOK_UPDATE_EMAIL",
    OUTLOOK_OUTLOOK_MOVE_MESSAGE: "OUTLOOK_MOVE_MESSAGE",
    OUTLOOK_OUTLOOK_LIST_MAIL_FOLDERS: "OUTLOOK_LIST_MAIL_FOLDERS",
    OUTLOOK_OUTLOOK_LIST_EVENTS: "OUTLOOK_LIST_EVENTS",
    OUTLOOK_OUTLOOK_GET_EVENT: "OUTLOOK_GET_EVENT",
    OUTLOOK_CALENDAR_CREATE_EVENT: "OUTLOOK_CREATE_EVENT",
    OUTLOOK_OUTLOOK_CALENDAR_CREATE_EVENT: "OUTLOOK_CREATE_EVENT",
    OUTLOOK_UPDATE_CALENDAR_EVENT: "OUTLOOK_UPDATE_EVENT",
    OUTLOOK_OUTLOOK_UPDATE_CALENDAR_EVENT: "OUTLOOK_UPDATE_EVENT",
    OUTLOOK_DELETE_CALENDAR_EVENT: "OUTLOOK_DELETE_EVENT",
    OUTLOOK_OUTLOOK_DELETE_EVENT: "OUTLOOK_DELETE_EVENT",
    OUTLOOK_OUTLOOK_GET_SCHEDULE: "OUTLOOK_GET_SCHEDULE",
    OUTLOOK_OUTLOOK_GET_CALENDAR_VIEW: "OUTLOOK_GET_CALENDAR_VIEW",
    OUTLOOK_OUTLOOK_LIST_CONTACTS: "OUTLOOK_LIST_CONTACTS",
    OUTLOOK_LIST_USER_CONTACTS: "OUTLOOK_LIST_CONTACTS",
    OUTLOOK_OUTLOOK_CREATE_CONTACT: "OUTLOOK_CREATE_CONTACT",
    OUTLOOK_OUTLOOK_GET_PROFILE: "OUTLOOK_GET_PROFILE",
  },
};

/** The OData wire names for the given plain argument names. */
function odata<K extends keyof typeof ODATA>(keys: K[]): Record<string, string> {
  return Object.fromEntries(keys.map((k) => [k, ODATA[k]]));
}

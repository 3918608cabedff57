import type { ToolkitInput } from "../definition.ts";

/**
 * Google Calendar through the Calendar API v3 (https://developers.google.com/calendar/api/v3/reference).
 * `calendar.events` covers creating, changing, moving and deleting events; `calendar.readonly`
 * covers the calendar list, free/busy and settings. Creating or deleting whole calendars (which
 * would need the full `calendar` scope) is left out on purpose.
 */

const VERSION = "20261101_00";
const EVENTS = "https://www.googleapis.com/auth/calendar.events";
const READONLY = "https://www.googleapis.com/auth/calendar.readonly";

const READ = ["readOnlyHint", "openWorldHint", "calendar"];
const WRITE = ["openWorldHint", "calendar"];
const UPDATE = ["destructiveHint", "idempotentHint", "openWorldHint", "calendar"];
const DESTRUCTIVE = ["destructiveHint", "idempotentHint", "openWorldHint", "calendar"];

const calendarId = {
  type: "string",
  description:
    "The calendar: \"primary\" for the user's main calendar, or a calendar id from GOOGLECALENDAR_LIST_CALENDARS (often an email address, or …@group.calendar.google.com).",
  default: "primary",
};
const eventId = { type: "string", description: "The event id (the `id` field from GOOGLECALENDAR_EVENTS_LIST)." };
const sendUpdates = {
  type: "string",
  enum: ["all", "externalOnly", "none"],
  description: "Who gets an email about this change: all guests, only guests outside the organisation, or nobody (the default).",
};
const timeZone = {
  type: "string",
  description: "An IANA time zone name such as \"Europe/Paris\" or \"America/New_York\".",
};
const eventTime = (which: string) => ({
  type: "object",
  description: `When the event ${which}. Give dateTime for a timed event or date for an all-day event, not both.`,
  properties: {
    dateTime: {
      type: "string",
      description: "RFC 3339 date-time, e.g. \"2026-11-03T14:00:00-05:00\"; the offset may be left out when timeZone is given.",
    },
    date: { type: "string", format: "date", description: "For all-day events: the date as YYYY-MM-DD (an all-day event's end date is exclusive)." },
    timeZone: { ...timeZone, description: "IANA time zone for dateTime, e.g. \"America/New_York\"; required for recurring events." },
  },
});
const attendees = {
  type: "array",
  description: "The guests. Setting this on an update replaces the whole guest list.",
  items: {
    type: "object",
    description: "One guest.",
    properties: {
      email: { type: "string", description: "The guest's email address." },
      displayName: { type: "string", description: "The guest's name, optional." },
      optional: { type: "boolean", description: "Whether the guest is optional (default false)." },
    },
    required: ["email"],
  },
};
const reminders = {
  type: "object",
  description: "Reminders for the connected user. Omit to keep the calendar's default reminders.",
  properties: {
    useDefault: { type: "boolean", description: "Use the calendar's default reminders; set false to use overrides." },
    overrides: {
      type: "array",
      description: "Custom reminders (at most 5), used when useDefault is false.",
      items: {
        type: "object",
        description: "One reminder.",
        properties: {
          method: { type: "string", enum: ["email", "popup"], description: "How to remind." },
          minutes: { type: "integer", description: "Minutes before the start (0-40320)." },
        },
        required: ["method", "minutes"],
      },
    },
  },
};
const eventFields = {
  summary: { type: "string", description: "The event's title." },
  description: { type: "string", description: "Notes for the event; basic HTML is allowed." },
  location: { type: "string", description: "Free-form location, e.g. an address or a room name." },
  attendees,
  recurrence: {
    type: "array",
    items: { type: "string", description: "One RRULE, EXRULE, RDATE or EXDATE line." },
    description: "RRULE/EXRULE/RDATE/EXDATE lines for a recurring event, e.g. [\"RRULE:FREQ=WEEKLY;BYDAY=MO,WE;COUNT=10\"]. Needs timeZone on start and end.",
  },
  reminders,
  visibility: {
    type: "string",
    enum: ["default", "public", "private", "confidential"],
    description: "Who can see the event's details (default: the calendar's setting).",
  },
  transparency: {
    type: "string",
    enum: ["opaque", "transparent"],
    description: "\"opaque\" blocks time (busy, the default); \"transparent\" does not (free).",
  },
  color_id: { type: "string", description: "An event color id \"1\" to \"11\"." },
  guests_can_modify: { type: "boolean", description: "Whether guests may edit the event (default false)." },
  guests_can_invite_others: { type: "boolean", description: "Whether guests may invite others (default true)." },
  guests_can_see_other_guests: { type: "boolean", description: "Whether guests can see the guest list (default true)." },
};
const eventWireNames = {
  color_id: "colorId",
  guests_can_modify: "guestsCanModify",
  guests_can_invite_others: "guestsCanInviteOthers",
  guests_can_see_other_guests: "guestsCanSeeOtherGuests",
  send_updates: "sendUpdates",
  conference_data_version: "conferenceDataVersion",
  conference_data: "conferenceData",
} as const;
const conferenceData = {
  type: "object",
  description:
    "To add a Google Meet link, send {\"createRequest\": {\"requestId\": \"<any unique string>\", \"conferenceSolutionKey\": {\"type\": \"hangoutsMeet\"}}} together with conference_data_version 1.",
  properties: {
    createRequest: {
      type: "object",
      description: "Asks Google to create a new conference for the event.",
      properties: {
        requestId: { type: "string", description: "A client-chosen unique id for this request, e.g. a random string." },
        conferenceSolutionKey: {
          type: "object",
          description: "Which conference product to use.",
          properties: { type: { type: "string", enum: ["hangoutsMeet"], description: "hangoutsMeet for Google Meet." } },
          required: ["type"],
        },
      },
      required: ["requestId", "conferenceSolutionKey"],
    },
  },
};
const conferenceDataVersion = {
  type: "integer",
  description: "Set to 1 when sending conference_data (e.g. to create a Google Meet link); 0 (default) ignores it.",
};
const maxResults = (max: number) => ({ type: "integer", description: `How many results per page (at most ${max}).` });
const pageToken = { type: "string", description: "The `nextPageToken` from a previous call, to fetch the next page." };

export const googlecalendar: ToolkitInput = {
  slug: "googlecalendar",
  name: "Google Calendar",
  description: "List, create, update, move and delete events, check free/busy times and read calendars in Google Calendar.",
  categories: ["calendar", "productivity"],
  logo: "https://www.gstatic.com/images/branding/product/2x/calendar_2020q4_48dp.png",
  baseUrl: "https://www.googleapis.com/calendar/v3",
  authSchemes: [
    {
      type: "OAUTH2",
      authorizeUrl: "https://accounts.google.com/o/oauth2/v2/auth",
      tokenUrl: "https://oauth2.googleapis.com/token",
      revokeUrl: "https://oauth2.googleapis.com/revoke",
      defaultScopes: [EVENTS, READONLY],
      scopeSeparator: " ",
      pkce: true,
      tokenEndpointAuthMethod: "client_secret_post",
      authorizeParams: { access_type: "offline", prompt: "consent" },
    },
    { type: "BEARER_TOKEN" },
  ],
  tools: [
    {
      slug: "GOOGLECALENDAR_LIST_CALENDARS",
      name: "List calendars",
      description:
        "List the calendars in the user's calendar list (their own, shared and subscribed ones) with ids, names, time zones and the user's access role. Use it to find a calendar id.",
      inputSchema: {
        type: "object",
        properties: {
          max_results: maxResults(250),
          page_token: pageToken,
          min_access_role: {
            type: "string",
            enum: ["freeBusyReader", "reader", "writer", "owner"],
            description: "Only list calendars where the user has at least this access, e.g. \"writer\" for calendars they can add events to.",
          },
          show_hidden: { type: "boolean", description: "Include calendars hidden from the list (default false)." },
          show_deleted: { type: "boolean", description: "Include deleted calendar list entries (default false)." },
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [READONLY],
      http: {
        method: "GET",
        path: "/users/me/calendarList",
        args: { max_results: "query", page_token: "query", min_access_role: "query", show_hidden: "query", show_deleted: "query" },
        wireNames: { max_results: "maxResults", page_token: "pageToken", min_access_role: "minAccessRole", show_hidden: "showHidden", show_deleted: "showDeleted" },
      },
    },
    {
      slug: "GOOGLECALENDAR_GET_CALENDAR",
      name: "Get calendar",
      description: "Get one calendar's metadata: its name (summary), description, location and time zone.",
      inputSchema: {
        type: "object",
        properties: { calendar_id: calendarId },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [READONLY],
      http: { method: "GET", path: "/calendars/{calendar_id}", args: { calendar_id: "path" } },
    },
    {
      slug: "GOOGLECALENDAR_EVENTS_LIST",
      name: "List events",
      description:
        "List or search events on a calendar, optionally within a time window and matching free text. Set single_events true (and order_by startTime) to get recurring events expanded into individual occurrences in chronological order.",
      inputSchema: {
        type: "object",
        properties: {
          calendar_id: calendarId,
          time_min: {
            type: "string",
            format: "date-time",
            description: "Only events ending after this time, RFC 3339 with offset, e.g. \"2026-11-03T00:00:00Z\".",
          },
          time_max: {
            type: "string",
            format: "date-time",
            description: "Only events starting before this time, RFC 3339 with offset, e.g. \"2026-11-10T00:00:00Z\".",
          },
          q: { type: "string", description: "Free-text search over summary, description, location, attendees and organizer." },
          single_events: { type: "boolean", description: "Expand recurring events into their occurrences (default false)." },
          order_by: {
            type: "string",
            enum: ["startTime", "updated"],
            description: "Sort order; \"startTime\" requires single_events true.",
          },
          max_results: maxResults(2500),
          page_token: pageToken,
          time_zone: { ...timeZone, description: "IANA time zone for the times in the response (default: the calendar's)." },
          show_deleted: { type: "boolean", description: "Include cancelled events (default false)." },
          updated_min: {
            type: "string",
            format: "date-time",
            description: "Only events modified after this time, RFC 3339 with offset.",
          },
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [EVENTS],
      http: {
        method: "GET",
        path: "/calendars/{calendar_id}/events",
        args: {
          calendar_id: "path",
          time_min: "query",
          time_max: "query",
          q: "query",
          single_events: "query",
          order_by: "query",
          max_results: "query",
          page_token: "query",
          time_zone: "query",
          show_deleted: "query",
          updated_min: "query",
        },
        wireNames: {
          time_min: "timeMin",
          time_max: "timeMax",
          single_events: "singleEvents",
          order_by: "orderBy",
          max_results: "maxResults",
          page_token: "pageToken",
          time_zone: "timeZone",
          show_deleted: "showDeleted",
          updated_min: "updatedMin",
        },
      },
    },
    {
      slug: "GOOGLECALENDAR_GET_EVENT",
      name: "Get event",
      description: "Get one event by id, with its times, attendees and their responses, conference link and recurrence.",
      inputSchema: {
        type: "object",
        properties: {
          calendar_id: calendarId,
          event_id: eventId,
          time_zone: { ...timeZone, description: "IANA time zone for the times in the response (default: the calendar's)." },
        },
        required: ["event_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [EVENTS],
      http: {
        method: "GET",
        path: "/calendars/{calendar_id}/events/{event_id}",
        args: { calendar_id: "path", event_id: "path", time_zone: "query" },
        wireNames: { time_zone: "timeZone" },
      },
    },
    {
      slug: "GOOGLECALENDAR_EVENTS_INSTANCES",
      name: "List recurring event instances",
      description: "List the individual occurrences of a recurring event, optionally within a time window.",
      inputSchema: {
        type: "object",
        properties: {
          calendar_id: calendarId,
          event_id: { type: "string", description: "The id of the recurring event." },
          time_min: { type: "string", format: "date-time", description: "Only occurrences ending after this time (RFC 3339 with offset)." },
          time_max: { type: "string", format: "date-time", description: "Only occurrences starting before this time (RFC 3339 with offset)." },
          max_results: maxResults(2500),
          page_token: pageToken,
          time_zone: { ...timeZone, description: "IANA time zone for the times in the response." },
        },
        required: ["event_id"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [EVENTS],
      http: {
        method: "GET",
        path: "/calendars/{calendar_id}/events/{event_id}/instances",
        args: {
          calendar_id: "path",
          event_id: "path",
          time_min: "query",
          time_max: "query",
          max_results: "query",
          page_token: "query",
          time_zone: "query",
        },
        wireNames: { time_min: "timeMin", time_max: "timeMax", max_results: "maxResults", page_token: "pageToken", time_zone: "timeZone" },
      },
    },
    {
      slug: "GOOGLECALENDAR_CREATE_EVENT",
      name: "Create event",
      description:
        "Create an event on a calendar, with optional guests (emailed only if send_updates says so), recurrence, reminders and a Google Meet link. Give start and end as objects, e.g. {\"dateTime\": \"2026-11-03T14:00:00\", \"timeZone\": \"Europe/Paris\"}, or {\"date\": \"2026-11-03\"} for all-day events.",
      inputSchema: {
        type: "object",
        properties: {
          calendar_id: calendarId,
          start: eventTime("starts"),
          end: eventTime("ends (exclusive)"),
          ...eventFields,
          conference_data: conferenceData,
          conference_data_version: conferenceDataVersion,
          send_updates: sendUpdates,
        },
        required: ["start", "end"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [EVENTS],
      http: {
        method: "POST",
        path: "/calendars/{calendar_id}/events",
        args: { calendar_id: "path", send_updates: "query", conference_data_version: "query" },
        wireNames: eventWireNames,
      },
    },
    {
      slug: "GOOGLECALENDAR_QUICK_ADD",
      name: "Quick add event",
      description:
        "Create an event from a plain-language sentence, the way Google Calendar's quick add does, e.g. \"Lunch with Ana at Café Bleu tomorrow 12:30-13:30\". Use GOOGLECALENDAR_CREATE_EVENT when exact fields matter.",
      inputSchema: {
        type: "object",
        properties: {
          calendar_id: calendarId,
          text: { type: "string", description: "The sentence describing the event: what, when and optionally where." },
          send_updates: sendUpdates,
        },
        required: ["text"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [EVENTS],
      http: {
        method: "POST",
        path: "/calendars/{calendar_id}/events/quickAdd",
        args: { calendar_id: "path", text: "query", send_updates: "query" },
        wireNames: { send_updates: "sendUpdates" },
      },
    },
    {
      slug: "GOOGLECALENDAR_UPDATE_EVENT",
      name: "Update event",
      description:
        "Change an existing event: only the fields given are changed, the rest stay as they are (attendees, when given, replace the whole guest list). Use it to reschedule, rename, add guests or a Meet link.",
      inputSchema: {
        type: "object",
        properties: {
          calendar_id: calendarId,
          event_id: eventId,
          start: eventTime("starts"),
          end: eventTime("ends (exclusive)"),
          ...eventFields,
          status: {
            type: "string",
            enum: ["confirmed", "tentative", "cancelled"],
            description: "The event's status; \"cancelled\" cancels it.",
          },
          conference_data: conferenceData,
          conference_data_version: conferenceDataVersion,
          send_updates: sendUpdates,
        },
        required: ["event_id"],
        additionalProperties: false,
      },
      tags: UPDATE,
      version: VERSION,
      scopes: [EVENTS],
      http: {
        method: "PATCH",
        path: "/calendars/{calendar_id}/events/{event_id}",
        args: { calendar_id: "path", event_id: "path", send_updates: "query", conference_data_version: "query" },
        wireNames: eventWireNames,
      },
    },
    {
      slug: "GOOGLECALENDAR_EVENTS_MOVE",
      name: "Move event to another calendar",
      description: "Move an event to a different calendar, changing its organizer calendar. Only default events can be moved (not birthdays or out-of-office).",
      inputSchema: {
        type: "object",
        properties: {
          calendar_id: { ...calendarId, description: "The calendar the event is on now (\"primary\" or a calendar id)." },
          event_id: eventId,
          destination: { type: "string", description: "The id of the calendar to move the event to." },
          send_updates: sendUpdates,
        },
        required: ["event_id", "destination"],
        additionalProperties: false,
      },
      tags: WRITE,
      version: VERSION,
      scopes: [EVENTS],
      http: {
        method: "POST",
        path: "/calendars/{calendar_id}/events/{event_id}/move",
        args: { calendar_id: "path", event_id: "path", destination: "query", send_updates: "query" },
        wireNames: { send_updates: "sendUpdates" },
      },
    },
    {
      slug: "GOOGLECALENDAR_DELETE_EVENT",
      name: "Delete event",
      description: "Delete an event from a calendar (for a recurring event, deleting its id deletes the whole series; delete an instance id to drop one occurrence).",
      inputSchema: {
        type: "object",
        properties: { calendar_id: calendarId, event_id: eventId, send_updates: sendUpdates },
        required: ["event_id"],
        additionalProperties: false,
      },
      tags: DESTRUCTIVE,
      version: VERSION,
      scopes: [EVENTS],
      http: {
        method: "DELETE",
        path: "/calendars/{calendar_id}/events/{event_id}",
        args: { calendar_id: "path", event_id: "path", send_updates: "query" },
        wireNames: { send_updates: "sendUpdates" },
      },
    },
    {
      slug: "GOOGLECALENDAR_FIND_FREE_SLOTS",
      name: "Query free/busy",
      description:
        "Get the busy time intervals of one or more calendars (or people, by email) between two times; any time not listed as busy is free. Use it to find a meeting slot.",
      inputSchema: {
        type: "object",
        properties: {
          time_min: { type: "string", format: "date-time", description: "Start of the window, RFC 3339 with offset, e.g. \"2026-11-03T08:00:00+01:00\"." },
          time_max: { type: "string", format: "date-time", description: "End of the window, RFC 3339 with offset." },
          items: {
            type: "array",
            description: "The calendars to check, e.g. [{\"id\": \"primary\"}, {\"id\": \"ana@example.com\"}].",
            items: {
              type: "object",
              description: "One calendar to check.",
              properties: { id: { type: "string", description: "A calendar id, \"primary\", or a person's email address." } },
              required: ["id"],
            },
          },
          time_zone: { ...timeZone, description: "IANA time zone for the response (default UTC)." },
        },
        required: ["time_min", "time_max", "items"],
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [READONLY],
      http: {
        method: "POST",
        path: "/freeBusy",
        args: { time_min: "body", time_max: "body", items: "body", time_zone: "body" },
        wireNames: { time_min: "timeMin", time_max: "timeMax", time_zone: "timeZone" },
      },
    },
    {
      slug: "GOOGLECALENDAR_LIST_SETTINGS",
      name: "List settings",
      description: "List the user's Calendar settings, including their time zone (\"timezone\"), locale, date/time format and week start.",
      inputSchema: {
        type: "object",
        properties: { max_results: maxResults(250), page_token: pageToken },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [READONLY],
      http: {
        method: "GET",
        path: "/users/me/settings",
        args: { max_results: "query", page_token: "query" },
        wireNames: { max_results: "maxResults", page_token: "pageToken" },
      },
    },
    {
      slug: "GOOGLECALENDAR_GET_SETTING",
      name: "Get setting",
      description: "Get one of the user's Calendar settings, e.g. \"timezone\" to learn which time zone to schedule in.",
      inputSchema: {
        type: "object",
        properties: {
          setting: {
            type: "string",
            description: "The setting id, e.g. \"timezone\", \"locale\", \"weekStart\", \"format24HourTime\", \"defaultEventLength\".",
            default: "timezone",
          },
        },
        additionalProperties: false,
      },
      tags: READ,
      version: VERSION,
      scopes: [READONLY],
      http: { method: "GET", path: "/users/me/settings/{setting}", args: { setting: "path" } },
    },
  ],
  aliases: {
    GOOGLECALENDAR_EVENTS_GET: "GOOGLECALENDAR_GET_EVENT",
    GOOGLECALENDAR_PATCH_EVENT: "GOOGLECALENDAR_UPDATE_EVENT",
    GOOGLECALENDAR_FREE_BUSY_QUERY: "GOOGLECALENDAR_FIND_FREE_SLOTS",
    GOOGLECALENDAR_LIST_EVENTS: "GOOGLECALENDAR_EVENTS_LIST",
    GOOGLECALENDAR_MOVE_EVENT: "GOOGLECALENDAR_EVENTS_MOVE",
    GOOGLECALENDAR_SETTINGS_LIST: "GOOGLECALENDAR_LIST_SETTINGS",
    GOOGLECALENDAR_SETTINGS_GET: "GOOGLECALENDAR_GET_SETTING",
  },
};

/**
 * A slice of Google Calendar API v3 (www.googleapis.com/calendar/v3): the calendar list,
 * calendars, and events (list with timeMin/timeMax/q/paging, get, insert, patch, delete),
 * answering errors in Calendar's older envelope.
 */
import { google, googleError, type GoogleCall, type GoogleErrorOptions } from "./google.ts";
import { type Ctx, type Handler, type Reply, empty, intParam, isObject, json } from "./http.ts";
import type { Router } from "./router.ts";
import type { Calendar, CalendarDateTime, CalendarEvent } from "./store/types.ts";

const BASE = "/calendar/v3";
const ROLES = ["freeBusyReader", "reader", "writer", "owner"] as const;

type CalendarHandler = (ctx: Ctx, params: Record<string, string>, calendar: Calendar, call: GoogleCall) => Reply;

function error(code: number, message: string, options: GoogleErrorOptions = {}): Reply {
  return googleError(code, message, { legacy: true, ...options });
}

const notFound = (): Reply => error(404, "Not Found");
const badRequest = (message = "Bad Request", reason = "badRequest"): Reply => error(400, message, { reason });

function calendarsOf(ctx: Ctx, call: GoogleCall): Calendar[] {
  return ctx.state.google.calendars.get(call.account.email) ?? [];
}

function findCalendar(ctx: Ctx, call: GoogleCall, id: string): Calendar | undefined {
  const calendars = calendarsOf(ctx, call);
  if (id === "primary") return calendars.find((c) => c.primary);
  return calendars.find((c) => c.id.toLowerCase() === id.toLowerCase());
}

/** Resolves `{calendarId}` to one of the caller's calendars, or answers 404. */
function withCalendar(method: string, handler: CalendarHandler): Handler {
  return google("calendar", `calendar.v3.${method}`, (ctx, params, call) => {
    const calendar = findCalendar(ctx, call, params.calendarId ?? "");
    return calendar ? handler(ctx, params, calendar, call) : notFound();
  });
}

function canWrite(calendar: Calendar): boolean {
  return calendar.accessRole === "owner" || calendar.accessRole === "writer";
}

function etag(iso: string): string {
  return `"${Date.parse(iso)}000"`;
}

function nowIso(): string {
  return new Date().toISOString();
}

// --- time -------------------------------------------------------------------------------

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/i;
const LOCAL = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?$/;

/** Milliseconds the zone is ahead of UTC at an instant. */
function zoneOffset(utcMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone,
    hourCycle: "h23",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).formatToParts(new Date(utcMs));
  const get = (type: string): number => Number(parts.find((p) => p.type === type)?.value ?? 0);
  return Date.UTC(get("year"), get("month") - 1, get("day"), get("hour"), get("minute"), get("second")) - utcMs;
}

/** A wall-clock time (`2025-06-16` or `2025-06-16T10:00:00`) in a zone, as epoch milliseconds. */
function localToUtc(local: string, timeZone: string): number | undefined {
  const m = LOCAL.exec(local);
  if (!m) return undefined;
  const guess = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  try {
    return guess - zoneOffset(guess - zoneOffset(guess, timeZone), timeZone);
  } catch {
    return undefined;
  }
}

function instant(when: CalendarDateTime, calendarZone: string): number | undefined {
  if (when.dateTime !== undefined) {
    if (RFC3339.test(when.dateTime)) return Date.parse(when.dateTime);
    return localToUtc(when.dateTime, when.timeZone ?? calendarZone);
  }
  if (when.date !== undefined && /^\d{4}-\d{2}-\d{2}$/.test(when.date)) return localToUtc(when.date, calendarZone);
  return undefined;
}

// --- rendering --------------------------------------------------------------------------

function eventJson(calendar: Calendar, event: CalendarEvent, self: string): Record<string, unknown> {
  const person = (email: string): Record<string, unknown> =>
    email.toLowerCase() === calendar.id.toLowerCase() || email.toLowerCase() === self
      ? email === calendar.id && !calendar.primary
        ? { email, displayName: calendar.summary, self: true }
        : { email, self: true }
      : { email };
  const json: Record<string, unknown> = {
    kind: "calendar#event",
    etag: etag(event.updated),
    id: event.id,
    status: event.status,
    htmlLink: `https://www.google.com/calendar/event?eid=${Buffer.from(`${event.id} ${calendar.id}`).toString("base64url")}`,
    created: event.created,
    updated: event.updated,
    summary: event.summary,
  };
  if (event.description !== undefined) json.description = event.description;
  if (event.location !== undefined) json.location = event.location;
  json.creator = person(event.creator);
  json.organizer = person(event.organizer);
  json.start = event.start;
  json.end = event.end;
  if (event.start.date !== undefined && calendar.accessRole === "reader") {
    json.transparency = "transparent";
    json.visibility = "public";
  }
  json.iCalUID = `${event.id}@google.com`;
  json.sequence = event.sequence;
  if (event.attendees.length > 0) {
    json.attendees = event.attendees.map((a) => ({
      email: a.email,
      ...(a.displayName ? { displayName: a.displayName } : {}),
      ...(a.email === event.organizer ? { organizer: true } : {}),
      ...(a.email.toLowerCase() === self ? { self: true } : {}),
      responseStatus: a.responseStatus,
    }));
  }
  json.reminders = { useDefault: true };
  json.eventType = "default";
  return json;
}

function listEntryJson(calendar: Calendar): Record<string, unknown> {
  const owner = calendar.accessRole === "owner";
  const json: Record<string, unknown> = {
    kind: "calendar#calendarListEntry",
    etag: `"${1_700_000_000_000 + calendar.colorId.length}"`,
    id: calendar.id,
    summary: calendar.summary,
  };
  if (calendar.description !== undefined) json.description = calendar.description;
  Object.assign(json, {
    timeZone: calendar.timeZone,
    colorId: calendar.colorId,
    backgroundColor: calendar.backgroundColor,
    foregroundColor: calendar.foregroundColor,
    selected: true,
    accessRole: calendar.accessRole,
    defaultReminders: owner ? [{ method: "popup", minutes: 10 }] : [],
    conferenceProperties: { allowedConferenceSolutionTypes: ["hangoutsMeet"] },
  });
  if (owner) json.notificationSettings = { notifications: [{ type: "eventCreation", method: "email" }] };
  if (calendar.primary) json.primary = true;
  return json;
}

/** Calendar's paging: maxResults (default 250, at most 2500) and an opaque pageToken. */
function page<T>(ctx: Ctx, items: T[], defaultMax: number, limit: number): { slice: T[]; nextPageToken?: string } | Reply {
  const requested = intParam(ctx.query, "maxResults", defaultMax);
  if (requested < 1) return error(400, "Invalid value for: maxResults", { reason: "invalid" });
  const max = Math.min(requested, limit);
  const token = ctx.query.get("pageToken");
  let offset = 0;
  if (token) {
    const m = /^CiAK(\d+)$/.exec(token);
    if (!m) return error(400, "Invalid page token value.", { reason: "invalid" });
    offset = Number(m[1]);
  }
  const slice = items.slice(offset, offset + max);
  return offset + max < items.length ? { slice, nextPageToken: `CiAK${offset + max}` } : { slice };
}

function isReply(value: unknown): value is Reply {
  return isObject(value) && typeof value.status === "number";
}

// --- handlers ---------------------------------------------------------------------------

const listCalendarList: Handler = google("calendar", "calendar.v3.CalendarList.List", (ctx, _params, call) => {
  const minRole = ctx.query.get("minAccessRole");
  if (minRole !== null && !(ROLES as readonly string[]).includes(minRole)) return error(400, "Invalid value for: minAccessRole", { reason: "invalid" });
  const min = minRole ? ROLES.indexOf(minRole as (typeof ROLES)[number]) : 0;
  const calendars = calendarsOf(ctx, call).filter((c) => ROLES.indexOf(c.accessRole) >= min);
  const paged = page(ctx, calendars, 100, 250);
  if (isReply(paged)) return paged;
  const body: Record<string, unknown> = { kind: "calendar#calendarList", etag: `"p33g${calendars.length}"` };
  if (paged.nextPageToken) body.nextPageToken = paged.nextPageToken;
  else body.nextSyncToken = "CPDAlvWDx70CEPDAlvWDx70CGAU=";
  body.items = paged.slice.map(listEntryJson);
  return json(200, body);
});

const getCalendarListEntry: Handler = google("calendar", "calendar.v3.CalendarList.Get", (ctx, params, call) => {
  const calendar = findCalendar(ctx, call, params.calendarId ?? "");
  return calendar ? json(200, listEntryJson(calendar)) : notFound();
});

const getCalendar: CalendarHandler = (_ctx, _params, calendar) => {
  const json_: Record<string, unknown> = { kind: "calendar#calendar", etag: `"${calendar.colorId}"`, id: calendar.id, summary: calendar.summary };
  if (calendar.description !== undefined) json_.description = calendar.description;
  json_.timeZone = calendar.timeZone;
  json_.conferenceProperties = { allowedConferenceSolutionTypes: ["hangoutsMeet"] };
  return json(200, json_);
};

const listEvents: CalendarHandler = (ctx, _params, calendar, call) => {
  const timeMin = ctx.query.get("timeMin");
  const timeMax = ctx.query.get("timeMax");
  for (const value of [timeMin, timeMax]) if (value !== null && !RFC3339.test(value)) return badRequest();
  const min = timeMin !== null ? Date.parse(timeMin) : -Infinity;
  const max = timeMax !== null ? Date.parse(timeMax) : Infinity;
  if (min >= max) return badRequest("The specified time range is empty.", "timeRangeEmpty");
  const orderBy = ctx.query.get("orderBy");
  if (orderBy !== null && orderBy !== "startTime" && orderBy !== "updated") return error(400, "Invalid value for: orderBy", { reason: "invalid" });
  if (orderBy === "startTime" && ctx.query.get("singleEvents") !== "true") {
    return badRequest("The requested ordering is not available for the particular query.");
  }
  const q = (ctx.query.get("q") ?? "").toLowerCase().split(/\s+/).filter((w) => w !== "");
  const showDeleted = ctx.query.get("showDeleted") === "true";
  const updatedMin = ctx.query.get("updatedMin");
  let events = calendar.events.filter((e) => {
    if (e.status === "cancelled" && !showDeleted) return false;
    const start = instant(e.start, calendar.timeZone) ?? 0;
    const end = instant(e.end, calendar.timeZone) ?? start;
    if (!(end > min && start < max)) return false;
    if (updatedMin !== null && e.updated < updatedMin) return false;
    const text = [e.summary, e.description ?? "", e.location ?? "", ...e.attendees.flatMap((a) => [a.email, a.displayName ?? ""]), e.organizer].join("\n").toLowerCase();
    return q.every((w) => text.includes(w));
  });
  if (orderBy === "startTime") events = [...events].sort((a, b) => (instant(a.start, calendar.timeZone) ?? 0) - (instant(b.start, calendar.timeZone) ?? 0));
  else if (orderBy === "updated") events = [...events].sort((a, b) => a.updated.localeCompare(b.updated));
  const paged = page(ctx, events, 250, 2500);
  if (isReply(paged)) return paged;
  const updated = calendar.events.reduce((latest, e) => (e.updated > latest ? e.updated : latest), "2025-01-01T00:00:00.000Z");
  const body: Record<string, unknown> = { kind: "calendar#events", etag: etag(updated), summary: calendar.summary };
  if (calendar.description !== undefined) body.description = calendar.description;
  Object.assign(body, {
    updated,
    timeZone: ctx.query.get("timeZone") ?? calendar.timeZone,
    accessRole: calendar.accessRole,
    defaultReminders: calendar.accessRole === "owner" ? [{ method: "popup", minutes: 10 }] : [],
  });
  if (paged.nextPageToken) body.nextPageToken = paged.nextPageToken;
  else body.nextSyncToken = "CPDAlvWDx70CEPDAlvWDx70CGAU=";
  body.items = paged.slice.map((e) => eventJson(calendar, e, call.account.email.toLowerCase()));
  return json(200, body);
};

function findEvent(calendar: Calendar, id: string): CalendarEvent | undefined {
  return calendar.events.find((e) => e.id === id);
}

const getEvent: CalendarHandler = (_ctx, params, calendar, call) => {
  const event = findEvent(calendar, params.eventId ?? "");
  return event ? json(200, eventJson(calendar, event, call.account.email.toLowerCase())) : notFound();
};

/** Validates a start/end pair as Calendar does; returns the error to send, if any. */
function checkTimes(start: unknown, end: unknown, calendar: Calendar): Reply | { start: CalendarDateTime; end: CalendarDateTime } {
  const parse = (value: unknown, which: "start" | "end"): CalendarDateTime | Reply => {
    if (!isObject(value) || (typeof value.dateTime !== "string" && typeof value.date !== "string")) {
      return error(400, `Missing ${which} time.`, { reason: "required" });
    }
    const when: CalendarDateTime = {};
    if (typeof value.dateTime === "string") {
      when.dateTime = value.dateTime;
      if (typeof value.timeZone === "string") when.timeZone = value.timeZone;
      if (!RFC3339.test(value.dateTime) && when.timeZone === undefined) {
        return error(400, `Missing time zone definition for ${which} time.`, { reason: "required" });
      }
    } else if (typeof value.date === "string") {
      when.date = value.date;
    }
    if (instant(when, calendar.timeZone) === undefined) return error(400, "Invalid value for: Invalid format: \"" + (when.dateTime ?? when.date) + '"', { reason: "invalid" });
    return when;
  };
  const s = parse(start, "start");
  if (isReply(s)) return s;
  const e = parse(end, "end");
  if (isReply(e)) return e;
  if ((s.date === undefined) !== (e.date === undefined)) {
    return error(400, "Start and end times must either both be date or both be dateTime.", { reason: "invalid" });
  }
  if ((instant(e, calendar.timeZone) ?? 0) <= (instant(s, calendar.timeZone) ?? 0)) {
    return error(400, "The specified time range is empty.", { reason: "timeRangeEmpty" });
  }
  return { start: s, end: e };
}

function attendeesOf(value: unknown): CalendarEvent["attendees"] | Reply {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return error(400, "Invalid value for: attendees", { reason: "invalid" });
  const attendees: CalendarEvent["attendees"] = [];
  for (const a of value) {
    if (!isObject(a) || typeof a.email !== "string" || a.email === "") return error(400, "Missing attendee email.", { reason: "required" });
    const attendee: CalendarEvent["attendees"][number] = { email: a.email, responseStatus: typeof a.responseStatus === "string" ? a.responseStatus : "needsAction" };
    if (typeof a.displayName === "string") attendee.displayName = a.displayName;
    attendees.push(attendee);
  }
  return attendees;
}

const insertEvent: CalendarHandler = (ctx, _params, calendar, call) => {
  if (!canWrite(calendar)) return error(403, "You need to have writer access to this calendar.", { reason: "requiredAccessLevel" });
  const body = isObject(ctx.body) ? ctx.body : {};
  const times = checkTimes(body.start, body.end, calendar);
  if (isReply(times)) return times;
  const attendees = attendeesOf(body.attendees);
  if (isReply(attendees)) return attendees;
  const google = ctx.state.google;
  let id = `sim${(google.nextEvent++).toString(32).padStart(8, "0")}`;
  if (body.id !== undefined) {
    if (typeof body.id !== "string" || !/^[a-v0-9]{5,1024}$/.test(body.id)) return error(400, "Invalid resource id value.", { reason: "invalid" });
    if (findEvent(calendar, body.id)) return error(409, "The requested identifier already exists.", { reason: "duplicate" });
    id = body.id;
  }
  const now = nowIso();
  const email = call.account.email;
  const event: CalendarEvent = {
    id,
    status: body.status === "tentative" ? "tentative" : "confirmed",
    summary: typeof body.summary === "string" ? body.summary : "",
    start: times.start,
    end: times.end,
    attendees,
    creator: email,
    organizer: calendar.primary ? email : calendar.id,
    created: now,
    updated: now,
    sequence: 0,
  };
  if (typeof body.description === "string") event.description = body.description;
  if (typeof body.location === "string") event.location = body.location;
  calendar.events.push(event);
  return json(200, eventJson(calendar, event, email.toLowerCase()));
};

const patchEvent: CalendarHandler = (ctx, params, calendar, call) => {
  const event = findEvent(calendar, params.eventId ?? "");
  if (!event) return notFound();
  if (!canWrite(calendar)) return error(403, "You need to have writer access to this calendar.", { reason: "requiredAccessLevel" });
  const body = isObject(ctx.body) ? ctx.body : {};
  const times = body.start !== undefined || body.end !== undefined ? checkTimes(body.start ?? event.start, body.end ?? event.end, calendar) : undefined;
  if (isReply(times)) return times;
  const attendees = body.attendees !== undefined ? attendeesOf(body.attendees) : undefined;
  if (isReply(attendees)) return attendees;
  if (typeof body.summary === "string") event.summary = body.summary;
  if (typeof body.description === "string") event.description = body.description;
  if (typeof body.location === "string") event.location = body.location;
  if (body.status === "confirmed" || body.status === "tentative" || body.status === "cancelled") event.status = body.status;
  if (attendees) event.attendees = attendees;
  if (times) {
    event.start = times.start;
    event.end = times.end;
    event.sequence++;
  }
  event.updated = nowIso();
  return json(200, eventJson(calendar, event, call.account.email.toLowerCase()));
};

const deleteEvent: CalendarHandler = (_ctx, params, calendar) => {
  const event = findEvent(calendar, params.eventId ?? "");
  if (!event) return notFound();
  if (!canWrite(calendar)) return error(403, "You need to have writer access to this calendar.", { reason: "requiredAccessLevel" });
  if (event.status === "cancelled") return error(410, "Resource has been deleted", { reason: "deleted" });
  // Calendar keeps deleted events as cancelled; they show up with showDeleted=true.
  event.status = "cancelled";
  event.updated = nowIso();
  return empty(204);
};

export function registerCalendar(router: Router): void {
  router
    .add("GET", `${BASE}/users/me/calendarList`, listCalendarList)
    .add("GET", `${BASE}/users/me/calendarList/{calendarId}`, getCalendarListEntry)
    .add("GET", `${BASE}/calendars/{calendarId}`, withCalendar("Calendars.Get", getCalendar))
    .add("GET", `${BASE}/calendars/{calendarId}/events`, withCalendar("Events.List", listEvents))
    .add("POST", `${BASE}/calendars/{calendarId}/events`, withCalendar("Events.Insert", insertEvent))
    .add("GET", `${BASE}/calendars/{calendarId}/events/{eventId}`, withCalendar("Events.Get", getEvent))
    .add("PATCH", `${BASE}/calendars/{calendarId}/events/{eventId}`, withCalendar("Events.Patch", patchEvent))
    .add("DELETE", `${BASE}/calendars/{calendarId}/events/{eventId}`, withCalendar("Events.Delete", deleteEvent));
}

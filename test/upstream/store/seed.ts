/**
 * The seed every simulator starts from (and `POST /_sim/reset` restores): two GitHub users
 * with repositories, issues, comments and stars; two Google accounts with a mailbox and
 * calendars. Built fresh on each call, so simulators never share state.
 */
import type {
  Calendar,
  CalendarEvent,
  GitHubComment,
  GitHubIssue,
  GitHubLabel,
  GitHubRepo,
  GitHubUser,
  GmailLabel,
  GmailMessage,
  Mailbox,
  State,
} from "./types.ts";

/** Tokens the seed recognises; tests import these rather than repeating the strings. */
export const TOKENS = {
  octocat: "gho_octocat_token",
  hubot: "gho_hubot_token",
  alice: "ya29.alice_token",
  bob: "ya29.bob_token",
  /** Alice's account, but granted only the Calendar scope: Gmail answers 403. */
  aliceCalendarOnly: "ya29.alice_calendar_only_token",
} as const;

function user(id: number, login: string, extra: Partial<GitHubUser>): GitHubUser {
  return {
    id,
    login,
    name: null,
    email: null,
    company: null,
    blog: "",
    location: null,
    bio: null,
    created_at: "2011-01-25T18:44:36Z",
    updated_at: "2025-01-10T12:00:00Z",
    ...extra,
  };
}

const defaultLabels = (firstId: number): GitHubLabel[] => [
  { id: firstId, name: "bug", color: "d73a4a", description: "Something isn't working", default: true },
  { id: firstId + 1, name: "documentation", color: "0075ca", description: "Improvements or additions to documentation", default: true },
  { id: firstId + 2, name: "enhancement", color: "a2eeef", description: "New feature or request", default: true },
  { id: firstId + 3, name: "good first issue", color: "7057ff", description: "Good for newcomers", default: true },
];

function repo(id: number, owner: string, name: string, extra: Partial<GitHubRepo>): GitHubRepo {
  return {
    id,
    owner,
    name,
    description: null,
    private: false,
    homepage: null,
    language: null,
    topics: [],
    default_branch: "main",
    has_issues: true,
    has_wiki: true,
    has_projects: true,
    base_stars: 0,
    forks_count: 0,
    size: 108,
    created_at: "2020-01-26T19:01:12Z",
    updated_at: "2025-03-01T10:00:00Z",
    pushed_at: "2025-03-01T10:00:00Z",
    collaborators: [],
    labels: defaultLabels(id * 10),
    next_number: 1,
    ...extra,
  };
}

function issue(id: number, repo: GitHubRepo, fields: Partial<GitHubIssue> & Pick<GitHubIssue, "title" | "user" | "created_at">): GitHubIssue {
  const number = repo.next_number++;
  return {
    id,
    repo_id: repo.id,
    number,
    body: null,
    state: "open",
    state_reason: null,
    labels: [],
    assignees: [],
    locked: false,
    updated_at: fields.created_at,
    closed_at: null,
    closed_by: null,
    ...fields,
  };
}

function seedGitHub(): State["github"] {
  const users = [
    user(583231, "octocat", {
      name: "The Octocat",
      email: "octocat@github.com",
      company: "@github",
      blog: "https://github.blog",
      location: "San Francisco",
      bio: null,
    }),
    user(480938, "hubot", { name: "Hubot", company: "GitHub", location: "The Internet", created_at: "2010-11-05T21:18:56Z" }),
  ];

  const helloWorld = repo(1296269, "octocat", "hello-world", {
    description: "My first repository on GitHub!",
    language: "Ruby",
    topics: ["example", "octocat"],
    homepage: "https://github.com",
    base_stars: 2599,
    forks_count: 2100,
    created_at: "2011-01-26T19:01:12Z",
  });
  const secret = repo(1300192, "octocat", "secret-project", {
    description: "Nothing to see here",
    private: true,
    language: "TypeScript",
    collaborators: ["hubot"],
    created_at: "2023-06-01T08:00:00Z",
  });
  const scripts = repo(1461863, "hubot", "hubot-scripts", {
    description: "optional scripts for hubot, opt in via hubot-scripts.json",
    language: "CoffeeScript",
    topics: ["chatops", "hubot"],
    base_stars: 3500,
    forks_count: 3000,
    created_at: "2011-03-03T22:49:10Z",
  });
  const notes = repo(1473281, "hubot", "private-notes", {
    description: "Hubot's private notes",
    private: true,
    created_at: "2024-02-02T02:02:02Z",
  });

  const issues: GitHubIssue[] = [
    issue(1001, helloWorld, {
      title: "Found a bug",
      body: "I'm having a problem with this.",
      user: "octocat",
      labels: ["bug"],
      assignees: ["octocat"],
      created_at: "2025-01-15T10:00:00Z",
    }),
    issue(1002, helloWorld, {
      title: "Add a dark mode",
      body: "It would be great to have a dark theme for the README.",
      user: "hubot",
      labels: ["enhancement", "good first issue"],
      created_at: "2025-02-01T09:30:00Z",
      updated_at: "2025-02-03T16:00:00Z",
    }),
    issue(1003, helloWorld, {
      title: "Typo in README",
      body: "\"Hello Wrold\" should be \"Hello World\".",
      user: "hubot",
      labels: ["documentation"],
      state: "closed",
      state_reason: "completed",
      created_at: "2025-02-10T14:00:00Z",
      updated_at: "2025-02-11T08:00:00Z",
      closed_at: "2025-02-11T08:00:00Z",
      closed_by: "octocat",
    }),
    issue(1004, scripts, {
      title: "Script loading fails on Windows",
      body: "Paths with backslashes are not resolved.",
      user: "octocat",
      labels: ["bug"],
      created_at: "2025-03-05T11:11:11Z",
    }),
  ];

  const comments: GitHubComment[] = [
    { id: 2001, issue_id: 1002, user: "octocat", body: "Good idea! Happy to review a PR.", created_at: "2025-02-02T10:00:00Z", updated_at: "2025-02-02T10:00:00Z" },
    { id: 2002, issue_id: 1002, user: "hubot", body: "I'll take a stab at it.", created_at: "2025-02-03T16:00:00Z", updated_at: "2025-02-03T16:00:00Z" },
    { id: 2003, issue_id: 1003, user: "octocat", body: "Fixed, thanks!", created_at: "2025-02-11T08:00:00Z", updated_at: "2025-02-11T08:00:00Z" },
  ];

  return {
    users,
    tokens: new Map([
      ["gho_octocat_token", { login: "octocat", scopes: "repo, user" }],
      ["gho_hubot_token", { login: "hubot", scopes: "public_repo, read:user" }],
    ]),
    repos: [helloWorld, secret, scripts, notes],
    issues,
    comments,
    stars: new Map([
      ["octocat/hello-world", new Map([["hubot", "2025-01-20T12:00:00Z"]])],
      ["hubot/hubot-scripts", new Map([["octocat", "2024-12-24T18:00:00Z"]])],
    ]),
    rateRemaining: new Map(),
    nextId: 5000,
  };
}

const SYSTEM_LABELS: GmailLabel[] = [
  { id: "CHAT", name: "CHAT", type: "system", messageListVisibility: "hide", labelListVisibility: "labelHide" },
  { id: "SENT", name: "SENT", type: "system" },
  { id: "INBOX", name: "INBOX", type: "system" },
  { id: "IMPORTANT", name: "IMPORTANT", type: "system" },
  { id: "TRASH", name: "TRASH", type: "system" },
  { id: "DRAFT", name: "DRAFT", type: "system" },
  { id: "SPAM", name: "SPAM", type: "system" },
  { id: "CATEGORY_FORUMS", name: "CATEGORY_FORUMS", type: "system" },
  { id: "CATEGORY_UPDATES", name: "CATEGORY_UPDATES", type: "system" },
  { id: "CATEGORY_PERSONAL", name: "CATEGORY_PERSONAL", type: "system" },
  { id: "CATEGORY_PROMOTIONS", name: "CATEGORY_PROMOTIONS", type: "system" },
  { id: "CATEGORY_SOCIAL", name: "CATEGORY_SOCIAL", type: "system" },
  { id: "STARRED", name: "STARRED", type: "system" },
  { id: "UNREAD", name: "UNREAD", type: "system" },
];

interface SeedMessage {
  id: string;
  threadId?: string;
  labelIds: string[];
  date: string;
  from: string;
  to: string;
  subject: string;
  text: string;
  html?: string;
  extraHeaders?: [string, string][];
}

function message(seed: SeedMessage, historyId: number): GmailMessage {
  const date = new Date(seed.date);
  const headers = [
    { name: "Delivered-To", value: seed.to.replace(/^.*<|>.*$/g, "") },
    { name: "Message-ID", value: `<${seed.id}@mail.example.com>` },
    { name: "Date", value: date.toUTCString().replace("GMT", "+0000") },
    { name: "From", value: seed.from },
    { name: "To", value: seed.to },
    { name: "Subject", value: seed.subject },
    { name: "MIME-Version", value: "1.0" },
    ...(seed.extraHeaders ?? []).map(([name, value]) => ({ name, value })),
  ];
  const built: GmailMessage = {
    id: seed.id,
    threadId: seed.threadId ?? seed.id,
    labelIds: seed.labelIds,
    internalDate: date.getTime(),
    historyId,
    headers,
    text: seed.text,
  };
  if (seed.html !== undefined) built.html = seed.html;
  return built;
}

function seedMailboxes(): Map<string, Mailbox> {
  const alice: SeedMessage[] = [
    {
      id: "196a1c0f00000001",
      labelIds: ["UNREAD", "CATEGORY_UPDATES", "INBOX"],
      date: "2025-05-12T09:14:00Z",
      from: "GitHub <noreply@github.com>",
      to: "Alice Liddell <alice@example.com>",
      subject: "[octocat/hello-world] Found a bug (#1)",
      text: "octocat opened an issue: I'm having a problem with this.\n\nReply to this email directly or view it on GitHub.",
    },
    {
      id: "196a1c0f00000002",
      labelIds: ["UNREAD", "IMPORTANT", "CATEGORY_PERSONAL", "INBOX"],
      date: "2025-05-13T11:02:00Z",
      from: "Bob Builder <bob@example.com>",
      to: "Alice Liddell <alice@example.com>",
      subject: "Lunch on Friday?",
      text: "Hi Alice,\n\nAre you free for lunch on Friday? The new ramen place opened.\n\nBob",
    },
    {
      id: "196a1c0f00000003",
      threadId: "196a1c0f00000002",
      labelIds: ["SENT"],
      date: "2025-05-13T12:30:00Z",
      from: "Alice Liddell <alice@example.com>",
      to: "Bob Builder <bob@example.com>",
      subject: "Re: Lunch on Friday?",
      text: "Sounds great, see you at noon!\n\nAlice",
      extraHeaders: [["In-Reply-To", "<196a1c0f00000002@mail.example.com>"]],
    },
    {
      id: "196a1c0f00000004",
      labelIds: ["Label_1", "CATEGORY_UPDATES", "INBOX"],
      date: "2025-05-14T07:45:00Z",
      from: "Acme Billing <billing@acme.test>",
      to: "alice@example.com",
      subject: "Your invoice #1042",
      text: "Your invoice #1042 for $42.00 is ready. Thanks for your business!",
      html: "<html><body><p>Your invoice <b>#1042</b> for $42.00 is ready.</p><p>Thanks for your business!</p></body></html>",
    },
    {
      id: "196a1c0f00000005",
      labelIds: ["STARRED", "IMPORTANT", "CATEGORY_PERSONAL", "INBOX"],
      date: "2025-05-15T16:20:00Z",
      from: "Carol Danvers <carol@example.com>",
      to: "alice@example.com, bob@example.com",
      subject: "Quarterly planning doc",
      text: "Here's the draft of the Q3 planning doc. Comments welcome before Thursday's meeting.",
    },
    {
      id: "196a1c0f00000006",
      labelIds: ["SPAM", "CATEGORY_PROMOTIONS"],
      date: "2025-05-16T03:00:00Z",
      from: "Prize Dept <winner@lottery.test>",
      to: "alice@example.com",
      subject: "You won a prize!!!",
      text: "Click here to claim your prize.",
    },
  ];
  const bob: SeedMessage[] = [
    {
      id: "196a1c0f00000101",
      labelIds: ["UNREAD", "CATEGORY_PERSONAL", "INBOX"],
      date: "2025-05-15T16:20:00Z",
      from: "Carol Danvers <carol@example.com>",
      to: "alice@example.com, bob@example.com",
      subject: "Quarterly planning doc",
      text: "Here's the draft of the Q3 planning doc. Comments welcome before Thursday's meeting.",
    },
  ];
  let history = 1000;
  return new Map([
    [
      "alice@example.com",
      {
        email: "alice@example.com",
        labels: [
          ...SYSTEM_LABELS.map((l) => ({ ...l })),
          { id: "Label_1", name: "Receipts", type: "user", messageListVisibility: "show", labelListVisibility: "labelShow" },
          { id: "Label_2", name: "Travel", type: "user", messageListVisibility: "show", labelListVisibility: "labelShow", color: { textColor: "#ffffff", backgroundColor: "#16a766" } },
        ],
        messages: alice.map((m) => message(m, history++)),
      },
    ],
    ["bob@example.com", { email: "bob@example.com", labels: SYSTEM_LABELS.map((l) => ({ ...l })), messages: bob.map((m) => message(m, history++)) }],
  ]);
}

function event(fields: Partial<CalendarEvent> & Pick<CalendarEvent, "id" | "summary" | "start" | "end" | "organizer">): CalendarEvent {
  return {
    status: "confirmed",
    attendees: [],
    creator: fields.organizer,
    created: "2025-05-01T12:00:00.000Z",
    updated: "2025-05-01T12:00:00.000Z",
    sequence: 0,
    ...fields,
  };
}

function holidays(): Calendar {
  const tz = "America/Los_Angeles";
  const organizer = "en.usa#holiday@group.v.calendar.google.com";
  return {
    id: organizer,
    summary: "Holidays in United States",
    description: "Holidays and Observances in United States",
    timeZone: tz,
    accessRole: "reader",
    primary: false,
    colorId: "8",
    backgroundColor: "#16a765",
    foregroundColor: "#000000",
    events: [
      event({ id: "20250526memorial", summary: "Memorial Day", start: { date: "2025-05-26" }, end: { date: "2025-05-27" }, organizer }),
      event({ id: "20250704independence", summary: "Independence Day", start: { date: "2025-07-04" }, end: { date: "2025-07-05" }, organizer }),
    ],
  };
}

function seedCalendars(): Map<string, Calendar[]> {
  const tz = "America/Los_Angeles";
  const alice = "alice@example.com";
  const bob = "bob@example.com";
  const aliceCalendar: Calendar = {
    id: alice,
    summary: alice,
    timeZone: tz,
    accessRole: "owner",
    primary: true,
    colorId: "14",
    backgroundColor: "#9fe1e7",
    foregroundColor: "#000000",
    events: [
      event({
        id: "standup20250602",
        summary: "Team standup",
        description: "Daily sync: yesterday, today, blockers.",
        location: "Room 4A",
        start: { dateTime: "2025-06-02T09:00:00-07:00", timeZone: tz },
        end: { dateTime: "2025-06-02T09:15:00-07:00", timeZone: tz },
        organizer: alice,
        attendees: [
          { email: alice, responseStatus: "accepted" },
          { email: bob, responseStatus: "needsAction" },
        ],
      }),
      event({
        id: "lunchbob20250606",
        summary: "Lunch with Bob",
        location: "Ramen place",
        start: { dateTime: "2025-06-06T12:00:00-07:00", timeZone: tz },
        end: { dateTime: "2025-06-06T13:00:00-07:00", timeZone: tz },
        organizer: alice,
        attendees: [
          { email: alice, responseStatus: "accepted" },
          { email: bob, responseStatus: "accepted", displayName: "Bob Builder" },
        ],
      }),
      event({
        id: "q3planning20250612",
        summary: "Q3 planning",
        description: "Review the quarterly planning doc.",
        start: { dateTime: "2025-06-12T14:00:00-07:00", timeZone: tz },
        end: { dateTime: "2025-06-12T15:30:00-07:00", timeZone: tz },
        organizer: "carol@example.com",
        attendees: [
          { email: "carol@example.com", responseStatus: "accepted" },
          { email: alice, responseStatus: "tentative" },
        ],
      }),
      event({
        id: "offsite20250616",
        summary: "Team offsite",
        location: "Lake Tahoe",
        start: { date: "2025-06-16" },
        end: { date: "2025-06-18" },
        organizer: alice,
      }),
    ],
  };
  const bobCalendar: Calendar = {
    id: bob,
    summary: bob,
    timeZone: "Europe/London",
    accessRole: "owner",
    primary: true,
    colorId: "7",
    backgroundColor: "#42d692",
    foregroundColor: "#000000",
    events: [],
  };
  return new Map([
    [alice, [aliceCalendar, holidays()]],
    [bob, [bobCalendar, holidays()]],
  ]);
}

export function createSeed(): State {
  return {
    github: seedGitHub(),
    google: {
      accounts: [
        { email: "alice@example.com", name: "Alice Liddell" },
        { email: "bob@example.com", name: "Bob Builder" },
      ],
      tokens: new Map([
        [TOKENS.alice, { email: "alice@example.com", scopes: ["gmail", "calendar"] }],
        [TOKENS.bob, { email: "bob@example.com", scopes: ["gmail", "calendar"] }],
        [TOKENS.aliceCalendarOnly, { email: "alice@example.com", scopes: ["calendar"] }],
      ]),
      mailboxes: seedMailboxes(),
      calendars: seedCalendars(),
      nextMessage: 0x1000,
      nextHistory: 2000,
      nextEvent: 1,
    },
  };
}

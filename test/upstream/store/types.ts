/** The simulator's in-memory state: plain records, rendered into each API's JSON on the way out. */

export interface GitHubUser {
  id: number;
  login: string;
  name: string | null;
  email: string | null;
  company: string | null;
  blog: string;
  location: string | null;
  bio: string | null;
  created_at: string;
  updated_at: string;
}

export interface GitHubLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export interface GitHubRepo {
  id: number;
  owner: string;
  name: string;
  description: string | null;
  private: boolean;
  homepage: string | null;
  language: string | null;
  topics: string[];
  default_branch: string;
  has_issues: boolean;
  has_wiki: boolean;
  has_projects: boolean;
  /** Stars from outside the simulator, added to the stars its users give. */
  base_stars: number;
  forks_count: number;
  size: number;
  created_at: string;
  updated_at: string;
  pushed_at: string;
  /** Logins with push access besides the owner. */
  collaborators: string[];
  labels: GitHubLabel[];
  /** Issue numbers and pull request numbers share this counter. */
  next_number: number;
}

export interface GitHubIssue {
  id: number;
  repo_id: number;
  number: number;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: "completed" | "not_planned" | "reopened" | null;
  user: string;
  /** Label names, resolved against the repository's labels when rendered. */
  labels: string[];
  assignees: string[];
  locked: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: string | null;
}

export interface GitHubComment {
  id: number;
  issue_id: number;
  user: string;
  body: string;
  created_at: string;
  updated_at: string;
}

export interface GitHubToken {
  login: string;
  scopes: string;
}

export interface GitHubState {
  users: GitHubUser[];
  tokens: Map<string, GitHubToken>;
  repos: GitHubRepo[];
  issues: GitHubIssue[];
  comments: GitHubComment[];
  /** `owner/name` (lower case) → login → starred_at. */
  stars: Map<string, Map<string, string>>;
  /** Requests left in the hour per login, for the x-ratelimit-* headers. */
  rateRemaining: Map<string, number>;
  nextId: number;
}

export interface GmailHeader {
  name: string;
  value: string;
}

export interface GmailMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  /** Milliseconds since the epoch. */
  internalDate: number;
  historyId: number;
  headers: GmailHeader[];
  text: string;
  /** When set, the message is multipart/alternative with this HTML part after the text. */
  html?: string;
  /** The RFC 822 source exactly as sent through messages.send, when it was. */
  raw?: string;
}

export interface GmailLabel {
  id: string;
  name: string;
  type: "system" | "user";
  messageListVisibility?: "show" | "hide";
  labelListVisibility?: "labelShow" | "labelShowIfUnread" | "labelHide";
  color?: { textColor: string; backgroundColor: string };
}

export interface Mailbox {
  email: string;
  labels: GmailLabel[];
  messages: GmailMessage[];
}

export interface CalendarDateTime {
  dateTime?: string;
  date?: string;
  timeZone?: string;
}

export interface CalendarEvent {
  id: string;
  status: "confirmed" | "tentative" | "cancelled";
  summary: string;
  description?: string;
  location?: string;
  start: CalendarDateTime;
  end: CalendarDateTime;
  attendees: { email: string; responseStatus: string; displayName?: string }[];
  creator: string;
  organizer: string;
  created: string;
  updated: string;
  sequence: number;
}

export interface Calendar {
  id: string;
  summary: string;
  description?: string;
  timeZone: string;
  accessRole: "owner" | "writer" | "reader" | "freeBusyReader";
  primary: boolean;
  colorId: string;
  backgroundColor: string;
  foregroundColor: string;
  events: CalendarEvent[];
}

export type GoogleScope = "gmail" | "calendar";

export interface GoogleAccount {
  email: string;
  name: string;
}

export interface GoogleToken {
  email: string;
  scopes: GoogleScope[];
}

export interface GoogleState {
  accounts: GoogleAccount[];
  tokens: Map<string, GoogleToken>;
  /** By account email. */
  mailboxes: Map<string, Mailbox>;
  /** By account email: the calendars on that account's calendar list. */
  calendars: Map<string, Calendar[]>;
  nextMessage: number;
  nextHistory: number;
  nextEvent: number;
}

export interface State {
  github: GitHubState;
  google: GoogleState;
}

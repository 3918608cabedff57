/**
 * OAuth scopes in the words the Connect page uses ("It asks to: …"), so a person can judge
 * what they grant without knowing the provider's scope syntax. Data only: a scope missing
 * here is shown as the provider spells it, never guessed at.
 *
 * Words describe what the scope allows at the provider, from each provider's scope reference;
 * they are kept short and phrased to follow "It asks to".
 */
const GOOGLE = "https://www.googleapis.com/auth/";

/** Google's scopes are URLs shared by every Google toolkit: keyed by the part after GOOGLE. */
const GOOGLE_SCOPES: Record<string, string> = {
  "gmail.modify": "read, send, and organise your email (not delete it for good)",
  "gmail.readonly": "read your email",
  "gmail.send": "send email as you",
  "gmail.compose": "write drafts and send email as you",
  "gmail.labels": "see and edit your email labels",
  "calendar": "see, edit, share and delete all your calendars",
  "calendar.events": "see and edit the events in your calendars",
  "calendar.readonly": "see your calendars and their events",
  "drive": "see, edit, create and delete all your Google Drive files",
  "drive.file": "see and edit the Drive files you open or create with this app",
  "drive.readonly": "see and download all your Google Drive files",
  "spreadsheets": "see, edit, create and delete your Google Sheets spreadsheets",
  "documents": "see, edit, create and delete your Google Docs documents",
  "contacts": "see, edit and delete your contacts",
  "contacts.readonly": "see your contacts",
  "tasks": "see, edit and delete your tasks",
  "userinfo.email": "see your email address",
  "userinfo.profile": "see your name and profile picture",
  "youtube.readonly": "see your YouTube account",
};

/** Other providers' scopes, by toolkit slug: the same word ("read") means different things at each. */
const TOOLKIT_SCOPES: Record<string, Record<string, string>> = {
  github: {
    repo: "read and write your private repositories",
    public_repo: "read and write your public repositories",
    "repo:status": "see and set commit statuses",
    user: "read and update your profile",
    "read:user": "read your profile",
    "user:email": "see your email addresses",
    "read:org": "see your organisations and teams",
    gist: "create and edit your gists",
    notifications: "read your notifications",
    workflow: "change GitHub Actions workflows",
    delete_repo: "delete repositories",
  },
  slack: {
    "channels:read": "see the public channels in your workspace",
    "channels:history": "read messages in public channels",
    "channels:join": "join public channels",
    "channels:manage": "create and manage public channels",
    "groups:read": "see private channels it is added to",
    "groups:history": "read messages in private channels it is added to",
    "groups:write": "manage private channels it is added to",
    "im:read": "see its direct messages",
    "im:history": "read its direct messages",
    "im:write": "start direct messages",
    "mpim:read": "see its group direct messages",
    "mpim:history": "read its group direct messages",
    "chat:write": "send messages",
    "reactions:read": "see emoji reactions",
    "reactions:write": "add and remove emoji reactions",
    "pins:write": "pin and unpin messages",
    "users:read": "see the people in your workspace",
    "users:read.email": "see the email addresses of people in your workspace",
    "team:read": "see your workspace's name and domain",
    "search:read": "search your workspace's messages and files",
  },
  outlook: {
    offline_access: "keep the access you grant until you remove it",
    "User.Read": "sign you in and read your profile",
    "Mail.ReadWrite": "read, edit and delete your email",
    "Mail.Send": "send email as you",
    "Calendars.ReadWrite": "see, edit and delete your calendar events",
    "Contacts.ReadWrite": "see, edit and delete your contacts",
  },
  jira: {
    "read:jira-work": "read Jira projects, issues and comments",
    "write:jira-work": "create and edit Jira issues and comments",
    "read:jira-user": "see people's names and email addresses in Jira",
    offline_access: "keep the access you grant until you remove it",
  },
  discord: {
    identify: "see your username and avatar",
    email: "see your email address",
    guilds: "see the servers you are in",
    "guilds.members.read": "see your nickname and roles in your servers",
  },
};

/** The scope in plain words, or undefined when it has none here (the page then shows the scope itself). */
export function scopeInWords(toolkitSlug: string, scope: string): string | undefined {
  if (scope.startsWith(GOOGLE)) return own(GOOGLE_SCOPES, scope.slice(GOOGLE.length));
  const words = own(TOOLKIT_SCOPES, toolkitSlug);
  return words && own(words, scope);
}

// Scopes come from auth configs a project writes: "constructor" must not find Object's.
function own<T>(table: Record<string, T>, key: string): T | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

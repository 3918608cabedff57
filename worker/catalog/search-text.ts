/**
 * Text handling shared by the search index builder (build time, in Node) and the query
 * side (in the Worker): tokenizer, stemmer, and the small vocabulary tables that map plain
 * English onto API words. Pure and dependency-free. The tables are general vocabulary
 * (what people say ↔ what APIs call it), never individual tool slugs.
 */

const STOP_WORDS = new Set(
  (
    "a an the and or but nor of to in on at by for with from into onto via as is are was were be been being " +
    "it its this that these those there here i me my mine we us our you your yours he him his she her they them their " +
    "what whats which who whom whose when where why how do does did done can could should would will shall may might must " +
    "please pls want wanna need needs like just some any all also then than so too very s t d ll re ve m not no yes " +
    "about up out over under again once only own same such both each few more most other if else while " +
    "e g eg ie etc use used using"
  ).split(" "),
);

/**
 * Abbreviations and spelling variants folded into one canonical form on both sides, so
 * "repo" finds "repository" at full weight.
 */
const CANONICAL: Record<string, string> = {
  repo: "repository",
  repos: "repository",
  pr: "pull request",
  prs: "pull request",
  dm: "direct message",
  dms: "direct message",
  msg: "message",
  msgs: "message",
  doc: "document",
  docs: "document",
  org: "organization",
  orgs: "organization",
  organisation: "organization",
  organisations: "organization",
  hn: "hacker news",
  gh: "github",
  config: "configuration",
  configs: "configuration",
  env: "environment",
  envs: "environment",
  perms: "permission",
  info: "information",
  todo: "task",
  todos: "task",
  favourite: "favorite",
  favourites: "favorite",
  favorited: "favorite",
  colour: "color",
  cancelled: "canceled",
  labelled: "labeled",
  calender: "calendar",
  emails: "email",
  "e-mail": "email",
};

const VOWELS = "aeiouy";

/** Words the suffix rules would wrongly merge with another ("news" is not "new"). */
const UNSTEMMED = new Set(["news", "series", "species", "always", "alias", "canvas", "https"]);

function hasVowel(text: string, end: number): boolean {
  for (let i = 0; i < end; i++) if (VOWELS.includes(text[i] ?? "")) return true;
  return false;
}

function hasDigit(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code >= 48 && code <= 57) return true;
  }
  return false;
}

/** Ends in a doubled consonant that undoubling restores ("starr" → "star"), not ll/ss/zz ("install"). */
function endsInDoubleConsonant(w: string): boolean {
  const last = w[w.length - 1] ?? "";
  return last === w[w.length - 2] && !VOWELS.includes(last) && !"lsz".includes(last);
}

/** A table lookup that ignores Object.prototype ("constructor" is a word too). */
function lookup(table: Record<string, string>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/**
 * A deliberately small suffix stripper (a few of Porter's steps): plurals, -ing and -ed,
 * agent nouns (-er, on stems of five letters or more), then a final silent e, so "creating",
 * "created", "creates" and "create" all give "creat", "starred" gives "star", "reviewers"
 * gives "review" and "repositories" gives "repository". String tests only, no regular
 * expressions: it runs on every query word.
 */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || hasDigit(w) || UNSTEMMED.has(w)) return w;
  // Plurals.
  if (w.endsWith("ies") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("sses") || w.endsWith("ches") || w.endsWith("shes") || w.endsWith("xes") || w.endsWith("zzes")) w = w.slice(0, -2);
  else if (w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us") && !w.endsWith("is")) w = w.slice(0, -1);
  // -ing / -ed, undoubling the consonant they leave ("starred" → "star", "pinning" → "pin").
  let stripped = false;
  if (w.endsWith("ied") && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith("ing") && w.length >= 6 && hasVowel(w, w.length - 3)) {
    w = w.slice(0, -3);
    stripped = true;
  } else if (w.endsWith("ed") && !w.endsWith("eed") && w.length >= 5 && hasVowel(w, w.length - 2)) {
    w = w.slice(0, -2);
    stripped = true;
  }
  if (stripped && w !== "add" && endsInDoubleConsonant(w)) w = w.slice(0, -1);
  // Agent nouns on longer stems: "reviewer" → "review", "watcher" → "watch", "follower" → "follow".
  if (!stripped && w.endsWith("er") && w.length >= 7) w = w.slice(0, -2);
  // Final silent e, so "create" meets "creat(ed)"; only on longer words.
  if (w.length >= 5 && w.endsWith("e") && !w.endsWith("ee")) w = w.slice(0, -1);
  return w;
}

/** Lowercased words of a text, split on anything not a letter or digit (canonical forms expanded). */
export function words(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.toLowerCase().replaceAll("e-mail", "email").split(/[^a-z0-9]+/)) {
    if (raw.length === 0) continue;
    const canonical = lookup(CANONICAL, raw);
    if (canonical === undefined) out.push(raw);
    else out.push(...canonical.split(" "));
  }
  return out;
}

export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word) || (word.length === 1 && !hasDigit(word));
}

/** Text → stemmed, canonicalized terms without stop words, in order (duplicates kept). */
export function tokenize(text: string): string[] {
  const terms: string[] = [];
  for (const word of words(text)) if (!isStopWord(word)) terms.push(stem(word));
  return terms;
}

// ---------------------------------------------------------------------------------------
// Action verbs. A tool's verb is the first verb of its slug (GITHUB_STAR_A_REPOSITORY… →
// "star", SLACK_CHAT_POST_MESSAGE → "post"); a query's verbs are its words that are verbs.
// They match when they share a class, so "show my drafts" matches LIST_DRAFTS and
// "open a bug" matches CREATE_ISSUE. A verb outside every class is its own class.
// ---------------------------------------------------------------------------------------

const VERB_CLASSES: Record<string, string> = {
  create: "create add make insert open start raise submit compose write post book schedule generate upload invite fork copy duplicate comment",
  send: "send post reply forward share tell notify ping publish broadcast",
  list: "list show view see browse what which display enumerate fetch get find",
  get: "get fetch retrieve read show view see look check what which display download find",
  search: "search find query lookup look filter locate",
  update: "update edit modify change rename set patch mark move replace assign close reopen resolve complete archive label",
  delete: "delete remove trash destroy erase drop clear cancel unsubscribe revoke",
  star: "star favorite bookmark",
  unstar: "unstar unfavorite unbookmark",
  link: "link associate connect attach relate",
};

/** Verbs with no synonyms worth listing; they still count as verbs (their own class). */
const OTHER_VERBS =
  "merge follow unfollow approve lock unlock pin unpin rerun run retry sync transfer enable disable block unblock " +
  "accept decline reject respond react join leave kick ban mute watch unwatch subscribe batch untrash restore " +
  "count export import test trigger dispatch convert request review vote upvote";

let verbTable: Map<string, Set<string>> | undefined;

/** Stemmed verb → the classes it belongs to. Built on first use. */
function verbClassTable(): Map<string, Set<string>> {
  if (verbTable) return verbTable;
  const table = new Map<string, Set<string>>();
  const add = (word: string, cls: string) => {
    const key = stem(word);
    const classes = table.get(key) ?? new Set<string>();
    classes.add(cls);
    table.set(key, classes);
  };
  for (const [cls, members] of Object.entries(VERB_CLASSES)) for (const word of members.split(" ")) add(word, cls);
  for (const word of OTHER_VERBS.split(" ")) add(word, stem(word));
  verbTable = table;
  return table;
}

/** The classes of a stemmed verb, or undefined if the word is not a known verb. */
export function verbClasses(stemmed: string): ReadonlySet<string> | undefined {
  return verbClassTable().get(stemmed);
}

/** A tool's action verb: the first word of the slug body that is a verb, else "". */
export function toolVerb(slugBody: string): string {
  const parts = slugBody.toLowerCase().split("_").filter((w) => w.length > 0);
  for (const word of parts.slice(0, 4)) {
    const stemmed = stem(lookup(CANONICAL, word) ?? word);
    if (verbClasses(stemmed)) return stemmed;
  }
  return "";
}

// ---------------------------------------------------------------------------------------
// Intents: plain-language words → related API vocabulary (searched at reduced weight) and
// the toolkits that usually serve them (a soft boost, weaker than naming the toolkit).
// ---------------------------------------------------------------------------------------

interface IntentSource {
  /** Related terms, searched at reduced weight. */
  terms?: string;
  /** Toolkit slugs this word hints at. */
  toolkits?: string;
}

const INTENT_SOURCES: Record<string, IntentSource> = {
  // Email.
  email: { terms: "mail message", toolkits: "gmail outlook" },
  mail: { terms: "email message", toolkits: "gmail outlook" },
  inbox: { terms: "email message mail", toolkits: "gmail outlook" },
  unread: { terms: "email message", toolkits: "gmail outlook" },
  draft: { terms: "email message", toolkits: "gmail outlook" },
  attachment: { terms: "email message file" },
  // Calendar.
  calendar: { terms: "event", toolkits: "googlecalendar outlook" },
  meeting: { terms: "event calendar", toolkits: "googlecalendar outlook" },
  event: { terms: "calendar", toolkits: "googlecalendar outlook" },
  appointment: { terms: "event calendar", toolkits: "googlecalendar outlook" },
  agenda: { terms: "event calendar list", toolkits: "googlecalendar outlook" },
  schedule: { terms: "event calendar", toolkits: "googlecalendar outlook" },
  tomorrow: { terms: "event calendar", toolkits: "googlecalendar" },
  today: { terms: "event calendar", toolkits: "googlecalendar" },
  week: { terms: "event calendar" },
  busy: { terms: "freebusy free event calendar", toolkits: "googlecalendar" },
  available: { terms: "freebusy free busy", toolkits: "googlecalendar" },
  availability: { terms: "freebusy free busy", toolkits: "googlecalendar" },
  invite: { terms: "event attendee" },
  call: { terms: "event meeting", toolkits: "googlecalendar outlook" },
  standup: { terms: "event meeting", toolkits: "googlecalendar outlook" },
  daily: { terms: "recurring recurrence instance" },
  weekly: { terms: "recurring recurrence instance" },
  monthly: { terms: "recurring recurrence instance" },
  recurring: { terms: "recurrence instance" },
  // GitHub vocabulary.
  favorite: { terms: "star" },
  bookmark: { terms: "star" },
  repository: { toolkits: "github" },
  commit: { toolkits: "github" },
  branch: { terms: "reference", toolkits: "github" },
  fork: { terms: "repository", toolkits: "github" },
  gist: { toolkits: "github" },
  merge: { terms: "pull request", toolkits: "github" },
  pull: { toolkits: "github" },
  workflow: { terms: "action run", toolkits: "github" },
  // Issue trackers.
  ticket: { terms: "issue task", toolkits: "linear jira" },
  bug: { terms: "issue", toolkits: "linear jira github" },
  task: { terms: "issue", toolkits: "linear jira" },
  issue: { toolkits: "linear jira github" },
  sprint: { terms: "board issue", toolkits: "jira" },
  epic: { terms: "issue", toolkits: "jira" },
  backlog: { terms: "issue", toolkits: "jira linear" },
  assign: { terms: "assignee" },
  link: { terms: "associate association relate" },
  watch: { terms: "subscription subscribe notification" },
  approve: { terms: "review" },
  // Documents and notes.
  document: { terms: "page file", toolkits: "notion googledrive" },
  page: { terms: "block", toolkits: "notion" },
  note: { terms: "page", toolkits: "notion" },
  wiki: { terms: "page", toolkits: "notion" },
  database: { terms: "row", toolkits: "notion" },
  paragraph: { terms: "block content text" },
  heading: { terms: "block content text" },
  bottom: { terms: "append end" },
  // Spreadsheets.
  spreadsheet: { terms: "sheet row value file", toolkits: "googlesheets googledrive" },
  sheet: { terms: "spreadsheet row value", toolkits: "googlesheets" },
  row: { terms: "value append", toolkits: "googlesheets" },
  cell: { terms: "value range", toolkits: "googlesheets" },
  column: { terms: "value range" },
  // Chat.
  chat: { terms: "message channel", toolkits: "slack discord" },
  channel: { terms: "message", toolkits: "slack discord" },
  direct: { terms: "message conversation", toolkits: "slack discord" },
  message: { terms: "email" },
  thread: { terms: "message reply" },
  emoji: { terms: "reaction" },
  say: { terms: "message history" },
  said: { terms: "message history" },
  react: { terms: "reaction emoji" },
  server: { terms: "guild", toolkits: "discord" },
  guild: { terms: "server", toolkits: "discord" },
  // CRM.
  contact: { terms: "person", toolkits: "hubspot" },
  lead: { terms: "contact", toolkits: "hubspot" },
  crm: { terms: "contact deal company", toolkits: "hubspot" },
  deal: { terms: "pipeline", toolkits: "hubspot" },
  customer: { terms: "contact company", toolkits: "hubspot" },
  prospect: { terms: "contact", toolkits: "hubspot" },
  pipeline: { terms: "deal stage", toolkits: "hubspot" },
  // Files.
  file: { terms: "folder", toolkits: "googledrive" },
  folder: { terms: "file", toolkits: "googledrive" },
  upload: { terms: "file", toolkits: "googledrive" },
  download: { terms: "file content export" },
  share: { terms: "permission" },
  access: { terms: "permission share" },
  // News.
  story: { terms: "item", toolkits: "hackernews" },
  headline: { terms: "story top", toolkits: "hackernews" },
  top: { terms: "story" },
  comment: { terms: "reply" },
  // People.
  person: { terms: "user member contact" },
  who: { terms: "user people member" },
  people: { terms: "user member contact" },
  teammate: { terms: "user member" },
  colleague: { terms: "user member" },
  profile: { terms: "user" },
  // Looked up on every query word, stop words included.
  my: { terms: "authenticated" },
  me: { terms: "authenticated" },
};

export interface Intent {
  /** Stemmed related terms. */
  terms: string[];
  toolkits: string[];
}

let intentTable: Map<string, Intent> | undefined;

/** Stemmed word → intent. Built on first use. */
export function intentFor(stemmed: string): Intent | undefined {
  if (!intentTable) {
    intentTable = new Map();
    for (const [word, source] of Object.entries(INTENT_SOURCES)) {
      intentTable.set(stem(word), {
        terms: source.terms ? source.terms.split(" ").map(stem) : [],
        toolkits: source.toolkits ? source.toolkits.split(" ") : [],
      });
    }
  }
  return intentTable.get(stemmed);
}

/**
 * Words that describe a tool's arguments rather than the tool ("tomorrow", "friday"), or
 * that say little about which tool is meant ("details"): they keep their intent (tomorrow →
 * calendar) but match tool text at reduced weight.
 */
const WEAK_WORDS = new Set(
  (
    "today tomorrow yesterday tonight morning afternoon evening week weekend month year next last " +
    "monday tuesday wednesday thursday friday saturday sunday am pm noon " +
    "information details detail new"
  ).split(" "),
);

export function isWeakWord(word: string): boolean {
  return WEAK_WORDS.has(word);
}

/** Nouns that are verbs when they open an imperative ("email the report", "new issue"). */
const LEADING_VERBS: Record<string, string> = {
  email: "send",
  mail: "send",
  message: "send",
  text: "send",
  ping: "send",
  new: "create",
  commit: "create update",
};

/** Two-word verbs whose meaning differs from their first word's ("set up" a call is not "set"). */
const PHRASAL_VERBS: Record<string, string> = {
  "set up": "create",
  "sign up": "create",
  "look up": "search get",
  "find out": "get",
  "clean up": "delete",
};

/**
 * The verb classes a query asks for: its verbs (past participles excluded: "who starred my
 * repo" asks for no starring), two-word verbs, and a leading noun-verb.
 */
export function queryVerbClasses(queryWords: readonly string[]): Set<string> {
  const classes = new Set<string>();
  const first = queryWords[0];
  const leading = first === undefined ? undefined : lookup(LEADING_VERBS, first);
  if (leading !== undefined) for (const cls of leading.split(" ")) classes.add(cls);
  for (let i = 0; i < queryWords.length; i++) {
    const word = queryWords[i] ?? "";
    const phrasal = lookup(PHRASAL_VERBS, `${word} ${queryWords[i + 1] ?? ""}`);
    if (phrasal !== undefined) {
      for (const cls of phrasal.split(" ")) classes.add(cls);
      i++;
      continue;
    }
    const term = stem(word);
    if (word.endsWith("ed") && term !== word) continue;
    for (const cls of verbClasses(term) ?? []) classes.add(cls);
  }
  return classes;
}

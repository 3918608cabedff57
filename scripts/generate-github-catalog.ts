/**
 * `npm run catalog:github`: generates catalog/generated/github.json, the GitHub toolkit,
 * from GitHub's official OpenAPI description (@octokit/openapi, dereferenced variant).
 *
 * One tool per REST operation an agent can use with a user's OAuth token or personal
 * access token. Skipped: deprecated operations, enterprise administration, GitHub App
 * (JWT / installation token / client credential) endpoints, and operations whose request
 * body is not JSON (binary uploads, raw text). Input schemas are flattened (path, query and
 * body parameters in one object) and reduced to the JSON Schema subset that OpenAI
 * function calling, Anthropic tool use and Gemini function declarations all accept.
 * About 200 core operations get the `important` tag by the data-driven rule documented at
 * IMPORTANCE (docs section, plain resource path, ALIASES targets).
 *
 * The output is deterministic: re-running on the same spec produces identical bytes.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { ToolkitDefinition } from "../catalog/definition.ts";
import { collapse, convert, kindOf, MAX_PARAM_DESCRIPTION } from "../worker/openapi/schema.ts";
import { firstSentences, splitSentences, truncate } from "../worker/openapi/text.ts";
import type { JsonSchema, OpenApiSchema } from "../worker/openapi/types.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const SPEC_PATH = path.join(ROOT, "node_modules/@octokit/openapi/generated/api.github.com.deref.json");
const OUT_PATH = path.join(ROOT, "catalog/generated/github.json");

const VERSION = "20261101_00";
const MAX_SLUG = 64;
const MAX_TOOL_DESCRIPTION = 400;
const TOOL_SENTENCES = 2;

/**
 * When several operations share a summary, the one whose first tag ranks first here keeps
 * the summary slug; the others get a slug from their operationId. Unlisted tags rank after
 * these, alphabetically.
 */
const TAG_PRIORITY = ["repos", "issues", "pulls", "git", "actions", "users", "orgs", "activity", "search", "gists", "teams", "checks", "reactions"];

/** Common short names (Composio's docs, older Composio slugs, habits) → operationId. */
const ALIASES: Record<string, string> = {
  GITHUB_CREATE_ISSUE: "issues/create",
  GITHUB_GET_ISSUE: "issues/get",
  GITHUB_UPDATE_ISSUE: "issues/update",
  GITHUB_LIST_ISSUES: "issues/list-for-repo",
  GITHUB_CREATE_ISSUE_COMMENT: "issues/create-comment",
  GITHUB_ADD_LABELS: "issues/add-labels",
  GITHUB_STAR_REPO: "activity/star-repo-for-authenticated-user",
  GITHUB_STAR_A_REPOSITORY: "activity/star-repo-for-authenticated-user",
  GITHUB_UNSTAR_REPO: "activity/unstar-repo-for-authenticated-user",
  GITHUB_GET_REPO: "repos/get",
  GITHUB_GET_REPOSITORY: "repos/get",
  GITHUB_CREATE_REPO: "repos/create-for-authenticated-user",
  GITHUB_LIST_REPOS: "repos/list-for-authenticated-user",
  GITHUB_FORK_REPO: "repos/create-fork",
  GITHUB_GET_FILE_CONTENTS: "repos/get-content",
  GITHUB_CREATE_OR_UPDATE_FILE: "repos/create-or-update-file-contents",
  GITHUB_GET_COMMIT: "repos/get-commit",
  GITHUB_CREATE_RELEASE: "repos/create-release",
  GITHUB_CREATE_BRANCH: "git/create-ref",
  GITHUB_CREATE_PULL_REQUEST: "pulls/create",
  GITHUB_GET_PULL_REQUEST: "pulls/get",
  GITHUB_MERGE_PULL_REQUEST: "pulls/merge",
  GITHUB_GET_AUTHENTICATED_USER: "users/get-authenticated",
  GITHUB_GET_USER: "users/get-by-username",
  GITHUB_SEARCH_REPOS: "search/repos",
  GITHUB_SEARCH_ISSUES: "search/issues-and-pull-requests",
  // Slugs of Composio's earlier operationId-based naming.
  GITHUB_ACTIVITY_STAR_REPO_FOR_AUTHENTICATED_USER: "activity/star-repo-for-authenticated-user",
  GITHUB_ISSUES_CREATE: "issues/create",
  GITHUB_PULLS_CREATE: "pulls/create",
  GITHUB_REPOS_GET: "repos/get",
  GITHUB_USERS_GET_AUTHENTICATED: "users/get-authenticated",
};

/**
 * Which tools get the `important` tag (Composio's mark for the tools agents reach for first),
 * decided from the OpenAPI description alone, never from a query. An operation is important
 * when all of these hold:
 *
 *  1. Its docs section, `x-github.category/subcategory`, is a core one below: repositories
 *     and their contents, forks, commits, statuses, branches, git data, issues with their
 *     comments, labels, assignees and milestones, pull requests with their reviews, review
 *     requests and review comments, releases, Actions workflows, runs and jobs, starring,
 *     notifications, gists, users and followers, organizations, search, reactions and
 *     collaborators ("gists/*": every subcategory of gists). Left out with their whole
 *     section: settings and administration (branch protection, rulesets, webhooks, secrets,
 *     variables, runners, permissions), security products (code scanning, Dependabot,
 *     secret scanning, advisories), Codespaces, Copilot, Pages, packages, billing,
 *     migrations, deployments, projects, teams and org membership, checks, apps.
 *  2. Its path is a plain resource path: at most `maxPathParameters` placeholders (a
 *     resource, its items and their direct sub-collections; not sub-items such as
 *     /pulls/{pull_number}/reviews/{review_id}/dismissals), and no segment naming a
 *     setting, security switch, deployment gate or download archive inside a core section
 *     (`sideSegments`).
 *  3. It is not one of `excludedOperations`: GitHub-wide listings (every public repository,
 *     user, organization or gist), a duplicate of another operation, and deleting an
 *     organization.
 *
 * Every operation an ALIASES entry points at is important too (those are the slugs
 * Composio's docs name).
 */
const IMPORTANCE = {
  sections: [
    "repos/repos", "repos/contents", "repos/forks",
    "commits/commits", "commits/statuses", "branches/branches", "git/*",
    "issues/issues", "issues/comments", "issues/labels", "issues/assignees", "issues/milestones",
    "pulls/pulls", "pulls/reviews", "pulls/review-requests", "pulls/comments",
    "releases/releases",
    "actions/workflows", "actions/workflow-runs", "actions/workflow-jobs",
    "activity/starring", "activity/notifications",
    "gists/*", "users/users", "users/followers", "orgs/orgs",
    "search/search", "reactions/reactions", "collaborators/collaborators",
  ],
  maxPathParameters: 3,
  sideSegments: [
    // Settings and security switches.
    "settings", "hooks", "installations", "vulnerability-alerts", "automated-security-fixes",
    "private-vulnerability-reporting", "immutable-releases", "hash-algorithm", "codeowners",
    // Deployment gates and run accounting.
    "approvals", "approve", "pending_deployments", "deployment_protection_rule", "force-cancel", "timing",
    // Side features: archives, locks, pins, subscriptions, previews.
    "tarball", "zipball", "lock", "pin", "subscription", "activity", "hovercard", "suggestions",
  ],
  excludedOperations: [
    "repos/list-public", "users/list", "orgs/list", "gists/list-public",
    "repos/compare-commits", // the {base}...{head} twin of repos/compare-commits-with-basehead
    "orgs/delete",
  ],
};

/** For parameters GitHub leaves undescribed (or describes as "path parameter"). */
const PARAMETER_FALLBACKS: Record<string, string> = {
  owner: "The account owner of the repository. The name is not case sensitive.",
  repo: "The name of the repository without the `.git` extension. The name is not case sensitive.",
  path: "Path of the file or directory in the repository, e.g. `src/index.ts`.",
  tag: "The tag name, e.g. `v1.0.0`.",
  ref: "A branch name, tag name or commit SHA.",
  sha: "A commit SHA.",
  base: "The base branch, tag or commit SHA.",
  head: "The head branch, tag or commit SHA.",
  repository_id: "The unique identifier of the repository.",
  repo_name: "The name of the repository.",
  deployment_id: "The unique identifier of the deployment.",
  account_id: "The numeric ID of the user account.",
  delivery_id: "The unique identifier of the webhook delivery.",
  assignee: "A user's login.",
  target_user: "The login of the user who may be followed.",
};

// ---------------------------------------------------------------------------------------
// The OpenAPI 3.0 shapes we read (dereferenced: no $ref anywhere); schemas are read and
// reduced to the portable subset by worker/openapi/schema.ts, as for every other toolkit.

interface OAParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  description?: string;
  required?: boolean;
  schema?: OpenApiSchema;
}

interface OAOperation {
  operationId: string;
  summary: string;
  description?: string;
  tags?: string[];
  deprecated?: boolean;
  parameters?: OAParameter[];
  requestBody?: { required?: boolean; description?: string; content: Record<string, { schema?: OpenApiSchema }> };
  servers?: { url: string }[];
  "x-github"?: { requestBodyParameterName?: string; category?: string; subcategory?: string | null };
}

interface OASpec {
  info: { version: string };
  paths: Record<string, Record<string, OAOperation>>;
}

type Location = "path" | "query" | "header" | "body";
type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

interface Tool {
  slug: string;
  name: string;
  description: string;
  inputSchema: JsonSchema;
  tags: string[];
  version: string;
  scopes: string[];
  http: {
    method: Method;
    path: string;
    args: Record<string, Location>;
    rawBodyArg?: string;
    baseUrl?: string;
    wireNames?: Record<string, string>;
  };
}

// ---------------------------------------------------------------------------------------
// Progress on stderr: a line rewritten in place on a terminal, periodic lines otherwise.

const tty = process.stderr.isTTY === true;
const lastProgressLine = new Map<string, number>();
function progress(label: string, done: number, total: number, detail = ""): void {
  if (tty) {
    const text = `${label} ${done}/${total} ${detail}`.slice(0, (process.stderr.columns || 100) - 1);
    process.stderr.write(`\r\x1b[K${text}`);
    if (done === total) process.stderr.write("\n");
  } else if (done === total || done - (lastProgressLine.get(label) ?? 0) >= 250) {
    lastProgressLine.set(label, done);
    process.stderr.write(`${label} ${done}/${total}\n`);
  }
}
const log = (message: string): void => void process.stderr.write(`${message}\n`);

function fail(message: string): never {
  if (tty) process.stderr.write("\n");
  process.stderr.write(`generate-github-catalog: ${message}\n`);
  process.exit(1);
}

// ---------------------------------------------------------------------------------------
// Text: GitHub descriptions are markdown written for the docs site; models need less.

/** Sentences about token scopes and permissions, notifications, rate limits or docs navigation. */
const BOILERPLATE = [
  /\btokens? \(classic\) need/i,
  /\bOAuth (app )?tokens and personal access tokens/i,
  /\bneeds? (the |either the )?`[^`]+` (or `[^`]+` )?scopes?/i,
  /the `[^`]+` scope is also required/i,
  /the token can use the `[^`]+` scope/i,
  /Fine-grained tokens and GitHub App user access tokens must/i,
  /when using a fine-grained access token/i,
  /The fine-grained token must have/i,
  /GitHub Apps must have the .* permission/i,
  /GitHub App installation access tokens are not supported/i,
  /You must authenticate using an access token with the/i,
  /access token with the `[^`]+` scope/i,
  /^Fine-grained access tokens require/i,
  /This endpoint triggers notifications/i,
  /content too quickly/i,
  /secondary rate limit/i,
  /Content-Length/,
  /custom media types?/i,
  /^For more (information|details)/i,
  /^See "/,
  /^For example, see "/i,
  /is in public preview and is subject to change/i,
  // Notes that open many descriptions and say nothing of what the operation does.
  /^Protected branches are available in public repositories/i,
  /^Signature verification object/i,
  /^The response will include a `?verification`? object/i,
  /^The following fields are included in the `?verification`? object/i,
  /^These are the possible values for `?reason`?/i,
];

/** Where a boilerplate section starts: it runs to the end of its line, plus the bullet list after it. */
const BOILERPLATE_SECTION =
  /This endpoint supports the following custom media types|This endpoint works with the following fine-grained token types|The fine-grained token must have the following permission|\*\*Fine-grained access tokens for/i;

/** Only real HTML: GitHub also writes placeholders like `heads/<branch name>`. */
const HTML_TAG = /<\/?(a|b|i|em|strong|code|pre|p|br|hr|div|span|img|ul|ol|li|details|summary|sup|sub|kbd|table|thead|tbody|tr|td|th|h[1-6])\b[^>]*>/gi;

function stripMarkdown(text: string): string {
  return text
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<br\s*\/?>/gi, " ")
    .replace(HTML_TAG, " ")
    .replace(/!\[[^\]]*\]\([^)]*\)/g, " ")
    .replace(/\[([^\]]*)\]\([^)]*\)/g, "$1")
    .replace(/\[!(NOTE|WARNING|IMPORTANT|TIP|CAUTION)\]/gi, " ")
    .replace(/^\s*>\s?/gm, "")
    .replace(/^\s*#{1,6}\s+/gm, "")
    .replace(/\*\*([^*]+)\*\*/g, "$1")
    .replace(/(^|[\s(])_([^_\s][^_]*?)_(?=[\s.,;:)]|$)/g, "$1$2")
    .replace(/&nbsp;/g, " ")
    .replace(/&amp;/g, "&")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
}

/**
 * Cleans a GitHub markdown description: drops the media-type boilerplate paragraph and its
 * list, token/permission notes and "For more information" pointers, strips links and HTML,
 * then keeps whole sentences (at most `maxSentences`) within `max` characters.
 */
function cleanDescription(raw: unknown, max: number, maxSentences = Infinity): string {
  if (typeof raw !== "string" || !raw) return "";
  const lines: string[] = [];
  let skipping = false;
  for (const line of raw.replace(/\r\n?/g, "\n").split("\n")) {
    const trimmed = line.trim();
    // A table's rows are reference, not prose ("| `verified` | `boolean` | Indicates whether…").
    if (trimmed.startsWith("|")) continue;
    if (skipping) {
      if (trimmed === "" || /^[-*]\s/.test(trimmed) || /^\s{2,}\S/.test(line)) continue;
      skipping = false;
    }
    const section = BOILERPLATE_SECTION.exec(line);
    if (section) {
      const before = line.slice(0, section.index);
      if (before.trim()) lines.push(before);
      skipping = true;
      continue;
    }
    lines.push(line);
  }
  // A paragraph (or list item) that ends without punctuation still ends a sentence.
  const kept = lines
    .join("\n")
    .split(/\n\s*\n|\n(?=\s*[-*]\s)/)
    .map((paragraph) => paragraph.trim())
    .filter(Boolean)
    .map((paragraph) => (/[.!?:]["')*_`]*$/.test(paragraph) ? paragraph : `${paragraph}.`));
  const text = stripMarkdown(kept.join("\n"))
    .replace(/^\s*[-*]\s+/gm, "")
    .replace(/\s+/g, " ")
    .trim();
  const sentences = splitSentences(text).filter((sentence) => !BOILERPLATE.some((pattern) => pattern.test(sentence)));
  return firstSentences(sentences, max, maxSentences);
}

// ---------------------------------------------------------------------------------------
// Operations → tools.

type SkipReason =
  | "deprecated"
  | "enterprise administration (/enterprises/)"
  | "GitHub App only (app JWT, installation token or OAuth app client credentials)"
  | "SCIM"
  | "non-JSON request body (binary upload / raw text)"
  | "unsupported HTTP method";

const APP_ONLY = /^\/(app(\/|$)|app-manifests\/|applications\/|installation\/|marketplace_listing\/)/;
/** What GitHub writes on endpoints that only GitHub App (installation) tokens may call. */
const APP_ONLY_TEXT = [
  /Only GitHub Apps can use this endpoint/i,
  /OAuth apps and personal access tokens \(classic\) cannot use this endpoint/i,
  /Your GitHub App must have the `checks:write` permission/i,
];

function skipReason(pathTemplate: string, method: string, op: OAOperation): SkipReason | undefined {
  if (!["get", "post", "put", "patch", "delete"].includes(method)) return "unsupported HTTP method";
  if (op.deprecated) return "deprecated";
  if (pathTemplate.startsWith("/enterprises/")) return "enterprise administration (/enterprises/)";
  if (APP_ONLY.test(pathTemplate) || APP_ONLY_TEXT.some((pattern) => pattern.test(op.description ?? ""))) return "GitHub App only (app JWT, installation token or OAuth app client credentials)";
  if (/\/scim\//.test(pathTemplate)) return "SCIM";
  if (op.requestBody && !op.requestBody.content["application/json"]) return "non-JSON request body (binary upload / raw text)";
  return undefined;
}

const ARG_NAME = /^[a-zA-Z_][a-zA-Z0-9_]{0,63}$/;

/** A valid argument name for a wire name: snake_case of anything else (`labels[]` → `labels`). */
function argumentName(wire: string): string {
  if (ARG_NAME.test(wire)) return wire;
  const snake = wire
    .replace(/\[\]$/, "")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/[^a-zA-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .toLowerCase();
  return /^[a-z_]/.test(snake) ? snake.slice(0, 64) : `arg_${snake}`.slice(0, 64);
}

function upperSnake(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/['’]/g, "")
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "");
}

/** Word abbreviations tried, in order, on operationId slugs over 64 characters. */
const ABBREVIATE: [RegExp, string][] = [
  [/_ORGANIZATIONS(?=_|$)/g, "_ORGS"],
  [/_ORGANIZATION(?=_|$)/g, "_ORG"],
  [/_REPOSITORIES(?=_|$)/g, "_REPOS"],
  [/_REPOSITORY(?=_|$)/g, "_REPO"],
  [/_CONFIGURATIONS(?=_|$)/g, "_CONFIGS"],
  [/_CONFIGURATION(?=_|$)/g, "_CONFIG"],
  [/_ENVIRONMENT(?=_|$)/g, "_ENV"],
  [/_AUTHENTICATED(?=_|$)/g, "_AUTHED"],
  [/_(FOR|TO|FROM|IN|BY|OF|THE|A|AN)(?=_)/g, ""],
];

/**
 * `GITHUB_` + the operationId in upper snake case; over 64 characters, common words are
 * abbreviated, then filler words dropped, and as a last resort the slug is cut and
 * suffixed with a stable hash.
 */
function operationIdSlug(operationId: string): string {
  let slug = `GITHUB_${upperSnake(operationId)}`;
  for (const [pattern, short] of ABBREVIATE) {
    if (slug.length <= MAX_SLUG) return slug;
    slug = slug.replace(pattern, short);
  }
  if (slug.length <= MAX_SLUG) return slug;
  const hash = createHash("sha256").update(operationId).digest("hex").slice(0, 6).toUpperCase();
  let head = slug.slice(0, MAX_SLUG - hash.length - 1);
  const cut = head.lastIndexOf("_");
  if (cut > 20) head = head.slice(0, cut);
  return `${head}_${hash}`;
}

function tagRank(tag: string): [number, string] {
  const index = TAG_PRIORITY.indexOf(tag);
  return [index === -1 ? TAG_PRIORITY.length : index, tag];
}

interface Candidate {
  pathTemplate: string;
  method: Method;
  op: OAOperation;
  tag: string;
}

/** Rules 1 to 3 of IMPORTANCE (the ALIASES targets are added by the caller). */
function importantByRule({ pathTemplate, op }: Candidate): boolean {
  const category = op["x-github"]?.category ?? "";
  const subcategory = op["x-github"]?.subcategory ?? "";
  if (!IMPORTANCE.sections.includes(`${category}/${subcategory}`) && !IMPORTANCE.sections.includes(`${category}/*`)) return false;
  const segments = pathTemplate.split("/").filter(Boolean);
  if (segments.filter((segment) => segment.includes("{")).length > IMPORTANCE.maxPathParameters) return false;
  if (segments.some((segment) => IMPORTANCE.sideSegments.includes(segment))) return false;
  return !IMPORTANCE.excludedOperations.includes(op.operationId);
}

function buildTool(candidate: Candidate, slug: string, important: boolean): Tool {
  const { op, method, pathTemplate } = candidate;
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  const args: Record<string, Location> = {};
  const wireNames: Record<string, string> = {};
  const notes: string[] = [];
  let rawBodyArg: string | undefined;

  const claim = (wire: string, prefix = ""): string => {
    let name = prefix + argumentName(wire);
    while (name in properties) name = `body_${name}`;
    if (name !== wire) wireNames[name] = wire;
    return name;
  };

  for (const param of op.parameters ?? []) {
    if (param.in === "cookie") continue;
    const name = claim(param.name);
    const useless = !param.description || /^\w+ parameter\.?$/.test(param.description.trim());
    const description = useless ? (PARAMETER_FALLBACKS[param.name] ?? param.description) : param.description;
    properties[name] = convert(param.schema ?? { type: "string" }, 1, { description, clean: cleanDescription });
    args[name] = param.in;
    if (param.required || param.in === "path") required.push(name);
  }

  const body = op.requestBody?.content["application/json"];
  if (op.requestBody && body) {
    const schema = collapse(body.schema ?? { type: "object" });
    const names = Object.keys(schema.properties ?? {});
    if (kindOf(schema) === "object" && names.length > 0) {
      const bodyRequired = new Set(schema.required ?? []);
      for (const wire of names) {
        const name = claim(wire);
        properties[name] = convert(schema.properties![wire]!, 1, { clean: cleanDescription });
        args[name] = "body";
        if (bodyRequired.has(wire)) required.push(name);
      }
      notes.push(...(schema.notes ?? []));
    } else {
      // A top-level array, scalar or free-form map: one argument carrying the whole body.
      const name = claim(op["x-github"]?.requestBodyParameterName ?? "body");
      properties[name] = convert(schema, 1, { description: op.requestBody.description ?? schema.description ?? "The request body.", clean: cleanDescription });
      args[name] = "body";
      rawBodyArg = name;
      if (op.requestBody.required) required.push(name);
    }
  }

  for (const match of pathTemplate.matchAll(/\{([^}]+)\}/g)) {
    const wire = match[1]!;
    const name = Object.keys(args).find((arg) => args[arg] === "path" && (wireNames[arg] ?? arg) === wire);
    if (!name) fail(`${op.operationId}: path placeholder {${wire}} has no path parameter`);
  }

  const tags: string[] = [];
  if (method === "GET") tags.push("readOnlyHint");
  if (method === "DELETE") tags.push("destructiveHint");
  if (method === "GET" || method === "PUT" || method === "DELETE") tags.push("idempotentHint");
  tags.push("openWorldHint", candidate.tag);
  if (important) tags.push("important");

  const mainDescription = cleanDescription(op.description, MAX_TOOL_DESCRIPTION - (notes.join(" ").length + 1), TOOL_SENTENCES);
  let main = mainDescription || op.summary.trim();
  if (notes.length && !/[.!?…]$/.test(main)) main += ".";
  const fullDescription = [main, ...notes].join(" ");

  const http: Tool["http"] = { method, path: pathTemplate, args };
  if (rawBodyArg) http.rawBodyArg = rawBodyArg;
  const server = op.servers?.[0]?.url;
  if (server && server !== "https://api.github.com") http.baseUrl = server;
  if (Object.keys(wireNames).length) http.wireNames = wireNames;

  return {
    slug,
    name: op.summary.trim(),
    description: truncate(fullDescription, MAX_TOOL_DESCRIPTION),
    inputSchema: { type: "object", properties, required, additionalProperties: false },
    tags,
    version: VERSION,
    scopes: [],
    http,
  };
}

// ---------------------------------------------------------------------------------------
// Checks of our own, beyond the zod definition: the schema subset every provider accepts.

const PROPERTY_NAME = /^[a-zA-Z0-9_.-]{1,64}$/;
const ALLOWED_KEYS = new Set(["type", "description", "enum", "format", "default", "items", "properties", "required", "additionalProperties"]);

function schemaProblems(schema: JsonSchema, at: string, depth: number): string[] {
  const problems: string[] = [];
  for (const key of Object.keys(schema)) if (!ALLOWED_KEYS.has(key)) problems.push(`${at}: keyword ${key}`);
  if (depth > 8) problems.push(`${at}: deeper than 8`);
  if (schema.type === "array" && !schema.items) problems.push(`${at}: array without items`);
  if (schema.items) problems.push(...schemaProblems(schema.items, `${at}[]`, depth + 1));
  if (schema.enum && (schema.enum.length === 0 || schema.type !== "string")) problems.push(`${at}: bad enum`);
  if (schema.description !== undefined && (schema.description.length === 0 || schema.description.length > MAX_PARAM_DESCRIPTION)) {
    problems.push(`${at}: description length ${schema.description.length}`);
  }
  for (const [name, property] of Object.entries(schema.properties ?? {})) {
    if (!PROPERTY_NAME.test(name)) problems.push(`${at}.${name}: bad property name`);
    problems.push(...schemaProblems(property, `${at}.${name}`, depth + 1));
  }
  for (const name of schema.required ?? []) if (!schema.properties?.[name]) problems.push(`${at}: requires unknown ${name}`);
  return problems;
}

function toolProblems(tool: Tool): string[] {
  const problems: string[] = [];
  if (!/^[A-Z][A-Z0-9_]{0,63}$/.test(tool.slug) || !tool.slug.startsWith("GITHUB_")) problems.push(`${tool.slug}: bad slug`);
  if (!tool.description || tool.description.length > MAX_TOOL_DESCRIPTION) problems.push(`${tool.slug}: description length ${tool.description.length}`);
  problems.push(...schemaProblems(tool.inputSchema, `${tool.slug} input`, 0));
  const properties = tool.inputSchema.properties ?? {};
  for (const name of Object.keys(properties)) {
    if (!ARG_NAME.test(name)) problems.push(`${tool.slug}: bad argument name ${name}`);
    if (!tool.http.args[name]) problems.push(`${tool.slug}: argument ${name} has no location`);
  }
  for (const name of Object.keys(tool.http.args)) if (!properties[name]) problems.push(`${tool.slug}: http.args names unknown ${name}`);
  for (const match of tool.http.path.matchAll(/\{([^}]+)\}/g)) {
    const wire = match[1]!;
    const arg = Object.keys(tool.http.args).find((name) => (tool.http.wireNames?.[name] ?? name) === wire);
    if (!arg || tool.http.args[arg] !== "path" || !tool.inputSchema.required?.includes(arg)) problems.push(`${tool.slug}: {${wire}} not a required path argument`);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------

function main(): void {
  const started = Date.now();
  log(`reading ${path.relative(ROOT, SPEC_PATH)} …`);
  let spec: OASpec;
  try {
    spec = JSON.parse(readFileSync(SPEC_PATH, "utf8")) as OASpec;
  } catch (error) {
    fail(`cannot read the GitHub OpenAPI description (is @octokit/openapi installed?): ${(error as Error).message}`);
  }

  const operations: { pathTemplate: string; method: string; op: OAOperation }[] = [];
  for (const pathTemplate of Object.keys(spec.paths)) {
    const item = spec.paths[pathTemplate]!;
    for (const method of Object.keys(item)) {
      if (method === "parameters" || method === "servers" || method === "summary" || method === "description") continue;
      operations.push({ pathTemplate, method, op: item[method]! });
    }
  }

  // 1. Filter.
  const skipped = new Map<SkipReason, string[]>();
  const candidates: Candidate[] = [];
  operations.forEach(({ pathTemplate, method, op }, index) => {
    progress("operations", index + 1, operations.length, op.operationId);
    const reason = skipReason(pathTemplate, method, op);
    if (reason) {
      skipped.set(reason, [...(skipped.get(reason) ?? []), op.operationId]);
      return;
    }
    candidates.push({ pathTemplate, method: method.toUpperCase() as Method, op, tag: op.tags?.[0] ?? "github" });
  });

  // 2. Slugs: the summary when short enough and unshared, else the operationId.
  const bySummary = new Map<string, Candidate[]>();
  for (const candidate of candidates) {
    const slug = `GITHUB_${upperSnake(candidate.op.summary)}`;
    bySummary.set(slug, [...(bySummary.get(slug) ?? []), candidate]);
  }
  const slugOf = new Map<Candidate, string>();
  let fromOperationIdLong = 0;
  let fromOperationIdShared = 0;
  for (const [slug, group] of bySummary) {
    const ordered = [...group].sort((a, b) => {
      const [ra, ta] = tagRank(a.tag);
      const [rb, tb] = tagRank(b.tag);
      return ra - rb || ta.localeCompare(tb) || a.pathTemplate.length - b.pathTemplate.length || a.op.operationId.localeCompare(b.op.operationId);
    });
    ordered.forEach((candidate, index) => {
      if (slug.length > MAX_SLUG) {
        fromOperationIdLong++;
        slugOf.set(candidate, operationIdSlug(candidate.op.operationId));
      } else if (index > 0) {
        fromOperationIdShared++;
        slugOf.set(candidate, operationIdSlug(candidate.op.operationId));
      } else slugOf.set(candidate, slug);
    });
  }
  const owners = new Map<string, Candidate[]>();
  for (const [candidate, slug] of slugOf) owners.set(slug, [...(owners.get(slug) ?? []), candidate]);
  for (const [slug, group] of owners) {
    if (group.length > 1) fail(`slug ${slug} is claimed by ${group.map((c) => c.op.operationId).join(", ")}; adjust the slug rules`);
  }

  // 3. Build, marking the important operations (IMPORTANCE, plus every ALIASES target).
  const candidateIds = new Set(candidates.map((c) => c.op.operationId));
  for (const operationId of IMPORTANCE.excludedOperations) {
    if (!candidateIds.has(operationId)) fail(`IMPORTANCE.excludedOperations: ${operationId} is not in the catalog`);
  }
  const aliasTargets = new Set(Object.values(ALIASES));
  const tools: Tool[] = [];
  candidates.forEach((candidate, index) => {
    progress("tools", index + 1, candidates.length, slugOf.get(candidate));
    const important = aliasTargets.has(candidate.op.operationId) || importantByRule(candidate);
    tools.push(buildTool(candidate, slugOf.get(candidate)!, important));
  });
  const importantCount = tools.filter((tool) => tool.tags.includes("important")).length;
  tools.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));

  // 4. Aliases.
  const slugByOperationId = new Map(candidates.map((c) => [c.op.operationId, slugOf.get(c)!]));
  const realSlugs = new Set(tools.map((t) => t.slug));
  const aliases: Record<string, string> = {};
  for (const alias of Object.keys(ALIASES).sort()) {
    const operationId = ALIASES[alias]!;
    const target = slugByOperationId.get(operationId);
    if (!target) fail(`alias ${alias}: operation ${operationId} is not in the catalog`);
    if (realSlugs.has(alias)) fail(`alias ${alias} collides with a tool slug (it points at ${target})`);
    aliases[alias] = target;
  }

  const toolkit = {
    slug: "github",
    name: "GitHub",
    description:
      "Work with GitHub repositories, issues, pull requests, code, commits, branches, releases, Actions workflows, gists, organizations, teams, projects, notifications and search through GitHub's REST API.",
    categories: ["developer tools", "code"],
    logo: "https://github.githubassets.com/favicons/favicon.svg",
    baseUrl: "https://api.github.com",
    authSchemes: [
      {
        type: "OAUTH2",
        authorizeUrl: "https://github.com/login/oauth/authorize",
        tokenUrl: "https://github.com/login/oauth/access_token",
        defaultScopes: ["repo", "user"],
        scopeSeparator: " ",
        pkce: true,
        tokenEndpointAuthMethod: "client_secret_post",
      },
      { type: "BEARER_TOKEN" },
    ],
    tools,
    aliases,
  };

  // 5. Validate: the catalog's zod definition, then our stricter portability checks.
  log("validating …");
  const parsed = ToolkitDefinition.safeParse(toolkit);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 20).map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    fail(`the generated toolkit does not pass ToolkitDefinition:\n${issues.join("\n")}`);
  }
  const problems = tools.flatMap(toolProblems);
  if (problems.length) fail(`${problems.length} problems:\n${problems.slice(0, 30).map((p) => `  ${p}`).join("\n")}`);

  // 6. Write.
  const json = `${JSON.stringify(toolkit, null, 1)}\n`;
  mkdirSync(path.dirname(OUT_PATH), { recursive: true });
  writeFileSync(OUT_PATH, json);

  // 7. Summary.
  const bytes = Buffer.byteLength(json);
  const gzipped = gzipSync(json, { level: 9 }).length;
  const skippedTotal = [...skipped.values()].reduce((sum, ids) => sum + ids.length, 0);
  log("");
  log(`GitHub OpenAPI ${spec.info.version}: ${operations.length} operations`);
  log(`  kept     ${tools.length} tools, ${importantCount} important`);
  log(`  skipped  ${skippedTotal}`);
  for (const [reason, ids] of [...skipped].sort((a, b) => b[1].length - a[1].length)) log(`    ${String(ids.length).padStart(4)}  ${reason}`);
  log(`  slugs from operationId: ${fromOperationIdLong} (summary over ${MAX_SLUG} chars), ${fromOperationIdShared} (summary shared)`);
  log(`  aliases  ${Object.keys(aliases).length}`);
  log(`wrote ${path.relative(ROOT, OUT_PATH)}: ${(bytes / 1024).toFixed(0)} KiB, ${(gzipped / 1024).toFixed(0)} KiB gzipped (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}

main();

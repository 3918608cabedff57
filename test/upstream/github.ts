/**
 * A slice of the GitHub REST API (api.github.com, version 2022-11-28): the authenticated
 * user, users, repositories, issues, issue comments, starring and search, with GitHub's
 * status codes, error bodies, Link pagination and rate-limit headers.
 */
import { type Ctx, type Handler, type Reply, empty, isObject, json, paginate } from "./http.ts";
import type { Router } from "./router.ts";
import {
  canPush,
  canSee,
  commentJson,
  findUser,
  fullName,
  issueJson,
  privateUser,
  publicUser,
  repoJson,
  starsOf,
} from "./github-render.ts";
import { searchIssues, searchRepositories } from "./github-search.ts";
import type { GitHubIssue, GitHubRepo, GitHubState, GitHubUser } from "./store/types.ts";

const DOCS = "https://docs.github.com/rest";

/** What a GitHub handler gets besides the request: the caller and error helpers tied to its docs page. */
export interface GitHubCall {
  gh: GitHubState;
  viewer: GitHubUser;
  fail(status: number, message: string, extra?: Record<string, unknown>): Reply;
  notFound(): Reply;
  validationFailed(errors: Record<string, unknown>[]): Reply;
  /** GitHub's JSON-schema rejection, e.g. `"title" wasn't supplied.` */
  invalidRequest(detail: string): Reply;
}

export type GitHubHandler = (ctx: Ctx, params: Record<string, string>, call: GitHubCall) => Reply;

export function timestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

function errorBody(status: number, message: string, doc: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { message, ...extra, documentation_url: doc, status: String(status) };
}

let requestCounter = 0;

function standardHeaders(extra: Record<string, string>): Record<string, string> {
  requestCounter++;
  return {
    "content-type": "application/json; charset=utf-8",
    "x-github-media-type": "github.v3; format=json",
    "x-github-api-version-selected": "2022-11-28",
    "x-github-request-id": `SIM0:${requestCounter.toString(16).toUpperCase().padStart(6, "0")}`,
    ...extra,
  };
}

/** Wraps a handler with GitHub's token check, JSON parsing errors and response headers. */
function github(docPath: string, resource: "core" | "search", handler: GitHubHandler): Handler {
  const doc = `${DOCS}/${docPath}`;
  return (ctx, params) => {
    const gh = ctx.state.github;
    const reset = String(Math.floor(Date.now() / 3_600_000 + 1) * 3600);
    const auth = ctx.headers.authorization;
    const match = auth ? /^(bearer|token)\s+(\S+)\s*$/i.exec(auth) : null;
    if (!auth || !match) {
      const anon = { "x-ratelimit-limit": "60", "x-ratelimit-remaining": "59", "x-ratelimit-reset": reset, "x-ratelimit-used": "1", "x-ratelimit-resource": resource };
      // A scheme GitHub does not know reads as bad credentials; no header at all as anonymous.
      const message = auth ? "Bad credentials" : "Requires authentication";
      return json(401, errorBody(401, message, auth ? DOCS : doc), standardHeaders(anon));
    }
    const token = gh.tokens.get(match[2] ?? "");
    const viewer = token ? findUser(gh, token.login) : undefined;
    if (!token || !viewer) return json(401, errorBody(401, "Bad credentials", DOCS), standardHeaders({}));

    const limit = resource === "search" ? 30 : 5000;
    const key = `${viewer.login}:${resource}`;
    const remaining = Math.max((gh.rateRemaining.get(key) ?? limit) - 1, 0);
    gh.rateRemaining.set(key, remaining);
    const headers = standardHeaders({
      "x-oauth-scopes": token.scopes,
      "x-accepted-oauth-scopes": "",
      "x-ratelimit-limit": String(limit),
      "x-ratelimit-remaining": String(remaining),
      "x-ratelimit-reset": reset,
      "x-ratelimit-used": String(limit - remaining),
      "x-ratelimit-resource": resource,
    });

    if (ctx.bodyInvalidJson) return { ...json(400, errorBody(400, "Problems parsing JSON", doc)), headers };
    const fail = (status: number, message: string, extra?: Record<string, unknown>): Reply => json(status, errorBody(status, message, doc, extra));
    const call: GitHubCall = {
      gh,
      viewer,
      fail,
      notFound: () => fail(404, "Not Found"),
      validationFailed: (errors) => fail(422, "Validation Failed", { errors }),
      invalidRequest: (detail) => fail(422, `Invalid request.\n\n${detail}`),
    };
    const reply = handler(ctx, params, call);
    return { ...reply, headers: { ...headers, ...reply.headers } };
  };
}

export function findRepo(gh: GitHubState, owner: string, name: string, viewer: string): GitHubRepo | undefined {
  const o = owner.toLowerCase();
  const n = name.toLowerCase();
  const repo = gh.repos.find((r) => r.owner.toLowerCase() === o && r.name.toLowerCase() === n);
  return repo && canSee(repo, viewer) ? repo : undefined;
}

function findIssue(gh: GitHubState, repo: GitHubRepo, number: string): GitHubIssue | undefined {
  if (!/^\d+$/.test(number)) return undefined;
  return gh.issues.find((i) => i.repo_id === repo.id && i.number === Number(number));
}

function withLink(reply: Reply, link: string | undefined): Reply {
  return link ? { ...reply, headers: { ...reply.headers, link } } : reply;
}

function describe(value: unknown): string {
  return JSON.stringify(value) ?? String(value);
}

/** The error GitHub's schema validation gives for a wrong type, e.g. `For 'properties/title', true is not a string.` */
function typeError(call: GitHubCall, field: string, value: unknown, expected: string): Reply {
  return call.invalidRequest(`For 'properties/${field}', ${describe(value)} is not ${expected}.`);
}

/** Label names from `["bug"]` or `[{ name: "bug" }]`; undefined when the shape is wrong. */
function labelNames(value: unknown): string[] | undefined {
  if (!Array.isArray(value)) return undefined;
  const names: string[] = [];
  for (const item of value) {
    if (typeof item === "string") names.push(item);
    else if (isObject(item) && typeof item.name === "string") names.push(item.name);
    else return undefined;
  }
  return names;
}

/** Makes sure the repository has each label, creating missing ones as GitHub does. */
function ensureLabels(gh: GitHubState, repo: GitHubRepo, names: string[]): string[] {
  const resolved: string[] = [];
  for (const name of names) {
    let label = repo.labels.find((l) => l.name.toLowerCase() === name.toLowerCase());
    if (!label) {
      label = { id: gh.nextId++, name, color: "ededed", description: null, default: false };
      repo.labels.push(label);
    }
    if (!resolved.includes(label.name)) resolved.push(label.name);
  }
  return resolved;
}

function sortBy<T>(items: T[], key: (item: T) => string | number, direction: "asc" | "desc"): T[] {
  const sign = direction === "asc" ? 1 : -1;
  return [...items].sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -sign : ka > kb ? sign : 0;
  });
}

function direction(ctx: Ctx, fallback: "asc" | "desc"): "asc" | "desc" {
  const d = ctx.query.get("direction");
  return d === "asc" || d === "desc" ? d : fallback;
}

// --- users -----------------------------------------------------------------------------

const getAuthenticatedUser: GitHubHandler = (ctx, _params, call) => json(200, privateUser(ctx.origin, call.gh, call.viewer));

const getUser: GitHubHandler = (ctx, params, call) => {
  const user = findUser(call.gh, params.username ?? "");
  return user ? json(200, publicUser(ctx.origin, call.gh, user)) : call.notFound();
};

// --- repositories ----------------------------------------------------------------------

const getRepo: GitHubHandler = (ctx, params, call) => {
  const repo = findRepo(call.gh, params.owner ?? "", params.repo ?? "", call.viewer.login);
  return repo ? json(200, repoJson(ctx.origin, call.gh, repo, call.viewer.login, true)) : call.notFound();
};

const listMyRepos: GitHubHandler = (ctx, _params, call) => {
  const login = call.viewer.login;
  const visibility = ctx.query.get("visibility") ?? "all";
  const type = ctx.query.get("type");
  const affiliation = (ctx.query.get("affiliation") ?? "owner,collaborator,organization_member").split(",").map((s) => s.trim());
  if (type && (ctx.query.has("visibility") || ctx.query.has("affiliation"))) {
    return call.fail(422, "If you specify visibility or affiliation, you cannot specify type.");
  }
  let repos = call.gh.repos.filter((r) => {
    const owner = r.owner === login;
    const collaborator = r.collaborators.includes(login);
    if (type) {
      if (type === "owner") return owner;
      if (type === "member") return collaborator;
      if (type === "public") return (owner || collaborator) && !r.private;
      if (type === "private") return (owner || collaborator) && r.private;
      return owner || collaborator;
    }
    const affiliated = (owner && affiliation.includes("owner")) || (collaborator && affiliation.includes("collaborator"));
    if (!affiliated) return false;
    if (visibility === "public") return !r.private;
    if (visibility === "private") return r.private;
    return true;
  });
  const sort = ctx.query.get("sort") ?? "full_name";
  const key = (r: GitHubRepo): string => (sort === "created" ? r.created_at : sort === "updated" ? r.updated_at : sort === "pushed" ? r.pushed_at : fullName(r).toLowerCase());
  repos = sortBy(repos, key, direction(ctx, sort === "full_name" ? "asc" : "desc"));
  const { page, link } = paginate(ctx, repos);
  return withLink(json(200, page.map((r) => repoJson(ctx.origin, call.gh, r, login))), link);
};

const createRepo: GitHubHandler = (ctx, _params, call) => {
  const body = isObject(ctx.body) ? ctx.body : {};
  if (body.name === undefined) return call.invalidRequest(`"name" wasn't supplied.`);
  if (typeof body.name !== "string") return typeError(call, "name", body.name, "a string");
  for (const field of ["description", "homepage"] as const) {
    const value = body[field];
    if (value !== undefined && value !== null && typeof value !== "string") return typeError(call, field, value, "a string or null");
  }
  for (const field of ["private", "has_issues", "has_projects", "has_wiki", "auto_init"] as const) {
    const value = body[field];
    if (value !== undefined && typeof value !== "boolean") return typeError(call, field, value, "a boolean");
  }
  const name = body.name.trim().replace(/[^A-Za-z0-9._-]/g, "-");
  if (name === "" || name === "." || name === "..") {
    return call.fail(422, "Repository creation failed.", { errors: [{ resource: "Repository", code: "custom", field: "name", message: "name is invalid" }] });
  }
  const login = call.viewer.login;
  if (call.gh.repos.some((r) => r.owner === login && r.name.toLowerCase() === name.toLowerCase())) {
    return call.fail(422, "Repository creation failed.", {
      errors: [{ resource: "Repository", code: "custom", field: "name", message: "name already exists on this account" }],
    });
  }
  const now = timestamp();
  const repo: GitHubRepo = {
    id: call.gh.nextId++,
    owner: login,
    name,
    description: typeof body.description === "string" ? body.description : null,
    private: body.private === true,
    homepage: typeof body.homepage === "string" ? body.homepage : null,
    language: null,
    topics: [],
    default_branch: "main",
    has_issues: body.has_issues !== false,
    has_wiki: body.has_wiki !== false,
    has_projects: body.has_projects !== false,
    base_stars: 0,
    forks_count: 0,
    size: 0,
    created_at: now,
    updated_at: now,
    pushed_at: now,
    collaborators: [],
    labels: [],
    next_number: 1,
  };
  ensureLabels(call.gh, repo, ["bug", "documentation", "duplicate", "enhancement", "good first issue", "help wanted", "invalid", "question", "wontfix"]);
  for (const label of repo.labels) label.default = true;
  call.gh.repos.push(repo);
  return json(201, repoJson(ctx.origin, call.gh, repo, login, true), { location: `${ctx.origin}/repos/${fullName(repo)}` });
};

// --- issues ----------------------------------------------------------------------------

const listIssues: GitHubHandler = (ctx, params, call) => {
  const repo = findRepo(call.gh, params.owner ?? "", params.repo ?? "", call.viewer.login);
  if (!repo) return call.notFound();
  const state = ctx.query.get("state") ?? "open";
  if (!["open", "closed", "all"].includes(state)) {
    return call.validationFailed([{ value: state, resource: "Issue", field: "state", code: "invalid" }]);
  }
  const labels = (ctx.query.get("labels") ?? "").split(",").map((l) => l.trim().toLowerCase()).filter((l) => l !== "");
  const assignee = ctx.query.get("assignee");
  const creator = ctx.query.get("creator");
  const since = ctx.query.get("since");
  let issues = call.gh.issues.filter((i) => {
    if (i.repo_id !== repo.id) return false;
    if (state !== "all" && i.state !== state) return false;
    const issueLabels = i.labels.map((l) => l.toLowerCase());
    if (!labels.every((l) => issueLabels.includes(l))) return false;
    if (assignee === "none" && i.assignees.length > 0) return false;
    if (assignee === "*" && i.assignees.length === 0) return false;
    if (assignee && assignee !== "none" && assignee !== "*" && !i.assignees.some((a) => a.toLowerCase() === assignee.toLowerCase())) return false;
    if (creator && i.user.toLowerCase() !== creator.toLowerCase()) return false;
    if (since && i.updated_at < since) return false;
    return true;
  });
  const sort = ctx.query.get("sort") ?? "created";
  const commentCount = (i: GitHubIssue): number => call.gh.comments.filter((c) => c.issue_id === i.id).length;
  const key = (i: GitHubIssue): string | number => (sort === "updated" ? i.updated_at : sort === "comments" ? commentCount(i) : i.created_at);
  issues = sortBy(issues, key, direction(ctx, "desc"));
  const { page, link } = paginate(ctx, issues);
  return withLink(json(200, page.map((i) => issueJson(ctx.origin, call.gh, repo, i))), link);
};

const createIssue: GitHubHandler = (ctx, params, call) => {
  const repo = findRepo(call.gh, params.owner ?? "", params.repo ?? "", call.viewer.login);
  if (!repo) return call.notFound();
  if (!repo.has_issues) return call.fail(410, "Issues are disabled for this repo");
  const body = isObject(ctx.body) ? ctx.body : {};
  const title = body.title;
  if (title !== undefined && title !== null && typeof title !== "string" && typeof title !== "number") {
    return typeError(call, "title", title, "a string or integer");
  }
  if (title === undefined || title === null || String(title).trim() === "") {
    return call.validationFailed([{ resource: "Issue", code: "missing_field", field: "title" }]);
  }
  if (body.body !== undefined && body.body !== null && typeof body.body !== "string") return typeError(call, "body", body.body, "a string or null");
  const push = canPush(repo, call.viewer.login);
  let labels: string[] = [];
  if (body.labels !== undefined) {
    const names = labelNames(body.labels);
    if (!names) return typeError(call, "labels", body.labels, "an array");
    // Without push access GitHub drops labels and assignees silently.
    if (push) labels = ensureLabels(call.gh, repo, names);
  }
  let assignees: string[] = [];
  const requested = [...(Array.isArray(body.assignees) ? body.assignees : []), ...(typeof body.assignee === "string" ? [body.assignee] : [])];
  if (body.assignees !== undefined && !Array.isArray(body.assignees)) return typeError(call, "assignees", body.assignees, "an array");
  if (push) {
    for (const login of requested) {
      if (typeof login !== "string") return typeError(call, "assignees", body.assignees, "an array of strings");
      const user = findUser(call.gh, login);
      if (!user || !canPush(repo, user.login)) return call.validationFailed([{ value: login, resource: "Issue", field: "assignees", code: "invalid" }]);
      if (!assignees.includes(user.login)) assignees.push(user.login);
    }
  }
  const now = timestamp();
  const issue: GitHubIssue = {
    id: call.gh.nextId++,
    repo_id: repo.id,
    number: repo.next_number++,
    title: String(title),
    body: typeof body.body === "string" ? body.body : null,
    state: "open",
    state_reason: null,
    user: call.viewer.login,
    labels,
    assignees,
    locked: false,
    created_at: now,
    updated_at: now,
    closed_at: null,
    closed_by: null,
  };
  call.gh.issues.push(issue);
  repo.updated_at = now;
  return json(201, issueJson(ctx.origin, call.gh, repo, issue, true), { location: `${ctx.origin}/repos/${fullName(repo)}/issues/${issue.number}` });
};

const getIssue: GitHubHandler = (ctx, params, call) => {
  const repo = findRepo(call.gh, params.owner ?? "", params.repo ?? "", call.viewer.login);
  const issue = repo && findIssue(call.gh, repo, params.issue_number ?? "");
  if (!repo || !issue) return call.notFound();
  return json(200, issueJson(ctx.origin, call.gh, repo, issue, true));
};

const updateIssue: GitHubHandler = (ctx, params, call) => {
  const repo = findRepo(call.gh, params.owner ?? "", params.repo ?? "", call.viewer.login);
  const issue = repo && findIssue(call.gh, repo, params.issue_number ?? "");
  if (!repo || !issue) return call.notFound();
  const login = call.viewer.login;
  const push = canPush(repo, login);
  if (!push && issue.user !== login) return call.fail(403, "Must have admin rights to Repository.");
  const body = isObject(ctx.body) ? ctx.body : {};

  if (body.title !== undefined) {
    if (body.title === null || (typeof body.title !== "string" && typeof body.title !== "number")) return typeError(call, "title", body.title, "a string or integer");
    if (String(body.title).trim() === "") return call.validationFailed([{ resource: "Issue", code: "missing_field", field: "title" }]);
  }
  if (body.body !== undefined && body.body !== null && typeof body.body !== "string") return typeError(call, "body", body.body, "a string or null");
  if (body.state !== undefined && body.state !== "open" && body.state !== "closed") {
    return call.validationFailed([{ value: body.state, resource: "Issue", field: "state", code: "invalid" }]);
  }
  const reasons = ["completed", "not_planned", "reopened"];
  if (body.state_reason !== undefined && body.state_reason !== null && !reasons.includes(String(body.state_reason))) {
    return call.validationFailed([{ value: body.state_reason, resource: "Issue", field: "state_reason", code: "invalid" }]);
  }
  let labels: string[] | undefined;
  if (body.labels !== undefined) {
    const names = labelNames(body.labels);
    if (!names) return typeError(call, "labels", body.labels, "an array");
    labels = names;
  }
  let assignees: string[] | undefined;
  if (body.assignees !== undefined || body.assignee !== undefined) {
    const requested = Array.isArray(body.assignees) ? body.assignees : body.assignee === null ? [] : [body.assignee];
    assignees = [];
    for (const requestedLogin of requested) {
      const user = typeof requestedLogin === "string" ? findUser(call.gh, requestedLogin) : undefined;
      if (!user || !canPush(repo, user.login)) return call.validationFailed([{ value: requestedLogin, resource: "Issue", field: "assignees", code: "invalid" }]);
      if (!assignees.includes(user.login)) assignees.push(user.login);
    }
  }

  const now = timestamp();
  if (body.title !== undefined) issue.title = String(body.title);
  if (body.body !== undefined) issue.body = typeof body.body === "string" ? body.body : null;
  if (body.state === "closed" && issue.state === "open") {
    issue.state = "closed";
    issue.closed_at = now;
    issue.closed_by = login;
    issue.state_reason = body.state_reason === "not_planned" ? "not_planned" : "completed";
  } else if (body.state === "open" && issue.state === "closed") {
    issue.state = "open";
    issue.closed_at = null;
    issue.state_reason = "reopened";
  } else if (body.state_reason !== undefined && issue.state === "closed" && (body.state_reason === "completed" || body.state_reason === "not_planned")) {
    issue.state_reason = body.state_reason;
  }
  // Only people with push access may change labels and assignees; others' changes are ignored.
  if (push && labels) issue.labels = ensureLabels(call.gh, repo, labels);
  if (push && assignees) issue.assignees = assignees;
  issue.updated_at = now;
  return json(200, issueJson(ctx.origin, call.gh, repo, issue, true));
};

// --- comments --------------------------------------------------------------------------

const listComments: GitHubHandler = (ctx, params, call) => {
  const repo = findRepo(call.gh, params.owner ?? "", params.repo ?? "", call.viewer.login);
  const issue = repo && findIssue(call.gh, repo, params.issue_number ?? "");
  if (!repo || !issue) return call.notFound();
  const since = ctx.query.get("since");
  const comments = call.gh.comments.filter((c) => c.issue_id === issue.id && (!since || c.updated_at >= since));
  const { page, link } = paginate(ctx, comments);
  return withLink(json(200, page.map((c) => commentJson(ctx.origin, call.gh, repo, issue, c))), link);
};

const createComment: GitHubHandler = (ctx, params, call) => {
  const repo = findRepo(call.gh, params.owner ?? "", params.repo ?? "", call.viewer.login);
  const issue = repo && findIssue(call.gh, repo, params.issue_number ?? "");
  if (!repo || !issue) return call.notFound();
  const body = isObject(ctx.body) ? ctx.body : {};
  if (body.body === undefined) return call.invalidRequest(`"body" wasn't supplied.`);
  if (typeof body.body !== "string") return typeError(call, "body", body.body, "a string");
  if (body.body.trim() === "") return call.validationFailed([{ resource: "IssueComment", code: "missing_field", field: "body" }]);
  if (issue.locked && !canPush(repo, call.viewer.login)) return call.fail(403, "Unable to create comment because issue is locked.");
  const now = timestamp();
  const comment = { id: call.gh.nextId++, issue_id: issue.id, user: call.viewer.login, body: body.body, created_at: now, updated_at: now };
  call.gh.comments.push(comment);
  issue.updated_at = now;
  const rendered = commentJson(ctx.origin, call.gh, repo, issue, comment);
  return json(201, rendered, { location: String(rendered.url) });
};

// --- starring --------------------------------------------------------------------------

const checkStar: GitHubHandler = (_ctx, params, call) => {
  const repo = findRepo(call.gh, params.owner ?? "", params.repo ?? "", call.viewer.login);
  if (!repo || !starsOf(call.gh, repo).has(call.viewer.login)) return call.notFound();
  return empty(204);
};

const star: GitHubHandler = (_ctx, params, call) => {
  const repo = findRepo(call.gh, params.owner ?? "", params.repo ?? "", call.viewer.login);
  if (!repo) return call.notFound();
  const stars = starsOf(call.gh, repo);
  if (!stars.has(call.viewer.login)) stars.set(call.viewer.login, timestamp());
  return empty(204);
};

const unstar: GitHubHandler = (_ctx, params, call) => {
  const repo = findRepo(call.gh, params.owner ?? "", params.repo ?? "", call.viewer.login);
  if (!repo) return call.notFound();
  starsOf(call.gh, repo).delete(call.viewer.login);
  return empty(204);
};

const listStarred: GitHubHandler = (ctx, _params, call) => {
  const login = call.viewer.login;
  const starred = call.gh.repos
    .filter((r) => canSee(r, login))
    .map((repo) => ({ repo, at: starsOf(call.gh, repo).get(login) }))
    .filter((s): s is { repo: GitHubRepo; at: string } => s.at !== undefined);
  const sort = ctx.query.get("sort") === "updated" ? "updated" : "created";
  const sorted = sortBy(starred, (s) => (sort === "updated" ? s.repo.updated_at : s.at), direction(ctx, "desc"));
  const { page, link } = paginate(ctx, sorted);
  return withLink(json(200, page.map((s) => repoJson(ctx.origin, call.gh, s.repo, login))), link);
};

export function registerGitHub(router: Router): void {
  router
    .add("GET", "/user", github("users/users#get-the-authenticated-user", "core", getAuthenticatedUser))
    .add("GET", "/users/{username}", github("users/users#get-a-user", "core", getUser))
    .add("GET", "/user/repos", github("repos/repos#list-repositories-for-the-authenticated-user", "core", listMyRepos))
    .add("POST", "/user/repos", github("repos/repos#create-a-repository-for-the-authenticated-user", "core", createRepo))
    .add("GET", "/repos/{owner}/{repo}", github("repos/repos#get-a-repository", "core", getRepo))
    .add("GET", "/repos/{owner}/{repo}/issues", github("issues/issues#list-repository-issues", "core", listIssues))
    .add("POST", "/repos/{owner}/{repo}/issues", github("issues/issues#create-an-issue", "core", createIssue))
    .add("GET", "/repos/{owner}/{repo}/issues/{issue_number}", github("issues/issues#get-an-issue", "core", getIssue))
    .add("PATCH", "/repos/{owner}/{repo}/issues/{issue_number}", github("issues/issues#update-an-issue", "core", updateIssue))
    .add("GET", "/repos/{owner}/{repo}/issues/{issue_number}/comments", github("issues/comments#list-issue-comments", "core", listComments))
    .add("POST", "/repos/{owner}/{repo}/issues/{issue_number}/comments", github("issues/comments#create-an-issue-comment", "core", createComment))
    .add("GET", "/user/starred", github("activity/starring#list-repositories-starred-by-the-authenticated-user", "core", listStarred))
    .add("GET", "/user/starred/{owner}/{repo}", github("activity/starring#check-if-a-repository-is-starred-by-the-authenticated-user", "core", checkStar))
    .add("PUT", "/user/starred/{owner}/{repo}", github("activity/starring#star-a-repository-for-the-authenticated-user", "core", star))
    .add("DELETE", "/user/starred/{owner}/{repo}", github("activity/starring#unstar-a-repository-for-the-authenticated-user", "core", unstar))
    .add("GET", "/search/repositories", github("search/search#search-repositories", "search", searchRepositories))
    .add("GET", "/search/issues", github("search/search#search-issues-and-pull-requests", "search", searchIssues));
}

/** GitHub's answer for paths it has no route for. */
export function githubNotFound(): Reply {
  return json(404, errorBody(404, "Not Found", DOCS), standardHeaders({}));
}

/**
 * GitHub search (/search/repositories, /search/issues): free-text words match as
 * case-insensitive substrings, and the common qualifiers (user:, repo:, is:, label:, …) filter.
 */
import type { GitHubHandler } from "./github.ts";
import { canSee, fullName, issueJson, repoJson, starsOf } from "./github-render.ts";
import { type Ctx, json, matchesTerms, paginate, parseSearch } from "./http.ts";
import type { GitHubIssue, GitHubRepo, GitHubState } from "./store/types.ts";

/** `stars:>10`, `stars:>=10`, `stars:<10`, `stars:10..20`, `stars:10`. */
function compareNumber(spec: string, n: number): boolean {
  const range = /^(\d+)\.\.(\d+)$/.exec(spec);
  if (range) return n >= Number(range[1]) && n <= Number(range[2]);
  const match = /^(>=|<=|>|<)?(\d+)$/.exec(spec);
  if (!match) return true;
  const v = Number(match[2]);
  switch (match[1]) {
    case ">=":
      return n >= v;
    case "<=":
      return n <= v;
    case ">":
      return n > v;
    case "<":
      return n < v;
    default:
      return n === v;
  }
}

function eq(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

function searchResult<T>(ctx: Ctx, items: T[], render: (item: T) => Record<string, unknown>) {
  const { page, link } = paginate(ctx, items);
  const reply = json(200, { total_count: items.length, incomplete_results: false, items: page.map((item) => ({ ...render(item), score: 1.0 })) });
  return link ? { ...reply, headers: { link } } : reply;
}

function stars(gh: GitHubState, repo: GitHubRepo): number {
  return repo.base_stars + starsOf(gh, repo).size;
}

export const searchRepositories: GitHubHandler = (ctx, _params, call) => {
  const q = ctx.query.get("q") ?? "";
  if (q.trim() === "") return call.validationFailed([{ resource: "Search", field: "q", code: "missing" }]);
  const { terms, qualifiers } = parseSearch(q);
  const gh = call.gh;
  let repos = gh.repos.filter((repo) => {
    if (!canSee(repo, call.viewer.login)) return false;
    for (const { key, value, negated } of qualifiers) {
      let ok = true;
      if (key === "user" || key === "org" || key === "owner") ok = eq(repo.owner, value);
      else if (key === "repo") ok = eq(fullName(repo), value);
      else if (key === "is") ok = value === "public" ? !repo.private : value === "private" ? repo.private : true;
      else if (key === "language") ok = repo.language !== null && eq(repo.language, value);
      else if (key === "topic") ok = repo.topics.some((t) => eq(t, value));
      else if (key === "stars") ok = compareNumber(value, stars(gh, repo));
      if (ok === negated) return false;
    }
    return matchesTerms(terms, [repo.name, fullName(repo), repo.description ?? "", ...repo.topics].join("\n"));
  });
  const sort = ctx.query.get("sort");
  const sign = ctx.query.get("order") === "asc" ? 1 : -1;
  if (sort === "stars") repos = [...repos].sort((a, b) => sign * (stars(gh, a) - stars(gh, b)));
  else if (sort === "forks") repos = [...repos].sort((a, b) => sign * (a.forks_count - b.forks_count));
  else if (sort === "updated") repos = [...repos].sort((a, b) => sign * a.updated_at.localeCompare(b.updated_at));
  return searchResult(ctx, repos, (repo) => repoJson(ctx.origin, gh, repo, call.viewer.login));
};

export const searchIssues: GitHubHandler = (ctx, _params, call) => {
  const q = ctx.query.get("q") ?? "";
  if (q.trim() === "") return call.validationFailed([{ resource: "Search", field: "q", code: "missing" }]);
  const { terms, qualifiers } = parseSearch(q);
  const gh = call.gh;
  const repoOf = new Map(gh.repos.map((r) => [r.id, r]));
  const commentsOf = (issue: GitHubIssue): string[] => gh.comments.filter((c) => c.issue_id === issue.id).map((c) => c.body);
  let found = gh.issues.filter((issue) => {
    const repo = repoOf.get(issue.repo_id);
    if (!repo || !canSee(repo, call.viewer.login)) return false;
    for (const { key, value, negated } of qualifiers) {
      let ok = true;
      if (key === "repo") ok = eq(fullName(repo), value);
      else if (key === "user" || key === "org" || key === "owner") ok = eq(repo.owner, value);
      else if (key === "is" || key === "state" || key === "type") {
        // The simulator has no pull requests, so is:pr / type:pr match nothing.
        if (value === "open" || value === "closed") ok = issue.state === value;
        else if (value === "pr" || value === "pull-request") ok = false;
        else if (value === "public" || value === "private") ok = repo.private === (value === "private");
      } else if (key === "label") ok = value.split(",").some((l) => issue.labels.some((il) => eq(il, l)));
      else if (key === "author") ok = eq(issue.user, value);
      else if (key === "assignee") ok = issue.assignees.some((a) => eq(a, value));
      else if (key === "no") ok = value === "label" ? issue.labels.length === 0 : value === "assignee" ? issue.assignees.length === 0 : true;
      else if (key === "comments") ok = compareNumber(value, commentsOf(issue).length);
      if (ok === negated) return false;
    }
    const inComments = qualifiers.some((qual) => qual.key === "in" && qual.value.includes("comments"));
    return matchesTerms(terms, [issue.title, issue.body ?? "", ...(inComments ? commentsOf(issue) : [])].join("\n"));
  });
  const sort = ctx.query.get("sort");
  const sign = ctx.query.get("order") === "asc" ? 1 : -1;
  if (sort === "created") found = [...found].sort((a, b) => sign * a.created_at.localeCompare(b.created_at));
  else if (sort === "updated") found = [...found].sort((a, b) => sign * a.updated_at.localeCompare(b.updated_at));
  else if (sort === "comments") found = [...found].sort((a, b) => sign * (commentsOf(a).length - commentsOf(b).length));
  return searchResult(ctx, found, (issue) => {
    const repo = repoOf.get(issue.repo_id) as GitHubRepo;
    return issueJson(ctx.origin, gh, repo, issue);
  });
};

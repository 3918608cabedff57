/**
 * GitHub's JSON shapes (users, repositories, issues, comments, labels), rendered from the
 * stored records with the fields api.github.com returns. API URLs point at the simulator
 * (it stands in for api.github.com); html_url points at github.com as the real one does.
 */
import type { GitHubComment, GitHubIssue, GitHubLabel, GitHubRepo, GitHubState, GitHubUser } from "./store/types.ts";

const WEB = "https://github.com";

export function nodeId(kind: string, id: number): string {
  return Buffer.from(`${kind}${id}`).toString("base64");
}

export function findUser(gh: GitHubState, login: string): GitHubUser | undefined {
  const lower = login.toLowerCase();
  return gh.users.find((u) => u.login.toLowerCase() === lower);
}

export function starsOf(gh: GitHubState, repo: GitHubRepo): Map<string, string> {
  const key = fullName(repo).toLowerCase();
  let stars = gh.stars.get(key);
  if (!stars) {
    stars = new Map();
    gh.stars.set(key, stars);
  }
  return stars;
}

export function fullName(repo: GitHubRepo): string {
  return `${repo.owner}/${repo.name}`;
}

export function canPush(repo: GitHubRepo, login: string): boolean {
  return repo.owner === login || repo.collaborators.includes(login);
}

export function canSee(repo: GitHubRepo, login: string): boolean {
  return !repo.private || canPush(repo, login);
}

export function authorAssociation(repo: GitHubRepo, login: string): string {
  if (repo.owner === login) return "OWNER";
  if (repo.collaborators.includes(login)) return "COLLABORATOR";
  return "NONE";
}

export function simpleUser(origin: string, user: GitHubUser): Record<string, unknown> {
  const api = `${origin}/users/${user.login}`;
  return {
    login: user.login,
    id: user.id,
    node_id: nodeId("04:User", user.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: "",
    url: api,
    html_url: `${WEB}/${user.login}`,
    followers_url: `${api}/followers`,
    following_url: `${api}/following{/other_user}`,
    gists_url: `${api}/gists{/gist_id}`,
    starred_url: `${api}/starred{/owner}{/repo}`,
    subscriptions_url: `${api}/subscriptions`,
    organizations_url: `${api}/orgs`,
    repos_url: `${api}/repos`,
    events_url: `${api}/events{/privacy}`,
    received_events_url: `${api}/received_events`,
    type: "User",
    user_view_type: "public",
    site_admin: false,
  };
}

/** A login as a simple user; logins the simulator does not know get a stable made-up id. */
export function userByLogin(origin: string, gh: GitHubState, login: string): Record<string, unknown> {
  const known = findUser(gh, login);
  if (known) return simpleUser(origin, known);
  let id = 0;
  for (const ch of login) id = (id * 31 + ch.charCodeAt(0)) % 9_000_000;
  return simpleUser(origin, {
    id: 1_000_000 + id,
    login,
    name: null,
    email: null,
    company: null,
    blog: "",
    location: null,
    bio: null,
    created_at: "2015-01-01T00:00:00Z",
    updated_at: "2015-01-01T00:00:00Z",
  });
}

export function publicUser(origin: string, gh: GitHubState, user: GitHubUser): Record<string, unknown> {
  const owned = gh.repos.filter((r) => r.owner === user.login);
  return {
    ...simpleUser(origin, user),
    name: user.name,
    company: user.company,
    blog: user.blog,
    location: user.location,
    email: user.email,
    hireable: null,
    bio: user.bio,
    twitter_username: null,
    public_repos: owned.filter((r) => !r.private).length,
    public_gists: 0,
    followers: 0,
    following: 0,
    created_at: user.created_at,
    updated_at: user.updated_at,
  };
}

export function privateUser(origin: string, gh: GitHubState, user: GitHubUser): Record<string, unknown> {
  const privateRepos = gh.repos.filter((r) => r.owner === user.login && r.private).length;
  return {
    ...publicUser(origin, gh, user),
    notification_email: user.email,
    private_gists: 0,
    total_private_repos: privateRepos,
    owned_private_repos: privateRepos,
    disk_usage: 1024,
    collaborators: 0,
    two_factor_authentication: true,
    plan: { name: "pro", space: 976562499, collaborators: 0, private_repos: 9999 },
  };
}

export function labelJson(origin: string, repo: GitHubRepo, label: GitHubLabel): Record<string, unknown> {
  return {
    id: label.id,
    node_id: nodeId("010:Label", label.id),
    url: `${origin}/repos/${fullName(repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

/** The repository object of lists and search; `detail` adds what GET /repos/{owner}/{repo} adds. */
export function repoJson(origin: string, gh: GitHubState, repo: GitHubRepo, viewer: string, detail = false): Record<string, unknown> {
  const owner = findUser(gh, repo.owner);
  const api = `${origin}/repos/${fullName(repo)}`;
  const web = `${WEB}/${fullName(repo)}`;
  const stars = repo.base_stars + starsOf(gh, repo).size;
  const openIssues = gh.issues.filter((i) => i.repo_id === repo.id && i.state === "open").length;
  const json: Record<string, unknown> = {
    id: repo.id,
    node_id: nodeId("010:Repository", repo.id),
    name: repo.name,
    full_name: fullName(repo),
    private: repo.private,
    owner: owner ? simpleUser(origin, owner) : userByLogin(origin, gh, repo.owner),
    html_url: web,
    description: repo.description,
    fork: false,
    url: api,
    forks_url: `${api}/forks`,
    keys_url: `${api}/keys{/key_id}`,
    collaborators_url: `${api}/collaborators{/collaborator}`,
    teams_url: `${api}/teams`,
    hooks_url: `${api}/hooks`,
    issue_events_url: `${api}/issues/events{/number}`,
    events_url: `${api}/events`,
    assignees_url: `${api}/assignees{/user}`,
    branches_url: `${api}/branches{/branch}`,
    tags_url: `${api}/tags`,
    blobs_url: `${api}/git/blobs{/sha}`,
    git_tags_url: `${api}/git/tags{/sha}`,
    git_refs_url: `${api}/git/refs{/sha}`,
    trees_url: `${api}/git/trees{/sha}`,
    statuses_url: `${api}/statuses/{sha}`,
    languages_url: `${api}/languages`,
    stargazers_url: `${api}/stargazers`,
    contributors_url: `${api}/contributors`,
    subscribers_url: `${api}/subscribers`,
    subscription_url: `${api}/subscription`,
    commits_url: `${api}/commits{/sha}`,
    git_commits_url: `${api}/git/commits{/sha}`,
    comments_url: `${api}/comments{/number}`,
    issue_comment_url: `${api}/issues/comments{/number}`,
    contents_url: `${api}/contents/{+path}`,
    compare_url: `${api}/compare/{base}...{head}`,
    merges_url: `${api}/merges`,
    archive_url: `${api}/{archive_format}{/ref}`,
    downloads_url: `${api}/downloads`,
    issues_url: `${api}/issues{/number}`,
    pulls_url: `${api}/pulls{/number}`,
    milestones_url: `${api}/milestones{/number}`,
    notifications_url: `${api}/notifications{?since,all,participating}`,
    labels_url: `${api}/labels{/name}`,
    releases_url: `${api}/releases{/id}`,
    deployments_url: `${api}/deployments`,
    created_at: repo.created_at,
    updated_at: repo.updated_at,
    pushed_at: repo.pushed_at,
    git_url: `git://github.com/${fullName(repo)}.git`,
    ssh_url: `git@github.com:${fullName(repo)}.git`,
    clone_url: `${web}.git`,
    svn_url: web,
    homepage: repo.homepage,
    size: repo.size,
    stargazers_count: stars,
    watchers_count: stars,
    language: repo.language,
    has_issues: repo.has_issues,
    has_projects: repo.has_projects,
    has_downloads: true,
    has_wiki: repo.has_wiki,
    has_pages: false,
    has_discussions: false,
    forks_count: repo.forks_count,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: openIssues,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: repo.topics,
    visibility: repo.private ? "private" : "public",
    forks: repo.forks_count,
    open_issues: openIssues,
    watchers: stars,
    default_branch: repo.default_branch,
    permissions: {
      admin: repo.owner === viewer,
      maintain: repo.owner === viewer,
      push: canPush(repo, viewer),
      triage: canPush(repo, viewer),
      pull: true,
    },
  };
  if (detail) {
    json.network_count = repo.forks_count;
    json.subscribers_count = 1 + repo.collaborators.length;
  }
  return json;
}

function reactions(url: string): Record<string, unknown> {
  return { url: `${url}/reactions`, total_count: 0, "+1": 0, "-1": 0, laugh: 0, hooray: 0, confused: 0, heart: 0, rocket: 0, eyes: 0 };
}

export function issueJson(origin: string, gh: GitHubState, repo: GitHubRepo, issue: GitHubIssue, detail = false): Record<string, unknown> {
  const api = `${origin}/repos/${fullName(repo)}`;
  const url = `${api}/issues/${issue.number}`;
  const assignees = issue.assignees.map((login) => userByLogin(origin, gh, login));
  const labels = issue.labels
    .map((name) => repo.labels.find((l) => l.name.toLowerCase() === name.toLowerCase()))
    .filter((l): l is GitHubLabel => l !== undefined)
    .map((l) => labelJson(origin, repo, l));
  const json: Record<string, unknown> = {
    url,
    repository_url: api,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: `${WEB}/${fullName(repo)}/issues/${issue.number}`,
    id: issue.id,
    node_id: nodeId("05:Issue", issue.id),
    number: issue.number,
    title: issue.title,
    user: userByLogin(origin, gh, issue.user),
    labels,
    state: issue.state,
    locked: issue.locked,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: gh.comments.filter((c) => c.issue_id === issue.id).length,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    author_association: authorAssociation(repo, issue.user),
    type: null,
    active_lock_reason: null,
    sub_issues_summary: { total: 0, completed: 0, percent_completed: 0 },
    body: issue.body,
    reactions: reactions(url),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.state_reason,
  };
  if (detail) json.closed_by = issue.closed_by ? userByLogin(origin, gh, issue.closed_by) : null;
  return json;
}

export function commentJson(origin: string, gh: GitHubState, repo: GitHubRepo, issue: GitHubIssue, comment: GitHubComment): Record<string, unknown> {
  const api = `${origin}/repos/${fullName(repo)}`;
  const url = `${api}/issues/comments/${comment.id}`;
  return {
    url,
    html_url: `${WEB}/${fullName(repo)}/issues/${issue.number}#issuecomment-${comment.id}`,
    issue_url: `${api}/issues/${issue.number}`,
    id: comment.id,
    node_id: nodeId("012:IssueComment", comment.id),
    user: userByLogin(origin, gh, comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    author_association: authorAssociation(repo, comment.user),
    body: comment.body,
    reactions: reactions(url),
    performed_via_github_app: null,
  };
}

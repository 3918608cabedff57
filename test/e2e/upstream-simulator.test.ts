import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { TOKENS, startUpstream, type Upstream } from "../upstream/server.ts";

/** The upstream simulator's own tests: GitHub, Gmail and Calendar as their clients see them, plus the /_sim hooks. */

let upstream: Upstream;

beforeAll(async () => {
  upstream = await startUpstream();
});

afterAll(async () => {
  await upstream?.close();
});

beforeEach(() => {
  upstream.reset();
});

interface Result<T = any> {
  status: number;
  headers: Headers;
  body: T;
}

async function call<T = any>(path: string, token: string | undefined, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Result<T>> {
  const headers: Record<string, string> = { ...init.headers };
  if (token) headers.authorization = `Bearer ${token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  const response = await fetch(path.startsWith("http") ? path : `${upstream.url}${path}`, {
    method: init.method ?? "GET",
    headers,
    body: init.body === undefined ? undefined : typeof init.body === "string" ? init.body : JSON.stringify(init.body),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text === "" ? null : JSON.parse(text);
  } catch {
    // not JSON; keep the text
  }
  return { status: response.status, headers: response.headers, body: body as T };
}

const octocat = (path: string, init?: Parameters<typeof call>[2]) => call(path, TOKENS.octocat, init);
const hubot = (path: string, init?: Parameters<typeof call>[2]) => call(path, TOKENS.hubot, init);
const alice = (path: string, init?: Parameters<typeof call>[2]) => call(path, TOKENS.alice, init);

function rfc822(lines: string[]): string {
  return Buffer.from(lines.join("\r\n")).toString("base64url");
}

describe("GitHub", () => {
  it("rejects a missing or unknown token the way GitHub does", async () => {
    const missing = await call("/user", undefined);
    expect(missing.status).toBe(401);
    expect(missing.body).toMatchObject({ message: "Requires authentication", status: "401" });

    for (const authorization of ["Bearer gho_nope", "token gho_nope", "Basic Zm9vOmJhcg=="]) {
      const bad = await call("/repos/octocat/hello-world", undefined, { headers: { authorization } });
      expect(bad.status).toBe(401);
      expect(bad.body).toEqual({ message: "Bad credentials", documentation_url: "https://docs.github.com/rest", status: "401" });
    }
    // GitHub's older `token` scheme works as well as Bearer.
    expect((await call("/user", undefined, { headers: { authorization: `token ${TOKENS.hubot}` } })).body.login).toBe("hubot");
  });

  it("serves the authenticated user, other users and rate-limit headers", async () => {
    const me = await octocat("/user");
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ login: "octocat", id: 583231, type: "User", owned_private_repos: 1, public_repos: 1 });
    expect(me.headers.get("x-ratelimit-limit")).toBe("5000");
    expect(me.headers.get("x-oauth-scopes")).toBe("repo, user");
    expect(Number((await octocat("/user")).headers.get("x-ratelimit-remaining"))).toBe(4998);

    expect((await octocat("/users/HUBOT")).body).toMatchObject({ login: "hubot", id: 480938, public_repos: 1 });
    const missing = await octocat("/users/nobody-here");
    expect(missing.status).toBe(404);
    expect(missing.body).toMatchObject({ message: "Not Found", status: "404" });
    expect(missing.body.documentation_url).toMatch(/^https:\/\/docs\.github\.com\/rest/);
  });

  it("shows repositories to those allowed to see them", async () => {
    const repo = await octocat("/repos/Octocat/Hello-World");
    expect(repo.status).toBe(200);
    expect(repo.body).toMatchObject({
      id: 1296269,
      full_name: "octocat/hello-world",
      private: false,
      owner: { login: "octocat" },
      open_issues_count: 2,
      stargazers_count: 2600,
      permissions: { admin: true, push: true },
    });
    expect(repo.body.url).toBe(`${upstream.url}/repos/octocat/hello-world`);

    expect((await octocat("/repos/octocat/secret-project")).body.private).toBe(true);
    expect((await hubot("/repos/octocat/secret-project")).status).toBe(200); // collaborator
    expect((await octocat("/repos/hubot/private-notes")).status).toBe(404); // private, not shared
    expect((await octocat("/repos/octocat/nope")).body).toMatchObject({ message: "Not Found" });

    const mine = await octocat("/user/repos");
    expect(mine.body.map((r: { full_name: string }) => r.full_name)).toEqual(["octocat/hello-world", "octocat/secret-project"]);
    const hubots = await hubot("/user/repos?affiliation=collaborator");
    expect(hubots.body.map((r: { full_name: string }) => r.full_name)).toEqual(["octocat/secret-project"]);
  });

  it("creates repositories and refuses duplicates", async () => {
    const created = await hubot("/user/repos", { method: "POST", body: { name: "my new repo", private: true, description: "hi" } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: "my-new-repo", full_name: "hubot/my-new-repo", private: true, owner: { login: "hubot" } });
    expect((await hubot("/repos/hubot/my-new-repo")).status).toBe(200);

    const dup = await hubot("/user/repos", { method: "POST", body: { name: "my-new-repo" } });
    expect(dup.status).toBe(422);
    expect(dup.body.errors).toEqual([{ resource: "Repository", code: "custom", field: "name", message: "name already exists on this account" }]);
    expect((await hubot("/user/repos", { method: "POST", body: {} })).body.message).toBe(`Invalid request.\n\n"name" wasn't supplied.`);
  });

  it("lists issues by state and label, paginated with a Link header", async () => {
    const open = await octocat("/repos/octocat/hello-world/issues");
    expect(open.body.map((i: { number: number }) => i.number)).toEqual([2, 1]);
    expect(open.headers.get("link")).toBeNull();

    const all = await octocat("/repos/octocat/hello-world/issues?state=all");
    expect(all.body).toHaveLength(3);
    const closed = await octocat("/repos/octocat/hello-world/issues?state=closed");
    expect(closed.body).toMatchObject([{ number: 3, state: "closed", state_reason: "completed", user: { login: "hubot" } }]);
    const labelled = await octocat("/repos/octocat/hello-world/issues?labels=enhancement,good%20first%20issue");
    expect(labelled.body.map((i: { number: number }) => i.number)).toEqual([2]);

    const first = await octocat("/repos/octocat/hello-world/issues?state=all&per_page=2");
    expect(first.body.map((i: { number: number }) => i.number)).toEqual([3, 2]);
    const link = first.headers.get("link") ?? "";
    expect(link).toContain('rel="next"');
    expect(link).toContain('rel="last"');
    const next = /<([^>]+)>; rel="next"/.exec(link)?.[1] ?? "";
    const second = await octocat(next);
    expect(second.body.map((i: { number: number }) => i.number)).toEqual([1]);
    expect(second.headers.get("link")).toContain('rel="prev"');
    expect(second.headers.get("link")).not.toContain('rel="next"');

    const issue = first.body[1];
    expect(issue).toMatchObject({
      number: 2,
      title: "Add a dark mode",
      state: "open",
      comments: 2,
      html_url: "https://github.com/octocat/hello-world/issues/2",
      labels: [{ name: "enhancement" }, { name: "good first issue" }],
    });
    expect(typeof issue.node_id).toBe("string");
  });

  it("validates, creates and updates issues", async () => {
    const missing = await octocat("/repos/octocat/hello-world/issues", { method: "POST", body: { body: "no title" } });
    expect(missing.status).toBe(422);
    expect(missing.body).toEqual({
      message: "Validation Failed",
      errors: [{ resource: "Issue", code: "missing_field", field: "title" }],
      documentation_url: "https://docs.github.com/rest/issues/issues#create-an-issue",
      status: "422",
    });
    const malformed = await octocat("/repos/octocat/hello-world/issues", { method: "POST", body: "{not json" });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toBe("Problems parsing JSON");

    const created = await octocat("/repos/octocat/hello-world/issues", { method: "POST", body: { title: "New one", body: "Details", labels: ["bug", "triage"] } });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe(`${upstream.url}/repos/octocat/hello-world/issues/4`);
    expect(created.body).toMatchObject({ number: 4, title: "New one", state: "open", user: { login: "octocat" }, comments: 0 });
    expect(created.body.labels.map((l: { name: string }) => l.name)).toEqual(["bug", "triage"]);

    // Without push access GitHub drops labels silently.
    const byHubot = await hubot("/repos/octocat/hello-world/issues", { method: "POST", body: { title: "From hubot", labels: ["bug"] } });
    expect(byHubot.body).toMatchObject({ number: 5, labels: [] });

    const closed = await octocat("/repos/octocat/hello-world/issues/4", { method: "PATCH", body: { state: "closed", state_reason: "not_planned" } });
    expect(closed.body).toMatchObject({ state: "closed", state_reason: "not_planned", closed_by: { login: "octocat" } });
    expect(closed.body.closed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    expect((await octocat("/repos/octocat/hello-world/issues/4")).body.state).toBe("closed");

    expect((await hubot("/repos/octocat/hello-world/issues/1", { method: "PATCH", body: { title: "mine now" } })).status).toBe(403);
    expect((await hubot("/repos/octocat/hello-world/issues/2", { method: "PATCH", body: { title: "Dark mode" } })).body.title).toBe("Dark mode");
    const badState = await octocat("/repos/octocat/hello-world/issues/1", { method: "PATCH", body: { state: "done" } });
    expect(badState.status).toBe(422);
    expect(badState.body.errors).toEqual([{ value: "done", resource: "Issue", field: "state", code: "invalid" }]);
    expect((await octocat("/repos/octocat/hello-world/issues/99")).status).toBe(404);
  });

  it("lists and adds issue comments", async () => {
    const comments = await hubot("/repos/octocat/hello-world/issues/2/comments");
    expect(comments.body.map((c: { body: string; user: { login: string } }) => [c.user.login, c.body])).toEqual([
      ["octocat", "Good idea! Happy to review a PR."],
      ["hubot", "I'll take a stab at it."],
    ]);
    const added = await hubot("/repos/octocat/hello-world/issues/2/comments", { method: "POST", body: { body: "Done!" } });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ body: "Done!", user: { login: "hubot" }, issue_url: `${upstream.url}/repos/octocat/hello-world/issues/2` });
    expect((await hubot("/repos/octocat/hello-world/issues/2")).body.comments).toBe(3);
    const missing = await hubot("/repos/octocat/hello-world/issues/2/comments", { method: "POST", body: {} });
    expect(missing.status).toBe(422);
  });

  it("stars and unstars with 204 and 404 as GitHub does", async () => {
    const path = "/user/starred/octocat/hello-world";
    const notStarred = await octocat(path);
    expect(notStarred.status).toBe(404);
    expect(notStarred.body).toMatchObject({ message: "Not Found" });

    const starred = await octocat(path, { method: "PUT" });
    expect(starred.status).toBe(204);
    expect(starred.body).toBeNull();
    expect((await octocat(path)).status).toBe(204);
    expect((await octocat("/repos/octocat/hello-world")).body.stargazers_count).toBe(2601);
    expect((await octocat("/user/starred")).body.map((r: { full_name: string }) => r.full_name)).toEqual(["octocat/hello-world", "hubot/hubot-scripts"]);

    expect((await octocat(path, { method: "DELETE" })).status).toBe(204);
    expect((await octocat(path)).status).toBe(404);
    expect((await octocat("/user/starred/octocat/missing", { method: "PUT" })).status).toBe(404);
  });

  it("searches repositories and issues", async () => {
    const repos = await octocat("/search/repositories?q=hubot");
    expect(repos.body).toMatchObject({ total_count: 1, incomplete_results: false, items: [{ full_name: "hubot/hubot-scripts", score: 1 }] });
    expect(repos.headers.get("x-ratelimit-resource")).toBe("search");
    expect((await octocat("/search/repositories?q=user:octocat")).body.total_count).toBe(2);
    expect((await hubot("/search/repositories?q=secret")).body.total_count).toBe(1);
    expect((await call("/search/repositories?q=notes", TOKENS.octocat)).body.total_count).toBe(0); // private to hubot

    const issues = await octocat("/search/issues?q=" + encodeURIComponent("repo:octocat/hello-world is:open mode"));
    expect(issues.body.items.map((i: { title: string }) => i.title)).toEqual(["Add a dark mode"]);
    expect((await octocat("/search/issues?q=label:bug")).body.total_count).toBe(2);
    const noQuery = await octocat("/search/issues");
    expect(noQuery.status).toBe(422);
    expect(noQuery.body.errors).toEqual([{ resource: "Search", field: "q", code: "missing" }]);
  });
});

describe("Gmail", () => {
  const base = "/gmail/v1/users/me";

  it("answers bad credentials and foreign mailboxes with Google's errors", async () => {
    const missing = await call(`${base}/messages`, undefined);
    expect(missing.status).toBe(401);
    expect(missing.body.error).toMatchObject({ code: 401, status: "UNAUTHENTICATED", errors: [{ reason: "required" }] });
    const invalid = await call(`${base}/messages`, "ya29.expired");
    expect(invalid.status).toBe(401);
    expect(invalid.body.error.message).toMatch(/^Request had invalid authentication credentials/);
    expect(invalid.body.error.status).toBe("UNAUTHENTICATED");
    expect(invalid.headers.get("www-authenticate")).toContain('error="invalid_token"');

    const scope = await call(`${base}/messages`, TOKENS.aliceCalendarOnly);
    expect(scope.status).toBe(403);
    expect(scope.body.error.details[0].reason).toBe("ACCESS_TOKEN_SCOPE_INSUFFICIENT");

    expect((await alice("/gmail/v1/users/alice@example.com/profile")).body).toMatchObject({ emailAddress: "alice@example.com", messagesTotal: 6 });
    const other = await alice("/gmail/v1/users/bob@example.com/messages");
    expect(other.status).toBe(403);
    expect(other.body.error).toMatchObject({ code: 403, status: "PERMISSION_DENIED", message: "Delegation denied for bob@example.com" });
  });

  it("lists messages newest first with search, labels and paging", async () => {
    const all = await alice(`${base}/messages`);
    expect(all.body.resultSizeEstimate).toBe(5); // spam is left out by default
    expect(all.body.messages[0]).toEqual({ id: "196a1c0f00000005", threadId: "196a1c0f00000005" });
    expect((await alice(`${base}/messages?includeSpamTrash=true`)).body.resultSizeEstimate).toBe(6);

    expect((await alice(`${base}/messages?q=invoice`)).body.messages).toEqual([{ id: "196a1c0f00000004", threadId: "196a1c0f00000004" }]);
    expect((await alice(`${base}/messages?q=${encodeURIComponent("from:bob@example.com")}`)).body.resultSizeEstimate).toBe(1);
    expect((await alice(`${base}/messages?q=${encodeURIComponent("is:unread in:inbox")}`)).body.resultSizeEstimate).toBe(2);
    expect((await alice(`${base}/messages?q=label:receipts`)).body.resultSizeEstimate).toBe(1);
    expect((await alice(`${base}/messages?labelIds=INBOX&labelIds=IMPORTANT`)).body.resultSizeEstimate).toBe(2);
    expect(await alice(`${base}/messages?q=nothing-matches-this`).then((r) => r.body)).toEqual({ resultSizeEstimate: 0 });

    const page1 = await alice(`${base}/messages?maxResults=3`);
    expect(page1.body.messages).toHaveLength(3);
    expect(typeof page1.body.nextPageToken).toBe("string");
    const page2 = await alice(`${base}/messages?maxResults=3&pageToken=${page1.body.nextPageToken}`);
    expect(page2.body.messages).toHaveLength(2);
    expect(page2.body.nextPageToken).toBeUndefined();
  });

  it("gets a message in each format", async () => {
    const full = await alice(`${base}/messages/196a1c0f00000002`);
    expect(full.body).toMatchObject({ id: "196a1c0f00000002", threadId: "196a1c0f00000002", labelIds: ["UNREAD", "IMPORTANT", "CATEGORY_PERSONAL", "INBOX"] });
    expect(full.body.snippet).toMatch(/^Hi Alice, Are you free for lunch on Friday\?/);
    expect(full.body.internalDate).toBe(String(Date.parse("2025-05-13T11:02:00Z")));
    const headers = Object.fromEntries(full.body.payload.headers.map((h: { name: string; value: string }) => [h.name, h.value]));
    expect(headers).toMatchObject({ Subject: "Lunch on Friday?", From: "Bob Builder <bob@example.com>", To: "Alice Liddell <alice@example.com>" });
    expect(headers.Date).toBe("Tue, 13 May 2025 11:02:00 +0000");
    expect(Buffer.from(full.body.payload.body.data, "base64url").toString()).toContain("ramen place");

    const metadata = await alice(`${base}/messages/196a1c0f00000002?format=metadata&metadataHeaders=Subject`);
    expect(metadata.body.payload.headers).toEqual([{ name: "Subject", value: "Lunch on Friday?" }]);
    const minimal = await alice(`${base}/messages/196a1c0f00000002?format=minimal`);
    expect(minimal.body.payload).toBeUndefined();
    const raw = await alice(`${base}/messages/196a1c0f00000004?format=raw`);
    expect(Buffer.from(raw.body.raw, "base64url").toString()).toMatch(/Subject: Your invoice #1042[\s\S]*Content-Type: text\/html/);

    const html = await alice(`${base}/messages/196a1c0f00000004`);
    expect(html.body.payload.mimeType).toBe("multipart/alternative");
    expect(html.body.payload.parts.map((p: { mimeType: string }) => p.mimeType)).toEqual(["text/plain", "text/html"]);

    const missing = await alice(`${base}/messages/ffffffffffffffff`);
    expect(missing.status).toBe(404);
    expect(missing.body.error).toMatchObject({ code: 404, message: "Requested entity was not found.", status: "NOT_FOUND" });
    expect((await alice(`${base}/messages/not-an-id`)).status).toBe(400);
  });

  it("sends mail, stores it as SENT and delivers it to simulated recipients", async () => {
    const raw = rfc822([
      "To: Bob Builder <bob@example.com>",
      "Subject: =?UTF-8?B?" + Buffer.from("Grüße from Alice").toString("base64") + "?=",
      "Content-Type: text/plain; charset=UTF-8",
      "",
      "See you on Friday.",
    ]);
    const sent = await alice(`${base}/messages/send`, { method: "POST", body: { raw } });
    expect(sent.status).toBe(200);
    expect(sent.body).toEqual({ id: expect.stringMatching(/^[0-9a-f]{16}$/), threadId: sent.body.id, labelIds: ["SENT"] });

    const stored = await alice(`${base}/messages/${sent.body.id}?format=metadata`);
    const headers = Object.fromEntries(stored.body.payload.headers.map((h: { name: string; value: string }) => [h.name, h.value]));
    expect(headers).toMatchObject({ Subject: "Grüße from Alice", To: "Bob Builder <bob@example.com>", From: "Alice Liddell <alice@example.com>" });
    expect((await alice(`${base}/messages?q=${encodeURIComponent("in:sent Grüße")}`)).body.messages).toEqual([{ id: sent.body.id, threadId: sent.body.id }]);

    const bobInbox = await call(`${base}/messages?q=${encodeURIComponent("from:alice subject:Grüße")}`, TOKENS.bob);
    expect(bobInbox.body.resultSizeEstimate).toBe(1);

    const noRaw = await alice(`${base}/messages/send`, { method: "POST", body: {} });
    expect(noRaw.status).toBe(400);
    expect(noRaw.body.error.status).toBe("INVALID_ARGUMENT");
    const noRecipient = await alice(`${base}/messages/send`, { method: "POST", body: { raw: rfc822(["Subject: hi", "", "x"]) } });
    expect(noRecipient.body.error.message).toBe("Recipient address required");
    const badTo = await alice(`${base}/messages/send`, { method: "POST", body: { raw: rfc822(["To: not an address", "", "x"]) } });
    expect(badTo.body.error.message).toBe("Invalid To header");
  });

  it("modifies labels, trashes messages, and lists labels and threads", async () => {
    const labels = await alice(`${base}/labels`);
    expect(labels.body.labels).toContainEqual({ id: "Label_1", name: "Receipts", messageListVisibility: "show", labelListVisibility: "labelShow", type: "user" });
    expect(labels.body.labels).toContainEqual({ id: "INBOX", name: "INBOX", type: "system" });

    const modified = await alice(`${base}/messages/196a1c0f00000001/modify`, { method: "POST", body: { addLabelIds: ["STARRED"], removeLabelIds: ["UNREAD"] } });
    expect(modified.body).toEqual({ id: "196a1c0f00000001", threadId: "196a1c0f00000001", labelIds: ["CATEGORY_UPDATES", "INBOX", "STARRED"] });
    const badLabel = await alice(`${base}/messages/196a1c0f00000001/modify`, { method: "POST", body: { addLabelIds: ["Label_99"] } });
    expect(badLabel.status).toBe(400);
    expect(badLabel.body.error.message).toBe("Invalid label: Label_99");

    const trashed = await alice(`${base}/messages/196a1c0f00000001/trash`, { method: "POST" });
    expect(trashed.body.labelIds).toEqual(["CATEGORY_UPDATES", "STARRED", "TRASH"]);
    expect((await alice(`${base}/messages`)).body.resultSizeEstimate).toBe(4);
    expect((await alice(`${base}/messages?q=in:trash`)).body.resultSizeEstimate).toBe(1);

    const threads = await alice(`${base}/threads?q=lunch`);
    expect(threads.body.threads).toEqual([{ id: "196a1c0f00000002", snippet: "Sounds great, see you at noon! Alice", historyId: expect.any(String) }]);
    const thread = await alice(`${base}/threads/196a1c0f00000002`);
    expect(thread.body.messages.map((m: { id: string }) => m.id)).toEqual(["196a1c0f00000002", "196a1c0f00000003"]);
    expect((await alice(`${base}/threads`)).body.resultSizeEstimate).toBe(3);
  });
});

describe("Google Calendar", () => {
  const events = "/calendar/v3/calendars/primary/events";

  it("lists the calendar list and events in a time window", async () => {
    const list = await alice("/calendar/v3/users/me/calendarList");
    expect(list.body.kind).toBe("calendar#calendarList");
    expect(list.body.items.map((c: { id: string; accessRole: string }) => [c.id, c.accessRole])).toEqual([
      ["alice@example.com", "owner"],
      ["en.usa#holiday@group.v.calendar.google.com", "reader"],
    ]);
    expect(list.body.items[0].primary).toBe(true);

    const all = await alice(events);
    expect(all.body).toMatchObject({ kind: "calendar#events", summary: "alice@example.com", timeZone: "America/Los_Angeles", accessRole: "owner" });
    expect(all.body.items).toHaveLength(4);

    const window = await alice(`${events}?timeMin=2025-06-05T00:00:00Z&timeMax=2025-06-13T00:00:00Z&singleEvents=true&orderBy=startTime`);
    expect(window.body.items.map((e: { summary: string }) => e.summary)).toEqual(["Lunch with Bob", "Q3 planning"]);
    expect((await alice(`${events}?q=ramen`)).body.items.map((e: { id: string }) => e.id)).toEqual(["lunchbob20250606"]);
    // An all-day event in Los Angeles starts at 07:00 UTC.
    expect((await alice(`${events}?timeMin=2025-06-16T00:00:00Z&timeMax=2025-06-16T06:59:00Z`)).body.items).toHaveLength(0);
    expect((await alice(`${events}?timeMin=2025-06-16T00:00:00Z&timeMax=2025-06-16T07:01:00Z`)).body.items).toHaveLength(1);

    const empty = await alice(`${events}?timeMin=2025-06-10T00:00:00Z&timeMax=2025-06-01T00:00:00Z`);
    expect(empty.status).toBe(400);
    expect(empty.body).toEqual({ error: { errors: [{ message: "The specified time range is empty.", domain: "global", reason: "timeRangeEmpty" }], code: 400, message: "The specified time range is empty." } });
    expect((await alice(`${events}?orderBy=startTime`)).status).toBe(400);
    expect((await alice("/calendar/v3/calendars/nobody@example.com/events")).status).toBe(404);
  });

  it("creates, reads and deletes events", async () => {
    const created = await alice(events, {
      method: "POST",
      body: { summary: "Design review", start: { dateTime: "2025-06-20T10:00:00-07:00" }, end: { dateTime: "2025-06-20T11:00:00-07:00" }, attendees: [{ email: "bob@example.com" }] },
    });
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ kind: "calendar#event", status: "confirmed", summary: "Design review", organizer: { email: "alice@example.com", self: true } });
    expect(created.body.id).toMatch(/^[a-v0-9]{5,}$/);
    const fetched = await alice(`${events}/${created.body.id}`);
    expect(fetched.body.attendees).toEqual([{ email: "bob@example.com", responseStatus: "needsAction" }]);
    expect((await alice(`${events}?q=design`)).body.items).toHaveLength(1);

    const noEnd = await alice(events, { method: "POST", body: { summary: "x", start: { dateTime: "2025-06-20T10:00:00Z" } } });
    expect(noEnd.status).toBe(400);
    expect(noEnd.body.error.message).toBe("Missing end time.");
    const readOnly = await alice(`/calendar/v3/calendars/${encodeURIComponent("en.usa#holiday@group.v.calendar.google.com")}/events`, {
      method: "POST",
      body: { start: { date: "2025-12-24" }, end: { date: "2025-12-25" } },
    });
    expect(readOnly.status).toBe(403);
    expect(readOnly.body.error.errors[0].reason).toBe("requiredAccessLevel");

    expect((await alice(`${events}/${created.body.id}`, { method: "DELETE" })).status).toBe(204);
    expect((await alice(`${events}?q=design`)).body.items).toHaveLength(0);
    expect((await alice(`${events}/${created.body.id}`, { method: "DELETE" })).status).toBe(410);
  });
});

describe("the /_sim control API", () => {
  it("records requests with the credential that was sent", async () => {
    await octocat("/repos/octocat/hello-world/issues?state=all&labels=bug");
    await octocat("/repos/octocat/hello-world/issues", { method: "POST", body: { title: "Logged" } });
    await alice("/gmail/v1/users/me/labels");

    const recorded = upstream.requests();
    expect(recorded.map((r) => `${r.method} ${r.path} ${r.status}`)).toEqual([
      "GET /repos/octocat/hello-world/issues 200",
      "POST /repos/octocat/hello-world/issues 201",
      "GET /gmail/v1/users/me/labels 200",
    ]);
    expect(recorded[0]).toMatchObject({ query: { state: "all", labels: "bug" }, headers: { authorization: "Bearer gho_octocat_token" }, body: null });
    expect(recorded[1]?.body).toEqual({ title: "Logged" });

    const over = await call("/_sim/requests?path=/gmail/", undefined);
    expect(over.body.requests).toHaveLength(1);
    expect(over.body.requests[0].headers.authorization).toBe(`Bearer ${TOKENS.alice}`);
    expect((await call("/_sim/requests", undefined, { method: "DELETE" })).status).toBe(204);
    expect(upstream.requests()).toEqual([]);
  });

  it("restores the seed on reset", async () => {
    await octocat("/repos/octocat/hello-world/issues", { method: "POST", body: { title: "Temporary" } });
    expect((await octocat("/repos/octocat/hello-world/issues")).body).toHaveLength(3);
    expect((await call("/_sim/reset", undefined, { method: "POST" })).status).toBe(200);
    expect((await octocat("/repos/octocat/hello-world/issues")).body).toHaveLength(2);
    expect(upstream.requests()).toHaveLength(1);
  });

  it("answers programmed faults for the next N requests, then behaves normally", async () => {
    const programmed = await call("/_sim/faults", undefined, {
      method: "POST",
      body: { path: "/repos/octocat/hello-world/issues", method: "GET", times: 2, status: 429, headers: { "Retry-After": "1" }, body: { message: "slow down" } },
    });
    expect(programmed.status).toBe(201);
    expect(programmed.body).toMatchObject({ id: expect.any(Number), remaining: 2 });

    for (let i = 0; i < 2; i++) {
      const limited = await octocat("/repos/octocat/hello-world/issues");
      expect(limited.status).toBe(429);
      expect(limited.headers.get("retry-after")).toBe("1");
      expect(limited.body).toEqual({ message: "slow down" });
    }
    expect((await octocat("/repos/octocat/hello-world/issues")).status).toBe(200);
    expect(upstream.requests().map((r) => r.status)).toEqual([429, 429, 200]);
    expect((await call("/_sim/faults", undefined)).body.faults).toEqual([]);

    upstream.fault({ path: "/gmail/", status: 503, body: "upstream connect error" });
    const unavailable = await alice("/gmail/v1/users/me/messages");
    expect(unavailable.status).toBe(503);
    expect(unavailable.body).toBe("upstream connect error");

    expect((await call("/_sim/faults", undefined, { method: "POST", body: { path: "no-slash", status: 500 } })).status).toBe(400);
  });

  it("delays responses (for timeouts) and drops connections", async () => {
    upstream.fault({ path: "/user", delayMs: 5_000 });
    const started = Date.now();
    await expect(fetch(`${upstream.url}/user`, { headers: { authorization: `Bearer ${TOKENS.octocat}` }, signal: AbortSignal.timeout(100) })).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(1_000);

    upstream.fault({ path: "/user", delayMs: 30 });
    const delayed = await octocat("/user");
    expect(delayed.status).toBe(200); // a delay alone passes through to the real answer
    expect(delayed.body.login).toBe("octocat");

    upstream.fault({ path: "/user", disconnect: true });
    await expect(fetch(`${upstream.url}/user`, { headers: { authorization: `Bearer ${TOKENS.octocat}` } })).rejects.toThrow();
    expect((await octocat("/user")).status).toBe(200);
  });

  it("serves JSON bodies of a requested size", async () => {
    const response = await fetch(`${upstream.url}/_sim/huge?bytes=3000000`);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(response.headers.get("content-type")).toMatch(/^application\/json/);
    expect(bytes.length).toBe(3_000_000);
    expect((JSON.parse(bytes.toString()) as { data: string }).data).toHaveLength(3_000_000 - 11);

    upstream.fault({ path: "/repos/", bodyBytes: 100_000, status: 200 });
    const huge = await fetch(`${upstream.url}/repos/octocat/hello-world`, { headers: { authorization: `Bearer ${TOKENS.octocat}` } });
    expect((await huge.arrayBuffer()).byteLength).toBe(100_000);
    expect((await fetch(`${upstream.url}/_sim/huge?bytes=3`)).status).toBe(400);
  });

  it("mints and revokes tokens", async () => {
    expect((await call("/_sim/tokens", undefined, { method: "POST", body: { provider: "github", token: "gho_fresh", login: "hubot" } })).status).toBe(201);
    expect((await call("/user", "gho_fresh")).body.login).toBe("hubot");
    expect((await call("/_sim/tokens/gho_fresh", undefined, { method: "DELETE" })).status).toBe(204);
    expect((await call("/user", "gho_fresh")).status).toBe(401);

    await call("/_sim/tokens", undefined, { method: "POST", body: { provider: "google", token: "ya29.fresh", email: "bob@example.com", scopes: ["calendar"] } });
    expect((await call("/calendar/v3/users/me/calendarList", "ya29.fresh")).status).toBe(200);
    expect((await call("/gmail/v1/users/me/messages", "ya29.fresh")).status).toBe(403);
  });

  it("answers unknown paths as the real hosts do", async () => {
    expect((await octocat("/nope")).body).toMatchObject({ message: "Not Found", status: "404" });
    const google404 = await alice("/gmail/v1/users/me/nope");
    expect(google404.status).toBe(404);
    expect(google404.headers.get("content-type")).toMatch(/^text\/html/);
  });
});

import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { ToolSchema } from "../../../core/http/catalog-views.ts";
import { call, expectError, json } from "../helpers.ts";
import { connectedTenant, expectKeyRefusals, newTenant } from "../fixtures.ts";

const LIST = "/api/v3.1/tools";

interface Tool {
  slug: string;
  toolkit: { slug: string };
  tags: string[];
  no_auth: boolean;
  input_parameters: { properties?: Record<string, unknown>; required?: string[] };
}
interface ToolPage {
  items: Tool[];
  next_cursor: string | null;
  total_items: number;
  total_pages: number;
  current_page: number;
}

let key: string;
beforeAll(async () => {
  ({ key } = await newTenant("tools"));
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function list(query: string): Promise<ToolPage> {
  const response = await call("GET", `${LIST}?${query}`, { key });
  expect(response.status, `GET ${LIST}?${query}`).toBe(200);
  return json<ToolPage>(response);
}

describe("GET /api/v3.1/tools", () => {
  it("lists a toolkit's tools in the documented shape", async () => {
    const page = await list("toolkit_slug=hackernews&limit=100");
    expect(page.items.length).toBeGreaterThan(10);
    expect(page.total_items).toBe(page.items.length);
    for (const tool of page.items) {
      ToolSchema.strict().parse(tool);
      expect(tool.toolkit.slug).toBe("hackernews");
      expect(tool.slug.startsWith("HACKERNEWS_")).toBe(true);
    }
  });

  it("takes several toolkits, comma-separated and in any case", async () => {
    const page = await list("toolkit_slug=Slack,hackernews&limit=1000");
    expect(new Set(page.items.map((t) => t.toolkit.slug))).toEqual(new Set(["slack", "hackernews"]));
    expect(page.items.filter((t) => t.toolkit.slug === "hackernews").every((t) => t.no_auth)).toBe(true);
  });

  it("returns tool_slugs in the order asked, resolving aliases and skipping unknown slugs", async () => {
    const page = await list("tool_slugs=SLACK_SEND_MESSAGE,GITHUB_CREATE_ISSUE,NOPE_NOT_A_TOOL,gmail_fetch_emails");
    expect(page.items.map((t) => t.slug)).toEqual(["SLACK_SEND_MESSAGE", "GITHUB_CREATE_AN_ISSUE", "GMAIL_FETCH_EMAILS"]);
    const repeated = await call("GET", `${LIST}?tool_slugs=HACKERNEWS_GET_ITEM&tool_slugs=HACKERNEWS_GET_USER`, { key });
    expect((await json<ToolPage>(repeated)).items.map((t) => t.slug)).toEqual(["HACKERNEWS_GET_ITEM", "HACKERNEWS_GET_USER"]);
  });

  it("serves a page's tools as each tool's own route does, read from the shards or from what the isolate kept", async () => {
    const slugs = ["GITHUB_STAR_A_REPOSITORY", "SLACK_SEND_MESSAGE", "HACKERNEWS_GET_ITEM"];
    const single = await Promise.all(slugs.map(async (slug) => json<Tool>(await call("GET", `${LIST}/${slug}`, { key }))));
    // Twice: the first page may read the tools' shards, the second is served from the kept text.
    for (const round of [1, 2]) {
      const response = await call("GET", `${LIST}?tool_slugs=${slugs.join(",")}`, { key });
      expect(response.headers.get("content-type"), `round ${round}`).toMatch(/^application\/json/);
      const page = await json<ToolPage>(response);
      expect(page.items, `round ${round}`).toEqual(single);
      expect(page).toMatchObject({ next_cursor: null, total_items: 3, total_pages: 1, current_page: 1 });
    }
  });

  it("ranks search results: 'star a repo' puts the starring tool first", async () => {
    const page = await list(`search=${encodeURIComponent("star a repo")}&limit=5`);
    expect(page.items[0]?.slug).toBe("GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER");
    const same = await list(`query=${encodeURIComponent("star a repo")}&limit=5`);
    expect(same.items.map((t) => t.slug)).toEqual(page.items.map((t) => t.slug));
  });

  it("ranks within the toolkits asked for", async () => {
    const page = await list(`search=${encodeURIComponent("send an email")}&toolkit_slug=gmail&limit=5`);
    expect(page.items[0]?.slug).toBe("GMAIL_SEND_EMAIL");
    expect(page.items.every((t) => t.toolkit.slug === "gmail")).toBe(true);
    const outlook = await list(`search=${encodeURIComponent("send an email")}&toolkit_slug=outlook&limit=5`);
    expect(outlook.items[0]?.slug).toBe("OUTLOOK_SEND_EMAIL");
  });

  it("keeps only tools carrying every tag asked for", async () => {
    const page = await list("toolkit_slug=gmail&tags=readOnlyHint&limit=100");
    expect(page.items.length).toBeGreaterThan(3);
    expect(page.items.every((t) => t.tags.includes("readOnlyHint"))).toBe(true);
    expect(page.items.map((t) => t.slug)).not.toContain("GMAIL_SEND_EMAIL");
    const both = await list("toolkit_slug=gmail&tags=destructiveHint,idempotentHint&limit=100");
    expect(both.items.map((t) => t.slug)).toEqual(expect.arrayContaining(["GMAIL_DELETE_DRAFT", "GMAIL_DELETE_LABEL", "GMAIL_MOVE_TO_TRASH"]));
    expect(both.items.every((t) => t.tags.includes("destructiveHint") && t.tags.includes("idempotentHint"))).toBe(true);
    expect((await list("tags=no-such-tag")).items).toEqual([]);
    // The tools agents use most: tagged `important`, also asked for as `important=true` (Composio's flag).
    const important = await list("toolkit_slug=github&important=true&limit=1000");
    expect(important.items.length).toBeGreaterThan(100);
    expect(important.items.length).toBeLessThan(400);
    expect(important.items.every((t) => t.tags.includes("important"))).toBe(true);
    expect(important.items.map((t) => t.slug)).toEqual(expect.arrayContaining(["GITHUB_CREATE_AN_ISSUE", "GITHUB_CREATE_A_PULL_REQUEST", "GITHUB_LIST_STARGAZERS"]));
    expect((await list("toolkit_slug=github&tags=important&limit=1000")).items.length).toBe(important.items.length);
  });

  it("answers an unknown toolkit with an empty page", async () => {
    expect(await list("toolkit_slug=myspace")).toMatchObject({ items: [], total_items: 0, total_pages: 1, next_cursor: null });
  });

  it("walks a large toolkit page by page without repeating or losing a tool", async () => {
    const everything = await list("toolkit_slug=slack,discord,hackernews&limit=1000");
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ToolPage = await list(`toolkit_slug=slack,discord,hackernews&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      pages += 1;
      expect(page.items.length).toBeLessThanOrEqual(7);
      expect(page.current_page).toBe(pages);
      seen.push(...page.items.map((t) => t.slug));
      cursor = page.next_cursor;
    } while (cursor && pages < 100);
    expect(pages).toBe(Math.ceil(everything.total_items / 7));
    expect(seen).toEqual(everything.items.map((t) => t.slug));
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("pages through the whole catalog by default (20 at a time)", async () => {
    const first = await list("");
    expect(first.items).toHaveLength(20);
    expect(first.total_items).toBeGreaterThan(1200);
    expect(first.total_pages).toBe(Math.ceil(first.total_items / 20));
    const second = await list(`cursor=${encodeURIComponent(first.next_cursor ?? "")}`);
    expect(second.current_page).toBe(2);
    expect(second.items.map((t) => t.slug).some((slug) => first.items.some((t) => t.slug === slug))).toBe(false);
  });

  it.each([
    ["limit=0", "query.limit"],
    ["limit=-3", "query.limit"],
    ["limit=1001", "query.limit"],
    ["limit=many", "query.limit"],
    ["important=maybe", "query.important"],
    [`search=${"x".repeat(501)}`, "query.search"],
  ])("refuses %s with 400 validation_failed", async (query, path) => {
    const error = await expectError(await call("GET", `${LIST}?${query}`, { key }), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toContain(path);
  });

  it.each([["garbage", "!!"], ["base64 of a keyset cursor", btoa('[1,"x"]')], ["a non-numeric offset", btoa("o:abc")]])(
    "refuses %s as a cursor with 400 invalid_cursor",
    async (_, cursor) => {
      await expectError(await call("GET", `${LIST}?toolkit_slug=gmail&cursor=${encodeURIComponent(cursor)}`, { key }), 400, "invalid_cursor");
    },
  );

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("GET", `${LIST}?toolkit_slug=gmail`);
  });

  it("shows another project the same catalog", async () => {
    const other = await newTenant("other");
    const theirs = await json<ToolPage>(await call("GET", `${LIST}?toolkit_slug=gmail&limit=100`, { key: other.key }));
    expect(theirs.items.map((t) => t.slug)).toEqual((await list("toolkit_slug=gmail&limit=100")).items.map((t) => t.slug));
  });
});

describe("GET /api/v3.1/tools/{tool_slug}", () => {
  it("returns the tool with its input schema", async () => {
    const response = await call("GET", `${LIST}/GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER`, { key });
    expect(response.status).toBe(200);
    const tool = ToolSchema.strict().parse(await response.json());
    expect(tool.toolkit.slug).toBe("github");
    expect(tool.input_parameters).toMatchObject({ type: "object", required: ["owner", "repo"] });
  });

  it("resolves a documented alias to the canonical tool", async () => {
    const response = await call("GET", `${LIST}/GITHUB_CREATE_ISSUE`, { key });
    expect(response.status).toBe(200);
    expect((await json<Tool>(response)).slug).toBe("GITHUB_CREATE_AN_ISSUE");
  });

  it("matches the slug case-insensitively", async () => {
    expect((await json<Tool>(await call("GET", `${LIST}/gmail_fetch_emails`, { key }))).slug).toBe("GMAIL_FETCH_EMAILS");
  });

  it("accepts the version query Composio's SDK sends", async () => {
    expect((await call("GET", `${LIST}/GMAIL_FETCH_EMAILS?version=latest&toolkit_versions=latest`, { key })).status).toBe(200);
  });

  it("answers an unknown slug with 404 tool_not_found", async () => {
    const error = await expectError(await call("GET", `${LIST}/GITHUB_DO_EVERYTHING`, { key }), 404, "tool_not_found");
    expect(error.message).toContain("GITHUB_DO_EVERYTHING");
  });

  it("refuses an overlong slug or version with 400", async () => {
    await expectError(await call("GET", `${LIST}/${"A".repeat(101)}`, { key }), 400, "validation_failed");
    await expectError(await call("GET", `${LIST}/GMAIL_FETCH_EMAILS?version=${"9".repeat(51)}`, { key }), 400, "validation_failed");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("GET", `${LIST}/GMAIL_FETCH_EMAILS`);
  });
});

describe("POST /api/v3.1/tools/execute/{tool_slug}: the request itself", () => {
  const PATH = `${LIST}/execute/GITHUB_STAR_A_REPOSITORY_FOR_THE_AUTHENTICATED_USER`;
  const valid = { user_id: "alice", arguments: { owner: "octocat", repo: "hello-world" } };

  it("runs the tool for the user's account (happy path)", async () => {
    const tenant = await connectedTenant("github", "BEARER_TOKEN", { token: "ghp_happy_path_token" });
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(async () => new Response(null, { status: 204 }));
    const response = await call("POST", PATH, { key: tenant.key, body: valid });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ successful: true, error: null, data: { value: null } });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it("refuses malformed JSON with 400 malformed_json", async () => {
    await expectError(await call("POST", PATH, { key, body: "{ not json" }), 400, "malformed_json");
  });

  it("refuses a body that is not JSON with 415", async () => {
    const response = await call("POST", PATH, { key, body: "user_id=alice", headers: { "content-type": "application/x-www-form-urlencoded" } });
    await expectError(response, 415, "unsupported_media_type");
  });

  it.each([
    ["arguments as an array", { user_id: "alice", arguments: [1, 2] }, "body.arguments"],
    ["arguments as a string", { user_id: "alice", arguments: "owner=octocat" }, "body.arguments"],
    ["a numeric user_id", { user_id: 42, arguments: {} }, "body.user_id"],
    ["an empty user_id", { user_id: "", arguments: {} }, "body.user_id"],
    ["allow_tracing as a string", { user_id: "alice", arguments: {}, allow_tracing: "yes" }, "body.allow_tracing"],
  ])("refuses %s with 400 validation_failed", async (_, body, path) => {
    const error = await expectError(await call("POST", PATH, { key, body }), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toContain(path);
  });

  it("asks for user_id when a tool needs an account", async () => {
    const error = await expectError(await call("POST", PATH, { key, body: { arguments: valid.arguments } }), 400, "validation_failed");
    expect(error.errors).toEqual([{ path: "body.user_id", message: "is required" }]);
  });

  it("answers an unknown tool with 404 tool_not_found", async () => {
    await expectError(await call("POST", `${LIST}/execute/GITHUB_DO_EVERYTHING`, { key, body: valid }), 404, "tool_not_found");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("POST", PATH, valid);
  });

  it("cannot run another project's connected account (404)", async () => {
    const owner = await connectedTenant("github", "BEARER_TOKEN", { token: "ghp_owner_token_1234" });
    const intruder = await newTenant("intruder");
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    await expectError(
      await call("POST", PATH, { key: intruder.key, body: { ...valid, connected_account_id: owner.accountId } }),
      404,
      "connected_account_not_found",
    );
    // Same user id, other project: no account there either.
    await expectError(await call("POST", PATH, { key: intruder.key, body: valid }), 400, "no_connected_account");
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe("POST /api/v3.1/tools/execute/proxy: the request itself", () => {
  const PATH = `${LIST}/execute/proxy`;

  it("sends the request with the account's credentials (happy path)", async () => {
    const tenant = await connectedTenant("github", "BEARER_TOKEN", { token: "ghp_proxy_happy_token" });
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(async () => Response.json({ login: "octocat" }));
    const response = await call("POST", PATH, { key: tenant.key, body: { connected_account_id: tenant.accountId, endpoint: "/user", method: "GET" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 200, data: { login: "octocat" } });
    expect(fetchSpy).toHaveBeenCalledTimes(1);
  });

  it("refuses malformed JSON with 400 malformed_json", async () => {
    await expectError(await call("POST", PATH, { key, body: "[" }), 400, "malformed_json");
  });

  it.each([
    ["no connected_account_id", { endpoint: "/user", method: "GET" }, "body.connected_account_id"],
    ["an unknown method", { connected_account_id: "ca_x", endpoint: "/user", method: "TRACE" }, "body.method"],
    ["an empty endpoint", { connected_account_id: "ca_x", endpoint: "", method: "GET" }, "body.endpoint"],
    ["a parameter in the body", { connected_account_id: "ca_x", endpoint: "/user", method: "GET", parameters: [{ in: "cookie", name: "a", value: "b" }] }, "body.parameters.0.in"],
    ["parameters as an object", { connected_account_id: "ca_x", endpoint: "/user", method: "GET", parameters: { a: 1 } }, "body.parameters"],
  ])("refuses %s with 400 validation_failed", async (_, body, path) => {
    const error = await expectError(await call("POST", PATH, { key, body }), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toContain(path);
  });

  it("answers an unknown account id with 404", async () => {
    await expectError(await call("POST", PATH, { key, body: { connected_account_id: "ca_AAAAAAAAAAAAAAAAAAAAAA", endpoint: "/user", method: "GET" } }), 404, "connected_account_not_found");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("POST", PATH, { connected_account_id: "ca_AAAAAAAAAAAAAAAAAAAAAA", endpoint: "/user", method: "GET" });
  });

  it("cannot use another project's account (404), and nothing is sent", async () => {
    const owner = await connectedTenant("github", "BEARER_TOKEN", { token: "ghp_proxy_owner_token" });
    const intruder = await newTenant("intruder");
    const fetchSpy = vi.spyOn(globalThis, "fetch");
    await expectError(
      await call("POST", PATH, { key: intruder.key, body: { connected_account_id: owner.accountId, endpoint: "/user", method: "GET" } }),
      404,
      "connected_account_not_found",
    );
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

describe("GET /api/v3.1/tools/enum", () => {
  const PATH = `${LIST}/enum`;

  it("lists every tool slug once, and is not taken for a tool slug", async () => {
    const response = await call("GET", PATH, { key });
    expect(response.status).toBe(200);
    const slugs = await json<string[]>(response);
    expect(slugs).toContain("GITHUB_CREATE_AN_ISSUE");
    expect(new Set(slugs).size).toBe(slugs.length);
    expect(slugs.length).toBe((await list("limit=1")).total_items);
  });

  it("ignores a query it does not take", async () => {
    expect((await call("GET", `${PATH}?limit=ten`, { key })).status).toBe(200);
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("GET", PATH);
  });

  it("shows another project the same slugs", async () => {
    const other = await newTenant("other-enum");
    expect(await json(await call("GET", PATH, { key: other.key }))).toEqual(await json(await call("GET", PATH, { key })));
  });
});

describe("POST /api/v3.1/tools/execute/{tool_slug}/input", () => {
  const PATH = `${LIST}/execute/GITHUB_CREATE_AN_ISSUE/input`;

  it("answers 501 with a fix, and tells clients not to retry", async () => {
    const response = await call("POST", PATH, { key, body: { text: "open an issue about the typo" } });
    const error = await expectError(response, 501, "tool_input_generation_unsupported");
    expect(response.headers.get("x-should-retry")).toBe("false");
    expect(error.suggested_fix).toContain("/api/v3.1/tools/GITHUB_CREATE_AN_ISSUE");
  });

  it("refuses an overlong slug with 400", async () => {
    await expectError(await call("POST", `${LIST}/execute/${"A".repeat(101)}/input`, { key, body: {} }), 400, "validation_failed");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("POST", PATH, { text: "x" });
  });

  it("answers another project's key the same way", async () => {
    const other = await newTenant("other-input");
    await expectError(await call("POST", PATH, { key: other.key, body: { text: "x" } }), 501, "tool_input_generation_unsupported");
  });
});

describe("POST /api/v3.1/tools/execute/proxy: parameters as @composio/core sends them", () => {
  it("takes the location as `type` as well as `in`", async () => {
    const tenant = await connectedTenant("github", "BEARER_TOKEN", { token: "ghp_proxy_type_token" });
    const fetchSpy = vi.spyOn(globalThis, "fetch").mockImplementation(async () => Response.json([]));
    const body = {
      connected_account_id: tenant.accountId,
      endpoint: "/user/repos",
      method: "GET",
      parameters: [
        { type: "query", name: "per_page", value: "5" },
        { in: "header", name: "x-github-api-version", value: "2022-11-28" },
      ],
    };
    expect((await call("POST", `${LIST}/execute/proxy`, { key: tenant.key, body })).status).toBe(200);
    const sent = fetchSpy.mock.calls[0]?.[0];
    const request = sent instanceof Request ? sent : new Request(String(sent), fetchSpy.mock.calls[0]?.[1]);
    expect(new URL(request.url).searchParams.get("per_page")).toBe("5");
    expect(request.headers.get("x-github-api-version")).toBe("2022-11-28");
  });

  it("refuses a parameter with neither `in` nor `type`", async () => {
    const body = { connected_account_id: "ca_x", endpoint: "/user", method: "GET", parameters: [{ name: "a", value: "b" }] };
    const error = await expectError(await call("POST", `${LIST}/execute/proxy`, { key, body }), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toContain("body.parameters.0.in");
  });
});

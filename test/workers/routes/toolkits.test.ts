import { beforeAll, describe, expect, it } from "vitest";
import { ToolkitSchema } from "../../../worker/http/catalog-views.ts";
import { call, expectError, json } from "../helpers.ts";
import { expectKeyRefusals, newTenant } from "../fixtures.ts";

const LIST = "/api/v3.1/toolkits";

interface Toolkit {
  slug: string;
  name: string;
  no_auth: boolean;
  auth_schemes: string[];
  base_url: string;
  meta: { categories: { name: string; slug: string }[]; tools_count: number };
}
interface ToolkitPage {
  items: Toolkit[];
  next_cursor: string | null;
  total_items: number;
  total_pages: number;
  current_page: number;
}

let key: string;
beforeAll(async () => {
  ({ key } = await newTenant("toolkits"));
});

async function list(query = ""): Promise<ToolkitPage> {
  const response = await call("GET", `${LIST}${query}`, { key });
  expect(response.status, `GET ${LIST}${query}`).toBe(200);
  return json<ToolkitPage>(response);
}

describe("GET /api/v3.1/toolkits", () => {
  it("lists every toolkit, alphabetically, in the documented shape", async () => {
    const page = await list("?limit=1000");
    const slugs = page.items.map((t) => t.slug);
    expect(slugs).toEqual([...slugs].sort());
    expect(slugs).toEqual(expect.arrayContaining(["github", "gmail", "slack", "hackernews", "notion"]));
    expect(page).toMatchObject({ total_items: slugs.length, total_pages: 1, current_page: 1, next_cursor: null });
    for (const item of page.items) ToolkitSchema.strict().parse(item);
    const github = page.items.find((t) => t.slug === "github");
    expect(github).toMatchObject({ name: "GitHub", no_auth: false, base_url: "https://api.github.com" });
    expect(github?.auth_schemes).toEqual(expect.arrayContaining(["OAUTH2", "BEARER_TOKEN"]));
    expect(github?.meta.tools_count).toBeGreaterThan(1000);
    expect(page.items.find((t) => t.slug === "hackernews")).toMatchObject({ no_auth: true, auth_schemes: ["NO_AUTH"] });
  });

  it("filters by category, by slug or by name, case-insensitively", async () => {
    const bySlug = await list("?category=developer-tools");
    expect(bySlug.items.map((t) => t.slug)).toEqual(["github"]);
    expect((await list("?category=Developer%20Tools")).items.map((t) => t.slug)).toEqual(["github"]);
    const productivity = await list("?category=productivity");
    expect(productivity.items.map((t) => t.slug)).toEqual(expect.arrayContaining(["gmail", "notion", "jira"]));
    expect(productivity.items.every((t) => t.meta.categories.some((c) => c.slug === "productivity"))).toBe(true);
    expect((await list("?category=no-such-category")).items).toEqual([]);
  });

  it("searches slug, name and description", async () => {
    const page = await list("?search=MAIL");
    expect(page.items.map((t) => t.slug)).toEqual(["gmail", "outlook"]);
    expect(page.total_items).toBe(2);
    expect((await list("?search=zzzz-nothing")).items).toEqual([]);
  });

  it("accepts Composio's other list options without failing", async () => {
    const page = await list("?sort_by=usage&managed_by=all&type=all&include_deprecated=false");
    expect(page.items.length).toBeGreaterThan(10);
  });

  it("walks every page once, with Composio's page counters", async () => {
    const all = (await list("?limit=1000")).items.map((t) => t.slug);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: ToolkitPage = await list(`?limit=4${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      pages += 1;
      expect(page.current_page).toBe(pages);
      expect(page.total_pages).toBe(Math.ceil(all.length / 4));
      expect(page.total_items).toBe(all.length);
      seen.push(...page.items.map((t) => t.slug));
      cursor = page.next_cursor;
    } while (cursor && pages < 50);
    expect(seen).toEqual(all);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it.each([
    ["limit=0", "query.limit"],
    ["limit=1001", "query.limit"],
    ["limit=ten", "query.limit"],
    ["limit=2.5", "query.limit"],
    ["sort_by=random", "query.sort_by"],
    ["include_deprecated=yes", "query.include_deprecated"],
  ])("refuses %s with 400 validation_failed", async (query, path) => {
    const error = await expectError(await call("GET", `${LIST}?${query}`, { key }), 400, "validation_failed");
    expect(error.errors?.map((e) => e.path)).toContain(path);
  });

  it.each([["garbage", "%%%"], ["base64 of something else", btoa("x:1")], ["a negative offset", btoa("o:-1")], ["a keyset cursor", btoa("[1,\"x\"]")]])(
    "refuses %s as a cursor with 400 invalid_cursor",
    async (_, cursor) => {
      await expectError(await call("GET", `${LIST}?cursor=${encodeURIComponent(cursor)}`, { key }), 400, "invalid_cursor");
    },
  );

  it("answers a cursor past the end with an empty last page", async () => {
    const page = await list(`?cursor=${encodeURIComponent(btoa("o:500"))}`);
    expect(page.items).toEqual([]);
    expect(page.next_cursor).toBeNull();
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("GET", LIST);
  });

  it("shows another project the same shared catalog", async () => {
    const other = await newTenant("other");
    const mine = await list("?limit=1000");
    const theirs = await json<ToolkitPage>(await call("GET", `${LIST}?limit=1000`, { key: other.key }));
    expect(theirs.items.map((t) => t.slug)).toEqual(mine.items.map((t) => t.slug));
  });
});

describe("GET /api/v3.1/toolkits/{slug}", () => {
  it("returns one toolkit, slug matched case-insensitively", async () => {
    for (const slug of ["gmail", "GMAIL", "Gmail"]) {
      const response = await call("GET", `${LIST}/${slug}`, { key });
      expect(response.status).toBe(200);
      const toolkit = ToolkitSchema.strict().parse(await response.json());
      expect(toolkit).toMatchObject({ slug: "gmail", name: "Gmail", base_url: "https://gmail.googleapis.com" });
      expect(toolkit.meta.tools_count).toBe(20);
    }
  });

  it("answers an unknown slug with 404 toolkit_not_found and a fix", async () => {
    const error = await expectError(await call("GET", `${LIST}/myspace`, { key }), 404, "toolkit_not_found");
    expect(error.message).toContain("myspace");
    expect(error.suggested_fix).toContain("/api/v3.1/toolkits");
  });

  it("refuses an overlong slug with 400", async () => {
    await expectError(await call("GET", `${LIST}/${"a".repeat(101)}`, { key }), 400, "validation_failed");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("GET", `${LIST}/github`);
  });
});

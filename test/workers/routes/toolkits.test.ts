import { beforeAll, describe, expect, it } from "vitest";
import { ToolkitDetailSchema, ToolkitSchema } from "../../../worker/http/toolkit-views.ts";
import { call, expectError, json } from "../helpers.ts";
import { expectKeyRefusals, newTenant, withDefaultApps } from "../fixtures.ts";

const LIST = "/api/v3.1/toolkits";

interface Toolkit {
  slug: string;
  name: string;
  no_auth: boolean;
  auth_schemes: string[];
  base_url: string;
  composio_managed_auth_schemes: string[];
  meta: { categories: { id: string; name: string }[]; tools_count: number };
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
    expect(bySlug.items.map((t) => t.slug)).toEqual(expect.arrayContaining(["github", "gitea", "bitbucket"]));
    expect(bySlug.items.every((t) => t.meta.categories.some((c) => c.id === "developer-tools"))).toBe(true);
    expect((await list("?category=Developer%20Tools")).items.map((t) => t.slug)).toEqual(bySlug.items.map((t) => t.slug));
    const productivity = await list("?category=productivity");
    expect(productivity.items.map((t) => t.slug)).toEqual(expect.arrayContaining(["gmail", "notion", "jira"]));
    expect(productivity.items.every((t) => t.meta.categories.some((c) => c.id === "productivity"))).toBe(true);
    expect((await list("?category=no-such-category")).items).toEqual([]);
  });

  it("searches slug, name and description", async () => {
    const page = await list("?search=MAIL");
    expect(page.items.map((t) => t.slug)).toEqual(expect.arrayContaining(["gmail", "outlook", "mailchimp"]));
    expect(page.items.map((t) => t.slug)).not.toContain("github");
    expect(page.total_items).toBe(page.items.length);
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
      const toolkit = ToolkitDetailSchema.strict().parse(await response.json());
      expect(toolkit).toMatchObject({ slug: "gmail", name: "Gmail", base_url: "https://gmail.googleapis.com" });
      expect(toolkit.meta.tools_count).toBeGreaterThanOrEqual(20);
    }
  });

  it("lists the credentials an API key is sent with as connected-account fields (Trello's token, Plaid's client id and version)", async () => {
    const fields = async (slug: string) => {
      const toolkit = ToolkitDetailSchema.parse(await json(await call("GET", `${LIST}/${slug}`, { key })));
      return toolkit.auth_config_details!.find((detail) => detail.mode === "API_KEY")!.fields.connected_account_initiation;
    };
    const trello = await fields("trello");
    expect(trello.required.map((f) => [f.name, f.is_secret])).toEqual([
      ["generic_api_key", true],
      ["token", true],
    ]);
    expect(trello.required[1]!.description).toMatch(/token query parameter/);
    const plaid = await fields("plaid");
    expect(plaid.required.map((f) => f.name)).toEqual(["generic_api_key", "client_id"]);
    // A constant the API requires has a default, is optional and no secret.
    expect(plaid.optional).toEqual([expect.objectContaining({ name: "plaid_version", default: "2020-09-14", required: false, is_secret: false })]);
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

describe("toolkit categories", () => {
  const CATEGORIES = `${LIST}/categories`;
  interface CategoryPage {
    items: { id: string; name: string }[];
    next_cursor: string | null;
    total_items: number;
    total_pages: number;
  }

  it("lists every category once as {id, name}, each id a working ?category= filter", async () => {
    const response = await call("GET", CATEGORIES, { key });
    expect(response.status).toBe(200);
    const page = await json<CategoryPage>(response);
    expect(page).toMatchObject({ next_cursor: null, total_pages: 1, total_items: page.items.length });
    expect(page.items).toContainEqual({ id: "developer-tools", name: "developer tools" });
    const ids = page.items.map((c) => c.id);
    expect(ids).toEqual([...new Set(ids)].sort());
    for (const item of page.items) expect(Object.keys(item).sort()).toEqual(["id", "name"]);
    for (const { id } of page.items) {
      const toolkits = await list(`?category=${id}&limit=1000`);
      expect(toolkits.items.length, id).toBeGreaterThan(0);
      expect(toolkits.items.every((t) => t.meta.categories.some((c) => c.id === id)), id).toBe(true);
    }
  });

  it("gives list items {id, name} categories and the single toolkit {name, slug}, as Composio does", async () => {
    const github = (await list("?category=developer-tools")).items[0];
    expect(github?.meta.categories).toContainEqual({ id: "developer-tools", name: "developer tools" });
    const detail = await json<{ meta: { categories: unknown[] } }>(await call("GET", `${LIST}/github`, { key }));
    expect(detail.meta.categories).toContainEqual({ name: "developer tools", slug: "developer-tools" });
  });

  it("is not taken for a toolkit slug, and ignores a query it does not take", async () => {
    const response = await call("GET", `${CATEGORIES}?cursor=%%%&limit=-1`, { key });
    expect(response.status).toBe(200);
    expect((await json<CategoryPage>(response)).items.length).toBeGreaterThan(1);
  });

  it("refuses a malformed key with 401 api_key_malformed", async () => {
    await expectError(await call("GET", CATEGORIES, { key: "not-a-key" }), 401, "api_key_malformed");
  });

  it("refuses a missing or revoked key", async () => {
    await expectKeyRefusals("GET", CATEGORIES);
  });

  it("shows another project the same categories", async () => {
    const other = await newTenant("other-categories");
    const mine = await json<CategoryPage>(await call("GET", CATEGORIES, { key }));
    const theirs = await json<CategoryPage>(await call("GET", CATEGORIES, { key: other.key }));
    expect(theirs).toEqual(mine);
  });
});

describe("GET /api/v3.1/toolkits/{slug}: auth details", () => {
  interface Field {
    name: string;
    required: boolean;
    is_secret: boolean;
    default: string | null;
  }
  interface Detail {
    mode: string;
    fields: Record<"auth_config_creation" | "connected_account_initiation", { required: Field[]; optional: Field[] }>;
    proxy: { base_url: string };
  }
  interface ToolkitDetail {
    auth_config_details: Detail[];
    composio_managed_auth: { mode: string; scopes: { available: string[] } }[];
    composio_managed_auth_schemes: string[];
  }
  const detail = async (slug: string, as = key) => json<ToolkitDetail>(await call("GET", `${LIST}/${slug}`, { key: as }));
  const names = (fields: Field[]) => fields.map((f) => f.name);
  const scheme = (toolkit: ToolkitDetail, mode: string) => toolkit.auth_config_details.find((d) => d.mode === mode);

  it("describes an OAuth app's fields for auth configs and none for accounts", async () => {
    const github = await detail("github");
    expect(github.auth_config_details.map((d) => d.mode)).toEqual(["OAUTH2", "BEARER_TOKEN"]);
    const oauth = scheme(github, "OAUTH2");
    expect(names(oauth?.fields.auth_config_creation.required ?? [])).toEqual(["client_id", "client_secret"]);
    expect(oauth?.fields.auth_config_creation.required.find((f) => f.name === "client_secret")?.is_secret).toBe(true);
    expect(names(oauth?.fields.auth_config_creation.optional ?? [])).toContain("scopes");
    expect(oauth?.fields.connected_account_initiation).toEqual({ required: [], optional: [] });
    expect(oauth?.proxy.base_url).toBe("https://api.github.com");
  });

  it("names the field each key-based scheme reads when an account connects", async () => {
    expect(names(scheme(await detail("github"), "BEARER_TOKEN")?.fields.connected_account_initiation.required ?? [])).toEqual(["token"]);
    expect(names(scheme(await detail("linear"), "API_KEY")?.fields.connected_account_initiation.required ?? [])).toEqual(["generic_api_key"]);
    const basic = scheme(await detail("jira"), "BASIC");
    expect(names(basic?.fields.connected_account_initiation.required ?? [])).toEqual(["username"]);
    expect(names(basic?.fields.connected_account_initiation.optional ?? [])).toEqual(["password"]);
    expect(scheme(await detail("hackernews"), "NO_AUTH")?.fields).toEqual({
      auth_config_creation: { required: [], optional: [] },
      connected_account_initiation: { required: [], optional: [] },
    });
  });

  it("offers managed OAuth only where the operator configured an app for the toolkit", async () => {
    expect(await detail("slack")).toMatchObject({ composio_managed_auth_schemes: [], composio_managed_auth: [] });
    await withDefaultApps({ slack: { client_id: "operator", client_secret: "operator-secret" } }, async () => {
      const slack = await detail("slack");
      expect(slack.composio_managed_auth_schemes).toEqual(["OAUTH2"]);
      expect(slack.composio_managed_auth).toEqual([{ mode: "OAUTH2", scopes: { available: expect.arrayContaining([expect.any(String)]) } }]);
      expect(JSON.stringify(slack)).not.toContain("operator-secret");
      const listed = (await list("?search=slack")).items.find((t) => t.slug === "slack");
      expect(listed?.composio_managed_auth_schemes).toEqual(["OAUTH2"]);
      expect((await detail("hackernews")).composio_managed_auth_schemes).toEqual([]);
    });
  });

  it("shows another project the same details", async () => {
    const other = await newTenant("other-details");
    expect(await detail("jira", other.key)).toEqual(await detail("jira"));
  });
});

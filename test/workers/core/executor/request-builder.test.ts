import { describe, expect, it } from "vitest";
import type { HttpMapping } from "../../../../catalog/definition.ts";
import { buildRequest, formEncode, joinUrl, RequestBuildError } from "../../../../core/executor/request-builder.ts";

const mapping = (http: Partial<HttpMapping> & Pick<HttpMapping, "method" | "path">): HttpMapping => ({ args: {}, wireNames: {}, ...http });
const BASE = "https://api.example.com/v1";

function buildError(http: HttpMapping, args: Record<string, unknown>): RequestBuildError {
  try {
    buildRequest(http, BASE, args);
  } catch (err) {
    if (err instanceof RequestBuildError) return err;
    throw err;
  }
  throw new Error("buildRequest accepted the arguments");
}

describe("joinUrl", () => {
  it("keeps the base URL's path and drops a trailing slash", () => {
    expect(joinUrl("https://api.example.com/v1/", "/items").href).toBe("https://api.example.com/v1/items");
    expect(joinUrl("https://api.atlassian.com/ex/jira", "/c1/rest/api/3/myself").href).toBe("https://api.atlassian.com/ex/jira/c1/rest/api/3/myself");
  });
});

describe("buildRequest", () => {
  it("fills path placeholders, escaping each segment but keeping slashes", () => {
    const http = mapping({ method: "GET", path: "/repos/{owner}/{repo}/contents/{path}", args: { owner: "path", repo: "path", path: "path" } });
    const request = buildRequest(http, BASE, { owner: "octo cat", repo: "hello", path: "src/a b/c#d?.ts" });
    expect(request.url.href).toBe("https://api.example.com/v1/repos/octo%20cat/hello/contents/src/a%20b/c%23d%3F.ts");
    expect(request.url.search).toBe("");
  });

  it("turns numbers into path segments", () => {
    const request = buildRequest(mapping({ method: "GET", path: "/item/{id}.json", args: { id: "path" } }), BASE, { id: 8863 });
    expect(request.url.pathname).toBe("/v1/item/8863.json");
  });

  it("refuses dot segments anywhere in a path argument", () => {
    const http = mapping({ method: "GET", path: "/files/{path}", args: { path: "path" } });
    for (const value of ["..", "a/../b", "./x", "x/."]) {
      expect(buildError(http, { path: value }).message).toBe('The argument `path` may not contain "." or ".." path segments.');
    }
  });

  it("allows dots that are not whole segments", () => {
    const http = mapping({ method: "GET", path: "/compare/{range}", args: { range: "path" } });
    expect(buildRequest(http, BASE, { range: "main...feature/x" }).url.pathname).toBe("/v1/compare/main...feature/x");
    expect(buildRequest(http, BASE, { range: ".github/workflows" }).url.pathname).toBe("/v1/compare/.github/workflows");
  });

  it("refuses a missing, null or empty path argument", () => {
    const http = mapping({ method: "GET", path: "/users/{login}", args: { login: "path" } });
    for (const login of [undefined, null, ""]) {
      expect(buildError(http, login === undefined ? {} : { login }).message).toBe("The path needs the argument `login`.");
    }
  });

  it("sends GET and DELETE arguments in the query, arrays repeated, objects as JSON", () => {
    const request = buildRequest(mapping({ method: "GET", path: "/search" }), BASE, { q: "a b", labels: ["x", "y"], page: 2, strict: false, filter: { a: 1 } });
    expect(request.url.searchParams.get("q")).toBe("a b");
    expect(request.url.searchParams.getAll("labels")).toEqual(["x", "y"]);
    expect(request.url.searchParams.get("page")).toBe("2");
    expect(request.url.searchParams.get("strict")).toBe("false");
    expect(request.url.searchParams.get("filter")).toBe('{"a":1}');
    expect(request.body).toBeUndefined();
    expect(request.headers.has("content-type")).toBe(false);
    const del = buildRequest(mapping({ method: "DELETE", path: "/items" }), BASE, { id: "1" });
    expect(del.url.searchParams.get("id")).toBe("1");
    expect(del.body).toBeUndefined();
  });

  it("sends POST, PUT and PATCH arguments in a JSON body unless mapped elsewhere", () => {
    for (const method of ["POST", "PUT", "PATCH"] as const) {
      const http = mapping({ method, path: "/items/{id}", args: { id: "path", dry_run: "query", trace: "header" } });
      const request = buildRequest(http, BASE, { id: "7", name: "n", tags: ["a"], dry_run: true, trace: "t-1" });
      expect(request.method).toBe(method);
      expect(request.url.href).toBe("https://api.example.com/v1/items/7?dry_run=true");
      expect(request.headers.get("trace")).toBe("t-1");
      expect(request.headers.get("content-type")).toBe("application/json");
      expect(JSON.parse(request.body ?? "")).toEqual({ name: "n", tags: ["a"] });
    }
  });

  it("sends an empty JSON object for a body method without body arguments", () => {
    expect(buildRequest(mapping({ method: "POST", path: "/ping" }), BASE, {}).body).toBe("{}");
  });

  it("skips undefined arguments", () => {
    const request = buildRequest(mapping({ method: "GET", path: "/search" }), BASE, { q: undefined, page: 1 });
    expect([...request.url.searchParams.keys()]).toEqual(["page"]);
  });

  it("renames arguments on the wire in the query, headers and body", () => {
    const http = mapping({
      method: "POST",
      path: "/search",
      args: { max_results: "query", notion_version: "header", start_cursor: "body" },
      wireNames: { max_results: "maxResults", notion_version: "Notion-Version", start_cursor: "startCursor" },
    });
    const request = buildRequest(http, BASE, { max_results: 5, notion_version: "2022-06-28", start_cursor: "c1", query: "q" });
    expect(request.url.searchParams.get("maxResults")).toBe("5");
    expect(request.url.searchParams.has("max_results")).toBe(false);
    expect(request.headers.get("notion-version")).toBe("2022-06-28");
    expect(JSON.parse(request.body ?? "")).toEqual({ startCursor: "c1", query: "q" });
  });

  it("sends a raw-body argument as the whole body, and nothing when it is absent", () => {
    const http = mapping({ method: "PATCH", path: "/blocks/{block_id}", args: { block_id: "path", notion_version: "header" }, rawBodyArg: "block" });
    const request = buildRequest(http, BASE, { block_id: "b1", block: { paragraph: { rich_text: [] } }, notion_version: "2022-06-28" });
    expect(JSON.parse(request.body ?? "")).toEqual({ paragraph: { rich_text: [] } });
    expect(request.headers.get("content-type")).toBe("application/json");
    const raw = buildRequest(mapping({ method: "PUT", path: "/list", rawBodyArg: "items" }), BASE, { items: [1, 2] });
    expect(raw.body).toBe("[1,2]");
    const absent = buildRequest(http, BASE, { block_id: "b1" });
    expect(absent.body).toBeUndefined();
    expect(absent.headers.has("content-type")).toBe(false);
  });

  it("wraps GraphQL tools as a POST of { query, variables }", () => {
    const http = mapping({ method: "POST", path: "/graphql", graphqlQuery: "query Q($first: Int) { teams(first: $first) { nodes { id } } }" });
    const request = buildRequest(http, "https://api.linear.app", { first: 5, after: "c" });
    expect(request.method).toBe("POST");
    expect(request.url.href).toBe("https://api.linear.app/graphql");
    expect(JSON.parse(request.body ?? "")).toEqual({ query: http.graphqlQuery, variables: { first: 5, after: "c" } });
    expect(request.headers.get("content-type")).toBe("application/json");
  });

  it("uses the tool's own base URL over the one given", () => {
    const http = mapping({ method: "GET", path: "/search", baseUrl: "https://hn.algolia.com/api/v1" });
    expect(buildRequest(http, BASE, { query: "x" }).url.href).toBe("https://hn.algolia.com/api/v1/search?query=x");
  });

  it("always asks for JSON", () => {
    expect(buildRequest(mapping({ method: "GET", path: "/" }), BASE, {}).headers.get("accept")).toBe("application/json");
  });
});

describe("form-encoded bodies", () => {
  it("sends body arguments as application/x-www-form-urlencoded when the tool says so", () => {
    const http = mapping({ method: "POST", path: "/customers", bodyEncoding: "form", args: { expand: "body" }, wireNames: { expand: "expand[]" } });
    const request = buildRequest(http, BASE, { email: "ana@example.com", metadata: { plan: "pro", seats: 3 }, expand: ["sources", "tax"], description: null });
    expect(request.headers.get("content-type")).toBe("application/x-www-form-urlencoded");
    expect(request.body).toBe("email=ana%40example.com&metadata%5Bplan%5D=pro&metadata%5Bseats%5D=3&expand%5B%5D=sources&expand%5B%5D=tax&description=");
  });

  it("brackets the items of a list of objects, and repeats the key of a list of plain values", () => {
    expect(formEncode({ items: [{ price: "p_1", quantity: 2 }], StatusCallbackEvent: ["initiated", "answered"] })).toBe(
      "items%5B0%5D%5Bprice%5D=p_1&items%5B0%5D%5Bquantity%5D=2&StatusCallbackEvent=initiated&StatusCallbackEvent=answered",
    );
  });

  it("keeps JSON for everything else, raw bodies included", () => {
    const json = buildRequest(mapping({ method: "POST", path: "/x" }), BASE, { a: 1 });
    expect(json.headers.get("content-type")).toBe("application/json");
    const raw = buildRequest(mapping({ method: "PUT", path: "/x", bodyEncoding: "form", rawBodyArg: "body" }), BASE, { body: [1, 2] });
    expect(raw.body).toBe("[1,2]");
  });
});

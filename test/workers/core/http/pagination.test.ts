import { describe, expect, it } from "vitest";
import { ApiError } from "../../../../core/http/errors.ts";
import { decodeCursor, encodeCursor, pageQuery, toPage } from "../../../../core/http/pagination.ts";

const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `row_${i}`, createdAt: new Date(1_700_000_000_000 + i) }));

function invalidCursor(raw: string): ApiError {
  try {
    decodeCursor(raw);
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error(`decodeCursor accepted ${raw}`);
}

describe("cursors", () => {
  it("round-trip and are URL-safe enough to pass as a query value", () => {
    const cursor = { createdAt: 1_700_000_000_123, id: "proj_3kT0Vq8yJ2mXb1Lw9RzN4A" };
    const encoded = encodeCursor(cursor);
    expect(encoded).not.toContain("=");
    expect(decodeCursor(encoded)).toEqual(cursor);
  });

  it("leave the first page unbounded", () => {
    expect(decodeCursor(undefined)).toBeUndefined();
  });

  it.each([
    ["not base64", "%%%"],
    ["base64 of non-JSON", btoa("hello")],
    ["an object", btoa('{"createdAt":1,"id":"x"}')],
    ["a tuple of the wrong types", btoa('["1","x"]')],
    ["a negative time", btoa('[-5,"x"]')],
    ["a fractional time", btoa('[1.5,"x"]')],
    ["an empty id", btoa('[1,""]')],
    ["an overlong id", btoa(JSON.stringify([1, "x".repeat(101)]))],
    ["an extra element", btoa('[1,"x",2]')],
  ])("refuse %s with 400 invalid_cursor", (_, raw) => {
    const err = invalidCursor(raw);
    expect(err.status).toBe(400);
    expect(err.code).toBe("invalid_cursor");
  });
});

describe("toPage", () => {
  it("has no next page when the look-ahead row is absent", () => {
    expect(toPage(rows(3), 3)).toEqual({ items: rows(3), nextCursor: null });
    expect(toPage([], 3)).toEqual({ items: [], nextCursor: null });
  });

  it("drops the look-ahead row and points the cursor at the last row kept", () => {
    const page = toPage(rows(4), 3);
    expect(page.items).toEqual(rows(3));
    expect(decodeCursor(page.nextCursor ?? undefined)).toEqual({ createdAt: 1_700_000_000_002, id: "row_2" });
  });
});

describe("pageQuery", () => {
  it("defaults limit to 20 and coerces it from the query string", () => {
    expect(pageQuery.parse({})).toEqual({ limit: 20 });
    expect(pageQuery.parse({ limit: "100", cursor: "abc" })).toEqual({ limit: 100, cursor: "abc" });
  });

  it.each(["0", "101", "abc", "2.5", "-1"])("refuses limit=%s", (limit) => {
    expect(pageQuery.safeParse({ limit }).success).toBe(false);
  });
});

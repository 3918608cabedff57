import { describe, expect, it } from "vitest";
import { redactArguments, reportsFailure, scrub, scrubValue, upstreamMessage } from "../../../../core/executor/upstream-error.ts";

describe("upstreamMessage", () => {
  it.each([
    ["GitHub's message", { message: "Not Found", documentation_url: "https://docs.github.com" }, "Not Found"],
    [
      "GitHub's 422 with the fields that failed",
      { message: "Validation Failed", errors: [{ resource: "Issue", field: "title", code: "missing_field" }, { resource: "Issue", field: "labels", code: "invalid" }] },
      "Validation Failed (title missing_field; labels invalid)",
    ],
    ["an errors entry with only a message", { message: "Bad", errors: [{ message: "name is taken" }] }, "Bad (name is taken)"],
    ["errors as strings", { errors: ["first", "second"] }, "(first; second)"],
    ["Slack's { ok: false, error }", { ok: false, error: "channel_not_found" }, "channel_not_found"],
    ["Google's nested error", { error: { code: 404, message: "Requested entity was not found.", status: "NOT_FOUND" } }, "Requested entity was not found."],
    ["an OAuth error with a description", { error: "invalid_grant", error_description: "Token has been expired or revoked." }, "invalid_grant: Token has been expired or revoked."],
    ["plain text", "Service Unavailable", "Service Unavailable"],
  ])("reads %s", (_, body, expected) => {
    expect(upstreamMessage(body)).toBe(expected);
  });

  it.each([["null", null], ["a number", 42], ["an empty string", ""], ["an object without a message", { status: "bad" }], ["an empty errors list", { errors: [] }]])(
    "finds nothing in %s",
    (_, body) => {
      expect(upstreamMessage(body)).toBeUndefined();
    },
  );

  it("keeps at most 500 characters", () => {
    expect(upstreamMessage("x".repeat(2000))).toHaveLength(500);
    expect(upstreamMessage({ message: "y".repeat(2000) })).toHaveLength(500);
  });
});

describe("reportsFailure", () => {
  it("is true only for an object whose `ok` is exactly false", () => {
    expect(reportsFailure({ ok: false, error: "not_in_channel" })).toBe(true);
    for (const body of [{ ok: true }, { ok: "false" }, {}, [{ ok: false }], null, "ok: false", { ok: 0 }]) expect(reportsFailure(body)).toBe(false);
    // Data that happens to say ok: false (Snyk: vulnerabilities found) is a successful call.
    expect(reportsFailure({ ok: false, issues: { vulnerabilities: [] } })).toBe(false);
  });
});

describe("scrub", () => {
  it("replaces every occurrence of every secret", () => {
    expect(scrub("Bearer abc123 and again abc123; key=k-999", ["abc123", "k-999"])).toBe("Bearer [REDACTED] and again [REDACTED]; key=[REDACTED]");
  });

  it("leaves text alone without secrets", () => {
    expect(scrub("nothing here", [])).toBe("nothing here");
  });
});

describe("scrubValue", () => {
  it("scrubs strings and keys at any depth, leaving other values as they are", () => {
    const value = { message: "token abc123", nested: [{ abc123: "x", n: 1, ok: true, none: null }], list: ["abc123abc123"] };
    expect(scrubValue(value, ["abc123"])).toEqual({ message: "token [REDACTED]", nested: [{ "[REDACTED]": "x", n: 1, ok: true, none: null }], list: ["[REDACTED][REDACTED]"] });
    expect(value.message).toBe("token abc123");
  });

  it("returns the same value when there is nothing to scrub", () => {
    const value = { a: 1 };
    expect(scrubValue(value, [])).toBe(value);
    expect(scrubValue("abc123", ["abc123"])).toBe("[REDACTED]");
  });
});

describe("redactArguments", () => {
  it("redacts secret-looking keys at any depth", () => {
    const args = {
      owner: "octocat",
      api_token: "t",
      apiKey: "k",
      "api-key": "k",
      client_secret: "s",
      config: { password: "p", passwd: "p", Authorization: "Bearer x", cookie: "c", private_key: "pk", credentials: { a: 1 } },
      items: [{ refresh_token: "r", name: "n" }],
    };
    expect(redactArguments(args)).toEqual({
      owner: "octocat",
      api_token: "[REDACTED]",
      apiKey: "[REDACTED]",
      "api-key": "[REDACTED]",
      client_secret: "[REDACTED]",
      config: { password: "[REDACTED]", passwd: "[REDACTED]", Authorization: "[REDACTED]", cookie: "[REDACTED]", private_key: "[REDACTED]", credentials: "[REDACTED]" },
      items: [{ refresh_token: "[REDACTED]", name: "n" }],
    });
  });

  it("leaves scalars and ordinary fields untouched, but takes anything named like a token for a secret", () => {
    expect(redactArguments("secret")).toBe("secret");
    expect(redactArguments(null)).toBeNull();
    expect(redactArguments({ title: "My token is safe here", tokens_used: 3 })).toEqual({ title: "My token is safe here", tokens_used: "[REDACTED]" });
  });

  it("stops descending after a bounded depth, and does not log what it did not look through", () => {
    let deep: Record<string, unknown> = { password: "deep-secret" };
    for (let i = 0; i < 20; i += 1) deep = { next: deep };
    const redacted = JSON.stringify(redactArguments(deep));
    expect(redacted).not.toContain("deep-secret");
    expect(redacted).toContain("[TRUNCATED]");
    expect(redactArguments({ a: { b: { password: "p", keep: 1 } } })).toEqual({ a: { b: { password: "[REDACTED]", keep: 1 } } });
  });
});

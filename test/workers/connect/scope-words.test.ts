import { describe, expect, it } from "vitest";
import { scopeInWords } from "../../../worker/connect/scope-words.ts";

describe("scopes in words", () => {
  it("words GitHub's scopes by toolkit and Google's by URL, whichever Google toolkit asks", () => {
    expect(scopeInWords("github", "repo")).toBe("read and write your private repositories");
    expect(scopeInWords("github", "read:user")).toBe("read your profile");
    expect(scopeInWords("googledocs", "https://www.googleapis.com/auth/drive")).toBe("see, edit, create and delete all your Google Drive files");
    expect(scopeInWords("gmail", "https://www.googleapis.com/auth/gmail.send")).toBe("send email as you");
  });

  it("has no words for a scope it does not know, or one from another provider", () => {
    expect(scopeInWords("github", "admin:enterprise")).toBeUndefined();
    expect(scopeInWords("bitbucket", "repo")).toBeUndefined();
    expect(scopeInWords("gmail", "https://www.googleapis.com/auth/unknown.scope")).toBeUndefined();
  });

  it("finds nothing on Object's prototype: scopes come from auth configs a project writes", () => {
    for (const scope of ["constructor", "__proto__", "toString", "hasOwnProperty"]) {
      expect(scopeInWords("github", scope)).toBeUndefined();
      expect(scopeInWords(scope, "repo")).toBeUndefined();
      expect(scopeInWords("gmail", `https://www.googleapis.com/auth/${scope}`)).toBeUndefined();
    }
  });
});

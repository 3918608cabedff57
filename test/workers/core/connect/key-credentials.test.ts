import { describe, expect, it } from "vitest";
import type { AuthScheme } from "../../../../catalog/definition.ts";
import { credentialsFromState, toolkitScheme } from "../../../../core/connect/key-credentials.ts";
import { ApiError } from "../../../../core/http/errors.ts";

const trello: AuthScheme = {
  type: "API_KEY",
  in: "query",
  name: "key",
  prefix: "",
  additionalFields: [
    { in: "query", name: "token", field: "token", displayName: "Token" },
    { in: "header", name: "X-Version", field: "version", displayName: "Version", default: "2" },
  ],
};

function refusal(run: () => unknown): ApiError {
  try {
    run();
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error("expected an ApiError");
}

describe("credentialsFromState with additional credentials", () => {
  it("stores the key with the scheme's other credentials; a constant with a default may be left out", () => {
    const stored = credentialsFromState("API_KEY", { authScheme: "API_KEY", val: { generic_api_key: "k-1", token: "t-1", unrelated: "x" } }, trello);
    expect(stored).toEqual({ type: "API_KEY", api_key: "k-1", additional: { token: "t-1" } });
    const pinned = credentialsFromState("API_KEY", { authScheme: "API_KEY", val: { api_key: "k-1", token: "t-1", version: "3" } }, trello);
    expect(pinned).toEqual({ type: "API_KEY", api_key: "k-1", additional: { token: "t-1", version: "3" } });
  });

  it("refuses an account without one of them with a 400 naming the field, never echoing values", () => {
    const error = refusal(() => credentialsFromState("API_KEY", { authScheme: "API_KEY", val: { api_key: "k-secret-1", token: "" } }, trello));
    expect(error.status).toBe(400);
    expect(error.message).toContain("connection.state.val.token");
    expect(error.message).not.toContain("k-secret-1");
  });

  it("keeps a plain API key as it was when the scheme wants nothing more", () => {
    const plain: AuthScheme = { type: "API_KEY", in: "header", name: "X-Api-Key", prefix: "" };
    expect(credentialsFromState("API_KEY", { authScheme: "API_KEY", val: { api_key: "k-1", token: "t" } }, plain)).toEqual({ type: "API_KEY", api_key: "k-1" });
  });

  it("finds the toolkit's scheme of the account's type: the one the executor sends by", () => {
    expect(toolkitScheme({ authSchemes: [{ type: "BEARER_TOKEN" }, trello] }, "API_KEY")).toBe(trello);
    expect(toolkitScheme(undefined, "API_KEY")).toBeUndefined();
  });
});

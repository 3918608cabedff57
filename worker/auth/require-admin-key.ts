import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import { sha256Hex, timingSafeEqualText } from "../../core/encoding.ts";
import { ApiError } from "../../core/http/errors.ts";
import { isWellFormedApiKey } from "./api-key-format.ts";
import { bearerToken } from "./bearer-token.ts";

/** Guards the operator API with the `ADMIN_API_KEY` secret; project keys never pass. */
export const requireAdminKey = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.env.ADMIN_API_KEY;
  if (!expected) {
    throw new ApiError(503, "admin_api_disabled", "The operator API is off because ADMIN_API_KEY is not set.", {
      suggestedFix: "Set it with `wrangler secret put ADMIN_API_KEY` (or in .dev.vars locally).",
    });
  }
  const bearer = bearerToken(c.req.header("authorization"));
  // `||`, not `??`: an empty x-admin-key must not hide a Bearer token sent beside it.
  const presented = c.req.header("x-admin-key")?.trim() || bearer;
  // A project key in its usual header gets the same clear 403 as one sent as a Bearer token.
  const projectKey = c.req.header("x-api-key")?.trim();
  if (!presented && !projectKey) {
    throw new ApiError(401, "admin_key_missing", "This operator route needs the admin key.", {
      suggestedFix: "Send ADMIN_API_KEY as `Authorization: Bearer …` or `x-admin-key`.",
    });
  }
  if (!presented || isWellFormedApiKey(presented)) {
    throw new ApiError(403, "admin_key_required", "Project API keys cannot use the operator API.", {
      suggestedFix: "Use the operator's ADMIN_API_KEY; project keys work on /api/v3.1 routes.",
    });
  }
  // Hashing first makes the comparison constant-time whatever the lengths.
  if (!timingSafeEqualText(await sha256Hex(presented), await sha256Hex(expected))) {
    throw new ApiError(401, "admin_key_invalid", "The admin key is not correct.");
  }
  await next();
});

import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { ApiError, type FieldError } from "../../core/http/errors.ts";

const TARGET_LABEL: Record<string, string> = { json: "body", query: "query", param: "path", header: "header" };

/**
 * Every router is built here so that every validation failure, whatever the route,
 * becomes the same 400 `validation_failed` listing each bad field.
 */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (result.success) return;
      const where = TARGET_LABEL[result.target] ?? result.target;
      const errors: FieldError[] = result.error.issues.map((issue) => ({
        path: [where, ...issue.path.map(String)].join("."),
        message: issue.message,
      }));
      const summary = errors.map((e) => `${e.path}: ${e.message}`).join("; ");
      throw new ApiError(400, "validation_failed", `The request is invalid. ${summary}`, { errors });
    },
  });
}

import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../app-env.ts";
import { ApiError, errorBody } from "../../core/http/errors.ts";

/** Errors Hono and its middleware raise themselves, given our stable codes. */
function fromHttpException(err: HTTPException): ApiError {
  switch (err.status) {
    case 400:
      if (!/json/i.test(err.message)) break;
      return new ApiError(400, "malformed_json", "The request body is not valid JSON.", {
        suggestedFix: "Send a JSON document with `Content-Type: application/json`.",
      });
    case 413:
      return new ApiError(413, "payload_too_large", "The request body is larger than this endpoint accepts.");
    case 415:
      return new ApiError(415, "unsupported_media_type", "This endpoint only accepts JSON bodies.", {
        suggestedFix: "Set `Content-Type: application/json`.",
      });
  }
  return new ApiError(400, "bad_request", err.message || "The request was not understood.");
}

function respond(c: Context<AppEnv>, err: ApiError): Response {
  return c.json(errorBody(err, c.get("requestId") ?? "unknown"), err.status);
}

export const onError: ErrorHandler<AppEnv> = (err, c) => {
  if (err instanceof ApiError) return respond(c, err);
  if (err instanceof HTTPException) return respond(c, fromHttpException(err));
  // Only the error's name and message are logged: request bodies and headers may carry secrets.
  console.error(
    JSON.stringify({ level: "error", request_id: c.get("requestId"), path: c.req.path, error: `${err.name}: ${err.message}` }),
  );
  return respond(c, new ApiError(500, "internal_error", "Something went wrong on our side. Retry, and quote the request id if it persists."));
};

export const onNotFound: NotFoundHandler<AppEnv> = (c) =>
  respond(c, new ApiError(404, "route_not_found", `No route matches ${c.req.method} ${c.req.path}.`, {
    suggestedFix: "See /docs for the routes this gateway serves.",
  }));

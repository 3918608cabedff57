import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import { newId } from "../../core/ids.ts";

// A caller-supplied id is echoed only when it is short and plain, so it cannot smuggle text into logs.
const CALLER_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** Gives every request an id, returned in `x-request-id` and in every error body. */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const offered = c.req.header("x-request-id");
  const id = offered && CALLER_REQUEST_ID.test(offered) ? offered : newId("req");
  c.set("requestId", id);
  c.header("x-request-id", id);
  await next();
});

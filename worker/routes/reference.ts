import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { OPENAPI_PATH, openApiDocument } from "../docs/openapi-document.ts";
import { renderReference } from "../docs/render-reference.ts";

/**
 * Serves the API description of `app` itself, so the document is generated from the
 * very zod schemas the routes validate with. Call after every route is mounted.
 */
export function mountReference(app: OpenAPIHono<AppEnv>): void {
  app.get(OPENAPI_PATH, (c) => c.json(openApiDocument(app, new URL(c.req.url).origin)));
  app.get("/docs", (c) => c.html(renderReference(openApiDocument(app, new URL(c.req.url).origin))));
}

import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../app-env.ts";
import { OPENAPI_PATH, openApiDocument } from "../docs/openapi-document.ts";
import { REFERENCE_POLICY, referencePage } from "../docs/reference-page.ts";
import { SCALAR_SCRIPT_PATH } from "../docs/scalar-asset.ts";
import { SCALAR_VERSION } from "../docs/scalar-script.ts";
import { ApiError } from "../../core/http/errors.ts";
import { readAssetBody } from "../http/static-asset.ts";

/**
 * Serves the API description of `app` itself, so the document is generated from the
 * very zod schemas the routes validate with, and `/docs`, Scalar's viewer of it, whose
 * script comes from the gateway's static assets. Call after every route is mounted.
 */
export function mountReference(app: OpenAPIHono<AppEnv>): void {
  app.get(OPENAPI_PATH, (c) => c.json(openApiDocument(app, new URL(c.req.url).origin)));

  app.get("/docs", (c) => {
    c.header("content-security-policy", REFERENCE_POLICY);
    c.header("cache-control", "no-cache"); // revalidated: a new release may point it at a new script
    c.header("x-frame-options", "DENY");
    return c.html(referencePage());
  });

  app.get(SCALAR_SCRIPT_PATH, async (c) => {
    const script = await readAssetBody(c.env.ASSETS, SCALAR_SCRIPT_PATH);
    if (!script) throw new ApiError(503, "docs_unavailable", "The API reference's script is missing from the static assets. Run `npm run catalog:build` before starting the gateway.");
    // The page asks for the pinned version: that URL's bytes never change. Any other is revalidated hourly.
    const immutable = c.req.query("v") === SCALAR_VERSION;
    return c.body(script, 200, {
      "content-type": "text/javascript; charset=utf-8",
      "cache-control": immutable ? "public, max-age=31536000, immutable" : "public, max-age=3600",
      "x-content-type-options": "nosniff",
    });
  });
}

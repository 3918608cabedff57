import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { CONSOLE_SCRIPT_ASSET, CONSOLE_STYLE_ASSET } from "../console/console-assets.ts";
import { CONSOLE_POLICY, consolePage } from "../console/console-page.ts";
import { ApiError } from "../../core/http/errors.ts";
import { readAssetBody } from "../http/static-asset.ts";

/**
 * The operator console (worker/console/): `/` and `/console` serve its page, and its script and
 * stylesheet come from the static assets. No key is needed to load them: they hold no data.
 */
const app = new Hono<AppEnv>();

const CONTENT_TYPES: Record<string, string> = {
  [CONSOLE_SCRIPT_ASSET]: "text/javascript; charset=utf-8",
  [CONSOLE_STYLE_ASSET]: "text/css; charset=utf-8",
};

app.get("/", (c) => c.redirect("/console", 302));

app.get("/console", (c) => {
  c.header("content-security-policy", CONSOLE_POLICY);
  c.header("cache-control", "no-cache");
  c.header("x-frame-options", "DENY");
  return c.html(consolePage());
});

for (const [asset, contentType] of Object.entries(CONTENT_TYPES)) {
  app.get(`/${asset}`, async (c) => {
    const body = await readAssetBody(c.env.ASSETS, `/${asset}`);
    if (!body) throw new ApiError(503, "console_unavailable", "The console's files are missing from the static assets. Run `npm run catalog:build` before starting the gateway.");
    // Revalidated on every load: a new release replaces the files under the same names.
    return c.body(body, 200, { "content-type": contentType, "cache-control": "no-cache", "x-content-type-options": "nosniff" });
  });
}

export default app;

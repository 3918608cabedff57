import { html } from "hono/html";
import { CONSOLE_SCRIPT_ASSET, CONSOLE_STYLE_ASSET } from "./console-assets.ts";

/**
 * The console is a client of the public API: the page holds no data and no key, and the
 * script it loads calls `/api/…` with the key the operator types in (kept in the tab's
 * sessionStorage). So the page is the same for everyone and the API's own checks decide what
 * each key may see. Scripts and styles come from the gateway only; no inline code, no
 * third-party fetch, no framing.
 */
export const CONSOLE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

export function consolePage() {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta name="referrer" content="no-referrer" />
    <title>Switchboard console</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="/${CONSOLE_STYLE_ASSET}" />
    <script type="module" src="/${CONSOLE_SCRIPT_ASSET}"></script>
  </head>
  <body>
    <div id="app"><p class="boot">Loading the console…</p></div>
    <noscript>The console needs JavaScript. Everything it does is also in the API: see <a href="/docs">/docs</a>.</noscript>
  </body>
</html>`;
}

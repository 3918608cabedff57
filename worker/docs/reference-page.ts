import { html } from "hono/html";
import { OPENAPI_PATH } from "./openapi-document.ts";
import { scalarScriptUrl } from "./scalar-script.ts";

/**
 * The `/docs` page: an HTML shell that loads Scalar's API reference from the gateway's own
 * assets and points it at the OpenAPI document. Every option that would make the page talk to
 * a host other than the gateway is switched off here; the e2e browser test records every
 * request the page makes to hold it to that.
 */
const SCALAR_CONFIGURATION = {
  // The fonts come from fonts.scalar.com otherwise: the system's fonts serve.
  withDefaultFonts: false,
  telemetry: false,
  // The developer toolbar (shown on localhost) and "Ask AI" reach Scalar's services; MCP generation links to them.
  showDeveloperTools: "never",
  agent: { disabled: true },
  mcp: { disabled: true },
  // No proxyUrl: try-it requests go straight to the gateway, which is the page's own origin.
  // The standalone client button opens the same client the operations' "Test Request" does: one way in is enough.
  hideClientButton: true,
  // The user types their key into try-it; nothing is prefilled and nothing is kept in localStorage.
  authentication: { preferredSecurityScheme: "ApiKey" },
  persistAuth: false,
  documentDownloadType: "json",
  // Schemas expanded: the document is small enough (~60 operations) for the cost Scalar warns of.
  defaultOpenAllTags: true,
  expandAllResponses: true,
  expandAllModelSections: true,
  modelsSectionLabel: "Schemas",
  orderSchemaPropertiesBy: "preserve",
} as const;

/**
 * What Scalar needs beside its own script, found by running it under this policy in Chromium
 * (the e2e browser test fails on any violation): icons are `data:` images, and styles must be
 * allowed inline. Its main stylesheet could carry a nonce (it reads `<meta property="csp-nonce">`),
 * but the toast library and the theme add `<style>` elements without it, its components set
 * `style` attributes, and try-it's editors (CodeMirror) rewrite a `<style>` as each editor
 * mounts, so no nonce or fixed hash covers them all. Styles cannot run code; scripts stay
 * 'self' only, with no inline script and no eval. No font is loaded, and the page fetches only
 * from the gateway (the document, try-it).
 */
export const REFERENCE_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * The element `#api-reference` is Scalar's HTML API: it reads `data-url` and
 * `data-configuration` from it. Its type keeps it data, so CSP never sees an inline script.
 */
export function referencePage() {
  return html`<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Switchboard API reference</title>
    <!-- No icon: otherwise the browser asks for /favicon.ico, which the gateway does not serve. -->
    <link rel="icon" href="data:," />
  </head>
  <body>
    <noscript>The API reference needs JavaScript. The OpenAPI document itself is at <a href="${OPENAPI_PATH}">${OPENAPI_PATH}</a>.</noscript>
    <script id="api-reference" type="application/json" data-url="${OPENAPI_PATH}" data-configuration="${JSON.stringify(SCALAR_CONFIGURATION)}"></script>
    <script src="${scalarScriptUrl}"></script>
  </body>
</html>
`;
}

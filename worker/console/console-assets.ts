/**
 * Where the operator console's browser code lives among the static assets. The catalog build
 * bundles worker/console/app/ there (scripts/lib/console-assets.ts) and `/console` serves it
 * through the ASSETS binding: it never enters the Worker bundle. No imports here: the Node
 * build reads this file too.
 */
export const CONSOLE_SCRIPT_ASSET = "console/app.js";
export const CONSOLE_STYLE_ASSET = "console/app.css";

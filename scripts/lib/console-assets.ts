import { buildSync } from "esbuild";
import path from "node:path";
import { CONSOLE_SCRIPT_ASSET, CONSOLE_STYLE_ASSET } from "../../worker/console/console-assets.ts";
import { projectRoot } from "./paths.ts";

/**
 * The operator console's static files, for the catalog build to write beside the catalog
 * (relative path under the assets directory → contents): worker/console/app/ bundled into one
 * script (Hono's DOM renderer, the only runtime library) and one stylesheet. Built here, not by
 * wrangler: it is browser code the Worker serves, never runs.
 */
export function consoleAssets(): Map<string, string> {
  const appDir = path.join(projectRoot, "worker/console/app");
  const result = buildSync({
    entryPoints: [path.join(appDir, "main.tsx"), path.join(appDir, "console.css")],
    bundle: true,
    minify: true,
    write: false,
    format: "esm",
    target: "es2022",
    jsx: "automatic",
    jsxImportSource: "hono/jsx/dom",
    outdir: "/out",
    logLevel: "silent",
  });
  const byExtension = (ext: string) => result.outputFiles.find((file) => file.path.endsWith(ext))?.text ?? "";
  return new Map([
    [CONSOLE_SCRIPT_ASSET, byExtension(".js")],
    [CONSOLE_STYLE_ASSET, byExtension(".css")],
  ]);
}

import { readFileSync } from "node:fs";
import path from "node:path";
import { SCALAR_ASSET } from "../../worker/docs/scalar-asset.ts";
import { projectRoot } from "./paths.ts";

/**
 * The `/docs` page's static files, for the catalog build to write beside the catalog (relative
 * path under the assets directory → contents): Scalar's standalone bundle, as the pinned
 * package ships it. It is an asset, not an import, so the Worker bundle does not grow.
 */
export function docsAssets(): Map<string, string> {
  const standalone = path.join(projectRoot, "node_modules/@scalar/api-reference/dist/browser/standalone.js");
  return new Map([[SCALAR_ASSET, readFileSync(standalone, "utf8")]]);
}

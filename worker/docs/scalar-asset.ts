/**
 * Where Scalar's standalone API-reference bundle (~4.7 MiB) lives among the static assets.
 * The catalog build copies it there from node_modules (scripts/lib/docs-assets.ts) and
 * `/docs`'s route serves it through the ASSETS binding (routes/reference.ts): it never enters
 * the Worker bundle, and no page loads it from a CDN. No imports here: the Node build reads
 * this file too.
 */
export const SCALAR_ASSET = "docs/scalar.js";
export const SCALAR_SCRIPT_PATH = `/${SCALAR_ASSET}`;

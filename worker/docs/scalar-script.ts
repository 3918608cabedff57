import packageJson from "../../package.json";
import { SCALAR_SCRIPT_PATH } from "./scalar-asset.ts";

/** Pinned exactly in package.json, so the version names the bytes. */
export const SCALAR_VERSION: string = packageJson.devDependencies["@scalar/api-reference"];

/** The script's URL with its version: it may be cached for good, since a new version is a new URL. */
export const scalarScriptUrl = `${SCALAR_SCRIPT_PATH}?v=${SCALAR_VERSION}`;

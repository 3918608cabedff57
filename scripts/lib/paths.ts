import { fileURLToPath } from "node:url";
import path from "node:path";

export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const devVarsPath = path.join(projectRoot, ".dev.vars");
/** Git-ignored local state of the dev tooling (the dev key lives here, never in git). */
export const localStateDir = path.join(projectRoot, ".switchboard");
export const DEFAULT_GATEWAY_URL = "http://127.0.0.1:8787";

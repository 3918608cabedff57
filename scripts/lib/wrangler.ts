import { spawn, type ChildProcess, type SpawnOptions } from "node:child_process";
import path from "node:path";
import { projectRoot } from "./paths.ts";

const WRANGLER_ENTRY = path.join(projectRoot, "node_modules/wrangler/bin/wrangler.js");

/**
 * Runs the project's own wrangler with the Node running this script. npm scripts put the
 * pinned Node 22 first on PATH, so wrangler never meets the system's Node 20.
 */
export function spawnWrangler(args: string[], options: SpawnOptions = {}): ChildProcess {
  const env = { WRANGLER_SEND_METRICS: "false", ...process.env, ...options.env };
  return spawn(process.execPath, [WRANGLER_ENTRY, ...args], { cwd: projectRoot, stdio: "inherit", ...options, env });
}

export function runWrangler(args: string[], options: SpawnOptions = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnWrangler(args, options);
    child.on("error", reject);
    child.on("exit", (code) => (code === 0 ? resolve() : reject(new Error(`wrangler ${args.join(" ")} exited with ${code}`))));
  });
}

/** Applies every pending D1 migration to local storage (under `persistTo` when given). */
export function applyLocalMigrations(persistTo?: string, options: SpawnOptions = {}): Promise<void> {
  const args = ["d1", "migrations", "apply", "DB", "--local", ...(persistTo ? ["--persist-to", persistTo] : [])];
  // CI=true makes wrangler skip its confirmation prompt, as it would in any non-interactive shell.
  return runWrangler(args, { ...options, env: { ...process.env, CI: "true" } });
}

import { spawn } from "node:child_process";
import path from "node:path";
import { projectRoot } from "../../scripts/lib/paths.ts";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs one of the project's scripts as `npm run …` would (minus npm's banner), in the project root. */
export function runScript(script: string, args: string[], env: NodeJS.ProcessEnv): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, script), ...args], { cwd: projectRoot, env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs `npm run admin -- …` the way an operator would. */
export function runAdminCli(args: string[], env: { url: string; adminKey: string }): Promise<CliResult> {
  return runScript("scripts/admin.ts", args, { ...process.env, SWITCHBOARD_URL: env.url, ADMIN_API_KEY: env.adminKey });
}

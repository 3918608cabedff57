import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { AdminClient } from "./admin-client.ts";
import { localStateDir } from "./paths.ts";

export const DEV_PROJECT_NAME = "dev";
const devKeyFile = path.join(localStateDir, "dev-key.json");

export interface DevCredentials {
  projectId: string;
  apiKey: string;
}

async function keyWorks(baseUrl: string, apiKey: string): Promise<boolean> {
  const response = await fetch(`${baseUrl}/api/v3.1/auth/session/info`, { headers: { "x-api-key": apiKey } });
  return response.ok;
}

function readSaved(): DevCredentials | undefined {
  if (!existsSync(devKeyFile)) return undefined;
  try {
    return JSON.parse(readFileSync(devKeyFile, "utf8")) as DevCredentials;
  } catch {
    return undefined;
  }
}

/**
 * Makes sure a `dev` project and a working key for it exist, reusing both when they do.
 * The key is kept in a git-ignored file because the gateway itself only stores its hash.
 */
export async function ensureDevProject(baseUrl: string, adminKey: string): Promise<DevCredentials & { created: boolean }> {
  const saved = readSaved();
  if (saved && (await keyWorks(baseUrl, saved.apiKey))) return { ...saved, created: false };

  const admin = new AdminClient(baseUrl, adminKey);
  const existing = (await admin.allProjects()).find((project) => project.name === DEV_PROJECT_NAME);
  const project = existing ?? (await admin.createProject(DEV_PROJECT_NAME));
  const key = await admin.createApiKey(project.id, "dev");
  const credentials: DevCredentials = { projectId: project.id, apiKey: key.key };
  mkdirSync(localStateDir, { recursive: true });
  writeFileSync(devKeyFile, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  return { ...credentials, created: true };
}

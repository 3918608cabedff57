/**
 * `npm run admin -- <command>`: the operator API from a terminal. Talks to a running
 * gateway (local by default) with ADMIN_API_KEY from the environment or .dev.vars.
 */
import { parseArgs } from "node:util";
import { AdminClient, GatewayError, type ApiKey, type Project } from "./lib/admin-client.ts";
import { readDevVars } from "./lib/local-secrets.ts";
import { DEFAULT_GATEWAY_URL } from "./lib/paths.ts";

const USAGE = `Usage: npm run admin -- <command> [options]

Commands
  projects create <name> [--production]   Create a project
  projects list                            List projects
  keys create --project <id|name> [--name <key name>]
                                           Create an API key (printed once)
  keys list --project <id|name>            List a project's keys (prefixes only)
  keys revoke <key_id> --project <id|name> Revoke a key

Options
  --url <url>    Gateway URL (default: $SWITCHBOARD_URL or ${DEFAULT_GATEWAY_URL})
  --json         Print JSON instead of text
  The admin key comes from $ADMIN_API_KEY, else from .dev.vars.`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: "string" },
    project: { type: "string" },
    name: { type: "string" },
    production: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const [resource, action, argument] = positionals;
if (values.help || !resource) {
  console.log(USAGE);
  process.exit(values.help ? 0 : 1);
}

const adminKey = process.env.ADMIN_API_KEY || readDevVars().ADMIN_API_KEY;
if (!adminKey) fail("No admin key: set ADMIN_API_KEY, or run `npm run dev` once to generate .dev.vars.");
const client = new AdminClient(values.url ?? process.env.SWITCHBOARD_URL ?? DEFAULT_GATEWAY_URL, adminKey);

function print(data: unknown, text: () => string): void {
  console.log(values.json ? JSON.stringify(data, null, 2) : text());
}

const projectLine = (p: Project) => `${p.id}  ${p.name}${p.is_production ? "  (production)" : ""}  created ${p.created_at}`;
const keyLine = (k: ApiKey) =>
  `${k.id}  ${k.prefix}…  ${k.name}  created ${k.created_at}  last used ${k.last_used_at ?? "never"}${k.revoked_at ? `  REVOKED ${k.revoked_at}` : ""}`;

/** Accepts a project id or its (unique) name. */
async function resolveProject(idOrName: string | undefined): Promise<Project> {
  if (!idOrName) fail("This command needs --project <id|name>.");
  const match = (await client.allProjects()).find((p) => p.id === idOrName || p.name === idOrName);
  return match ?? fail(`No project has the id or name "${idOrName}".`);
}

async function run(): Promise<void> {
  switch (`${resource} ${action ?? ""}`.trim()) {
    case "projects create": {
      if (!argument) fail("Usage: projects create <name> [--production]");
      const project = await client.createProject(argument, values.production);
      return print(project, () => `Created project ${projectLine(project)}`);
    }
    case "projects list": {
      const projects = await client.allProjects();
      return print(projects, () => (projects.length ? projects.map(projectLine).join("\n") : "No projects yet."));
    }
    case "keys create": {
      const project = await resolveProject(values.project);
      const key = await client.createApiKey(project.id, values.name ?? "default");
      return print(key, () => `Created ${keyLine(key)}\n\n  ${key.key}\n\nThis is the only time the key is shown.`);
    }
    case "keys list": {
      const project = await resolveProject(values.project);
      const keys = await client.allApiKeys(project.id);
      return print(keys, () => (keys.length ? keys.map(keyLine).join("\n") : `Project ${project.name} has no keys.`));
    }
    case "keys revoke": {
      if (!argument) fail("Usage: keys revoke <key_id> --project <id|name>");
      const project = await resolveProject(values.project);
      const key = await client.revokeApiKey(project.id, argument);
      return print(key, () => `Revoked ${keyLine(key)}`);
    }
    default:
      fail(`Unknown command "${positionals.join(" ")}".\n\n${USAGE}`);
  }
}

try {
  await run();
} catch (err) {
  if (err instanceof GatewayError) fail(`${err.message} (${err.code}, HTTP ${err.status})`);
  if (err instanceof TypeError) fail(`Could not reach the gateway: ${err.message}. Is it running (npm run dev)?`);
  throw err;
}

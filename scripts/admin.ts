/**
 * `npm run admin -- <command>`: the operator API from a terminal. Talks to a running
 * gateway (local by default) with ADMIN_API_KEY from the environment or .dev.vars.
 */
import { parseArgs } from "node:util";
import {
  AdminClient,
  GatewayError,
  type ApiKey,
  type EncryptionRotation,
  type EncryptionStatus,
  type Project,
  type ProjectBranding,
  type ProjectDeletion,
  type ProjectLifetimes,
} from "./lib/admin-client.ts";
import { readDevVars } from "./lib/local-secrets.ts";
import { DEFAULT_GATEWAY_URL } from "./lib/paths.ts";
import { PROJECT_RESOURCES, PROJECT_USAGE, runProjectCommand } from "./lib/project-commands.ts";

const USAGE = `Usage: npm run admin -- <command> [options]

Commands
  help                                     Show this
  projects create <name> [--production] [--session-ttl <seconds>] [--log-retention-days <days>]
                  [--display-name <text>] [--logo-url <https url>] [--privacy-url <https url>]
                                           Create a project
  projects update <id|name> [--session-ttl <seconds>] [--log-retention-days <days>]
                  [--display-name <text>] [--logo-url <https url>] [--privacy-url <https url>]
                                           Change how long its sessions (60 s to 90 days, default
                                           7 days unused) and execution logs (1 to 3650 days,
                                           default 30) live, or how the Connect page presents the
                                           app to its users (name up to 80 characters; https
                                           logo and privacy policy); "" clears a branding field
  projects list                            List projects
  projects delete <id|name> --yes          Delete a project and everything it owns: keys, auth
                                           configs and accounts (with their credentials), Connect
                                           Links, sessions, custom toolkits, execution logs.
                                           Cannot be undone; refused without --yes
  keys create --project <id|name> [--name <key name>]
                                           Create an API key (printed once)
  keys list --project <id|name>            List a project's keys (prefixes only)
  keys revoke <key_id> --project <id|name> Revoke a key
  encryption status                        Which keys encrypt the stored secrets
  encryption rotate [--batch-size <1-100>] Re-encrypt every secret under ENCRYPTION_KEY_ID,
                                           in batches (default 50), until none is left

${PROJECT_USAGE}

Options
  --url <url>    Gateway URL (default: $SWITCHBOARD_URL or ${DEFAULT_GATEWAY_URL})
  --json         Print JSON instead of text
  The admin key comes from $ADMIN_API_KEY, else from .dev.vars.`;

const OPTIONS = {
    url: { type: "string" },
    project: { type: "string" },
    name: { type: "string" },
    production: { type: "boolean", default: false },
    yes: { type: "boolean", default: false },
    "batch-size": { type: "string" },
    "session-ttl": { type: "string" },
    "log-retention-days": { type: "string" },
    "display-name": { type: "string" },
    "logo-url": { type: "string" },
    "privacy-url": { type: "string" },
    json: { type: "boolean", default: false },
    help: { type: "boolean", short: "h", default: false },
    key: { type: "string" },
    user: { type: "string" },
    toolkit: { type: "string" },
    tool: { type: "string" },
    status: { type: "string" },
    limit: { type: "string" },
    follow: { type: "boolean", default: false },
    all: { type: "boolean", default: false },
} as const;

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

/** An unknown flag or a flag without its value is the operator's typo: say which, not a stack trace. */
function parseCommandLine() {
  try {
    return parseArgs({ allowPositionals: true, options: OPTIONS });
  } catch (err) {
    return fail(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
  }
}

const { values, positionals } = parseCommandLine();
const [resource, action, argument] = positionals;
if (values.help || resource === "help" || !resource) {
  console.log(USAGE);
  process.exit(values.help || resource === "help" ? 0 : 1);
}

/** How many arguments each command takes after its two words; anything more is refused. */
const ARGUMENTS: Record<string, number> = {
  "projects create": 1,
  "projects update": 1,
  "projects list": 0,
  "projects delete": 1,
  "keys create": 0,
  "keys list": 0,
  "keys revoke": 1,
  "encryption status": 0,
  "encryption rotate": 0,
  "auth-configs list": 0,
  "accounts list": 0,
  "accounts disable": 1,
  "accounts enable": 1,
  "accounts refresh": 1,
  "accounts delete": 1,
  "sessions list": 0,
  "sessions create": 1,
  "logs list": 0,
};
const expected = ARGUMENTS[`${resource} ${action ?? ""}`.trim()];
const stray = expected === undefined ? undefined : positionals[2 + expected];
if (stray !== undefined) fail(`Unexpected argument "${stray}" for "${resource} ${action}".\n\n${USAGE}`);

const gatewayUrl = values.url ?? process.env.SWITCHBOARD_URL ?? DEFAULT_GATEWAY_URL;

// A project's own data goes through its key, not the admin key: handled before the admin key is needed.
if (PROJECT_RESOURCES.has(resource)) {
  try {
    await runProjectCommand({
      resource,
      action,
      argument,
      key: values.key,
      baseUrl: gatewayUrl,
      json: values.json,
      filters: { user: values.user, toolkit: values.toolkit, tool: values.tool, status: values.status },
      limit: values.limit === undefined ? undefined : wholeNumberOrFail("limit", values.limit),
      follow: values.follow,
      all: values.all,
      fail,
    });
  } catch (err) {
    if (err instanceof GatewayError) fail(`${err.message} (${err.code}, HTTP ${err.status})`);
    if (err instanceof TypeError) fail(`Could not reach the gateway: ${err.message}. Is it running (npm run dev)?`);
    throw err;
  }
  process.exit(0);
}

function wholeNumberOrFail(flag: string, value: string): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fail(`--${flag} must be a whole number above 0.`);
}

const adminKey = process.env.ADMIN_API_KEY || readDevVars().ADMIN_API_KEY;
if (!adminKey) fail("No admin key: set ADMIN_API_KEY, or run `npm run dev` once to generate .dev.vars.");
const client = new AdminClient(gatewayUrl, adminKey);

function print(data: unknown, text: () => string): void {
  console.log(values.json ? JSON.stringify(data, null, 2) : text());
}

const projectLine = (p: Project) => `${p.id}  ${p.name}${p.is_production ? "  (production)" : ""}  created ${p.created_at}`;
const keyLine = (k: ApiKey) =>
  `${k.id}  ${k.prefix}…  ${k.name}  created ${k.created_at}  last used ${k.last_used_at ?? "never"}${k.revoked_at ? `  REVOKED ${k.revoked_at}` : ""}`;

function statusText(status: EncryptionStatus): string {
  const lines = [`Current key: ${status.current_key_id}   keys in ENCRYPTION_KEYS: ${status.keys.join(", ")}`];
  for (const kid of new Set([...status.keys, ...Object.keys(status.rows_by_key)])) {
    const n = status.rows_by_key[kid] ?? 0;
    const note = kid === status.current_key_id ? "  (current)" : !status.keys.includes(kid) ? "  NOT IN ENCRYPTION_KEYS: these cannot be decrypted" : n === 0 ? "  (unused: can be removed)" : "";
    lines.push(`  ${kid}  ${n} row${n === 1 ? "" : "s"}${note}`);
  }
  const remaining = pending(status);
  lines.push(remaining === 0 ? "Every stored secret uses the current key." : `${remaining} row${remaining === 1 ? "" : "s"} still to re-encrypt: run \`npm run admin -- encryption rotate\`.`);
  return lines.join("\n");
}

const pending = (status: EncryptionStatus) =>
  Object.entries(status.rows_by_key).reduce((sum, [kid, n]) => (kid === status.current_key_id ? sum : sum + n), 0);

/** Progress on stderr: one updating line on a terminal, a line every few seconds otherwise. */
function progressReporter(): { update(done: number, total: number): void; end(): void } {
  const tty = process.stderr.isTTY;
  let lastPrintedAt = 0;
  let printed = "";
  let latest = "";
  return {
    update(done, total) {
      latest = `Re-encrypting: ${done}/${total} rows (${total === 0 ? 100 : Math.floor((done / total) * 100)}%)`;
      if (tty) process.stderr.write(`\r\x1b[2K${latest}`);
      else if (Date.now() - lastPrintedAt >= 2000) {
        process.stderr.write(`${latest}\n`);
        [printed, lastPrintedAt] = [latest, Date.now()];
      }
    },
    end() {
      if (tty) process.stderr.write("\n");
      else if (latest !== printed) process.stderr.write(`${latest}\n`);
    },
  };
}

async function rotate(batchSize: number | undefined): Promise<{ status: EncryptionStatus; done: number; failed: EncryptionRotation["failed"] }> {
  let total = pending(await client.encryptionStatus());
  let done = 0;
  const failed = new Map<string, EncryptionRotation["failed"][number]>();
  const progress = progressReporter();
  progress.update(0, total);
  for (;;) {
    const batch = await client.rotateEncryption(batchSize);
    done += batch.reencrypted;
    for (const f of batch.failed) failed.set(`${f.column}:${f.id}`, f);
    // Rows written under the old key meanwhile (an isolate still on the old secret) join the total.
    total = Math.max(total, done + batch.remaining);
    progress.update(done, total);
    // No progress with rows left: what remains is unreadable, and another call would not change that.
    if (batch.remaining === 0 || batch.reencrypted === 0) break;
  }
  progress.end();
  return { status: await client.encryptionStatus(), done, failed: [...failed.values()] };
}

function parseBatchSize(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : fail("--batch-size must be a whole number from 1 to 100.");
}

function wholeNumber(flag: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  // The range is the gateway's to check: its refusal names the bounds.
  return Number.isInteger(n) ? n : fail(`--${flag} must be a whole number.`);
}

/** --session-ttl and --log-retention-days, as the API names them; only those given. */
function lifetimes(): ProjectLifetimes {
  const ttl = wholeNumber("session-ttl", values["session-ttl"]);
  const days = wholeNumber("log-retention-days", values["log-retention-days"]);
  return { ...(ttl === undefined ? {} : { session_ttl_seconds: ttl }), ...(days === undefined ? {} : { log_retention_days: days }) };
}

/** --display-name, --logo-url and --privacy-url, as the API names them; an empty value clears the field. */
function branding(): ProjectBranding {
  const given: [keyof ProjectBranding, string | undefined][] = [
    ["display_name", values["display-name"]],
    ["logo_url", values["logo-url"]],
    ["privacy_url", values["privacy-url"]],
  ];
  return Object.fromEntries(given.filter(([, value]) => value !== undefined).map(([field, value]) => [field, value === "" ? null : value]));
}

const brandingLine = (p: Project) =>
  `Connect page shows "${p.display_name ?? "this app"}"; logo ${p.logo_url ?? "none"}; privacy policy ${p.privacy_url ?? "none"}`;

const lifetimesLine = (p: Project) => `sessions expire after ${p.session_ttl_seconds} s unused; execution logs are kept ${p.log_retention_days} days`;

/** Accepts a project id or its (unique) name. */
async function resolveProject(idOrName: string | undefined): Promise<Project> {
  if (!idOrName) fail("This command needs --project <id|name>.");
  const match = (await client.allProjects()).find((p) => p.id === idOrName || p.name === idOrName);
  return match ?? fail(`No project has the id or name "${idOrName}".`);
}

/**
 * A large project answers 202 (`deleting`) with part of it deleted: each further DELETE goes on
 * from there, so the command repeats it until the gateway says `deleted` and adds up the counts.
 */
async function deleteProject(projectId: string): Promise<{ result: ProjectDeletion; requests: number }> {
  let result = await client.deleteProject(projectId);
  const deleted = { ...result.deleted };
  let sessionsEnded = result.sessions_ended;
  let requests = 1;
  for (; result.status === "deleting"; requests++) {
    if (requests % 10 === 0) process.stderr.write(`Still deleting ${projectId}: ${Object.values(deleted).reduce((a, b) => a + b, 0)} rows so far…\n`);
    result = await client.deleteProject(projectId);
    for (const [table, n] of Object.entries(result.deleted)) deleted[table as keyof typeof deleted] += n;
    sessionsEnded += result.sessions_ended;
  }
  return { result: { ...result, deleted, sessions_ended: sessionsEnded }, requests };
}

function deletionText(result: ProjectDeletion, requests: number): string {
  const counts = Object.entries(result.deleted).map(([table, n]) => `  ${table}: ${n}`);
  return [
    `Deleted project ${result.project_id}${requests > 1 ? ` (in ${requests} steps)` : ""}. Its keys no longer open anything (an isolate that cached one may accept it for up to API_KEY_CACHE_TTL_SECONDS, 30 s).`,
    ...counts,
    `  live sessions ended: ${result.sessions_ended}`,
  ].join("\n");
}

async function run(): Promise<void> {
  switch (`${resource} ${action ?? ""}`.trim()) {
    case "projects create": {
      if (!argument) fail("Usage: projects create <name> [--production]");
      const project = await client.createProject(argument, values.production, { ...lifetimes(), ...branding() });
      return print(project, () => `Created project ${projectLine(project)}\n  ${lifetimesLine(project)}\n  ${brandingLine(project)}`);
    }
    case "projects update": {
      if (!argument) fail("Usage: projects update <id|name> [--session-ttl <seconds>] [--log-retention-days <days>] [--display-name <text>] [--logo-url <url>] [--privacy-url <url>]");
      const changes = { ...lifetimes(), ...branding() };
      if (Object.keys(changes).length === 0) fail("Nothing to change: give --session-ttl, --log-retention-days, --display-name, --logo-url or --privacy-url.");
      const project = await client.updateProject((await resolveProject(argument)).id, changes);
      return print(project, () => `Updated project ${projectLine(project)}\n  ${lifetimesLine(project)}\n  ${brandingLine(project)}`);
    }
    case "projects list": {
      const projects = await client.allProjects();
      return print(projects, () => (projects.length ? projects.map(projectLine).join("\n") : "No projects yet."));
    }
    case "projects delete": {
      if (!argument) fail("Usage: projects delete <id|name> --yes");
      if (!values.yes) {
        fail(
          `Not deleting "${argument}": this deletes the project and everything it owns (API keys, auth configs and connected accounts with their credentials, Connect Links, sessions, custom toolkits, execution logs) and cannot be undone.\nRun it again with --yes to confirm.`,
        );
      }
      // An id is sent as it is, so deleting again gets the gateway's own answer; a name is looked up first.
      const projectId = /^proj_/.test(argument) ? argument : (await resolveProject(argument)).id;
      const { result, requests } = await deleteProject(projectId);
      return print(result, () => deletionText(result, requests));
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
    case "encryption status": {
      const status = await client.encryptionStatus();
      return print(status, () => statusText(status));
    }
    case "encryption rotate": {
      const { status, done, failed } = await rotate(parseBatchSize(values["batch-size"]));
      const remaining = pending(status);
      print({ reencrypted: done, remaining, failed, status }, () => {
        const lines = [`Re-encrypted ${done} row${done === 1 ? "" : "s"} under ${status.current_key_id}.`];
        for (const f of failed) lines.push(`  could not decrypt ${f.column} ${f.id} (key ${f.key_id ?? "?"}): ${f.reason}`);
        lines.push(statusText(status));
        return lines.join("\n");
      });
      if (remaining > 0) fail(`${remaining} row${remaining === 1 ? "" : "s"} could not be re-encrypted; keep the old keys until they are dealt with.`);
      return;
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

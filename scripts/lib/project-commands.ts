import { ProjectClient, type AccountSummary, type AuthConfigSummary, type LogFilters, type LogSummary, type SessionSummary } from "./project-client.ts";

/**
 * The CLI's project commands (`auth-configs`, `accounts`, `sessions`, `logs`): a project's own data, read
 * and changed with a project key — `--key sk_…` or `$SWITCHBOARD_API_KEY` — as its app would.
 */

export const PROJECT_USAGE = `Project commands (with --key sk_… or $SWITCHBOARD_API_KEY)
  auth-configs list [--toolkit <slug>]     The project's auth configs
  accounts list [--user <id>] [--toolkit <slug>] [--status <ACTIVE|INACTIVE|INITIATED|FAILED|EXPIRED>]
                                           Connected accounts
  accounts disable|enable|refresh|delete <ca_id>
                                           Change one account (refresh: a new OAuth token now)
  sessions list [--user <id>] [--all]     Sessions, newest first (--all: deleted and expired ones too)
  sessions create <user_id> [--toolkit <slug>]
                                           A session for the user (only that toolkit with --toolkit); prints its MCP URL
  logs list [--user <id>] [--toolkit <slug>] [--tool <slug>] [--status <success|error>] [--limit <n>] [--follow]
                                           Execution logs, oldest first (at most --limit, default 100;
                                           --json: one JSON object a line); --follow then prints new
                                           ones as they arrive, until Ctrl-C`;

export const PROJECT_RESOURCES = new Set(["auth-configs", "accounts", "sessions", "logs"]);

export interface ProjectCommand {
  resource: string;
  action: string | undefined;
  argument: string | undefined;
  key: string | undefined;
  baseUrl: string;
  json: boolean;
  filters: { user?: string | undefined; toolkit?: string | undefined; tool?: string | undefined; status?: string | undefined };
  limit: number | undefined;
  follow: boolean;
  all: boolean;
  fail(message: string): never;
}

const FOLLOW_POLL_MS = 2_000;

const authConfigLine = (a: AuthConfigSummary) => `${a.id}  ${a.toolkit.slug}  ${a.auth_scheme}  ${a.status}  "${a.name}"  ${a.no_of_connections} connection${a.no_of_connections === 1 ? "" : "s"}`;
const accountLine = (a: AccountSummary) =>
  `${a.id}  ${a.toolkit.slug}  user ${a.user_id}  ${a.status}${a.status_reason ? ` (${a.status_reason})` : ""}${a.alias ? `  alias ${a.alias}` : ""}  created ${a.created_at}`;
const sessionLine = (s: SessionSummary) => `${s.session_id}  user ${s.user_id}  ${s.status}  created ${s.created_at}  ${s.mcp.url}`;
const logLine = (l: LogSummary) =>
  `${l.created_at}  ${l.id}  ${l.tool_slug}  user ${l.user_id ?? "-"}  ${l.status}  ${l.duration_ms} ms${l.error ? `  ${l.error.slice(0, 120)}` : ""}`;

export async function runProjectCommand(command: ProjectCommand): Promise<void> {
  const key = command.key ?? process.env.SWITCHBOARD_API_KEY;
  if (!key) command.fail("This command needs a project key: --key sk_… or $SWITCHBOARD_API_KEY.");
  const client = new ProjectClient(command.baseUrl, key);
  const print = <T>(data: T, text: () => string) => console.log(command.json ? JSON.stringify(data, null, 2) : text());

  switch (`${command.resource} ${command.action ?? ""}`.trim()) {
    case "auth-configs list": {
      const configs = await client.authConfigs(command.filters.toolkit);
      return print(configs, () => (configs.length ? configs.map(authConfigLine).join("\n") : "No auth configs."));
    }
    case "accounts list": {
      const accounts = await client.accounts(command.filters);
      return print(accounts, () => (accounts.length ? accounts.map(accountLine).join("\n") : "No connected accounts match."));
    }
    case "accounts disable":
    case "accounts enable":
    case "accounts refresh":
    case "accounts delete": {
      const id = command.argument ?? command.fail(`Usage: accounts ${command.action} <ca_id>`);
      const result =
        command.action === "delete"
          ? await client.deleteAccount(id)
          : command.action === "refresh"
            ? await client.refreshAccount(id)
            : await client.setAccountEnabled(id, command.action === "enable");
      return print(result, () => `${id}: ${command.action === "delete" ? "deleted" : `${command.action}d`}`);
    }
    case "sessions list": {
      const sessions = await client.sessions({ ...(command.filters.user ? { user: command.filters.user } : {}), includeEnded: command.all });
      return print(sessions, () => (sessions.length ? sessions.map(sessionLine).join("\n") : "No sessions match."));
    }
    case "sessions create": {
      const userId = command.argument ?? command.fail("Usage: sessions create <user_id> [--toolkit <slug>]");
      const session = await client.createSession(userId, command.filters.toolkit ? [command.filters.toolkit] : []);
      return print(session, () => `${session.session_id}  MCP ${session.mcp.url}\nGive an MCP client a credential for it, not your project key: POST /api/v3.1/tool_router/session/${session.session_id}/mcp_credentials (or the console).`);
    }
    case "logs list":
      return printLogs(client, command);
    default:
      command.fail(`Unknown command "${[command.resource, command.action].filter(Boolean).join(" ")}".\n\n${PROJECT_USAGE}`);
  }
}

/** Matching logs, page by page, up to --limit; with --follow, then every new one as it arrives (polling), until interrupted. */
async function printLogs(client: ProjectClient, command: ProjectCommand): Promise<void> {
  const filters: LogFilters = {
    ...(command.filters.user ? { user_id: command.filters.user } : {}),
    ...(command.filters.toolkit ? { toolkit_slug: command.filters.toolkit } : {}),
    ...(command.filters.tool ? { tool_slug: command.filters.tool } : {}),
    ...(command.filters.status ? { status: command.filters.status } : {}),
  };
  const limit = command.limit ?? 100;
  // Logs reach D1 in batches a moment after the call; polling from the newest time seen (ids dedupe the overlap) never misses one.
  const seen = new Set<string>();
  let from: number | undefined;
  let cursor: string | null = null;
  for (;;) {
    const page = await client.logs(filters, { limit: Math.min(limit, 100), cursor, ...(from === undefined ? {} : { from }) });
    for (const log of page.data) {
      if (seen.has(log.id) || (!command.follow && seen.size >= limit)) continue;
      seen.add(log.id);
      console.log(command.json ? JSON.stringify(log) : logLine(log));
      from = Math.max(from ?? 0, Date.parse(log.created_at));
    }
    cursor = page.next_cursor;
    if (!command.follow && (seen.size >= limit || !cursor)) break;
    if (!cursor) await new Promise((resolve) => setTimeout(resolve, FOLLOW_POLL_MS));
  }
  if (seen.size === 0 && !command.json) console.log("No execution logs match.");
}

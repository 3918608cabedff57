import { useState } from "hono/jsx/dom";
import { call, type SignIn } from "../api.ts";
import { Failure, Field, formValues, Json, Loading, MoreButton, Page, Panel, Status, Table, When } from "../components.tsx";
import { href } from "../router.ts";
import { useConsole, useLoad, usePages, type PageOf } from "../state.ts";

interface LogRow {
  id: string;
  user_id: string | null;
  tool_slug: string;
  toolkit_slug: string;
  session_id: string | null;
  connected_account_id: string | null;
  credential_type: string | null;
  credential_id: string | null;
  status: string;
  duration_ms: number;
  upstream_status: number | null;
  arguments: unknown;
  response: string | null;
  error: string | null;
  created_at: string;
}

interface LogPage {
  data: LogRow[];
  next_cursor: string | null;
}

const CREDENTIAL_LABELS: Record<string, string> = { api_key: "API key", mcp_credential: "MCP credential", mcp_oauth_grant: "MCP OAuth grant" };

const FILTER_FIELDS = ["user_id", "toolkit_slug", "tool_slug", "status", "credential_id"] as const;

/** The search body from the filter form: equality on each field given, and a time window. */
function searchBody(filters: Record<string, string>, cursor?: string) {
  const time = (name: string) => (filters[name] ? new Date(filters[name] ?? "").getTime() : undefined);
  return {
    limit: 50,
    order: "desc",
    ...(cursor ? { cursor } : {}),
    ...(time("from") === undefined ? {} : { from: time("from") }),
    ...(time("to") === undefined ? {} : { to: time("to") }),
    search_params: FILTER_FIELDS.filter((field) => filters[field]).map((field) => ({ field, operation: "==", value: filters[field] })),
  };
}

/** A page of logs under the name every list uses (the search answers `data`, as Composio's does). */
const searchLogs = async (signIn: SignIn, filters: Record<string, string>, cursor?: string): Promise<PageOf<LogRow>> => {
  const page = await call<LogPage>("project", signIn, "/api/v3.1/internal/action_execution/logs", { method: "POST", body: searchBody(filters, cursor) });
  return { items: page.data, next_cursor: page.next_cursor };
};

export function LogsView(props: { logId: string | undefined }) {
  return props.logId ? <LogDetail logId={props.logId} /> : <LogList />;
}

function LogList() {
  const { signIn } = useConsole();
  const [filters, setFilters] = useState<Record<string, string>>({});
  const logs = usePages((cursor) => searchLogs(signIn, filters, cursor), JSON.stringify(filters));
  return (
    <Page title="Execution logs" subtitle="Every tool call in this project, newest first. Secret-looking arguments are redacted before they are stored.">
      <Panel title="Filter">
        <form
          class="grid-form"
          onSubmit={(e: Event) => {
            setFilters(formValues(e));
            logs.reload();
          }}
        >
          <Field label="User id">
            <input name="user_id" />
          </Field>
          <Field label="Toolkit">
            <input name="toolkit_slug" placeholder="github" />
          </Field>
          <Field label="Tool">
            <input name="tool_slug" placeholder="GITHUB_GET_A_REPOSITORY" />
          </Field>
          <Field label="Status">
            <select name="status">
              <option value="">Any</option>
              <option value="success">success</option>
              <option value="error">error</option>
            </select>
          </Field>
          <Field label="Credential id">
            <input name="credential_id" placeholder="key_… or mcc_…" />
          </Field>
          <Field label="From">
            <input name="from" type="datetime-local" />
          </Field>
          <Field label="To">
            <input name="to" type="datetime-local" />
          </Field>
          <div class="actions">
            <button type="submit" class="secondary">
              Apply
            </button>
            <button type="button" class="secondary" onClick={logs.reload}>
              Refresh
            </button>
          </div>
        </form>
      </Panel>
      <Loading when={logs.loading && !logs.data} />
      <Failure error={logs.error} />
      <Table
        testId="logs"
        rows={logs.rows}
        rowKey={(l) => l.id}
        empty="No calls match."
        columns={[
          { label: "Tool", cell: (l) => <a href={href("logs", l.id)}>{l.tool_slug}</a> },
          { label: "User", cell: (l) => l.user_id ?? <span class="muted">—</span> },
          { label: "Status", cell: (l) => <Status value={l.status} /> },
          { label: "Time", cell: (l) => `${l.duration_ms} ms` },
          { label: "At", cell: (l) => <When iso={l.created_at} /> },
        ]}
      />
      <MoreButton next={logs.next} onMore={logs.loadMore} />
    </Page>
  );
}

function LogDetail(props: { logId: string }) {
  const { signIn } = useConsole();
  const path = `/api/v3.1/internal/action_execution/log/${encodeURIComponent(props.logId)}`;
  const log = useLoad(() => call<LogRow>("project", signIn, path), path);
  const l = log.data;
  return (
    <Page title={l ? l.tool_slug : "Call"} subtitle={<code>{props.logId}</code>} actions={<a href={href("logs")}>All logs</a>}>
      <Loading when={log.loading && !l} />
      <Failure error={log.error} />
      {l ? (
        <>
          <Panel title="Call">
            <dl class="facts" data-testid="log-facts">
              <dt>Status</dt>
              <dd>
                <Status value={l.status} /> {l.upstream_status ? `(upstream ${l.upstream_status})` : ""}
              </dd>
              <dt>Duration</dt>
              <dd>{l.duration_ms} ms</dd>
              <dt>At</dt>
              <dd>
                <When iso={l.created_at} />
              </dd>
              <dt>User</dt>
              <dd>{l.user_id ?? "—"}</dd>
              <dt>Account</dt>
              <dd>{l.connected_account_id ? <code>{l.connected_account_id}</code> : "—"}</dd>
              <dt>Session</dt>
              <dd>{l.session_id ? <a href={href("sessions", l.session_id)}>{l.session_id}</a> : "—"}</dd>
              <dt>Called with</dt>
              <dd>
                {l.credential_id ? (
                  <>
                    {CREDENTIAL_LABELS[l.credential_type ?? ""] ?? l.credential_type} <code>{l.credential_id}</code>
                  </>
                ) : (
                  "—"
                )}
              </dd>
            </dl>
            {l.error ? <p class="notice error">{l.error}</p> : null}
          </Panel>
          <Panel title="Arguments">
            <Json value={l.arguments} />
          </Panel>
          <Panel title="Response">{l.response ? <Json value={prettyJson(l.response)} /> : <p class="muted">No response body was kept.</p>}</Panel>
        </>
      ) : null}
    </Page>
  );
}

function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text; // cut at 16 KiB, so not always whole JSON
  }
}

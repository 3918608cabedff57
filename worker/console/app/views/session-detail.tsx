import { useEffect, useState } from "hono/jsx/dom";
import { call } from "../api.ts";
import { Failure, Json, Loading, Page, Panel, Status, Table, When } from "../components.tsx";
import { href } from "../router.ts";
import { followEvents } from "../sse.ts";
import { McpAccess } from "./session-mcp-access.tsx";
import { asFailure, useConsole, useLoad } from "../state.ts";
import type { ApiFailure } from "../api.ts";

interface Session {
  session_id: string;
  mcp: { url: string };
  config: Record<string, unknown> & { user_id: string };
  config_version: number;
  expires_at?: string;
}

interface LogEntry {
  id: string;
  tool_slug: string;
  toolkit_slug: string;
  kind: string;
  via: string;
  status: string;
  error: string | null;
  duration_ms: number;
  created_at: string;
}

interface FileItem {
  mount_relative_path: string;
  size: number;
  last_modified: string;
}

interface ConfigVersion {
  version: number;
  created_at: string;
  is_current: boolean;
  config: unknown;
}

export function SessionDetail(props: { sessionId: string }) {
  const { signIn } = useConsole();
  const base = `/api/v3.1/tool_router/session/${encodeURIComponent(props.sessionId)}`;
  const session = useLoad(() => call<Session>("project", signIn, base), base);
  const history = useLoad(() => call<{ items: ConfigVersion[] }>("project", signIn, `${base}/config_history`), `${base}-history`);
  const files = useLoad(() => call<{ items: FileItem[] }>("project", signIn, `${base}/mounts/files/items`), `${base}-files`);
  const s = session.data;
  return (
    <Page title="Session" subtitle={<code>{props.sessionId}</code>} actions={<a href={href("sessions")}>All sessions</a>}>
      <Loading when={session.loading && !s} />
      <Failure error={session.error} />
      {s ? (
        <Panel title="Overview">
          <dl class="facts">
            <dt>User</dt>
            <dd>{s.config.user_id}</dd>
            <dt>MCP URL</dt>
            <dd>
              <code data-testid="mcp-url">{s.mcp.url}</code>
            </dd>
            <dt>Expires if unused</dt>
            <dd>
              <When iso={s.expires_at} />
            </dd>
            <dt>Config version</dt>
            <dd>{String(s.config_version)}</dd>
          </dl>
        </Panel>
      ) : null}
      {s ? <LiveLog base={base} /> : null}
      {s ? <McpAccess base={base} /> : null}
      {s ? (
        <Panel title="Configuration history">
          <Failure error={history.error} />
          {(history.data?.items ?? []).map((version) => (
            <details open={version.is_current}>
              <summary>
                Version {version.version}
                {version.is_current ? " (current)" : ""} · <When iso={version.created_at} />
              </summary>
              <Json value={version.config} />
            </details>
          ))}
        </Panel>
      ) : null}
      {s ? (
        <Panel title="Files">
          <Failure error={files.error} />
          <Table
            rows={files.data?.items ?? []}
            rowKey={(f) => f.mount_relative_path}
            empty="The workbench has written no files in this session."
            columns={[
              { label: "Path", cell: (f) => <code>{f.mount_relative_path}</code> },
              { label: "Size", cell: (f) => `${f.size} B` },
              { label: "Modified", cell: (f) => <When iso={f.last_modified} /> },
            ]}
          />
        </Panel>
      ) : null}
    </Page>
  );
}

/** The session's log, newest first: the last page, then each new call as the object pushes it. */
function LiveLog(props: { base: string }) {
  const { signIn } = useConsole();
  const [entries, setEntries] = useState<LogEntry[]>([]);
  const [state, setState] = useState<"connecting" | "live" | "ended">("connecting");
  const [error, setError] = useState<ApiFailure | undefined>(undefined);
  useEffect(() => {
    const abort = new AbortController();
    const add = (entry: LogEntry) => setEntries((previous) => [entry, ...previous.filter((e) => e.id !== entry.id)].slice(0, 200));
    void call<{ items: LogEntry[] }>("project", signIn, `${props.base}/logs`, { query: { limit: 50 } }).then(
      (page) => setEntries((previous) => [...previous, ...page.items.filter((e) => !previous.some((p) => p.id === e.id))]),
      (failure: unknown) => setError(asFailure(failure)),
    );
    // The object closes a stream after 30 minutes, or when the session ends (an `end` event):
    // the first is followed again at once; the second is final. add() drops repeats.
    const follow = async () => {
      let ended = false;
      while (!ended && !abort.signal.aborted) {
        await followEvents(signIn, `${props.base}/logs/stream`, abort.signal, (event, data) => {
          if (event === "ready") setState("live");
          if (event === "log") add(JSON.parse(data) as LogEntry);
          if (event === "end") ended = true;
        });
        // A pause before following again: two tabs past the object's stream limit must not evict each other in a loop.
        if (!ended) await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    };
    follow().then(
      () => setState("ended"),
      (failure: unknown) => {
        if (abort.signal.aborted) return;
        setState("ended");
        setError(asFailure(failure));
      },
    );
    return () => abort.abort();
  }, [props.base]);
  return (
    <Panel title="Log">
      <p class="muted" data-testid="live-state">
        {state === "live" ? "● Live: new calls appear as they finish." : state === "connecting" ? "Connecting…" : "Not live: the session has ended, or the stream failed (reload to try again)."}
      </p>
      <Failure error={error} />
      <Table
        testId="session-log"
        rows={entries}
        rowKey={(e) => e.id}
        empty="No calls yet."
        columns={[
          { label: "Tool", cell: (e) => <a href={href("logs", e.id)}>{e.tool_slug}</a> },
          { label: "Status", cell: (e) => <Status value={e.status} /> },
          { label: "Via", cell: (e) => `${e.via} · ${e.kind}` },
          { label: "Time", cell: (e) => `${e.duration_ms} ms` },
          { label: "At", cell: (e) => <When iso={e.created_at} /> },
        ]}
      />
    </Panel>
  );
}

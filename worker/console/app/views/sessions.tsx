import { useState } from "hono/jsx/dom";
import { call, type SignIn } from "../api.ts";
import { Failure, Field, formValues, Loading, MoreButton, Page, Panel, Status, Table, When, commaList } from "../components.tsx";
import { href, navigate } from "../router.ts";
import { useAction, useConsole, usePages, type PageOf } from "../state.ts";
import { SessionDetail } from "./session-detail.tsx";
import { UserMcpCredentials } from "./user-mcp-credentials.tsx";

export interface SessionSummary {
  session_id: string;
  user_id: string;
  status: string;
  created_at: string;
}

const listSessions = (signIn: SignIn, userId: string | undefined, cursor?: string) =>
  call<PageOf<SessionSummary>>("project", signIn, "/api/v3.1/tool_router/session", { query: { user_id: userId, limit: 50, cursor } });

export function SessionsView(props: { sessionId: string | undefined }) {
  return props.sessionId ? <SessionDetail sessionId={props.sessionId} /> : <SessionList />;
}

function SessionList() {
  const { signIn } = useConsole();
  const [userId, setUserId] = useState<string | undefined>(undefined);
  const sessions = usePages((cursor) => listSessions(signIn, userId, cursor), `sessions-${userId ?? ""}`);
  return (
    <Page title="Sessions" subtitle="Each session is one agent's tools for one user, with its own MCP endpoint and log.">
      <NewSession />
      <Panel title="Filter">
        <form
          class="row-form"
          onSubmit={(e: Event) => {
            setUserId(formValues(e).user_id);
            sessions.reload();
          }}
        >
          <Field label="User id">
            <input name="user_id" value={userId ?? ""} />
          </Field>
          <button type="submit" class="secondary">
            Apply
          </button>
        </form>
      </Panel>
      <Loading when={sessions.loading && !sessions.data} />
      <Failure error={sessions.error} />
      <Table
        testId="sessions"
        rows={sessions.rows}
        rowKey={(s) => s.session_id}
        empty="No sessions yet."
        columns={[
          { label: "Session", cell: (s) => <a href={href("sessions", s.session_id)}><code>{s.session_id}</code></a> },
          { label: "User", cell: (s) => s.user_id },
          { label: "Status", cell: (s) => <Status value={s.status} /> },
          { label: "Created", cell: (s) => <When iso={s.created_at} /> },
        ]}
      />
      <MoreButton next={sessions.next} onMore={sessions.loadMore} />
      <UserMcpCredentials />
    </Page>
  );
}

/** A session for an agent or an MCP client such as Claude Desktop: its URL is shown on the next page. */
function NewSession() {
  const { signIn } = useConsole();
  const action = useAction();
  const onSubmit = (event: Event) => {
    const values = formValues(event);
    void action.run(async () => {
      const toolkits = commaList(values.toolkits);
      const created = await call<{ session_id: string }>("project", signIn, "/api/v3.1/tool_router/session", {
        method: "POST",
        body: { user_id: values.user_id, ...(toolkits.length ? { toolkits: { enable: toolkits } } : {}) },
      });
      navigate("sessions", created.session_id);
    });
  };
  return (
    <Panel title="New session">
      <form onSubmit={onSubmit} class="row-form">
        <Field label="User id">
          <input name="user_id" required maxlength={256} />
        </Field>
        <Field label="Toolkits" hint="Comma-separated slugs; empty enables every toolkit.">
          <input name="toolkits" placeholder="github, gmail" />
        </Field>
        <button type="submit" disabled={action.busy}>
          Create session
        </button>
      </form>
      <Failure error={action.error} />
    </Panel>
  );
}

import { useState } from "hono/jsx/dom";
import { call } from "../api.ts";
import { Failure, Field, formValues, Json, Panel, Status, Table, When } from "../components.tsx";
import { useAction, useConsole, useLoad } from "../state.ts";

export interface McpCredential {
  id: string;
  name: string;
  prefix: string;
  status: string;
  expires_at: string;
  last_used_at: string | null;
}

export interface CreatedCredential extends McpCredential {
  secret: string;
  mcp: { url: string | null; headers: { Authorization: string } };
}

interface ConnectCode {
  code: string;
  mcp_url: string;
  expires_at: string;
}

interface Grant {
  id: string;
  client_name: string | null;
  client_id: string;
  created_at: string;
  expires_at: string | null;
}

const DAY = 86_400;

/** The create body both credential forms send: a name, and an expiry given in days. */
export const credentialBody = (values: Record<string, string>) => ({ name: values.name ?? "default", expires_in_seconds: Math.round(Number(values.days ?? 30) * DAY) });

/** What to paste into Claude Desktop (through mcp-remote) and Cursor: the scoped credential, never the project key. */
function clientConfigs(created: CreatedCredential & { mcp: { url: string } }) {
  return {
    "Claude Desktop (claude_desktop_config.json)": {
      mcpServers: { switchboard: { command: "npx", args: ["-y", "mcp-remote", created.mcp.url, "--header", "Authorization:${SWITCHBOARD_AUTH}"], env: { SWITCHBOARD_AUTH: created.mcp.headers.Authorization } } },
    },
    "Cursor (~/.cursor/mcp.json)": { mcpServers: { switchboard: { url: created.mcp.url, headers: created.mcp.headers } } },
  };
}

/**
 * Who may use this session's MCP endpoint: scoped credentials for clients that send a header,
 * connect codes and OAuth grants for those that only speak OAuth (Claude.ai, ChatGPT).
 */
export function McpAccess(props: { base: string }) {
  const { signIn } = useConsole();
  const credentials = useLoad(() => call<{ items: McpCredential[] }>("project", signIn, `${props.base}/mcp_credentials`), `${props.base}-credentials`);
  const grants = useLoad(() => call<{ items: Grant[] }>("project", signIn, `${props.base}/mcp_grants`), `${props.base}-grants`);
  const action = useAction();
  const [created, setCreated] = useState<CreatedCredential | undefined>(undefined);
  const [code, setCode] = useState<ConnectCode | undefined>(undefined);
  const onCreate = (event: Event) => {
    const values = formValues(event);
    void action.run(async () => {
      setCreated(
        await call<CreatedCredential>("project", signIn, `${props.base}/mcp_credentials`, {
          method: "POST",
          body: credentialBody(values),
        }),
      );
      credentials.reload();
    });
  };
  const revoke = (id: string) =>
    void action.run(async () => {
      await call("project", signIn, `${props.base}/mcp_credentials/${encodeURIComponent(id)}`, { method: "DELETE" });
      credentials.reload();
    });
  const issueCode = () =>
    void action.run(async () => {
      setCode(await call<ConnectCode>("project", signIn, `${props.base}/mcp_connect_codes`, { method: "POST" }));
    });
  const revokeGrant = (id: string) =>
    void action.run(async () => {
      await call("project", signIn, `${props.base}/mcp_grants/${encodeURIComponent(id)}`, { method: "DELETE" });
      grants.reload();
    });
  return (
    <Panel title="MCP access">
      <p class="muted">Give MCP clients a credential for this session only, never the project key.</p>
      <form onSubmit={onCreate} class="row-form">
        <Field label="Credential name">
          <input name="name" maxlength={100} placeholder="Claude Desktop" />
        </Field>
        <Field label="Expires after (days)">
          <input name="days" type="number" min={1} max={365} value="30" />
        </Field>
        <button type="submit" disabled={action.busy}>
          Create MCP credential
        </button>
      </form>
      {created ? <NewCredential created={created} /> : null}
      <Failure error={action.error ?? credentials.error} />
      <CredentialTable rows={credentials.data?.items ?? []} onRevoke={revoke} empty="No MCP credentials for this session." />
      <h3>Clients that only speak OAuth</h3>
      <p class="muted">Claude.ai and ChatGPT connectors sign in instead of sending a header: the user adds the MCP URL, and types a one-time code on the gateway's page.</p>
      <button type="button" class="secondary" onClick={issueCode} disabled={action.busy}>
        Issue a connect code
      </button>
      {code ? (
        <p class="notice" data-testid="mcp-connect-code">
          Code <strong>{code.code}</strong> for <code>{code.mcp_url}</code>, single use, until <When iso={code.expires_at} />.
        </p>
      ) : null}
      <Failure error={grants.error} />
      <Table
        testId="mcp-grants"
        rows={grants.data?.items ?? []}
        rowKey={(g) => g.id}
        empty="No OAuth client has been granted this session."
        columns={[
          { label: "Client", cell: (g) => g.client_name ?? <code>{g.client_id}</code> },
          { label: "Granted", cell: (g) => <When iso={g.created_at} /> },
          { label: "Ends unless refreshed", cell: (g) => <When iso={g.expires_at} /> },
          {
            label: "",
            cell: (g) => (
              <button type="button" class="danger" onClick={() => revokeGrant(g.id)}>
                Revoke
              </button>
            ),
          },
        ]}
      />
    </Panel>
  );
}

/** A new credential's secret, shown once, with ready-to-paste client configs when it opens one session. */
export function NewCredential(props: { created: CreatedCredential }) {
  const { created } = props;
  const url = created.mcp.url;
  return (
    <div class="notice secret" data-testid="new-mcp-credential">
      <p>
        <strong>Copy it now.</strong> The gateway keeps only its hash.{" "}
        {url ? "It opens this session's MCP endpoint and nothing else." : "It opens the MCP endpoint of every session of this user, and nothing else: use it with each session's MCP URL."}
      </p>
      <code class="secret-value">{created.secret}</code>
      {url
        ? Object.entries(clientConfigs({ ...created, mcp: { ...created.mcp, url } })).map(([client, config]) => (
            <details>
              <summary>{client}</summary>
              <Json value={config} />
            </details>
          ))
        : null}
    </div>
  );
}

export function CredentialTable(props: { rows: McpCredential[]; onRevoke: (id: string) => void; empty: string }) {
  return (
    <Table
      testId="mcp-credentials"
      rows={props.rows}
      rowKey={(c) => c.id}
      empty={props.empty}
      columns={[
        { label: "Name", cell: (c) => c.name },
        { label: "Starts with", cell: (c) => <code>{c.prefix}…</code> },
        { label: "Status", cell: (c) => <Status value={c.status} /> },
        { label: "Expires", cell: (c) => <When iso={c.expires_at} /> },
        { label: "Last used", cell: (c) => <When iso={c.last_used_at} /> },
        {
          label: "",
          cell: (c) =>
            c.status === "active" ? (
              <button type="button" class="danger" onClick={() => props.onRevoke(c.id)}>
                Revoke
              </button>
            ) : null,
        },
      ]}
    />
  );
}

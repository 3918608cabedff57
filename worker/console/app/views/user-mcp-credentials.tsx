import { useState } from "hono/jsx/dom";
import { call } from "../api.ts";
import { Failure, Field, formValues, Panel } from "../components.tsx";
import { useAction, useConsole, useLoad } from "../state.ts";
import { credentialBody, CredentialTable, NewCredential, type CreatedCredential, type McpCredential } from "./session-mcp-access.tsx";

/**
 * Credentials that open every session of one user, present and future: for an agent runtime that
 * gets a new session per conversation. A session's own credentials are on its page.
 */
export function UserMcpCredentials() {
  const { signIn } = useConsole();
  const [userId, setUserId] = useState("");
  const credentials = useLoad(
    () => (userId ? call<{ items: McpCredential[] }>("project", signIn, "/api/v3.1/mcp_credentials", { query: { user_id: userId, scope: "user" } }) : Promise.resolve({ items: [] })),
    `user-credentials-${userId}`,
  );
  const action = useAction();
  const [created, setCreated] = useState<CreatedCredential | undefined>(undefined);
  const onCreate = (event: Event) => {
    const values = formValues(event);
    void action.run(async () => {
      const user = values.user_id ?? "";
      setCreated(
        await call<CreatedCredential>("project", signIn, "/api/v3.1/mcp_credentials", {
          method: "POST",
          body: { user_id: user, ...credentialBody(values) },
        }),
      );
      setUserId(user);
      credentials.reload();
    });
  };
  const revoke = (id: string) =>
    void action.run(async () => {
      await call("project", signIn, `/api/v3.1/mcp_credentials/${encodeURIComponent(id)}`, { method: "DELETE" });
      credentials.reload();
    });
  return (
    <Panel title="MCP credentials for a user">
      <p class="muted">One credential for every session of a user, those created later too: for an agent runtime that opens a session per conversation.</p>
      <form onSubmit={onCreate} class="row-form">
        <Field label="User id for the credential">
          <input name="user_id" required maxlength={256} />
        </Field>
        <Field label="Name">
          <input name="name" maxlength={100} placeholder="agent runtime" />
        </Field>
        <Field label="Days">
          <input name="days" type="number" min={1} max={365} value="30" />
        </Field>
        <button type="submit" disabled={action.busy}>
          Create user credential
        </button>
      </form>
      {created ? <NewCredential created={created} /> : null}
      <Failure error={action.error ?? credentials.error} />
      {userId ? <CredentialTable rows={credentials.data?.items ?? []} onRevoke={revoke} empty={`No user credentials for ${userId}.`} /> : null}
    </Panel>
  );
}

import { useState } from "hono/jsx/dom";
import { call, type SignIn } from "../api.ts";
import { commaList, Failure, Field, formValues, Loading, MoreButton, Page, Panel, Status, Table, When } from "../components.tsx";
import { useAction, useConsole, useLoad, usePages, type PageOf } from "../state.ts";

interface Account {
  id: string;
  user_id: string;
  alias: string | null;
  status: string;
  status_reason: string | null;
  toolkit: { slug: string };
  auth_config: { id: string; auth_scheme: string };
  created_at: string;
}

const STATUSES = ["ACTIVE", "INITIATED", "INACTIVE", "EXPIRED", "FAILED"];

function listAccounts(signIn: SignIn, filters: Record<string, string>, cursor?: string) {
  return call<PageOf<Account>>("project", signIn, "/api/v3.1/connected_accounts", {
    query: {
      user_ids: commaList(filters.user_id).join(",") || undefined,
      toolkit_slugs: commaList(filters.toolkit).join(",") || undefined,
      statuses: filters.status,
      limit: 50,
      cursor,
    },
  });
}

export function AccountsView() {
  const { signIn } = useConsole();
  const [filters, setFilters] = useState<Record<string, string>>({});
  const accounts = usePages((cursor) => listAccounts(signIn, filters, cursor), JSON.stringify(filters));
  const action = useAction();
  const act = (account: Account, what: string, send: () => Promise<unknown>) =>
    void action.run(async () => {
      if (what === "delete" && !confirm(`Delete ${account.id}? Its stored credentials are erased.`)) return;
      await send();
      accounts.reload();
    });
  const path = (account: Account, suffix = "") => `/api/v3.1/connected_accounts/${account.id}${suffix}`;
  return (
    <Page title="Connected accounts" subtitle="Your end users' connections, one per user, toolkit and alias.">
      <ConnectUser onLinked={accounts.reload} />
      <Panel title="Filter">
        <form
          class="row-form"
          onSubmit={(e: Event) => {
            setFilters(formValues(e));
            accounts.reload(); // the same filters again still means "look again"
          }}
        >
          <Field label="User ids" hint="Comma-separated.">
            <input name="user_id" />
          </Field>
          <Field label="Toolkits" hint="Comma-separated slugs.">
            <input name="toolkit" />
          </Field>
          <Field label="Status">
            <select name="status">
              <option value="">Any</option>
              {STATUSES.map((s) => (
                <option value={s}>{s}</option>
              ))}
            </select>
          </Field>
          <button type="submit" class="secondary">
            Apply
          </button>
        </form>
      </Panel>
      <Loading when={accounts.loading && !accounts.data} />
      <Failure error={accounts.error ?? action.error} />
      <Table
        testId="accounts"
        rows={accounts.rows}
        rowKey={(a) => a.id}
        empty="No connected accounts match."
        columns={[
          { label: "User", cell: (a) => a.user_id },
          { label: "Toolkit", cell: (a) => `${a.toolkit.slug}${a.alias ? ` (${a.alias})` : ""}` },
          { label: "Status", cell: (a) => <span title={a.status_reason ?? ""}><Status value={a.status} /></span> },
          { label: "Id", cell: (a) => <code>{a.id}</code> },
          { label: "Created", cell: (a) => <When iso={a.created_at} /> },
          {
            label: "",
            cell: (a) => (
              <div class="actions">
                {a.status === "ACTIVE" ? (
                  <button type="button" class="secondary" onClick={() => act(a, "disable", () => call("project", signIn, path(a, "/status"), { method: "PATCH", body: { enabled: false } }))}>
                    Disable
                  </button>
                ) : null}
                {a.status === "INACTIVE" ? (
                  <button type="button" class="secondary" onClick={() => act(a, "enable", () => call("project", signIn, path(a, "/status"), { method: "PATCH", body: { enabled: true } }))}>
                    Enable
                  </button>
                ) : null}
                {a.auth_config.auth_scheme === "OAUTH2" && a.status === "ACTIVE" ? (
                  <button type="button" class="secondary" onClick={() => act(a, "refresh", () => call("project", signIn, path(a, "/refresh"), { method: "POST", body: {} }))}>
                    Refresh
                  </button>
                ) : null}
                {a.auth_config.auth_scheme === "OAUTH2" && a.status === "ACTIVE" ? (
                  <button type="button" class="secondary" onClick={() => act(a, "revoke", () => call("project", signIn, path(a, "/revoke"), { method: "POST" }))}>
                    Revoke
                  </button>
                ) : null}
                <button type="button" class="danger" onClick={() => act(a, "delete", () => call("project", signIn, path(a), { method: "DELETE" }))}>
                  Delete
                </button>
              </div>
            ),
          },
        ]}
      />
      <MoreButton next={accounts.next} onMore={accounts.loadMore} />
    </Page>
  );
}

interface AuthConfigOption {
  id: string;
  name: string;
  status: string;
  toolkit: { slug: string };
}

/** A Connect Link for a user: the gateway's own page collects their consent or key. */
function ConnectUser(props: { onLinked: () => void }) {
  const { signIn } = useConsole();
  const configs = useLoad(() => call<{ items: AuthConfigOption[] }>("project", signIn, "/api/v3.1/auth_configs", { query: { limit: 200 } }), "connect-configs");
  const action = useAction();
  const [link, setLink] = useState<string | undefined>(undefined);
  const onSubmit = (event: Event) => {
    const values = formValues(event);
    void action.run(async () => {
      const created = await call<{ redirect_url: string }>("project", signIn, "/api/v3.1/connected_accounts/link", {
        method: "POST",
        body: { auth_config_id: values.auth_config_id, user_id: values.user_id },
      });
      setLink(created.redirect_url);
      props.onLinked();
    });
  };
  return (
    <Panel title="Connect a user">
      <form onSubmit={onSubmit} class="row-form">
        <Field label="Auth config">
          <select name="auth_config_id" required>
            {(configs.data?.items ?? []).map((c) => (
              <option value={c.id}>
                {c.name} ({c.toolkit.slug})
              </option>
            ))}
          </select>
        </Field>
        <Field label="User id" hint="Your app's id for the end user.">
          <input name="user_id" required maxlength={256} />
        </Field>
        <button type="submit" disabled={action.busy || !configs.data?.items.length}>
          Create Connect Link
        </button>
      </form>
      {link ? (
        <p class="notice" data-testid="connect-link">
          Send the user to <a href={link} target="_blank" rel="noopener noreferrer">{link}</a> (valid once, for ten minutes).
        </p>
      ) : null}
      <Failure error={action.error ?? configs.error} />
    </Panel>
  );
}

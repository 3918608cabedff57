import { useState } from "hono/jsx/dom";
import { call } from "../api.ts";
import { Failure, Field, formValues, Loading, Page, Panel, Status, Table, When } from "../components.tsx";
import { useAction, useConsole, useLoad } from "../state.ts";

interface AuthConfig {
  id: string;
  name: string;
  status: string;
  auth_scheme: string;
  is_composio_managed: boolean;
  no_of_connections: number;
  toolkit: { slug: string };
  created_at: string;
}

interface AuthField {
  name: string;
  displayName: string;
  description: string;
  required: boolean;
  default: string | null;
  is_secret: boolean;
}

interface AuthDetail {
  mode: string;
  name: string;
  auth_hint_url: string | null;
  fields: { auth_config_creation: { required: AuthField[]; optional: AuthField[] } };
}

interface ToolkitDetail {
  slug: string;
  name: string;
  composio_managed_auth_schemes: string[];
  auth_config_details: AuthDetail[];
}

interface ToolkitSummary {
  slug: string;
  name: string;
}

export function AuthConfigsView() {
  const { signIn } = useConsole();
  const configs = useLoad(() => call<{ items: AuthConfig[] }>("project", signIn, "/api/v3.1/auth_configs", { query: { show_disabled: true, limit: 200 } }), "auth-configs");
  const action = useAction();
  const [rotating, setRotating] = useState<AuthConfig | undefined>(undefined);
  const setStatus = (config: AuthConfig, status: "ENABLED" | "DISABLED") =>
    void action.run(async () => {
      await call("project", signIn, `/api/v3.1/auth_configs/${config.id}/${status}`, { method: "PATCH" });
      configs.reload();
    });
  const remove = (config: AuthConfig) =>
    void action.run(async () => {
      if (!confirm(`Delete ${config.name} and its ${config.no_of_connections} connected account(s)?`)) return;
      await call("project", signIn, `/api/v3.1/auth_configs/${config.id}`, { method: "DELETE" });
      configs.reload();
    });
  return (
    <Page title="Auth configs" subtitle="How this project authenticates to each toolkit: its own OAuth app or key scheme, or the operator's default app.">
      <NewAuthConfig onCreated={configs.reload} />
      {rotating ? <RotateSecret config={rotating} onDone={() => setRotating(undefined)} /> : null}
      <Loading when={configs.loading && !configs.data} />
      <Failure error={configs.error ?? action.error} />
      <Table
        testId="auth-configs"
        rows={configs.data?.items ?? []}
        rowKey={(c) => c.id}
        empty="No auth configs yet: create one above to connect accounts."
        columns={[
          { label: "Name", cell: (c) => c.name },
          { label: "Toolkit", cell: (c) => c.toolkit.slug },
          { label: "Scheme", cell: (c) => `${c.auth_scheme}${c.is_composio_managed ? " (managed)" : ""}` },
          { label: "Accounts", cell: (c) => String(c.no_of_connections) },
          { label: "Status", cell: (c) => <Status value={c.status} /> },
          { label: "Id", cell: (c) => <code>{c.id}</code> },
          { label: "Created", cell: (c) => <When iso={c.created_at} /> },
          {
            label: "",
            cell: (c) => (
              <div class="actions">
                {c.status === "ENABLED" ? (
                  <button type="button" class="secondary" onClick={() => setStatus(c, "DISABLED")}>
                    Disable
                  </button>
                ) : (
                  <button type="button" class="secondary" onClick={() => setStatus(c, "ENABLED")}>
                    Enable
                  </button>
                )}
                {c.is_composio_managed || c.auth_scheme !== "OAUTH2" ? null : (
                  <button type="button" class="secondary" onClick={() => setRotating(c)}>
                    Rotate secret
                  </button>
                )}
                <button type="button" class="danger" onClick={() => remove(c)}>
                  Delete
                </button>
              </div>
            ),
          },
        ]}
      />
    </Page>
  );
}

/** Picks a toolkit, then renders the fields its chosen scheme asks for (GET /toolkits/{slug}). */
function NewAuthConfig(props: { onCreated: () => void }) {
  const { signIn } = useConsole();
  const toolkits = useLoad(() => call<{ items: ToolkitSummary[] }>("project", signIn, "/api/v3.1/toolkits", { query: { limit: 1000 } }), "toolkits");
  const [slug, setSlug] = useState("");
  const [mode, setMode] = useState("");
  const detail = useLoad(
    () => (slug ? call<ToolkitDetail>("project", signIn, `/api/v3.1/toolkits/${encodeURIComponent(slug)}`) : Promise.resolve(undefined)),
    `toolkit-${slug}`,
  );
  const action = useAction();
  const managed = mode === "MANAGED";
  const scheme = detail.data?.auth_config_details.find((d) => d.mode === mode) ?? (managed ? undefined : detail.data?.auth_config_details[0]);
  const fields = scheme ? [...scheme.fields.auth_config_creation.required, ...scheme.fields.auth_config_creation.optional] : [];
  const onSubmit = (event: Event) => {
    const values = formValues(event);
    void action.run(async () => {
      const credentials: Record<string, string> = {};
      for (const field of fields) if (values[`field_${field.name}`]) credentials[field.name] = values[`field_${field.name}`] ?? "";
      await call("project", signIn, "/api/v3.1/auth_configs", {
        method: "POST",
        body: {
          toolkit: { slug },
          auth_config: managed
            ? { type: "use_composio_managed_auth", ...(values.name ? { name: values.name } : {}) }
            : { type: "use_custom_auth", authScheme: scheme?.mode, ...(values.name ? { name: values.name } : {}), credentials },
        },
      });
      (event.target as HTMLFormElement).reset();
      props.onCreated();
    });
  };
  return (
    <Panel title="New auth config">
      <form onSubmit={onSubmit} class="grid-form">
        <Field label="Toolkit">
          <select
            name="toolkit"
            required
            value={slug}
            onChange={(e: Event) => {
              setSlug((e.target as HTMLSelectElement).value);
              setMode("");
            }}
          >
            <option value="">Choose a toolkit…</option>
            {(toolkits.data?.items ?? []).map((t) => (
              <option value={t.slug}>{t.name}</option>
            ))}
          </select>
        </Field>
        {detail.data ? (
          <Field label="Authentication">
            <select name="mode" value={mode || scheme?.mode || ""} onChange={(e: Event) => setMode((e.target as HTMLSelectElement).value)}>
              {detail.data.auth_config_details.map((d) => (
                <option value={d.mode}>{d.name} (your own)</option>
              ))}
              {detail.data.composio_managed_auth_schemes.length ? <option value="MANAGED">The operator's default OAuth app</option> : null}
            </select>
          </Field>
        ) : null}
        {detail.data ? (
          <Field label="Name">
            <input name="name" maxlength={200} placeholder={`${detail.data.name} auth`} />
          </Field>
        ) : null}
        {fields.map((field) => (
          <Field label={`${field.displayName}${field.required ? "" : " (optional)"}`} hint={field.description}>
            <input name={`field_${field.name}`} type={field.is_secret ? "password" : "text"} required={field.required} autocomplete="off" placeholder={field.default ?? ""} />
          </Field>
        ))}
        {scheme?.auth_hint_url ? (
          <p class="muted">
            Where to get these: <a href={scheme.auth_hint_url} target="_blank" rel="noopener noreferrer">{scheme.auth_hint_url}</a>
          </p>
        ) : null}
        <div class="actions">
          <button type="submit" disabled={action.busy || !slug}>
            Create auth config
          </button>
        </div>
      </form>
      <Failure error={action.error ?? detail.error ?? toolkits.error} />
    </Panel>
  );
}

/** A new client secret replaces the stored one (encrypted again); it is never shown back. */
function RotateSecret(props: { config: AuthConfig; onDone: () => void }) {
  const { signIn } = useConsole();
  const action = useAction();
  const onSubmit = (event: Event) => {
    const values = formValues(event);
    void action.run(async () => {
      await call("project", signIn, `/api/v3.1/auth_configs/${props.config.id}`, { method: "PATCH", body: { type: "custom", credentials: { client_secret: values.client_secret } } });
      props.onDone();
    });
  };
  return (
    <Panel title={`Rotate the secret of ${props.config.name}`}>
      <form onSubmit={onSubmit} class="row-form">
        <Field label="New client secret" hint="Accounts keep working: tokens already issued stay valid.">
          <input name="client_secret" type="password" autocomplete="off" required />
        </Field>
        <button type="submit" disabled={action.busy}>
          Save new secret
        </button>
        <button type="button" class="secondary" onClick={props.onDone}>
          Cancel
        </button>
      </form>
      <Failure error={action.error} />
    </Panel>
  );
}

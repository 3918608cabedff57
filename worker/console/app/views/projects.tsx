import { useState } from "hono/jsx/dom";
import { ApiFailure, call, type SignIn } from "../api.ts";
import { Failure, Field, formValues, Loading, MoreButton, Page, Panel, Status, Table, When } from "../components.tsx";
import { href, navigate } from "../router.ts";
import { useAction, useConsole, useLoad, usePages, type PageOf } from "../state.ts";

export interface Project {
  id: string;
  name: string;
  is_production: boolean;
  allowed_callback_origins: string[];
  session_ttl_seconds: number;
  log_retention_days: number;
  display_name: string | null;
  logo_url: string | null;
  privacy_url: string | null;
  created_at: string;
}

interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export function ProjectsView(props: { projectId: string | undefined }) {
  return props.projectId ? <ProjectDetail projectId={props.projectId} /> : <ProjectList />;
}

function ProjectList() {
  const { signIn } = useConsole();
  const projects = usePages((cursor) => call<PageOf<Project>>("admin", signIn, "/api/admin/projects", { query: { limit: 50, cursor } }), "projects");
  const create = useAction();
  const onCreate = (event: Event) => {
    const values = formValues(event);
    void create.run(async () => {
      const project = await call<Project>("admin", signIn, "/api/admin/projects", {
        method: "POST",
        body: { name: values.name, ...(values.display_name ? { display_name: values.display_name } : {}) },
      });
      navigate("projects", project.id);
    });
  };
  return (
    <Page title="Projects" subtitle="Each project is a tenant: its own keys, auth configs, accounts, sessions and logs.">
      <Panel title="New project">
        <form onSubmit={onCreate} class="row-form">
          <Field label="Name" hint="Internal; end users never see it.">
            <input name="name" required maxlength={100} pattern="[\w .\-]+" />
          </Field>
          <Field label="Display name" hint="Shown on the Connect page.">
            <input name="display_name" maxlength={80} />
          </Field>
          <button type="submit" disabled={create.busy}>
            Create project
          </button>
        </form>
        <Failure error={create.error} />
      </Panel>
      <Loading when={projects.loading && !projects.data} />
      <Failure error={projects.error} />
      <Table
        testId="projects"
        rows={projects.rows}
        rowKey={(p) => p.id}
        empty="No projects yet."
        columns={[
          { label: "Name", cell: (p) => <a href={href("projects", p.id)}>{p.name}</a> },
          { label: "Display name", cell: (p) => p.display_name ?? <span class="muted">—</span> },
          { label: "Id", cell: (p) => <code>{p.id}</code> },
          { label: "Created", cell: (p) => <When iso={p.created_at} /> },
        ]}
      />
      <MoreButton next={projects.next} onMore={projects.loadMore} />
    </Page>
  );
}

/** Settings as the PATCH takes them; a blank field clears a nullable setting. */
function settingsBody(values: Record<string, string>, form: HTMLFormElement) {
  const nullable = (name: string) => values[name] ?? null;
  return {
    name: values.name,
    display_name: nullable("display_name"),
    logo_url: nullable("logo_url"),
    privacy_url: nullable("privacy_url"),
    allowed_callback_origins: (values.allowed_callback_origins ?? "").split(/\s+/).filter(Boolean),
    session_ttl_seconds: Number(values.session_ttl_seconds),
    log_retention_days: Number(values.log_retention_days),
    is_production: (form.elements.namedItem("is_production") as HTMLInputElement).checked,
  };
}

function ProjectDetail(props: { projectId: string }) {
  const { signIn } = useConsole();
  const base = `/api/admin/projects/${encodeURIComponent(props.projectId)}`;
  const project = useLoad(() => call<Project>("admin", signIn, base), base);
  const save = useAction();
  const [saved, setSaved] = useState(false);
  const onSave = (event: Event) => {
    const values = formValues(event);
    const form = event.currentTarget as HTMLFormElement;
    setSaved(false);
    void save.run(async () => {
      await call<Project>("admin", signIn, base, { method: "PATCH", body: settingsBody(values, form) });
      setSaved(true);
      project.reload();
    });
  };
  const p = project.data;
  return (
    <Page title={p ? p.name : "Project"} subtitle={<code>{props.projectId}</code>} actions={<a href={href("projects")}>All projects</a>}>
      <Loading when={project.loading && !p} />
      <Failure error={project.error} />
      {p ? (
        <>
          <Panel title="Settings">
            <form onSubmit={onSave} class="grid-form" key={`${p.id}-${p.name}-${p.display_name}-${p.session_ttl_seconds}`}>
              <Field label="Name" hint="Internal; end users never see it.">
                <input name="name" value={p.name} required maxlength={100} pattern="[\w .\-]+" />
              </Field>
              <Field label="Display name" hint="The app's name on the Connect page.">
                <input name="display_name" value={p.display_name ?? ""} maxlength={80} />
              </Field>
              <Field label="Logo URL (https)">
                <input name="logo_url" type="url" value={p.logo_url ?? ""} />
              </Field>
              <Field label="Privacy policy URL (https)">
                <input name="privacy_url" type="url" value={p.privacy_url ?? ""} />
              </Field>
              <Field label="Allowed callback origins" hint="One per line; empty allows any http(s) URL.">
                <textarea name="allowed_callback_origins" rows={2}>
                  {p.allowed_callback_origins.join("\n")}
                </textarea>
              </Field>
              <Field label="Session TTL (seconds)" hint="Idle time before a session expires: 60 to 7,776,000.">
                <input name="session_ttl_seconds" type="number" min={60} max={7776000} value={String(p.session_ttl_seconds)} required />
              </Field>
              <Field label="Log retention (days)">
                <input name="log_retention_days" type="number" min={1} max={3650} value={String(p.log_retention_days)} required />
              </Field>
              <label class="check">
                <input name="is_production" type="checkbox" checked={p.is_production} /> Production (refuses the shared <code>default</code> user id)
              </label>
              <div class="actions">
                <button type="submit" disabled={save.busy}>
                  Save settings
                </button>
                {saved ? <span class="ok">Saved.</span> : null}
              </div>
            </form>
            <Failure error={save.error} />
          </Panel>
          <KeysPanel project={p} base={base} />
          <DeletePanel project={p} base={base} />
        </>
      ) : null}
    </Page>
  );
}

function KeysPanel(props: { project: Project; base: string }) {
  const { signIn, setSignIn } = useConsole();
  const keys = useLoad(() => call<PageOf<ApiKey>>("admin", signIn, `${props.base}/api_keys`, { query: { limit: 100 } }), props.base);
  const action = useAction();
  const [created, setCreated] = useState<string | undefined>(undefined);
  const open = (key: string) => {
    const next: SignIn = { ...signIn, project: { key, id: props.project.id, name: props.project.display_name ?? props.project.name } };
    setSignIn(next);
    navigate("sessions");
  };
  const onCreate = (event: Event) => {
    const values = formValues(event);
    void action.run(async () => {
      const key = await call<ApiKey & { key: string }>("admin", signIn, `${props.base}/api_keys`, { method: "POST", body: { name: values.name ?? "default" } });
      setCreated(key.key);
      keys.reload();
    });
  };
  const revoke = (id: string) =>
    void action.run(async () => {
      if (!confirm("Revoke this key? Apps using it stop working within 30 seconds.")) return;
      await call("admin", signIn, `${props.base}/api_keys/${encodeURIComponent(id)}/revoke`, { method: "POST" });
      keys.reload();
    });
  const onOpen = (event: Event) => {
    const key = formValues(event).key;
    if (key) open(key);
  };
  return (
    <Panel title="API keys">
      <form onSubmit={onCreate} class="row-form">
        <Field label="Key name">
          <input name="name" maxlength={100} placeholder="backend" />
        </Field>
        <button type="submit" disabled={action.busy}>
          Create key
        </button>
      </form>
      {created ? (
        <div class="notice secret" data-testid="new-key">
          <p>
            <strong>Copy this key now.</strong> The gateway keeps only its hash: it will not be shown again.
          </p>
          <code class="secret-value">{created}</code>
          <div class="actions">
            <button type="button" onClick={() => void navigator.clipboard?.writeText(created)}>
              Copy
            </button>
            <button type="button" class="secondary" onClick={() => open(created)}>
              Open this project with it
            </button>
          </div>
        </div>
      ) : null}
      <Failure error={action.error ?? keys.error} />
      <Table
        testId="api-keys"
        rows={keys.data?.items ?? []}
        rowKey={(k) => k.id}
        empty="No keys yet."
        columns={[
          { label: "Name", cell: (k) => k.name },
          { label: "Starts with", cell: (k) => <code>{k.prefix}…</code> },
          { label: "Last used", cell: (k) => <When iso={k.last_used_at} /> },
          { label: "Status", cell: (k) => <Status value={k.revoked_at ? "REVOKED" : "ACTIVE"} /> },
          {
            label: "",
            cell: (k) =>
              k.revoked_at ? null : (
                <button type="button" class="danger" onClick={() => revoke(k.id)}>
                  Revoke
                </button>
              ),
          },
        ]}
      />
      <form onSubmit={onOpen} class="row-form">
        <Field label="Open this project with an existing key" hint="The admin key manages projects; work inside one uses its own key.">
          <input name="key" type="password" autocomplete="off" />
        </Field>
        <button type="submit" class="secondary">
          Open project
        </button>
      </form>
    </Panel>
  );
}

/** Deleting cannot be undone: the operator types the project's name to confirm it. */
function DeletePanel(props: { project: Project; base: string }) {
  const { signIn, setSignIn } = useConsole();
  const action = useAction();
  const onSubmit = (event: Event) => {
    const typed = formValues(event).confirm;
    void action.run(async () => {
      if (typed !== props.project.name) throw new ApiFailure(400, "confirmation_mismatch", `Type the project's name, ${props.project.name}, to delete it.`);
      // A large project is deleted in bounded steps: 202 means "call again", as the CLI does.
      for (let round = 0; round < 20; round++) {
        const answer = await call<{ status: string }>("admin", signIn, props.base, { method: "DELETE" });
        if (answer.status === "deleted") break;
      }
      if (signIn.project?.id === props.project.id) setSignIn({ admin: signIn.admin });
      navigate("projects");
    });
  };
  return (
    <Panel title="Delete this project">
      <p class="muted">
        Deletes its keys, auth configs, connected accounts with their credentials, sessions, custom toolkits and logs. It cannot be undone.
      </p>
      <form onSubmit={onSubmit} class="row-form">
        <Field label={`Type ${props.project.name} to confirm`}>
          <input name="confirm" autocomplete="off" />
        </Field>
        <button type="submit" class="danger" disabled={action.busy}>
          Delete project
        </button>
      </form>
      <Failure error={action.error} />
    </Panel>
  );
}

import { useState } from "hono/jsx/dom";
import { call } from "../api.ts";
import { Failure, Field, formValues, Json, Loading, Page, Panel, Table } from "../components.tsx";
import { href } from "../router.ts";
import { useConsole, useLoad } from "../state.ts";

interface Toolkit {
  slug: string;
  name: string;
  meta: { tools_count: number; description?: string };
}

interface Tool {
  slug: string;
  name: string;
  description: string;
  toolkit: { slug: string };
  input_parameters: Record<string, unknown>;
  output_parameters: Record<string, unknown>;
  tags: string[];
}

export function CatalogView(props: { toolkit: string | undefined; tool: string | undefined }) {
  if (props.tool) return <ToolDetail slug={props.tool} />;
  if (props.toolkit) return <ToolkitTools slug={props.toolkit} />;
  return <Toolkits />;
}

function Toolkits() {
  const { signIn } = useConsole();
  const toolkits = useLoad(() => call<{ items: Toolkit[] }>("project", signIn, "/api/v3.1/toolkits", { query: { limit: 1000 } }), "catalog-toolkits");
  const [filter, setFilter] = useState("");
  const shown = (toolkits.data?.items ?? []).filter((t) => `${t.slug} ${t.name}`.toLowerCase().includes(filter.toLowerCase()));
  return (
    <Page title="Catalog" subtitle="The toolkits and tools this project can use.">
      <ToolSearch />
      <Panel title="Toolkits">
        <Field label="Filter toolkits">
          <input type="search" value={filter} onInput={(e: Event) => setFilter((e.target as HTMLInputElement).value)} />
        </Field>
        <Loading when={toolkits.loading && !toolkits.data} />
        <Failure error={toolkits.error} />
        <Table
          testId="toolkits"
          rows={shown}
          rowKey={(t) => t.slug}
          empty="No toolkit matches."
          columns={[
            { label: "Toolkit", cell: (t) => <a href={href("catalog", t.slug)}>{t.name}</a> },
            { label: "Slug", cell: (t) => <code>{t.slug}</code> },
            { label: "Tools", cell: (t) => String(t.meta.tools_count) },
          ]}
        />
      </Panel>
    </Page>
  );
}

/** The same search agents get (GET /tools?search=), to see what a phrase finds. */
function ToolSearch() {
  const { signIn } = useConsole();
  const [phrase, setPhrase] = useState("");
  const hits = useLoad(
    () => (phrase ? call<{ items: Tool[] }>("project", signIn, "/api/v3.1/tools", { query: { search: phrase, limit: 10 } }) : Promise.resolve({ items: [] })),
    `search-${phrase}`,
  );
  return (
    <Panel title="Try a search">
      <form class="row-form" onSubmit={(e: Event) => setPhrase(formValues(e).phrase ?? "")}>
        <Field label="What should the agent do?">
          <input name="phrase" type="search" placeholder="star a repository" maxlength={500} />
        </Field>
        <button type="submit" class="secondary">
          Search
        </button>
      </form>
      <Failure error={hits.error} />
      {phrase ? <ToolTable tools={hits.data?.items ?? []} testId="search-results" empty="Nothing found." /> : null}
    </Panel>
  );
}

function ToolTable(props: { tools: Tool[]; testId: string; empty: string }) {
  return (
    <Table
      testId={props.testId}
      rows={props.tools}
      rowKey={(t) => t.slug}
      empty={props.empty}
      columns={[
        { label: "Tool", cell: (t) => <a href={href("catalog", t.toolkit.slug, t.slug)}>{t.slug}</a> },
        { label: "What it does", cell: (t) => t.name },
      ]}
    />
  );
}

function ToolkitTools(props: { slug: string }) {
  const { signIn } = useConsole();
  const tools = useLoad(() => call<{ items: Tool[] }>("project", signIn, "/api/v3.1/tools", { query: { toolkit_slug: props.slug, limit: 1000 } }), `tools-${props.slug}`);
  return (
    <Page title={props.slug} subtitle={`${tools.data?.items.length ?? "…"} tools`} actions={<a href={href("catalog")}>All toolkits</a>}>
      <Loading when={tools.loading && !tools.data} />
      <Failure error={tools.error} />
      <ToolTable tools={tools.data?.items ?? []} testId="toolkit-tools" empty="This toolkit has no tools." />
    </Page>
  );
}

function ToolDetail(props: { slug: string }) {
  const { signIn } = useConsole();
  const path = `/api/v3.1/tools/${encodeURIComponent(props.slug)}`;
  const tool = useLoad(() => call<Tool>("project", signIn, path), path);
  const t = tool.data;
  return (
    <Page title={props.slug} subtitle={t?.name} actions={t ? <a href={href("catalog", t.toolkit.slug)}>{t.toolkit.slug}</a> : null}>
      <Loading when={tool.loading && !t} />
      <Failure error={tool.error} />
      {t ? (
        <>
          <Panel title="Description">
            <p class="prose">{t.description}</p>
            {t.tags.length ? <p class="muted">Tags: {t.tags.join(", ")}</p> : null}
          </Panel>
          <Panel title="Input schema">
            <Json value={t.input_parameters} />
          </Panel>
          <Panel title="Output schema">
            <Json value={t.output_parameters} />
          </Panel>
        </>
      ) : null}
    </Page>
  );
}

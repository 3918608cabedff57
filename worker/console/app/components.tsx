import type { Child } from "hono/jsx";
import type { ApiFailure } from "./api.ts";

export function Page(props: { title: string; subtitle?: Child; actions?: Child; children?: Child }) {
  return (
    <section class="page">
      <header class="page-head">
        <div>
          <h1>{props.title}</h1>
          {props.subtitle ? <p class="muted">{props.subtitle}</p> : null}
        </div>
        {props.actions ? <div class="actions">{props.actions}</div> : null}
      </header>
      {props.children}
    </section>
  );
}

export function Panel(props: { title: string; children?: Child }) {
  return (
    <section class="panel">
      <h2>{props.title}</h2>
      {props.children}
    </section>
  );
}

export function Failure(props: { error: ApiFailure | undefined }) {
  if (!props.error) return null;
  return (
    <div class="notice error" role="alert">
      <strong>{props.error.message}</strong> <code>{props.error.code}</code>
      {props.error.suggestedFix ? <p>{props.error.suggestedFix}</p> : null}
    </div>
  );
}

export function Loading(props: { when: boolean }) {
  return props.when ? <p class="muted" aria-live="polite">Loading…</p> : null;
}

export interface Column<T> {
  label: string;
  cell: (row: T) => Child;
}

/** A table on a wide screen, a stack of cards on a phone (console.css): each cell carries its label. */
export function Table<T>(props: { columns: Column<T>[]; rows: T[]; empty: string; rowKey: (row: T) => string; testId?: string }) {
  if (props.rows.length === 0) return <p class="muted">{props.empty}</p>;
  return (
    <table class="table" data-testid={props.testId}>
      <thead>
        <tr>
          {props.columns.map((column) => (
            <th>{column.label}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row) => (
          <tr key={props.rowKey(row)} data-row={props.rowKey(row)}>
            {props.columns.map((column) => (
              <td data-label={column.label}>{column.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Field(props: { label: string; hint?: string; children?: Child }) {
  return (
    <div class="field">
      <label>
        <span>{props.label}</span>
        {props.children}
      </label>
      {props.hint ? <small class="muted">{props.hint}</small> : null}
    </div>
  );
}

export function Json(props: { value: unknown }) {
  return <pre class="json">{typeof props.value === "string" ? props.value : JSON.stringify(props.value, null, 2)}</pre>;
}

export function Status(props: { value: string }) {
  return <span class={`status status-${props.value.toLowerCase()}`}>{props.value}</span>;
}

export function When(props: { iso: string | null | undefined }) {
  if (!props.iso) return <span class="muted">—</span>;
  const date = new Date(props.iso);
  return <time datetime={props.iso} title={props.iso}>{date.toLocaleString()}</time>;
}

export function MoreButton(props: { next: string | null; onMore: () => void }) {
  if (!props.next) return null;
  return (
    <button type="button" class="secondary" onClick={props.onMore}>
      Load more
    </button>
  );
}

/** The named fields of a submitted form, trimmed; empty ones left out. */
export function formValues(event: Event): Record<string, string> {
  event.preventDefault();
  const form = event.currentTarget as HTMLFormElement;
  const values: Record<string, string> = {};
  for (const [name, value] of new FormData(form)) {
    if (typeof value === "string" && value.trim() !== "") values[name] = value.trim();
  }
  return values;
}

export const commaList = (text: string | undefined) =>
  (text ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/**
 * Renders the OpenAPI document as one readable, script-free page. Only the parts of
 * OpenAPI this gateway emits are handled: operations, parameters, JSON bodies, $refs.
 */
type Json = Record<string, unknown>;
type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

const METHODS = ["get", "post", "put", "patch", "delete"] as const;

function asRecord(value: unknown): Json {
  return value && typeof value === "object" ? (value as Json) : {};
}

function resolve(doc: Json, schema: unknown): Json {
  const node = asRecord(schema);
  const ref = node.$ref;
  if (typeof ref !== "string") return node;
  const name = ref.split("/").at(-1) ?? "";
  return asRecord(asRecord(asRecord(doc.components).schemas)[name]);
}

function typeLabel(doc: Json, schema: unknown): string {
  const node = resolve(doc, schema);
  if (Array.isArray(node.enum)) return node.enum.map((v) => JSON.stringify(v)).join(" | ");
  if (Array.isArray(node.anyOf)) return node.anyOf.map((s) => typeLabel(doc, s)).join(" | ");
  if (node.type === "array") return `${typeLabel(doc, node.items)}[]`;
  const type = Array.isArray(node.type) ? node.type.join(" | ") : String(node.type ?? "any");
  return node.format ? `${type} (${String(node.format)})` : type;
}

function fieldList(doc: Json, schema: unknown, depth = 0): Markup {
  const node = resolve(doc, schema);
  const inner = node.type === "array" ? resolve(doc, node.items) : node;
  const properties = asRecord(inner.properties);
  const names = Object.keys(properties);
  if (names.length === 0 || depth > 3) return html``;
  const required = new Set(Array.isArray(inner.required) ? inner.required : []);
  return html`<ul class="fields">
    ${names.map((name) => {
      const prop = properties[name];
      const described = resolve(doc, prop);
      return html`<li>
        <code>${name}</code> <span class="type">${typeLabel(doc, prop)}</span>
        ${required.has(name) ? html`<span class="req">required</span>` : ""}
        ${described.description ? html`<span class="desc">${String(described.description)}</span>` : ""}
        ${fieldList(doc, prop, depth + 1)}
      </li>`;
    })}
  </ul>`;
}

function operation(doc: Json, method: string, path: string, op: Json): Markup {
  const params = Array.isArray(op.parameters) ? op.parameters.map(asRecord) : [];
  const body = asRecord(asRecord(asRecord(op.requestBody).content)["application/json"]).schema;
  const responses = Object.entries(asRecord(op.responses));
  const anchor = `${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-");
  return html`<section class="op" id="${anchor}">
    <h3><span class="method ${method}">${method.toUpperCase()}</span> <code>${path}</code></h3>
    ${op.summary ? html`<p class="summary">${String(op.summary)}</p>` : ""}
    ${op.description ? html`<p>${String(op.description)}</p>` : ""}
    ${params.length
      ? html`<h4>Parameters</h4><table><thead><tr><th>Name</th><th>In</th><th>Type</th><th>Description</th></tr></thead><tbody>
          ${params.map((p) => html`<tr><td><code>${String(p.name)}</code>${p.required ? html` <span class="req">required</span>` : ""}</td>
            <td>${String(p.in)}</td><td>${typeLabel(doc, p.schema)}</td><td>${String(asRecord(p.schema).description ?? p.description ?? "")}</td></tr>`)}
        </tbody></table>`
      : ""}
    ${body ? html`<h4>Request body (JSON)</h4>${fieldList(doc, body)}` : ""}
    <h4>Responses</h4>
    <ul class="responses">
      ${responses.map(([status, response]) => {
        const schema = asRecord(asRecord(asRecord(response).content)["application/json"]).schema;
        return html`<li><strong>${status}</strong> ${String(asRecord(response).description ?? "")}
          ${status.startsWith("2") && schema ? fieldList(doc, schema) : ""}</li>`;
      })}
    </ul>
  </section>`;
}

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem;color:#1a1a1a}
code{font-family:ui-monospace,monospace;font-size:.95em}h1{margin-bottom:0}
nav ul{columns:2;padding-left:1rem}.op{border-top:1px solid #ddd;padding:.5rem 0}
.method{display:inline-block;min-width:4rem;font-size:.8rem;padding:.1rem .4rem;border-radius:.25rem;color:#fff;background:#555;text-align:center}
.get{background:#1d6f42}.post{background:#1f5fa8}.patch,.put{background:#8a5a00}.delete{background:#a32020}
table{border-collapse:collapse;width:100%}td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}
.type{color:#555}.req{color:#a32020;font-size:.8rem}.desc{display:block;color:#333}.fields{margin:.25rem 0}
@media (max-width:40rem){nav ul{columns:1}}`;

export function renderReference(document: unknown): Markup {
  const doc = asRecord(document);
  const info = asRecord(doc.info);
  const operations = Object.entries(asRecord(doc.paths)).flatMap(([path, item]) =>
    METHODS.filter((m) => asRecord(item)[m]).map((method) => ({ method, path, op: asRecord(asRecord(item)[method]) })),
  );
  const tags = [...new Set(operations.map(({ op }) => String((op.tags as unknown[] | undefined)?.[0] ?? "Other")))];
  const byTag = (tag: string) => operations.filter(({ op }) => String((op.tags as unknown[] | undefined)?.[0] ?? "Other") === tag);
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${String(info.title)} reference</title><style>${raw(STYLE)}</style></head>
<body><header><h1>${String(info.title)}</h1><p>Version ${String(info.version)}. ${String(info.description ?? "")}</p>
<p>Machine-readable: <a href="/api/v3.1/openapi.json">openapi.json</a> (OpenAPI 3.1).</p></header>
<nav aria-label="Operations"><ul>${tags.map((tag) => html`<li>${tag}<ul>${byTag(tag).map(({ method, path, op }) =>
  html`<li><a href="#${`${method}-${path}`.replace(/[^A-Za-z0-9]+/g, "-")}">${method.toUpperCase()} ${path}</a>${op.summary ? ` — ${String(op.summary)}` : ""}</li>`)}</ul></li>`)}</ul></nav>
<main>${tags.map((tag) => html`<h2>${tag}</h2>${byTag(tag).map(({ method, path, op }) => operation(doc, method, path, op))}`)}</main>
</body></html>`;
}

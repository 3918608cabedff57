import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/**
 * The Connect pages: server-rendered, no JavaScript, readable on a phone and by a screen
 * reader (one h1, labelled fields, a visible focus ring, text rather than icons).
 */
type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:17px/1.5 system-ui,-apple-system,sans-serif;color:#1b1b1b;background:#f4f5f7}
main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
h1{font-size:1.35rem;margin:.25rem 0 1rem}img{width:48px;height:48px}p,ul{margin:.5rem 0}
.who{display:flex;gap:.75rem;align-items:center}.scopes li{word-break:break-all}
label{display:block;font-weight:600;margin-top:1rem}input{width:100%;font:inherit;padding:.6rem;border:1px solid #767676;border-radius:.4rem}
button{margin-top:1.25rem;width:100%;font:inherit;font-weight:600;padding:.75rem;border:0;border-radius:.4rem;background:#1f5fa8;color:#fff;cursor:pointer}
button:hover{background:#174a84}:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
.note{color:#4a4a4a;font-size:.9rem}.error{color:#a32020}`;

function layout(title: string, body: Markup): Markup {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${title}</title><style>${raw(STYLE)}</style></head>
<body><main>${body}</main></body></html>`;
}

export interface ConnectPageInput {
  projectName: string;
  toolkitName: string;
  toolkitLogo: string;
  scopes: string[];
  /** `oauth`: one button to the provider; otherwise the fields to fill in. */
  fields: { name: string; label: string; type: "text" | "password" }[] | "oauth";
  csrfToken: string;
  action: string;
  expiresInMinutes: number;
}

export function connectPage(input: ConnectPageInput): Markup {
  const title = `Connect ${input.toolkitName}`;
  return layout(
    title,
    html`<div class="who"><img src="${input.toolkitLogo}" alt=""><p><strong>${input.projectName}</strong> wants to use your
      <strong>${input.toolkitName}</strong> account.</p></div>
      <h1>${title}</h1>
      ${input.scopes.length > 0
        ? html`<p>It asks for these permissions:</p><ul class="scopes">${input.scopes.map((scope) => html`<li><code>${scope}</code></li>`)}</ul>`
        : html`<p>It will act on your behalf with the access you grant.</p>`}
      <form method="post" action="${input.action}">
        <input type="hidden" name="csrf_token" value="${input.csrfToken}">
        ${input.fields === "oauth"
          ? html`<p class="note">You will sign in at ${input.toolkitName} and can review the access there.</p>
              <button type="submit">Continue to ${input.toolkitName}</button>`
          : html`${input.fields.map(
              (field) => html`<label for="${field.name}">${field.label}</label>
                <input id="${field.name}" name="${field.name}" type="${field.type}" required autocomplete="off" spellcheck="false">`,
            )}<button type="submit">Connect</button>`}
      </form>
      <p class="note">This link works once and expires in ${input.expiresInMinutes} minutes.</p>`,
  );
}

export function messagePage(title: string, message: string, tone: "error" | "ok" = "error"): Markup {
  return layout(title, html`<h1>${title}</h1><p class="${tone === "error" ? "error" : ""}">${message}</p>`);
}

import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { appName, UNBRANDED, type AppBranding } from "./branding.ts";

/**
 * The Connect pages: server-rendered, no JavaScript, readable on a phone and by a screen
 * reader (one h1, labelled fields, a visible focus ring, text rather than icons). Every page
 * ends with a way out: back to the app, or a sentence saying the window can be closed.
 */
export type Markup = HtmlEscapedString | Promise<HtmlEscapedString>;

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:17px/1.5 system-ui,-apple-system,sans-serif;color:#1b1b1b;background:#f4f5f7;overflow-wrap:anywhere}
main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
@media (max-width:30rem){main{margin:0;border-radius:0;box-shadow:none;min-height:100vh;padding:1.25rem}}
h1{font-size:1.35rem;margin:.25rem 0 1rem}p,ul{margin:.5rem 0}
.who{display:flex;gap:.5rem;align-items:center;margin-bottom:.5rem}.who img,.mark{width:48px;height:48px;flex:none;border-radius:10px}
.who img{object-fit:contain;background:#fff;border:1px solid #e3e4e8}.link{color:#767676}
.scopes{padding-left:1.25rem}.scopes code{display:block;color:#4a4a4a;font-size:.8rem;word-break:break-all}
label{display:block;font-weight:600;margin-top:1rem}input{width:100%;font:inherit;padding:.6rem;border:1px solid #767676;border-radius:.4rem}
button,.button{display:block;margin-top:1.25rem;width:100%;font:inherit;font-weight:600;padding:.75rem;border:0;border-radius:.4rem;background:#1f5fa8;color:#fff;cursor:pointer;text-align:center;text-decoration:none}
button:hover,.button:hover{background:#174a84}.secondary{margin-top:.75rem;background:#fff;color:#1f5fa8;border:1px solid #1f5fa8}
.secondary:hover{background:#eef3fa}:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
.note{color:#4a4a4a;font-size:.9rem}.error{color:#a32020}footer{margin-top:1.25rem;border-top:1px solid #e3e4e8;padding-top:.75rem}`;

function layout(title: string, body: Markup): Markup {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><title>${title}</title><style>${raw(STYLE)}</style></head>
<body><main>${body}</main></body></html>`;
}

/**
 * How a page lets the person leave. `cancel` posts to the link (the link is spent and the app
 * told `status=cancelled`); `return` is a plain link back to the app for a link already over;
 * `close` is for a page with nowhere to go back to.
 */
export type WayOut =
  | { kind: "cancel"; action: string; csrfToken: string; hasCallback: boolean }
  | { kind: "return"; href: string }
  | { kind: "retry"; href: string }
  | { kind: "close" };

function wayOutMarkup(way: WayOut, branding: AppBranding): Markup {
  switch (way.kind) {
    case "cancel":
      return html`<form method="post" action="${way.action}">
        <input type="hidden" name="csrf_token" value="${way.csrfToken}"><input type="hidden" name="intent" value="cancel">
        <button type="submit" class="secondary">${way.hasCallback ? `Cancel and return to ${appName(branding)}` : "Cancel"}</button></form>`;
    case "return":
      return html`<a class="button secondary" href="${way.href}">Return to ${appName(branding)}</a>`;
    case "retry":
      return html`<a class="button" href="${way.href}">Try again</a>`;
    case "close":
      return html`<p class="note">You can close this window.</p>`;
  }
}

function footer(branding: AppBranding, note?: string): Markup {
  const privacy = branding.privacyUrl
    ? html`<p class="note"><a href="${branding.privacyUrl}" rel="noreferrer noopener">${appName(branding, { capital: true })}'s privacy policy</a></p>`
    : "";
  return note || privacy ? html`<footer>${note ? html`<p class="note">${note}</p>` : ""}${privacy}</footer>` : html``;
}

/** The app's logo (when it has one) beside the toolkit's mark. */
export function whoIsAsking(branding: AppBranding, toolkitMark: Markup | null): Markup {
  const logo = branding.logo ? html`<img src="${branding.logo.url}" alt="" width="48" height="48" referrerpolicy="no-referrer">` : "";
  if (!logo && !toolkitMark) return html``;
  return html`<div class="who">${logo}${logo && toolkitMark ? html`<span class="link" aria-hidden="true">⇄</span>` : ""}${toolkitMark ?? ""}</div>`;
}

export interface ConnectPageInput {
  branding: AppBranding;
  toolkitName: string;
  toolkitMark: Markup;
  /** Each requested scope, with its plain words where known. */
  scopes: { scope: string; words?: string | undefined }[];
  /** `oauth`: one button to the provider; otherwise the fields to fill in. */
  fields: { name: string; label: string; type: "text" | "password"; hint?: string | undefined }[] | "oauth";
  /** For key forms: where to find the key. */
  keyHint?: string;
  csrfToken: string;
  action: string;
  hasCallback: boolean;
  expiresInMinutes: number;
}

export function connectPage(input: ConnectPageInput): Markup {
  const title = `Connect ${input.toolkitName}`;
  const { branding } = input;
  return layout(
    title,
    html`${whoIsAsking(branding, input.toolkitMark)}
      <p><strong>${appName(branding, { capital: true })}</strong> wants to use your <strong>${input.toolkitName}</strong> account.</p>
      <h1>${title}</h1>
      ${input.scopes.length > 0
        ? html`<p>It asks to:</p><ul class="scopes">${input.scopes.map(
            ({ scope, words }) => html`<li>${words ?? ""}<code>${scope}</code></li>`,
          )}</ul>`
        : html`<p>It will act on your behalf with the access you grant.</p>`}
      <form method="post" action="${input.action}">
        <input type="hidden" name="csrf_token" value="${input.csrfToken}">
        ${input.fields === "oauth"
          ? html`<p class="note">You will sign in at ${input.toolkitName} and can review the access there. ${appName(branding, { capital: true })} never sees your ${input.toolkitName} password.</p>
              <button type="submit">Continue to ${input.toolkitName}</button>`
          : html`${input.keyHint ? html`<p class="note">${input.keyHint}</p>` : ""}${input.fields.map(
              (field) => html`<label for="${field.name}">${field.label}</label>
                ${field.hint ? html`<p class="note" id="${field.name}-hint">${field.hint}</p>` : ""}
                <input id="${field.name}" name="${field.name}" type="${field.type}" required autocomplete="off" spellcheck="false"${field.hint ? html` aria-describedby="${field.name}-hint"` : ""}>`,
            )}<button type="submit">Connect</button>`}
      </form>
      ${wayOutMarkup({ kind: "cancel", action: input.action, csrfToken: input.csrfToken, hasCallback: input.hasCallback }, branding)}
      ${footer(branding, `This link works once and expires in ${input.expiresInMinutes} minutes.`)}`,
  );
}

export interface MessagePageInput {
  title: string;
  message: string;
  tone?: "error" | "ok";
  branding?: AppBranding;
  /** Shown in order; a page with none says the window can be closed. */
  ways?: WayOut[];
}

export function messagePage({ title, message, tone = "error", branding, ways = [] }: MessagePageInput): Markup {
  const shown = branding ?? UNBRANDED;
  return layout(
    title,
    html`${whoIsAsking(shown, null)}<h1>${title}</h1><p class="${tone === "error" ? "error" : ""}">${message}</p>
      ${(ways.length > 0 ? ways : [{ kind: "close" } as const]).map((way) => wayOutMarkup(way, shown))}
      ${footer(shown)}`,
  );
}

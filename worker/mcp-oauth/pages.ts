import { html, raw } from "hono/html";
import type { Markup } from "../connect/pages.ts";

/**
 * The authorize page MCP clients send a person to: server-rendered, no script, no third-party
 * fetch, readable on a phone (the Connect pages' look, worker/connect/pages.ts).
 */

const STYLE = `
*{box-sizing:border-box}body{margin:0;font:17px/1.5 system-ui,-apple-system,sans-serif;color:#1b1b1b;background:#f4f5f7;overflow-wrap:anywhere}
main{max-width:28rem;margin:2rem auto;padding:1.5rem;background:#fff;border-radius:.75rem;box-shadow:0 1px 3px rgba(0,0,0,.12)}
@media (max-width:30rem){main{margin:0;border-radius:0;box-shadow:none;min-height:100vh;padding:1.25rem}}
h1{font-size:1.35rem;margin:.25rem 0 1rem}p{margin:.5rem 0}dl{margin:.75rem 0}dt{font-weight:600;font-size:.9rem;color:#4a4a4a}dd{margin:0 0 .5rem}
label{display:block;font-weight:600;margin-top:1rem}
input{width:100%;font:600 1.3rem/1.2 ui-monospace,monospace;letter-spacing:.08em;text-transform:uppercase;padding:.6rem;border:1px solid #767676;border-radius:.4rem}
button{display:block;margin-top:1.25rem;width:100%;font:inherit;font-weight:600;padding:.75rem;border:0;border-radius:.4rem;background:#1f5fa8;color:#fff;cursor:pointer}
button:hover{background:#174a84}:focus-visible{outline:3px solid #f2a900;outline-offset:2px}
.note{color:#4a4a4a;font-size:.9rem}.error{color:#a32020;font-weight:600}code{font-size:.85rem}`;

/** No script, no image, no frame; the form posts back to this page, whose redirect then goes to the client. */
export const AUTHORIZE_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

function layout(title: string, body: Markup): Markup {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex"><title>${title}</title><style>${raw(STYLE)}</style></head>
<body><main>${body}</main></body></html>`;
}

export interface AuthorizePageInput {
  /** The client's name as it registered itself: its own claim, shown as such. */
  clientName: string;
  /** Where the browser goes once access is granted: the client's redirect URI's host. */
  redirectHost: string;
  mcpUrl: string;
  error?: string;
  /** A code typed before, shown again after an error. */
  typed?: string;
}

export function authorizePage(input: AuthorizePageInput): Markup {
  return layout(
    "Connect an MCP client",
    html`<h1>Connect ${input.clientName} to your tools</h1>
<p>An MCP client calling itself <strong>${input.clientName}</strong> asks to use the tools of one of your sessions. Enter the connect code the app gave you to let it.</p>
<dl><dt>Session</dt><dd><code>${input.mcpUrl}</code></dd><dt>After you allow it, you return to</dt><dd><code>${input.redirectHost}</code></dd></dl>
<form method="post">
${input.error ? html`<p class="error" id="code-error" role="alert">${input.error}</p>` : ""}
<label for="code">Connect code</label>
<input id="code" name="code" required autocomplete="one-time-code" autocapitalize="characters" spellcheck="false" inputmode="text" maxlength="20" placeholder="XXXX-XXXX-XXXX" value="${input.typed ?? ""}"${input.error ? raw(' aria-invalid="true" aria-describedby="code-error"') : ""}>
<button type="submit">Allow access</button>
</form>
<p class="note">Only enter a code you got from the app you use, for a client you started yourself. The code works once, for ten minutes. The app can disconnect the client at any time.</p>`,
  );
}

export function authorizeProblemPage(title: string, message: string): Markup {
  return layout(title, html`<h1>${title}</h1><p class="error">${message}</p><p class="note">Start connecting again from your MCP client. You can close this window.</p>`);
}

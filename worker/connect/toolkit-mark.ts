import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

/**
 * The provider's mark on the Connect page: a lettermark drawn inline as SVG. The catalog's
 * logos live on the providers' CDNs, and loading one would tell a third party who opened
 * which link (and need a wider img-src); an inline mark needs no request at all.
 */

/** Brand colours for the toolkits people connect most, so the mark looks familiar; others get a stable colour from their slug. */
const BRAND_COLOURS: Record<string, string> = {
  github: "#24292f",
  gmail: "#c5221f",
  googlecalendar: "#1a73e8",
  googledrive: "#188038",
  googlesheets: "#188038",
  googledocs: "#1a73e8",
  slack: "#4a154b",
  notion: "#191919",
  linear: "#5e6ad2",
  jira: "#0052cc",
  outlook: "#0f6cbd",
  hubspot: "#c2410c",
  discord: "#5865f2",
};

/** A dark hue from the slug: the same toolkit always gets the same colour, with white text readable on it. */
function colourFor(slug: string): string {
  if (Object.hasOwn(BRAND_COLOURS, slug)) return BRAND_COLOURS[slug] ?? "#444";
  let hash = 0;
  for (const char of slug) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return `hsl(${hash % 360} 55% 32%)`;
}

export function toolkitMark(slug: string, name: string): HtmlEscapedString | Promise<HtmlEscapedString> {
  const letter = ([...name.trim()][0] ?? "?").toUpperCase();
  return html`<svg class="mark" width="48" height="48" viewBox="0 0 48 48" aria-hidden="true" focusable="false">
    <rect width="48" height="48" rx="10" fill="${colourFor(slug)}"/>
    <text x="24" y="31.5" text-anchor="middle" font-family="system-ui,sans-serif" font-size="22" font-weight="700" fill="#fff">${letter}</text>
  </svg>`;
}

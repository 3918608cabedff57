import type { ProjectRow } from "../../core/db/schema.ts";

/**
 * How the Connect page presents the app that sent the person: the project's display name,
 * logo and privacy link, never the project's `name` (the operator's own label for it).
 */
export interface AppBranding {
  /** The display name, or null: the page then says "this app". */
  name: string | null;
  logo: { url: string; origin: string } | null;
  privacyUrl: string | null;
}

export const UNBRANDED: AppBranding = { name: null, logo: null, privacyUrl: null };

export function appBranding(project: Pick<ProjectRow, "displayName" | "logoUrl" | "privacyUrl"> | undefined): AppBranding {
  if (!project) return UNBRANDED;
  // The admin API accepts https only; checked again here because the CSP is built from it.
  const logo = httpsUrl(project.logoUrl);
  return { name: project.displayName, logo: logo ? { url: logo.href, origin: logo.origin } : null, privacyUrl: httpsUrl(project.privacyUrl)?.href ?? null };
}

function httpsUrl(value: string | null): URL | null {
  const url = value ? URL.parse(value) : null;
  return url?.protocol === "https:" ? url : null;
}

/** The app's name mid-sentence ("return to this app") or, capitalised, at its start. */
export function appName(branding: AppBranding, { capital = false } = {}): string {
  if (branding.name) return branding.name;
  return capital ? "This app" : "this app";
}

/**
 * Nothing on the page comes from elsewhere except the app's logo: its origin is the one
 * image source allowed, and with no logo there is none (the toolkit's mark is inline SVG).
 * No form-action: Chrome applies it to the redirect to the provider after the form posts.
 */
export function connectPageCsp(branding: AppBranding): string {
  const images = branding.logo ? branding.logo.origin : "'none'";
  return `default-src 'none'; style-src 'unsafe-inline'; img-src ${images}; frame-ancestors 'none'; base-uri 'none'`;
}

import { Hono, type Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AppEnv } from "../app-env.ts";
import { inProjectCatalog } from "../../core/catalog/project-catalog.ts";
import { findToolkit, type ToolkitInfo } from "../../core/catalog/registry.ts";
import { appBranding, appName, connectPageCsp, UNBRANDED, type AppBranding } from "../connect/branding.ts";
import { returnToApp, type LinkOutcome } from "../../core/connect/callback-url.ts";
import { publicUrl } from "../../core/connect/create-link.ts";
import { expireUnfinished, failConnection, finishKeyConnection, finishOAuthConnection } from "../../core/connect/finish-connection.ts";
import { keyFormFields, keyHint } from "../connect/key-form.ts";
import { connectPage, messagePage, type Markup, type WayOut } from "../connect/pages.ts";
import { scopeInWords } from "../connect/scope-words.ts";
import { toolkitMark } from "../connect/toolkit-mark.ts";
import { linkAad } from "../../core/crypto/aad.ts";
import { KeyRing } from "../../core/crypto/keyring.ts";
import { database } from "../../core/db/client.ts";
import type { LinkRequestRow } from "../../core/db/schema.ts";
import { timingSafeEqualText } from "../../core/encoding.ts";
import { ApiError } from "../../core/http/errors.ts";
import { idPattern } from "../../core/ids.ts";
import { authorizeUrl, randomToken } from "../../core/oauth/authorize-url.ts";
import { oauthAppFor } from "../../core/oauth/oauth-app.ts";
import { getAuthConfig } from "../../core/repositories/auth-configs.ts";
import { consumeLink, consumeLinkByState, findLinkByState, findLinkRequest, startOAuthAttempt } from "../../core/repositories/link-requests.ts";
import { findProject } from "../../core/repositories/projects.ts";

/**
 * The pages a person sees: `/link/:token` (what is being connected, then a button to the
 * provider or a form for a key, and a way to cancel) and `/oauth/callback`, where the
 * provider sends them back. Every page, whatever went wrong, offers the way back to the app.
 */
const CSRF_COOKIE = "sb_link_csrf";

type Ctx = Context<AppEnv>;

function page(c: Ctx, status: 200 | 400 | 404 | 410, markup: Markup, branding: AppBranding = UNBRANDED) {
  // Nothing on these pages may be framed, cached, or leak the link through a Referer.
  c.header("cache-control", "no-store");
  c.header("content-security-policy", connectPageCsp(branding));
  c.header("x-frame-options", "DENY");
  c.header("x-content-type-options", "nosniff");
  c.header("referrer-policy", "no-referrer");
  return c.html(markup, status);
}

/** The project's branding for a link's pages: a project deleted meanwhile shows as "this app". */
async function brandingOf(c: Ctx, link: LinkRequestRow): Promise<AppBranding> {
  return appBranding(await findProject(database(c.env), link.projectId));
}

const problems = {
  unknown: { title: "Link not found", message: "This link is not valid. Ask the app that sent you for a new one.", error: "link_not_found" },
  used: { title: "Link already used", message: "This link has already been used. Ask the app that sent you for a new one.", error: "link_already_used" },
  expired: { title: "Link expired", message: "This link has expired. Ask the app that sent you for a new one.", error: "link_expired" },
} as const;
type Problem = keyof typeof problems;

type OpenedLink = { link: LinkRequestRow; problem?: undefined } | { problem: Problem; link?: LinkRequestRow };

async function openLink(c: Ctx, token: string): Promise<OpenedLink> {
  if (!idPattern("lk").test(token)) return { problem: "unknown" };
  const link = await findLinkRequest(database(c.env), token);
  if (!link) return { problem: "unknown" };
  if (link.status === "USED") return { problem: "used", link };
  if (link.expiresAt.getTime() <= Date.now()) {
    // The account it started will never complete: say so to whoever waits on it.
    await expireUnfinished(c.env, database(c.env), link);
    return { problem: "expired", link };
  }
  return { link };
}

/** A link that is over: the way back tells the app why (`status=failed&error=link_expired`), or the page says to close the window. */
async function problemPage(c: Ctx, problem: Problem, link?: LinkRequestRow) {
  const { title, message, error } = problems[problem];
  const branding = link ? await brandingOf(c, link) : UNBRANDED;
  const back = link ? returnToApp(link, { status: "failed", error }) : null;
  return page(c, problem === "unknown" ? 404 : 410, messagePage({ title, message, branding, ways: back ? [{ kind: "return", href: back }] : [] }), branding);
}

/** The cookie half of the double-submit token, for a page whose forms post to the link. */
function setCsrfCookie(c: Ctx, link: LinkRequestRow): void {
  setCookie(c, CSRF_COOKIE, link.csrfToken, { path: `/link/${link.id}`, httpOnly: true, sameSite: "Lax", secure: new URL(c.req.url).protocol === "https:" });
}

/** The Cancel form of a link still pending (its page gets the cookie the form's CSRF check needs). */
function cancelWay(c: Ctx, link: LinkRequestRow): WayOut {
  setCsrfCookie(c, link);
  return { kind: "cancel", action: `/link/${link.id}`, csrfToken: link.csrfToken, hasCallback: link.callbackUrl !== null };
}

/** Something the person can fix on a link still pending: try again, or cancel. */
async function retryPage(c: Ctx, link: LinkRequestRow, title: string, message: string) {
  const branding = await brandingOf(c, link);
  return page(c, 400, messagePage({ title, message, branding, ways: [{ kind: "retry", href: `/link/${link.id}` }, cancelWay(c, link)] }), branding);
}

/** Where the person ends up: the developer's callback with the outcome, or a page saying it. */
async function finish(c: Ctx, link: LinkRequestRow, outcome: LinkOutcome) {
  const back = returnToApp(link, outcome);
  if (back) return c.redirect(back, 303);
  const branding = await brandingOf(c, link);
  if (outcome.status === "success") return page(c, 200, messagePage({ title: "Connected", message: "Your account is connected.", tone: "ok", branding }), branding);
  if (outcome.status === "cancelled") return page(c, 200, messagePage({ title: "Cancelled", message: "Nothing was connected.", tone: "ok", branding }), branding);
  return page(c, 400, messagePage({ title: "Not connected", message: `The account was not connected (${outcome.error ?? "unknown error"}).`, branding }), branding);
}

function oauthScheme(toolkit: ToolkitInfo, authScheme: string): boolean {
  return authScheme === "OAUTH2" && toolkit.authSchemes.some((s) => s.type === "OAUTH2");
}

const app = new Hono<AppEnv>();

// A link belongs to a project: its page and callback see that project's own toolkits too.
app.get("/link/:token", async (c) => {
  const opened = await openLink(c, c.req.param("token"));
  if (opened.problem) return problemPage(c, opened.problem, opened.link);
  return inProjectCatalog(database(c.env), opened.link.projectId, () => showLink(c, opened.link));
});

async function showLink(c: Ctx, link: LinkRequestRow): Promise<Response> {
  const db = database(c.env);
  const [branding, authConfig] = await Promise.all([brandingOf(c, link), getAuthConfig(db, link.projectId, link.authConfigId)]);
  const toolkit = findToolkit(link.toolkitSlug);
  if (!toolkit) return problemPage(c, "unknown");
  const oauth = oauthScheme(toolkit, authConfig.authScheme);
  const scopes = oauth ? (await oauthAppFor(c.env, toolkit, authConfig)).scopes : [];
  const fields = oauth ? "oauth" : keyFormFields(toolkit, authConfig.authScheme);
  if (!fields) {
    const message = `${toolkit.name} cannot be connected with ${authConfig.authScheme} here. Ask the app that sent you for another link.`;
    return page(c, 400, messagePage({ title: "Cannot connect", message, branding, ways: [cancelWay(c, link)] }), branding);
  }
  setCsrfCookie(c, link);
  const hint = keyHint(toolkit.name, appName(branding), authConfig.authScheme);
  return page(
    c,
    200,
    connectPage({
      branding,
      toolkitName: toolkit.name,
      toolkitMark: toolkitMark(toolkit.slug, toolkit.name),
      scopes: scopes.map((scope) => ({ scope, words: scopeInWords(toolkit.slug, scope) })),
      fields,
      ...(hint ? { keyHint: hint } : {}),
      csrfToken: link.csrfToken,
      action: `/link/${link.id}`,
      hasCallback: link.callbackUrl !== null,
      expiresInMinutes: Math.max(1, Math.ceil((link.expiresAt.getTime() - Date.now()) / 60_000)),
    }),
    branding,
  );
}

app.post("/link/:token", async (c) => {
  const opened = await openLink(c, c.req.param("token"));
  if (opened.problem) return problemPage(c, opened.problem, opened.link);
  return inProjectCatalog(database(c.env), opened.link.projectId, () => submitLink(c, opened.link));
});

async function submitLink(c: Ctx, link: LinkRequestRow): Promise<Response> {
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const submitted = typeof form.csrf_token === "string" ? form.csrf_token : "";
  const cookie = getCookie(c, CSRF_COOKIE) ?? "";
  // Double submit: the form's token must match both the cookie set with the page and the link.
  if (!timingSafeEqualText(submitted, link.csrfToken) || !timingSafeEqualText(cookie, link.csrfToken)) {
    return retryPage(c, link, "Please try again", "This form expired or was not sent from the Connect page. Open the link again.");
  }
  const db = database(c.env);
  if (form.intent === "cancel") return cancelLink(c, link);
  const authConfig = await getAuthConfig(db, link.projectId, link.authConfigId);
  const toolkit = findToolkit(link.toolkitSlug);
  if (!toolkit) return problemPage(c, "unknown");

  if (oauthScheme(toolkit, authConfig.authScheme)) {
    const oauthApp = await oauthAppFor(c.env, toolkit, authConfig);
    const state = randomToken();
    const verifier = oauthApp.pkce ? randomToken(48) : undefined;
    const verifierEnc = verifier ? await KeyRing.fromEnv(c.env).encrypt(verifier, linkAad(link)) : null;
    if (!(await startOAuthAttempt(db, link.id, state, verifierEnc))) return problemPage(c, "expired", link);
    return c.redirect(await authorizeUrl(oauthApp, `${publicUrl(c.env, c.req.url)}/oauth/callback`, state, verifier), 303);
  }

  const values = Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  try {
    const finished = await finishKeyConnection(c.env, db, link, authConfig.authScheme, values);
    if (!finished) return problemPage(c, "used", link);
  } catch (err) {
    if (err instanceof ApiError) return retryPage(c, link, "Please try again", err.message);
    throw err;
  }
  return finish(c, link, { status: "success" });
}

/**
 * The person chose not to connect: the link is spent (an OAuth sign-in still under way is
 * then refused at the callback), the account FAILED so whoever waits on it stops waiting,
 * and the app hears `status=cancelled`.
 */
async function cancelLink(c: Ctx, link: LinkRequestRow): Promise<Response> {
  const db = database(c.env);
  const consumed = await consumeLink(db, link.id);
  if (!consumed) return problemPage(c, "used", link);
  await failConnection(c.env, db, consumed, "cancelled: the user chose not to connect");
  return finish(c, consumed, { status: "cancelled" });
}

app.get("/oauth/callback", async (c) => {
  const state = c.req.query("state");
  const db = database(c.env);
  const link = state ? await consumeLinkByState(db, state) : undefined;
  if (!link) {
    const late = state ? await findLinkByState(db, state) : undefined;
    if (late?.status === "PENDING") await expireUnfinished(c.env, db, late);
    const branding = late ? await brandingOf(c, late) : UNBRANDED;
    const back = late ? returnToApp(late, { status: "failed", error: late.status === "PENDING" ? problems.expired.error : problems.used.error }) : null;
    const message = "This sign-in attempt is not valid, has expired, or was already completed. Ask the app for a new link.";
    return page(c, 400, messagePage({ title: "Sign-in not recognised", message, branding, ways: back ? [{ kind: "return", href: back }] : [] }), branding);
  }
  const providerError = c.req.query("error");
  const code = c.req.query("code");
  if (providerError || !code) {
    const reason = providerError ? `${providerError}${c.req.query("error_description") ? `: ${c.req.query("error_description")}` : ""}` : "missing_code";
    await failConnection(c.env, db, link, reason);
    return finish(c, link, { status: "failed", error: providerError ?? "missing_code" });
  }
  const outcome = await inProjectCatalog(db, link.projectId, () => finishOAuthConnection(c.env, db, link, code, `${publicUrl(c.env, c.req.url)}/oauth/callback`));
  return finish(c, link, outcome);
});

export default app;

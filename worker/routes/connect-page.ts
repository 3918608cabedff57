import { Hono, type Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import type { AuthScheme } from "../../catalog/definition.ts";
import type { AppEnv } from "../app-env.ts";
import { inProjectCatalog } from "../catalog/project-catalog.ts";
import { findToolkit, type ToolkitInfo } from "../catalog/registry.ts";
import { callbackRedirect } from "../connect/callback-url.ts";
import { publicUrl } from "../connect/create-link.ts";
import { expireUnfinished, failConnection, finishKeyConnection, finishOAuthConnection } from "../connect/finish-connection.ts";
import { toolkitScheme } from "../connect/key-credentials.ts";
import { connectPage, messagePage } from "../connect/pages.ts";
import { linkAad } from "../crypto/aad.ts";
import { KeyRing } from "../crypto/keyring.ts";
import { database } from "../db/client.ts";
import type { LinkRequestRow } from "../db/schema.ts";
import { timingSafeEqualText } from "../encoding.ts";
import { ApiError } from "../http/errors.ts";
import { idPattern } from "../ids.ts";
import { authorizeUrl, randomToken } from "../oauth/authorize-url.ts";
import { oauthAppFor } from "../oauth/oauth-app.ts";
import { getAuthConfig } from "../repositories/auth-configs.ts";
import { consumeLinkByState, findLinkByState, findLinkRequest, startOAuthAttempt } from "../repositories/link-requests.ts";
import { getProject } from "../repositories/projects.ts";

/**
 * The pages a person sees: `/link/:token` (what is being connected, then a button to the
 * provider or a form for a key) and `/oauth/callback`, where the provider sends them back.
 */
const CSRF_COOKIE = "sb_link_csrf";
const KEY_FIELDS = {
  API_KEY: [{ name: "api_key", label: "API key", type: "password" }],
  BEARER_TOKEN: [{ name: "token", label: "Access token", type: "password" }],
  BASIC: [
    { name: "username", label: "Username", type: "text" },
    { name: "password", label: "Password", type: "password" },
  ],
} as const;

type Ctx = Context<AppEnv>;

/** The credentials an API_KEY scheme sends beside the key (Trello's token): asked for on the same form. */
function additionalFields(scheme: AuthScheme | undefined): { name: string; label: string; type: "text" | "password" }[] {
  if (scheme?.type !== "API_KEY") return [];
  return (scheme.additionalFields ?? []).filter((part) => part.default === undefined).map((part) => ({ name: part.field, label: part.displayName, type: "password" }));
}

function page(c: Ctx, status: 200 | 400 | 404 | 410, markup: ReturnType<typeof messagePage>) {
  // Nothing on these pages may be framed, cached, or leak the link through a Referer.
  c.header("cache-control", "no-store");
  c.header("content-security-policy", "default-src 'none'; style-src 'unsafe-inline'; img-src https: data:; frame-ancestors 'none'; base-uri 'none'");
  c.header("x-frame-options", "DENY");
  return c.html(markup, status);
}

const problems = {
  unknown: ["Link not found", "This link is not valid. Ask the app that sent you for a new one."],
  used: ["Link already used", "This link has already been used. Ask the app that sent you for a new one."],
  expired: ["Link expired", "This link has expired. Ask the app that sent you for a new one."],
} as const;

async function pendingLink(c: Ctx, token: string): Promise<LinkRequestRow | keyof typeof problems> {
  if (!idPattern("lk").test(token)) return "unknown";
  const link = await findLinkRequest(database(c.env), token);
  if (!link) return "unknown";
  if (link.status === "USED") return "used";
  if (link.expiresAt.getTime() <= Date.now()) {
    // The account it started will never complete: say so to whoever waits on it.
    await expireUnfinished(c.env, database(c.env), link);
    return "expired";
  }
  return link;
}

function problemPage(c: Ctx, problem: keyof typeof problems) {
  const [title, message] = problems[problem];
  return page(c, problem === "unknown" ? 404 : 410, messagePage(title, message));
}

/** Where the person ends up: the developer's callback with the outcome, or a page saying it. */
function finish(c: Ctx, link: LinkRequestRow, outcome: { status: "success" | "failed"; error?: string }) {
  if (link.callbackUrl) {
    const params: Record<string, string> = { status: outcome.status, connected_account_id: link.connectedAccountId };
    if (outcome.error) params.error = outcome.error;
    return c.redirect(callbackRedirect(link.callbackUrl, params), 303);
  }
  return outcome.status === "success"
    ? page(c, 200, messagePage("Connected", "Your account is connected. You can close this window.", "ok"))
    : page(c, 400, messagePage("Not connected", `The account was not connected (${outcome.error ?? "unknown error"}). You can close this window.`));
}

function oauthScheme(toolkit: ToolkitInfo, authScheme: string): boolean {
  return authScheme === "OAUTH2" && toolkit.authSchemes.some((s) => s.type === "OAUTH2");
}

const app = new Hono<AppEnv>();

// A link belongs to a project: its page and callback see that project's own toolkits too.
app.get("/link/:token", async (c) => {
  const link = await pendingLink(c, c.req.param("token"));
  if (typeof link === "string") return problemPage(c, link);
  return inProjectCatalog(database(c.env), link.projectId, () => showLink(c, link));
});

async function showLink(c: Ctx, link: LinkRequestRow): Promise<Response> {
  const db = database(c.env);
  const [project, authConfig] = await Promise.all([getProject(db, link.projectId), getAuthConfig(db, link.projectId, link.authConfigId)]);
  const toolkit = findToolkit(link.toolkitSlug);
  if (!toolkit) return problemPage(c, "unknown");
  const oauth = oauthScheme(toolkit, authConfig.authScheme);
  const scopes = oauth ? (await oauthAppFor(c.env, toolkit, authConfig)).scopes : [];
  const keyFields = KEY_FIELDS[authConfig.authScheme as keyof typeof KEY_FIELDS];
  const fields = oauth ? "oauth" : keyFields && [...keyFields, ...additionalFields(toolkitScheme(toolkit, authConfig.authScheme))];
  if (!fields) return page(c, 400, messagePage("Cannot connect", `${toolkit.name} cannot be connected with ${authConfig.authScheme} here.`));
  const path = `/link/${link.id}`;
  setCookie(c, CSRF_COOKIE, link.csrfToken, { path, httpOnly: true, sameSite: "Lax", secure: new URL(c.req.url).protocol === "https:" });
  return page(
    c,
    200,
    connectPage({
      projectName: project.name,
      toolkitName: toolkit.name,
      toolkitLogo: toolkit.logo,
      scopes,
      fields: fields === "oauth" ? "oauth" : [...fields],
      csrfToken: link.csrfToken,
      action: path,
      expiresInMinutes: Math.max(1, Math.ceil((link.expiresAt.getTime() - Date.now()) / 60_000)),
    }),
  );
}

app.post("/link/:token", async (c) => {
  const link = await pendingLink(c, c.req.param("token"));
  if (typeof link === "string") return problemPage(c, link);
  return inProjectCatalog(database(c.env), link.projectId, () => submitLink(c, link));
});

async function submitLink(c: Ctx, link: LinkRequestRow): Promise<Response> {
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const submitted = typeof form.csrf_token === "string" ? form.csrf_token : "";
  const cookie = getCookie(c, CSRF_COOKIE) ?? "";
  // Double submit: the form's token must match both the cookie set with the page and the link.
  if (!timingSafeEqualText(submitted, link.csrfToken) || !timingSafeEqualText(cookie, link.csrfToken)) {
    return page(c, 400, messagePage("Please try again", "This form expired or was not sent from the Connect page. Open the link again."));
  }
  const db = database(c.env);
  const authConfig = await getAuthConfig(db, link.projectId, link.authConfigId);
  const toolkit = findToolkit(link.toolkitSlug);
  if (!toolkit) return problemPage(c, "unknown");

  if (oauthScheme(toolkit, authConfig.authScheme)) {
    const oauthApp = await oauthAppFor(c.env, toolkit, authConfig);
    const state = randomToken();
    const verifier = oauthApp.pkce ? randomToken(48) : undefined;
    const verifierEnc = verifier ? await KeyRing.fromEnv(c.env).encrypt(verifier, linkAad(link)) : null;
    if (!(await startOAuthAttempt(db, link.id, state, verifierEnc))) return problemPage(c, "expired");
    return c.redirect(await authorizeUrl(oauthApp, `${publicUrl(c.env, c.req.url)}/oauth/callback`, state, verifier), 303);
  }

  const values = Object.fromEntries(Object.entries(form).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  try {
    const finished = await finishKeyConnection(c.env, db, link, authConfig.authScheme, values);
    if (!finished) return problemPage(c, "used");
  } catch (err) {
    if (err instanceof ApiError) return page(c, 400, messagePage("Please try again", err.message));
    throw err;
  }
  return finish(c, link, { status: "success" });
}

app.get("/oauth/callback", async (c) => {
  const state = c.req.query("state");
  const db = database(c.env);
  const link = state ? await consumeLinkByState(db, state) : undefined;
  if (!link) {
    const late = state ? await findLinkByState(db, state) : undefined;
    if (late?.status === "PENDING") await expireUnfinished(c.env, db, late);
    return page(c, 400, messagePage("Sign-in not recognised", "This sign-in attempt is not valid, has expired, or was already completed. Ask the app for a new link."));
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

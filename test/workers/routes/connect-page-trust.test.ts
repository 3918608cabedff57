import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createAuthConfig, newTenant, type Tenant } from "../fixtures.ts";
import { ADMIN_KEY, call, env, json } from "../helpers.ts";

/**
 * What the Connect page tells the person who opens a link: the app's display name, logo and
 * privacy link (never the operator's internal project name), the provider's mark drawn by
 * the gateway, the permissions in words, and on every page a way back to the app.
 */

const CALLBACK = "https://app.example.com/connected?from=switchboard";
const LOGO = "https://cdn.acme.example/brand/logo.png?v=3";
const PRIVACY = "https://acme.example/privacy";

interface Opened {
  status: number;
  html: string;
  headers: Headers;
  csrf: string;
}

interface Link {
  path: string;
  accountId: string;
}

/** Straight to the Worker: the Connect page answers a person, so its pages are HTML, not the API's JSON envelope `call` insists on. */
async function fetchPage(path: string, init: RequestInit = {}): Promise<Response> {
  return exports.default.fetch(new Request(`http://gateway.test${path}`, { redirect: "manual", ...init }));
}

async function open(path: string): Promise<Opened> {
  const response = await fetchPage(path);
  const csrf = /sb_link_csrf=([^;]+)/.exec(response.headers.get("set-cookie") ?? "")?.[1] ?? "";
  return { status: response.status, html: await response.text(), headers: response.headers, csrf };
}

function post(path: string, fields: Record<string, string>, cookie?: string): Promise<Response> {
  return fetchPage(path, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(cookie ? { cookie: `sb_link_csrf=${cookie}` } : {}) },
    body: new URLSearchParams(fields).toString(),
  });
}

async function newLink(tenant: Tenant, authConfigId: string, userId: string, callbackUrl: string | undefined = CALLBACK): Promise<Link> {
  const created = await call("POST", "/api/v3.1/connected_accounts/link", {
    key: tenant.key,
    body: { auth_config_id: authConfigId, user_id: userId, ...(callbackUrl ? { callback_url: callbackUrl } : {}) },
  });
  expect(created.status).toBe(201);
  const body = await json<{ redirect_url: string; connected_account_id: string }>(created);
  return { path: new URL(body.redirect_url).pathname, accountId: body.connected_account_id };
}

async function brand(projectId: string, branding: Record<string, string | null>): Promise<void> {
  expect((await call("PATCH", `/api/admin/projects/${projectId}`, { admin: ADMIN_KEY, body: branding })).status).toBe(200);
}

/** Every href on the page, as the browser reads it (entities decoded). */
function hrefs(html: string): string[] {
  return [...html.matchAll(/href="([^"]*)"/g)].map((m) => (m[1] ?? "").replaceAll("&amp;", "&"));
}

function returnLink(html: string): URL | undefined {
  const href = hrefs(html).find((h) => h.startsWith("https://app.example.com/"));
  return href ? new URL(href) : undefined;
}

const accountStatus = (tenant: Tenant, id: string) =>
  call("GET", `/api/v3.1/connected_accounts/${id}`, { key: tenant.key }).then((r) => json<{ status: string; status_reason: string | null }>(r));

let branded: Tenant;
let plain: Tenant;
let brandedOAuth: string;
let brandedKey: string;
let plainOAuth: string;

beforeAll(async () => {
  [branded, plain] = await Promise.all([newTenant("acme-internal-ops-7"), newTenant("plain-internal-label")]);
  await brand(branded.projectId, { display_name: "Acme Notes", logo_url: LOGO, privacy_url: PRIVACY });
  const oauth = { client_id: "client-1", client_secret: "secret-1", scopes: "repo, read:user, admin:enterprise" };
  [brandedOAuth, brandedKey, plainOAuth] = await Promise.all([
    createAuthConfig(branded.key, "github", "OAUTH2", oauth),
    createAuthConfig(branded.key, "github", "BEARER_TOKEN"),
    createAuthConfig(plain.key, "github", "OAUTH2", oauth),
  ]);
});

/** The project's internal name (`acme-internal-ops-7-…`) as newTenant made it. */
async function internalName(tenant: Tenant): Promise<string> {
  return (await json<{ name: string }>(await call("GET", `/api/admin/projects/${tenant.projectId}`, { admin: ADMIN_KEY }))).name;
}

describe("Connect page: who is asking", () => {
  it("shows the display name, logo and privacy link, and never the internal project name", async () => {
    const page = await open((await newLink(branded, brandedOAuth, "trust-1")).path);
    expect(page.status).toBe(200);
    expect(page.html).toContain("<strong>Acme Notes</strong> wants to use your <strong>GitHub</strong> account.");
    expect(page.html).not.toContain(await internalName(branded));
    expect(page.html).not.toContain("acme-internal-ops");
    expect(page.html).toMatch(/<img src="https:\/\/cdn\.acme\.example\/brand\/logo\.png\?v=3" alt="" width="48" height="48" referrerpolicy="no-referrer">/);
    expect(hrefs(page.html)).toContain(PRIVACY);
    expect(page.html).toContain("Acme Notes's privacy policy");
  });

  it("lets in images from the logo's origin and nowhere else, and keeps every other protection", async () => {
    const page = await open((await newLink(branded, brandedOAuth, "trust-2")).path);
    const csp = page.headers.get("content-security-policy") ?? "";
    expect(csp).toBe("default-src 'none'; style-src 'unsafe-inline'; img-src https://cdn.acme.example; frame-ancestors 'none'; base-uri 'none'");
    expect(page.headers.get("x-frame-options")).toBe("DENY");
    expect(page.headers.get("x-content-type-options")).toBe("nosniff");
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    // The only image is the app's logo: the provider's mark is inline SVG, not the catalog's CDN logo.
    expect([...page.html.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1])).toEqual([LOGO.replace("&", "&amp;")]);
    expect(page.html).toMatch(/<svg class="mark"[^>]*aria-hidden="true"/);
    expect(page.html).not.toMatch(/<script/i);
  });

  it("says 'this app' when no display name is set, and then allows no image at all", async () => {
    const page = await open((await newLink(plain, plainOAuth, "trust-3")).path);
    expect(page.html).toContain("<strong>This app</strong> wants to use your <strong>GitHub</strong> account.");
    expect(page.html).not.toContain(await internalName(plain));
    expect(page.html).not.toContain("<img");
    expect(page.html).not.toContain("privacy policy");
    expect(page.headers.get("content-security-policy")).toContain("img-src 'none';");
    expect(page.html).toContain("Cancel and return to this app");
  });

  it("escapes a display name with markup in it", async () => {
    const tenant = await newTenant("escaping");
    await brand(tenant.projectId, { display_name: `<img src=x onerror=alert(1)> & "Friends"` });
    const config = await createAuthConfig(tenant.key, "github", "BEARER_TOKEN");
    const page = await open((await newLink(tenant, config, "trust-4")).path);
    expect(page.html).not.toContain("<img src=x");
    expect(page.html).toContain("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;Friends&quot;");
  });

  it("puts the permissions in words where known and shows any other scope as it is", async () => {
    const page = await open((await newLink(branded, brandedOAuth, "trust-5")).path);
    expect(page.html).toContain("It asks to:");
    expect(page.html).toContain("<li>read and write your private repositories<code>repo</code></li>");
    expect(page.html).toContain("<li>read your profile<code>read:user</code></li>");
    expect(page.html).toContain("<li><code>admin:enterprise</code></li>");
  });

  it("words Google's scopes too (Gmail's default)", async () => {
    const config = await createAuthConfig(plain.key, "gmail", "OAUTH2", { client_id: "g", client_secret: "s" });
    const page = await open((await newLink(plain, config, "trust-6")).path);
    expect(page.html).toContain("read, send, and organise your email (not delete it for good)<code>https://www.googleapis.com/auth/gmail.modify</code>");
  });

  it("tells the person where to find a key, and offers to cancel", async () => {
    const page = await open((await newLink(branded, brandedKey, "trust-7")).path);
    expect(page.html).toContain("You can create an access token in your GitHub account settings");
    expect(page.html).toContain("A separate one for Acme Notes lets you revoke it on its own later.");
    expect(page.html).toContain('name="intent" value="cancel"');
    expect(page.html).toContain("Cancel and return to Acme Notes");
  });
});

describe("Connect page: the way back", () => {
  it("Cancel spends the link, fails the account and returns to the app with status=cancelled", async () => {
    const link = await newLink(branded, brandedOAuth, "cancel-1");
    const page = await open(link.path);
    const cancelled = await post(link.path, { csrf_token: page.csrf, intent: "cancel" }, page.csrf);
    expect(cancelled.status).toBe(303);
    const back = new URL(cancelled.headers.get("location") ?? "");
    expect(`${back.origin}${back.pathname}`).toBe("https://app.example.com/connected");
    expect(Object.fromEntries(back.searchParams)).toEqual({ from: "switchboard", status: "cancelled", connected_account_id: link.accountId });
    expect(await accountStatus(branded, link.accountId)).toMatchObject({ status: "FAILED", status_reason: "cancelled: the user chose not to connect" });

    // Spent: opening it again says so, and still offers the way back.
    const again = await open(link.path);
    expect(again.status).toBe(410);
    expect(again.html).toContain("Link already used");
    expect(again.csrf).toBe("");
    expect(Object.fromEntries(returnLink(again.html)?.searchParams ?? [])).toEqual({
      from: "switchboard",
      status: "failed",
      error: "link_already_used",
      connected_account_id: link.accountId,
    });
    expect(again.html).toContain("Return to Acme Notes");
  });

  it("Cancel without a callback URL says nothing was connected and that the window can be closed", async () => {
    const link = await newLink(plain, plainOAuth, "cancel-2", "");
    const page = await open(link.path);
    expect(page.html).toMatch(/<button type="submit" class="secondary">Cancel<\/button>/);
    const cancelled = await post(link.path, { csrf_token: page.csrf, intent: "cancel" }, page.csrf);
    expect(cancelled.status).toBe(200);
    const html = await cancelled.text();
    expect(html).toContain("<h1>Cancelled</h1>");
    expect(html).toContain("You can close this window.");
  });

  it("a Cancel without the CSRF cookie is refused, changes nothing, and offers to try again or cancel", async () => {
    const link = await newLink(branded, brandedKey, "cancel-3");
    const page = await open(link.path);
    const forged = await post(link.path, { csrf_token: page.csrf, intent: "cancel" });
    expect(forged.status).toBe(400);
    expect(forged.headers.get("location")).toBeNull();
    const html = await forged.text();
    expect(html).toContain("Please try again");
    expect(hrefs(html)).toContain(link.path);
    expect(html).toContain("Cancel and return to Acme Notes");
    expect(await accountStatus(branded, link.accountId)).toMatchObject({ status: "INITIATED" });
    // The refusal page's Cancel works: it set the cookie its form needs.
    const cookie = /sb_link_csrf=([^;]+)/.exec(forged.headers.get("set-cookie") ?? "")?.[1] ?? "";
    expect((await post(link.path, { csrf_token: cookie, intent: "cancel" }, cookie)).status).toBe(303);
  });

  it("an expired link offers the way back with error=link_expired", async () => {
    const link = await newLink(branded, brandedOAuth, "expired-1");
    await env.DB.prepare("UPDATE link_requests SET expires_at = ? WHERE connected_account_id = ?").bind(Date.now() - 1000, link.accountId).run();
    const page = await open(link.path);
    expect(page.status).toBe(410);
    expect(page.html).toContain("<h1>Link expired</h1>");
    expect(page.html).toContain("Return to Acme Notes");
    expect(Object.fromEntries(returnLink(page.html)?.searchParams ?? [])).toEqual({
      from: "switchboard",
      status: "failed",
      error: "link_expired",
      connected_account_id: link.accountId,
    });
    expect(page.headers.get("content-security-policy")).toContain("img-src https://cdn.acme.example;");
    expect(page.html).not.toContain(await internalName(branded));
  });

  it("an expired link without a callback URL says the window can be closed", async () => {
    const link = await newLink(plain, plainOAuth, "expired-2", "");
    await env.DB.prepare("UPDATE link_requests SET expires_at = ? WHERE connected_account_id = ?").bind(Date.now() - 1000, link.accountId).run();
    const page = await open(link.path);
    expect(page.status).toBe(410);
    expect(page.html).toContain("You can close this window.");
    expect(hrefs(page.html)).toEqual([]);
  });

  it.each(["/link/lk_AAAAAAAAAAAAAAAAAAAAAA", "/link/not-a-link"])("an unknown link (%s) says the window can be closed", async (path) => {
    const page = await open(path);
    expect(page.status).toBe(404);
    expect(page.html).toContain("<h1>Link not found</h1>");
    expect(page.html).toContain("You can close this window.");
    expect(page.headers.get("content-security-policy")).toContain("img-src 'none';");
  });

  it("a sign-in the gateway does not recognise says the window can be closed", async () => {
    const page = await open("/oauth/callback?state=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA&code=x");
    expect(page.status).toBe(400);
    expect(page.html).toContain("Sign-in not recognised");
    expect(page.html).toContain("You can close this window.");
  });
});

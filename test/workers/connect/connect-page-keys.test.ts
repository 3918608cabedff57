import { exports } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createAuthConfig, newTenant, type Tenant } from "../fixtures.ts";
import { call } from "../helpers.ts";

/**
 * The Connect page's key form for a scheme that sends more than the key: Trello wants its
 * `key` and a user `token` on every request, so the form asks for both and refuses one alone.
 */

let tenant: Tenant;
let authConfigId: string;

beforeAll(async () => {
  tenant = await newTenant("connect-page-keys");
  authConfigId = await createAuthConfig(tenant.key, "trello", "API_KEY");
});

async function openLink(userId: string): Promise<{ path: string; csrf: string; html: string }> {
  const created = await call("POST", "/api/v3.1/connected_accounts/link", { key: tenant.key, body: { auth_config_id: authConfigId, user_id: userId } });
  expect(created.status).toBe(201);
  const path = new URL(((await created.json()) as { redirect_url: string }).redirect_url).pathname;
  const page = await call("GET", path);
  expect(page.status).toBe(200);
  const csrf = /sb_link_csrf=([^;]+)/.exec(page.headers.get("set-cookie") ?? "")?.[1] ?? "";
  return { path, csrf, html: await page.text() };
}

// Straight to the Worker: the Connect page answers a person, so its refusals are HTML, not the API's JSON envelope `call` insists on.
const submit = (link: { path: string; csrf: string }, values: Record<string, string>) =>
  exports.default.fetch(
    new Request(`http://gateway.test${link.path}`, {
      method: "POST",
      headers: { cookie: `sb_link_csrf=${link.csrf}`, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ csrf_token: link.csrf, ...values }).toString(),
      redirect: "manual",
    }),
  );

describe("Connect page: API keys sent together", () => {
  it("asks for the token beside the key", async () => {
    const { html } = await openLink("page-user-1");
    expect(html).toMatch(/name="api_key"/);
    expect(html).toMatch(/name="token"/);
  });

  it("refuses the key alone, naming what is missing, and connects with both", async () => {
    const link = await openLink("page-user-2");
    const alone = await submit(link, { api_key: "trello-key-1" });
    expect(alone.status).toBe(400);
    const text = await alone.text();
    expect(text).toContain("connection.state.val.token");
    expect(text).not.toContain("trello-key-1");

    const both = await submit(link, { api_key: "trello-key-1", token: "trello-token-1" });
    expect(both.status).toBeLessThan(400);
    const accounts = await call("GET", "/api/v3.1/connected_accounts?user_ids=page-user-2", { key: tenant.key });
    expect(((await accounts.json()) as { items: { status: string }[] }).items.map((a) => a.status)).toEqual(["ACTIVE"]);
  });
});

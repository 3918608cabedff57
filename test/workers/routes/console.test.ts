import { describe, expect, it } from "vitest";
import { call } from "../helpers.ts";

/** The console's shell and files: public (they hold no data), under a self-only policy. The browser test drives the app itself. */
describe("the operator console", () => {
  it("sends / to /console", async () => {
    // The Worker's fetch follows the redirect: where it ends up is what a browser shows.
    const response = await call("GET", "/");
    expect(response.redirected).toBe(true);
    expect(new URL(response.url).pathname).toBe("/console");
    expect(response.status).toBe(200);
    await response.text();
  });

  it("serves its page with no key, no inline script and a self-only policy", async () => {
    const response = await call("GET", "/console");
    expect(response.status).toBe(200);
    const policy = response.headers.get("content-security-policy") ?? "";
    for (const directive of ["default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'"]) expect(policy).toContain(directive);
    const html = await response.text();
    expect(html).toContain('<script type="module" src="/console/app.js"></script>');
    expect(html).not.toMatch(/<script>(?!<)/);
  });

  it("serves its script and stylesheet from the static assets", async () => {
    const script = await call("GET", "/console/app.js");
    expect(script.status).toBe(200);
    expect(script.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(script.headers.get("x-content-type-options")).toBe("nosniff");
    expect((await script.text()).length).toBeGreaterThan(10_000);
    const style = await call("GET", "/console/app.css");
    expect(style.headers.get("content-type")).toBe("text/css; charset=utf-8");
    await style.text();
  });

  it("answers an unknown console file with 404", async () => {
    const response = await call("GET", "/console/other.js");
    expect(response.status).toBe(404);
    await response.text();
  });
});

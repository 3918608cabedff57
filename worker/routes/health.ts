import { createRoute, z } from "@hono/zod-openapi";
import { d1Binding } from "../../core/db/d1-binding.ts";
import { createRouter } from "../http/openapi-app.ts";
import { jsonResponse } from "../http/schemas.ts";
import { version } from "../version.ts";

const HealthSchema = z
  .object({
    status: z.enum(["ok", "degraded"]).openapi({ description: "`ok` (HTTP 200) when D1 is `ready` and both secrets are `set`; otherwise `degraded` (HTTP 503)." }),
    version: z.string().openapi({ description: "The gateway's version (package.json's `version`).", example: "0.1.0" }),
    storage: z
      .object({
        d1: z.enum(["ready", "migrations_pending", "unavailable"]).openapi({
          description: "The D1 database: `ready`; `migrations_pending` when the newest table the code expects is missing (apply the migrations); `unavailable` when the query failed otherwise.",
        }),
      })
      .openapi({ description: "Whether the storage the gateway needs answers." }),
    secrets: z
      .object({
        admin_api_key: z.enum(["set", "missing"]).openapi({ description: "Whether the ADMIN_API_KEY secret is set (the operator API needs it). Its value is never shown." }),
        encryption_keys: z.enum(["set", "missing"]).openapi({ description: "Whether both ENCRYPTION_KEYS and ENCRYPTION_KEY_ID are set (stored credentials need them). Their values are never shown." }),
      })
      .openapi({ description: "Which required secrets are configured; only `set` or `missing`." }),
  })
  .openapi("Health");

type Health = z.infer<typeof HealthSchema>;
type D1State = Health["storage"]["d1"];

/** Reads the newest table the code expects; a missing table means migrations were not applied. */
async function d1State(db: D1Database): Promise<D1State> {
  try {
    await db.prepare("SELECT 1 FROM link_requests LIMIT 1").all();
    return "ready";
  } catch (err) {
    return /no such table/i.test(String(err)) ? "migrations_pending" : "unavailable";
  }
}

const app = createRouter();

app.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags: ["Health"],
    summary: "Version and storage readiness (no key needed)",
    responses: {
      200: jsonResponse(HealthSchema, "Everything this gateway needs is in place."),
      503: jsonResponse(HealthSchema, "Storage or configuration is not ready; the body says which."),
    },
  }),
  async (c) => {
    const d1 = await d1State(d1Binding(c.env));
    const secrets = {
      admin_api_key: c.env.ADMIN_API_KEY ? "set" : "missing",
      encryption_keys: c.env.ENCRYPTION_KEYS && c.env.ENCRYPTION_KEY_ID ? "set" : "missing",
    } as const;
    const ok = d1 === "ready" && secrets.admin_api_key === "set" && secrets.encryption_keys === "set";
    const body: Health = { status: ok ? "ok" : "degraded", version, storage: { d1 }, secrets };
    return ok ? c.json(body, 200) : c.json(body, 503);
  },
);

// Liveness without touching storage: for load balancers, and the benchmark's bare-Worker baseline.
app.openapi(
  createRoute({
    method: "get",
    path: "/live",
    tags: ["Health"],
    summary: "The Worker answers (no key, no storage)",
    responses: { 200: jsonResponse(z
          .object({
            status: z.literal("ok").openapi({ description: "Always `ok`: the Worker answered. Storage is not checked (see `GET /health`)." }),
            version: z.string().openapi({ description: "The gateway's version (package.json's `version`).", example: "0.1.0" }),
          })
          .openapi("Liveness"), "The Worker is up.") },
  }),
  (c) => c.json({ status: "ok" as const, version }, 200),
);

export default app;

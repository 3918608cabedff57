import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../app-env.ts";
import { loadCatalog } from "../../core/catalog/registry.ts";

/**
 * Reads the catalog's index before a route runs (once per isolate; a no-op afterwards), so
 * routes look toolkits and tools up synchronously. Health checks skip it: they must answer
 * even when the catalog cannot be read, and /health/live is the benchmarks' bare baseline.
 */
export const catalogLoaded = createMiddleware<AppEnv>(async (c, next) => {
  if (!c.req.path.startsWith("/health")) await loadCatalog(c.env);
  await next();
});

import { applyD1Migrations, type D1Migration } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { loadCatalog } from "../../core/catalog/registry.ts";

// Idempotent, so it is safe to run before every test file.
const { TEST_MIGRATIONS } = env as unknown as { TEST_MIGRATIONS: D1Migration[] };
await applyD1Migrations(env.DB, TEST_MIGRATIONS);

// Tests call catalog lookups directly, as routes do once the request's middleware read the catalog.
await loadCatalog(env);

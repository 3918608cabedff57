import path from "node:path";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";
import { unstable_readConfig } from "wrangler";

/** wrangler.toml's `[alias]`, relative targets made absolute (Vite resolves them from the importer otherwise). */
const wranglerAliases = Object.fromEntries(
  Object.entries(unstable_readConfig({ config: path.join(import.meta.dirname, "wrangler.toml") }).alias ?? {}).flatMap(([name, target]) =>
    typeof target === "string" ? [[name, target.startsWith(".") ? path.resolve(import.meta.dirname, target) : target]] : [],
  ),
);

/**
 * Tests that read or change rows of every project (listing all projects, re-encrypting every
 * row, the scheduled cleanup): they keep storage of their own, as every file used to.
 */
const WHOLE_DATABASE_TESTS = ["test/workers/routes/admin-projects.test.ts", "test/workers/routes/admin-encryption.test.ts", "test/workers/lifecycle/cleanup.test.ts"];

/** Tests that run inside workerd, against the real Worker, D1 and Durable Object storage. */
export default defineConfig(async () => ({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: "./wrangler.toml" },
      miniflare: {
        // Fixed test secrets, so the suite never depends on a developer's .dev.vars.
        bindings: {
          TEST_MIGRATIONS: await readD1Migrations(path.join(import.meta.dirname, "migrations")),
          ADMIN_API_KEY: "test-admin-key",
          ENCRYPTION_KEYS: JSON.stringify({ k1: "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=" }),
          ENCRYPTION_KEY_ID: "k1",
          DEFAULT_OAUTH_APPS: "{}",
        },
      },
    }),
  ],
  // The plugin does not apply wrangler.toml's [alias] (module stubs such as ajv's); applying
  // it here keeps the tests on the module graph that ships.
  resolve: { alias: wranglerAliases },
  test: {
    setupFiles: ["./test/workers/apply-migrations.ts"],
    projects: [
      {
        extends: true as const,
        test: {
          name: "shared",
          include: ["test/workers/**/*.test.ts"],
          exclude: WHOLE_DATABASE_TESTS,
          // Files share their worker's isolate and storage: starting one per file cost two thirds of
          // the suite's time. Every test makes its own project, keys and ids, so none sees another's data.
          isolate: false,
        },
      },
      { extends: true as const, test: { name: "whole-database", include: WHOLE_DATABASE_TESTS } },
    ],
  },
}));

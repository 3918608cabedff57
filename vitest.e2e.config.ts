import { defineConfig } from "vitest/config";

/** End-to-end tests: Node drives the real gateway over HTTP, started by wrangler's dev server. */
export default defineConfig({
  test: {
    include: ["test/e2e/**/*.test.ts"],
    environment: "node",
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Files share one gateway (global-setup.ts); running them one at a time keeps a 2-core machine responsive.
    globalSetup: ["./test/e2e/global-setup.ts"],
    fileParallelism: false,
  },
});

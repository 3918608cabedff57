import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unstable_startWorker } from "wrangler";
import { generateSecrets, type DevVars } from "./local-secrets.ts";
import { projectRoot } from "./paths.ts";
import { applyLocalMigrations } from "./wrangler.ts";

export interface LocalGateway {
  url: string;
  adminKey: string;
  /** Pass these back with `persistDir` to restart on the same data. */
  secrets: DevVars;
  persistDir: string;
  /** Stops the gateway; the storage in `persistDir` stays for a restart. */
  stop(): Promise<void>;
  /** Stops the gateway and deletes its storage. */
  destroy(): Promise<void>;
}

export interface LocalGatewayOptions {
  /** Reuse storage from an earlier gateway (to test restarts); a fresh temp dir otherwise. */
  persistDir?: string;
  /** Secrets to run with; freshly generated ones otherwise. */
  secrets?: DevVars;
  /** Overrides for `[vars]` in wrangler.toml. */
  vars?: Record<string, string>;
}

/**
 * Starts the real gateway with wrangler's programmatic dev server on a free loopback
 * port: the same workerd, D1 and migrations as `npm run dev`, in storage of its own.
 */
export async function startLocalGateway(options: LocalGatewayOptions = {}): Promise<LocalGateway> {
  const persistDir = options.persistDir ?? mkdtempSync(path.join(tmpdir(), "switchboard-"));
  await applyLocalMigrations(persistDir, { stdio: "ignore" });
  const secrets = options.secrets ?? generateSecrets();
  const bindings = Object.fromEntries([
    ...Object.entries(secrets).map(([name, value]) => [name, { type: "secret_text" as const, value }]),
    ...Object.entries(options.vars ?? {}).map(([name, value]) => [name, { type: "plain_text" as const, value }]),
  ]);
  const worker = await unstable_startWorker({
    config: path.join(projectRoot, "wrangler.toml"),
    bindings,
    dev: { server: { hostname: "127.0.0.1", port: 0 }, inspector: false, persist: persistDir, logLevel: "error" },
  });
  await worker.ready;
  const url = (await worker.url).origin;
  const stop = () => worker.dispose();
  return {
    url,
    adminKey: secrets.ADMIN_API_KEY ?? "",
    secrets,
    persistDir,
    stop,
    async destroy() {
      await stop();
      rmSync(persistDir, { recursive: true, force: true });
    },
  };
}

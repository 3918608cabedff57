import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { unstable_startWorker } from "wrangler";
import { projectRoot } from "../lib/paths.ts";

/**
 * The platform's floor (`floor-worker/`), started beside the gateway: the same workerd and
 * compatibility flags, no gateway code. Its cases are what the session benchmarks cannot go
 * below on this runtime, however little the gateway did.
 */

export const FLOOR_CASES = {
  bare: "floor: bare Worker route",
  object: "floor: Worker → Durable Object RPC",
  upstream: "floor: Worker → object → upstream fetch",
  newObject: "floor: Worker → new SQLite object",
} as const;
export type FloorKey = keyof typeof FLOOR_CASES;
export type FloorCases = Record<FloorKey, () => Promise<Response>>;

export interface FloorWorker {
  cases: FloorCases;
  dispose(): Promise<void>;
}

export async function startFloorWorker(upstreamUrl: string): Promise<FloorWorker> {
  // On disk, as the gateway's objects are: a new object in memory would cost less than one can.
  const persistDir = mkdtempSync(path.join(tmpdir(), "switchboard-floor-"));
  const worker = await unstable_startWorker({
    config: path.join(projectRoot, "scripts/bench/floor-worker/wrangler.toml"),
    dev: { server: { hostname: "127.0.0.1", port: 0 }, inspector: false, persist: persistDir, logLevel: "error" },
  });
  await worker.ready;
  const url = (await worker.url).origin;
  const target = encodeURIComponent(`${upstreamUrl}/repos/octocat/hello-world`);
  const cases: FloorCases = {
    bare: () => fetch(`${url}/bare`),
    object: () => fetch(`${url}/object`),
    upstream: () => fetch(`${url}/upstream-through-object?url=${target}`, { headers: { authorization: "Bearer gho_octocat_token" } }),
    newObject: () => fetch(`${url}/new-object`),
  };
  const probe = await cases.upstream();
  if (!probe.ok || !(await probe.text()).includes("hello-world")) throw new Error(`the floor Worker does not reach the upstream simulator (${probe.status})`);
  return {
    cases,
    async dispose() {
      await worker.dispose();
      rmSync(persistDir, { recursive: true, force: true });
    },
  };
}

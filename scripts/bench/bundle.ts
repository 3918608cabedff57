import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { projectRoot } from "../lib/paths.ts";
import { runWrangler } from "../lib/wrangler.ts";
import { fmt } from "./report.ts";

/** Every file under a directory (recursively), as absolute paths. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name)) : [path.join(dir, entry.name)],
  );
}

const kib = (bytes: number) => `${fmt(bytes / 1024, 0)} KiB`;

/** The catalog as it ships beside the script (static assets): what every fresh isolate reads, and the shards read on demand. */
function catalogAssets(): string {
  const dir = path.join(projectRoot, "catalog/dist/assets/catalog");
  const size = (file: string) => {
    const bytes = readFileSync(file);
    return { raw: bytes.byteLength, gzipped: gzipSync(bytes).byteLength };
  };
  const index = size(path.join(dir, "index.json"));
  const search = size(path.join(dir, "search-index.json"));
  const shards = filesUnder(path.join(dir, "shards")).map(size);
  const shardBytes = shards.reduce((sum, s) => sum + s.raw, 0);
  const largest = Math.max(0, ...shards.map((s) => s.raw));
  return [
    `Catalog static assets: index ${kib(index.raw)} (${kib(index.gzipped)} gzipped) and search index ${kib(search.raw)} (${kib(search.gzipped)} gzipped), read once per isolate;`,
    `  ${shards.length} shards of tool definitions, ${kib(shardBytes)} in all (largest ${kib(largest)}), read on demand`,
  ].join("\n");
}

/** The production bundle (what `wrangler deploy` uploads as the script: its modules and wasm), raw and gzipped; the catalog ships beside it as static assets. */
export async function benchBundle(): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), "switchboard-bundle-"));
  try {
    await runWrangler(["deploy", "--dry-run", "--outdir", outDir], { stdio: "ignore" });
    const modules = readdirSync(outDir).filter((name) => name.endsWith(".js") || name.endsWith(".wasm"));
    let raw = 0;
    let gzipped = 0;
    for (const name of modules) {
      const bytes = readFileSync(path.join(outDir, name));
      raw += bytes.byteLength;
      gzipped += gzipSync(bytes).byteLength;
    }
    return `Worker bundle (${modules.length} modules): ${kib(raw)}, ${kib(gzipped)} gzipped (limit on the free plan: 3 MiB gzipped)\n${catalogAssets()}`;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

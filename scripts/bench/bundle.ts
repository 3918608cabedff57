import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { runWrangler } from "../lib/wrangler.ts";
import { fmt } from "./report.ts";

/** The production bundle (what `wrangler deploy` uploads: the script and its wasm module), raw and gzipped, catalog included. */
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
    return `Worker bundle (${modules.length} modules): ${fmt(raw / 1024, 0)} KiB, ${fmt(gzipped / 1024, 0)} KiB gzipped`;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { runWrangler } from "../lib/wrangler.ts";
import { fmt } from "./report.ts";

/** The production bundle (what `wrangler deploy` uploads), raw and gzipped, catalog included. */
export async function benchBundle(): Promise<string> {
  const outDir = mkdtempSync(path.join(tmpdir(), "switchboard-bundle-"));
  try {
    await runWrangler(["deploy", "--dry-run", "--outdir", outDir], { stdio: "ignore" });
    const bundle = readFileSync(path.join(outDir, "index.js"));
    return `Worker bundle: ${fmt(bundle.byteLength / 1024, 0)} KiB, ${fmt(gzipSync(bundle).byteLength / 1024, 0)} KiB gzipped`;
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

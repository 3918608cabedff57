import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";

/** Every file under a directory, as paths relative to it. */
function filesUnder(dir: string, prefix = ""): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(path.join(dir, entry.name), path.join(prefix, entry.name)) : [path.join(prefix, entry.name)],
  );
}

/**
 * Makes `dir` hold exactly `outputs` (relative path → contents): files whose contents are
 * unchanged are not rewritten (their times stay, so watchers stay quiet), files no longer
 * produced are removed (a shard of a removed toolkit must not linger among the assets).
 */
export function writeOutputs(dir: string, outputs: ReadonlyMap<string, string>): void {
  for (const [relative, contents] of outputs) {
    const target = path.join(dir, relative);
    if (existsSync(target) && readFileSync(target, "utf8") === contents) continue;
    mkdirSync(path.dirname(target), { recursive: true });
    writeFileSync(target, contents);
  }
  for (const relative of filesUnder(dir)) if (!outputs.has(relative)) rmSync(path.join(dir, relative));
}

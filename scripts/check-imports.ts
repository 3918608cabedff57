/**
 * `node scripts/check-imports.ts` (run by `npm run typecheck`): the import directions the
 * layout promises, checked on every file, so a shortcut across layers fails CI instead of
 * growing quietly. The boundary is visible in the tree: code that runs in the Worker is under
 * `worker/`, code that runs inside a Durable Object under `durable-objects/`, and what both
 * use under `core/`. The rules as they stand:
 *
 * 1. Deployed code (`worker/`, `core/`, `durable-objects/`, `catalog/` sources) never imports
 *    tests, scripts or the upstream simulator.
 * 2. The Worker's HTTP layer (`worker/app.ts`, `worker/routes/`, the key middleware) is imported
 *    by nothing below it but the entry point: routes call the core, never the reverse, and
 *    Durable Objects are reached over RPC, not through routes.
 * 3. Worker code reaches Durable Object modules for types only (their RPC signatures); the one
 *    module that loads them is the entry point, `worker/index.ts`, which exports the classes.
 * 4. `core/` imports nothing from `worker/` or `durable-objects/`, not even a type: it runs on
 *    both sides, so it can depend on neither.
 * 5. `durable-objects/` imports nothing from `worker/`, not even a type: what an object shares
 *    with the Worker is in `core/`.
 * 6. The pure cores (the OpenAPI generator, the catalog format, search) import no Node or
 *    Workers runtime module: they run in the build, in tests and in the isolate alike.
 * 7. Deployed code loads only packages listed in `dependencies`: a runtime import of a dev
 *    dependency works on this machine and breaks an install that skips dev dependencies.
 *
 * There are no exceptions: where core code needs something an object or the Worker holds (the
 * workbench's variables, a caller's credential), core declares the shape it needs and the other
 * side supplies it. A dynamic `import(…)` counts as an import: a runtime one, unless it names a
 * type (`import(…).Node`).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "./lib/paths.ts";

interface Import {
  from: string;
  /** As written. */
  specifier: string;
  /** A relative specifier resolved to a path from the project root; a package's as written. */
  target: string;
  typeOnly: boolean;
}

const IMPORT = /(?:^|\n)\s*(?:import|export)\s+(type\s+)?(?:[^;'"]*?\sfrom\s+)?["']([^"']+)["']/g;
/** A dynamic `import(…)`: a type when a type name follows it (`import(…).Name`), else a module loaded at run time. */
const DYNAMIC_IMPORT = /\bimport\(\s*["']([^"']+)["']\s*\)(\.(?!then\b|catch\b|finally\b)[A-Za-z_$])?/g;

function files(dir: string): string[] {
  return readdirSync(path.join(projectRoot, dir)).flatMap((name) => {
    const relative = path.posix.join(dir, name);
    if (statSync(path.join(projectRoot, relative)).isDirectory()) return name === "dist" || name === "node_modules" ? [] : files(relative);
    return /\.tsx?$/.test(name) ? [relative] : [];
  });
}

function importsOf(file: string): Import[] {
  const text = readFileSync(path.join(projectRoot, file), "utf8");
  const found = [
    ...[...text.matchAll(IMPORT)].map((match) => ({ specifier: match[2] ?? "", typeOnly: match[1] !== undefined })),
    ...[...text.matchAll(DYNAMIC_IMPORT)].map((match) => ({ specifier: match[1] ?? "", typeOnly: match[2] !== undefined })),
  ];
  return found.map(({ specifier, typeOnly }) => {
    const target = specifier.startsWith(".") ? path.posix.normalize(path.posix.join(path.posix.dirname(file), specifier)) : specifier;
    return { from: file, specifier, target, typeOnly };
  });
}

const under = (file: string, ...dirs: string[]) => dirs.some((dir) => file === dir || file.startsWith(`${dir}/`));
const HTTP_LAYER = ["worker/app.ts", "worker/routes", "worker/auth/require-api-key.ts", "worker/auth/require-admin-key.ts", "worker/auth/require-mcp-caller.ts"];
const PURE_CORES = ["worker/openapi", "catalog/definition.ts", "catalog/checks.ts", "core/catalog/search"];
const DEPLOYED = ["worker", "core", "durable-objects"];
const RUNTIME_PACKAGES = new Set(Object.keys((JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as { dependencies: Record<string, string> }).dependencies));

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`; undefined for relative and runtime-provided modules. */
function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.includes(":")) return undefined;
  const parts = specifier.split("/");
  return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
}

const rules: { name: string; broken: (i: Import) => boolean }[] = [
  {
    name: "deployed code imports tests, scripts or the simulator",
    broken: (i) => under(i.from, ...DEPLOYED, "catalog") && under(i.target, "test", "scripts"),
  },
  {
    name: "the HTTP layer is imported from below it",
    broken: (i) => !under(i.from, ...HTTP_LAYER, "worker/index.ts", "test", "scripts") && under(i.target, ...HTTP_LAYER),
  },
  {
    name: "Worker code loads a Durable Object module (types only, or worker/index.ts)",
    broken: (i) => under(i.from, "worker") && i.from !== "worker/index.ts" && under(i.target, "durable-objects") && !i.typeOnly,
  },
  {
    name: "core/ imports from worker/ or durable-objects/",
    broken: (i) => under(i.from, "core") && under(i.target, "worker", "durable-objects"),
  },
  {
    name: "durable-objects/ imports from worker/",
    broken: (i) => under(i.from, "durable-objects") && under(i.target, "worker"),
  },
  {
    name: "a pure core imports a runtime module",
    broken: (i) => PURE_CORES.some((core) => i.from.startsWith(core)) && (i.target.startsWith("node:") || i.target.startsWith("cloudflare:") || under(i.target, "durable-objects")),
  },
  {
    name: "deployed code loads a package that is not in dependencies",
    broken: (i) => {
      const name = under(i.from, ...DEPLOYED) && !i.typeOnly ? packageOf(i.specifier) : undefined;
      return name !== undefined && !RUNTIME_PACKAGES.has(name);
    },
  },
];

const all = ["worker", "core", "durable-objects", "catalog", "scripts", "test"].flatMap(files).flatMap(importsOf);
const broken = rules.flatMap((rule) => all.filter(rule.broken).map((i) => `${rule.name}: ${i.from} -> ${i.target}`));
if (broken.length > 0) {
  console.error(`Import boundaries broken (scripts/check-imports.ts):\n${broken.map((line) => `  ${line}`).join("\n")}`);
  process.exit(1);
}
console.log(`Import boundaries hold (${all.length} imports in ${new Set(all.map((i) => i.from)).size} files).`);

import type { ToolkitInput } from "../../catalog/definition.ts";
import { catalogProblems } from "../../catalog/checks.ts";
import { readAuth, operationScopes, takesToken } from "./auth.ts";
import { importantSlugs } from "./importance.ts";
import { documentVersion, readOperations, type Operation } from "./normalize.ts";
import { humanize, isMethodNamed, numbered, operationIdWords, pathWords, restWords, slugFromWords, summaryHead, words } from "./naming.ts";
import { buildTool, type BuiltTool } from "./operations.ts";
import { createRefResolver } from "./refs.ts";
import { MAX_OBJECT_DEPTH, schemaContext } from "./schema.ts";
import { operationBaseUrl, toolkitBaseUrl } from "./servers.ts";
import { cleanDescription, plainText } from "./text.ts";
import {
  DEFAULT_LIMITS,
  OpenApiImportError,
  type GenerateOptions,
  type GenerateReport,
  type GenerateResult,
  type Limits,
  type OpenApiDocument,
  type SkipReason,
  type SkippedOperation,
} from "./types.ts";

/**
 * OpenAPI 3.0 / 3.1 or Swagger 2.0 document → a catalog toolkit (ToolkitInput) and a report of
 * what was imported and what was skipped, and why. Pure: no I/O, no `node:` modules, so it
 * runs in the build scripts and inside the Worker (a project's own OpenAPI upload).
 *
 * Never emits a broken tool: operations the executor cannot call as described (deprecated,
 * file uploads, raw bytes, placeholders without a parameter) or that the catalog checks
 * reject are skipped and counted. Output is deterministic: same document and options, same
 * toolkit, tools sorted by slug.
 */

export { OpenApiImportError, DEFAULT_LIMITS } from "./types.ts";
export type { GenerateOptions, GenerateReport, GenerateResult, SkipReason } from "./types.ts";

type ToolInput = ToolkitInput["tools"][number];

const DEFAULT_VERSION = "20261101_00";
const DEFAULT_IMPORTANT_SHARE = 0.15;
const DEFAULT_MAX_SCOPES = 10;
/** About 4,000 tokens: the most one tool's input schema should cost a model's context. */
const MAX_INPUT_SCHEMA_CHARS = 16000;
const TOOLKIT_SLUG = /^[a-z][a-z0-9_]*$/;
const TOOL_SLUG = /^[A-Z][A-Z0-9_]{0,63}$/;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function limitsOf(options: GenerateOptions): Limits {
  const limits = { ...DEFAULT_LIMITS, ...(options.limits ?? {}) };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) throw new OpenApiImportError(`limits.${name} must be a positive integer`);
  }
  return limits;
}

/** How an option list names an operation: `"GET /path"` or its operationId. */
function names(op: Operation, list: ReadonlySet<string>): boolean {
  return list.has(op.key) || (typeof op.operation.operationId === "string" && list.has(op.operation.operationId));
}

function compilePatterns(sources: string[] | undefined, option: string): RegExp[] {
  return (sources ?? []).map((source) => {
    try {
      return new RegExp(source);
    } catch {
      throw new OpenApiImportError(`${option}: ${JSON.stringify(source)} is not a valid regular expression`);
    }
  });
}

/** The word lists an operation can be named by, best first: summary, operationId (or REST words when it only says the method), method and path. */
function nameCandidates(op: Operation): string[][] {
  const fromId = operationIdWords(op.operation.operationId);
  const rest = restWords(op.method, op.path);
  return [
    words(summaryHead(op.operation.summary)),
    // A path with nothing to name (`/v1/{name}`) gives a bare verb: the operationId's words say more ("get spaces messages attachments").
    isMethodNamed(fromId) && rest.length > 1 ? rest : fromId,
    rest,
    pathWords(op.method, op.path),
  ].filter((list) => list.length > 0);
}

/** Slug fixes first, then the first candidate words whose slug is free; numbered when all are taken. */
function assignSlugs(kept: { op: Operation; tool: BuiltTool }[], prefix: string, options: GenerateOptions): Map<Operation, { slug: string; words: string[] }> {
  const used = new Set(options.reservedSlugs ?? []);
  const slugs = new Map<Operation, { slug: string; words: string[] }>();
  const fixes = options.slugs ?? {};
  for (const { op } of kept) {
    const fixed = fixes[op.key] ?? (typeof op.operation.operationId === "string" ? fixes[op.operation.operationId] : undefined);
    if (fixed === undefined) continue;
    if (!TOOL_SLUG.test(fixed) || !fixed.startsWith(prefix)) throw new OpenApiImportError(`slug fix ${op.key} → ${fixed}: tool slugs are UPPER_SNAKE_CASE starting with ${prefix}`);
    if (used.has(fixed)) throw new OpenApiImportError(`slug fix ${op.key} → ${fixed}: the slug is already taken`);
    used.add(fixed);
    slugs.set(op, { slug: fixed, words: nameCandidates(op)[0] ?? words(fixed.slice(prefix.length)) });
  }
  for (const { op } of kept) {
    if (slugs.has(op)) continue;
    const candidates = nameCandidates(op).map((list) => ({ slug: slugFromWords(prefix, list), words: list })).filter((c) => c.slug);
    const free = candidates.find((candidate) => !used.has(candidate.slug));
    const chosen = free ?? { slug: numbered(candidates[0]?.slug ?? `${prefix}OPERATION`, used), words: candidates[0]?.words ?? [] };
    used.add(chosen.slug);
    slugs.set(op, chosen);
  }
  return slugs;
}

/** The summary when it is a phrase, else the words the slug was made of. */
function toolName(op: Operation, chosenWords: string[], slug: string, prefix: string): string {
  const head = summaryHead(op.operation.summary);
  if (head && /\s/.test(head)) return head;
  return humanize(chosenWords.length ? chosenWords : words(slug.slice(prefix.length)));
}

/** The operation under `prefix`, its placeholders added as required string path parameters. */
function withPathPrefix(op: Operation, prefix: string, descriptions: Record<string, string>): Operation {
  if (!/^\/[^?#]*[^/]$/.test(prefix)) throw new OpenApiImportError(`pathPrefix ${JSON.stringify(prefix)} must start with / and not end with one`);
  const added = [...prefix.matchAll(/\{([^}]+)\}/g)].map((m) => ({
    name: m[1]!,
    in: "path",
    required: true,
    schema: { type: "string" },
    ...(descriptions[m[1]!] ? { description: descriptions[m[1]!] } : {}),
  }));
  return { ...op, path: `${prefix}${op.path}`, parameters: [...added, ...op.parameters.filter((p) => !(p.in === "path" && added.some((a) => a.name === p.name)))] };
}

export function generateToolkit(document: unknown, options: GenerateOptions): GenerateResult {
  if (!isObject(options) || typeof options.slug !== "string" || !TOOLKIT_SLUG.test(options.slug)) {
    throw new OpenApiImportError("options.slug must be a lower_snake_case toolkit slug");
  }
  const version = documentVersion(document);
  const doc = document as OpenApiDocument;
  const limits = limitsOf(options);
  const resolver = createRefResolver(doc, limits.maxRefDepth);
  const prefix = `${options.slug.toUpperCase()}_`;
  const read = readOperations(doc, version, resolver, limits.maxOperations);
  const { unsupportedMethods, webhooks } = read;
  const operations = options.pathPrefix ? read.operations.map((op) => withPathPrefix(op, options.pathPrefix!, options.pathPrefixParameters ?? {})) : read.operations;
  const baseUrl = toolkitBaseUrl(doc, version, options.baseUrl);

  const skippedOperations: SkippedOperation[] = [];
  const skip = (method: string, path: string, reason: SkipReason) => skippedOperations.push({ method, path, reason });
  for (const { method, path } of unsupportedMethods) skip(method, path, "unsupported HTTP method");
  for (const { method, path } of webhooks) skip(method, path, "webhook or callback");

  const skipList = new Set(options.skip ?? []);
  const include = compilePatterns(options.includePaths, "includePaths");
  const exclude = compilePatterns(options.excludePaths, "excludePaths");
  const selected: Operation[] = [];
  for (const op of operations) {
    if (names(op, skipList) || (include.length && !include.some((re) => re.test(op.path))) || exclude.some((re) => re.test(op.path))) skip(op.method, op.path, "excluded by source");
    else if (op.operation.deprecated === true) skip(op.method, op.path, "deprecated");
    else if (op.problem) skip(op.method, op.path, op.problem);
    else if (!op.path.startsWith("/") || /[?#]/.test(op.path)) skip(op.method, op.path, "unsupported path");
    else selected.push(op);
  }

  const auth = options.authSchemes
    ? { schemes: options.authSchemes, credentialParameters: new Set<string>(), warnings: [] as string[], raw: readAuth(doc, version, selected, 0).raw }
    : readAuth(doc, version, selected, options.maxDefaultScopes ?? DEFAULT_MAX_SCOPES);
  const credentialParameters = options.authSchemes
    ? new Set(options.authSchemes.flatMap((scheme) => (scheme.type === "API_KEY" ? [scheme, ...(scheme.additionalFields ?? [])].map((part) => `${part.in}:${part.name.toLowerCase()}`) : [])))
    : auth.credentialParameters;
  const granted = auth.schemes.flatMap((scheme) => (scheme.type === "OAUTH2" ? scheme.defaultScopes : []));
  const ignoreNames = new Set(options.ignoreParameters ?? []);

  // 1. Build every selected operation; failures are skip reasons, not exceptions.
  const kept: { op: Operation; tool: BuiltTool }[] = [];
  for (const op of selected) {
    // A model reads the whole input schema: past the budget, nested objects are flattened level by level.
    let built: ReturnType<typeof buildTool> = "unsupported path";
    for (let maxObjectDepth = MAX_OBJECT_DEPTH; maxObjectDepth >= 0; maxObjectDepth--) {
      built = buildTool(op, { schema: schemaContext(resolver, limits), dropParameters: credentialParameters, ignoreNames, tokenSecured: takesToken(op, auth.raw), maxObjectDepth });
      if (typeof built === "string" || JSON.stringify(built.inputSchema).length <= MAX_INPUT_SCHEMA_CHARS) break;
    }
    if (typeof built === "string") {
      skip(op.method, op.path, built);
      continue;
    }
    const ownBase = operationBaseUrl(op.servers, baseUrl);
    if (ownBase) built.http.baseUrl = ownBase;
    built.scopes = operationScopes(op, auth.raw, granted);
    kept.push({ op, tool: built });
  }

  // 2. Slugs and names, then the catalog's own checks on each tool.
  const slugs = assignSlugs(kept, prefix, options);
  const version_ = options.version ?? DEFAULT_VERSION;
  const tools: ToolInput[] = [];
  const toolOps = new Map<string, Operation>();
  for (const { op, tool } of kept) {
    const { slug, words: chosenWords } = slugs.get(op)!;
    const name = toolName(op, chosenWords, slug, prefix);
    const candidate: ToolInput = { slug, name, ...tool, inputSchema: { ...tool.inputSchema }, description: tool.description || name, version: version_ };
    const problems = catalogProblems([{ slug: options.slug, tools: [candidate], aliases: {}, formerSlugs: {}, vocabulary: { important: [], pitfalls: {}, phrases: {}, actions: {} } } as never]);
    if (problems.length) {
      skip(op.method, op.path, "rejected by catalog checks");
      continue;
    }
    tools.push(candidate);
    toolOps.set(slug, op);
  }

  const info = isObject(doc.info) ? doc.info : {};
  const title = plainText(typeof info.title === "string" ? info.title : "") || options.slug;
  const description = options.description ?? (cleanDescription(info.description, 400, 2) || `${title}.`);

  // 3. Importance: the explicit list when given, else the CRUD rule, what the description names first.
  let important: Set<string>;
  if (options.important) {
    const wanted = new Set(options.important);
    important = new Set([...toolOps].filter(([, op]) => names(op, wanted)).map(([slug]) => slug));
  } else {
    important = importantSlugs([...toolOps].map(([slug, op]) => ({ slug, method: op.method, path: op.path })), options.importantShare ?? DEFAULT_IMPORTANT_SHARE, description);
  }
  for (const tool of tools) if (important.has(tool.slug)) tool.tags = [...(tool.tags ?? []), "important"];
  tools.sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0));

  const logo = options.logo ?? (isObject(info["x-logo"]) && typeof info["x-logo"].url === "string" ? info["x-logo"].url : undefined);
  const categories = options.categories ?? (Array.isArray(info["x-apisguru-categories"]) ? (info["x-apisguru-categories"] as unknown[]).filter((c): c is string => typeof c === "string") : []);
  const toolkit: ToolkitInput = {
    slug: options.slug,
    name: options.name ?? title,
    description,
    categories: categories.length ? categories : ["other"],
    logo: logo ?? "https://example.com/logo.svg",
    baseUrl,
    authSchemes: auth.schemes,
    tools,
  };
  if (!logo) auth.warnings.push("no logo: pass options.logo");

  skippedOperations.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.method < b.method ? -1 : a.method > b.method ? 1 : 0));
  const skipped: GenerateReport["skipped"] = {};
  for (const { reason } of skippedOperations) skipped[reason] = (skipped[reason] ?? 0) + 1;
  return {
    toolkit,
    report: { imported: tools.length, important: important.size, skipped, skippedOperations, warnings: auth.warnings },
  };
}

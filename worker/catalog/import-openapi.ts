import { parse as parseYaml } from "yaml";
import { ToolkitDefinition } from "../../catalog/definition.ts";
import type { Database } from "../../core/db/client.ts";
import { ApiError } from "../../core/http/errors.ts";
import { generateToolkit, OpenApiImportError, type GenerateReport } from "../openapi/index.ts";
import { listProjectToolkits, saveProjectToolkit } from "../../core/repositories/project-toolkits.ts";
import type { ProjectToolkitRow } from "../../core/db/schema.ts";
import { forgetProjectCatalog } from "../../core/catalog/project-catalog.ts";
import { allTools, findToolkit } from "../../core/catalog/registry.ts";

/**
 * A project's own OpenAPI description → a private toolkit, built by the same generator as
 * the shared catalog, validated the same way, stored in D1 as a new version. Hostile or huge
 * documents end in a 4xx that says which limit they crossed.
 */

/** Operations one project toolkit may have: enough for a real API, small enough to store as one row. */
export const MAX_PROJECT_OPERATIONS = 500;
/** Toolkits one project may import. */
export const MAX_PROJECT_TOOLKITS = 20;
/** The stored definition is one D1 row (D1 caps a row at 2 MB). */
const MAX_DEFINITION_BYTES = 1_500_000;
/** YAML aliases may not expand a small document into a huge one ("billion laughs"). */
const MAX_YAML_ALIASES = 100;

export interface ImportInput {
  slug: string;
  /** The document: parsed JSON, or its text in JSON or YAML. */
  openapi: unknown;
  name?: string | undefined;
  description?: string | undefined;
  baseUrl?: string | undefined;
  logo?: string | undefined;
  categories?: string[] | undefined;
}

function invalid(message: string, suggestedFix?: string): ApiError {
  return new ApiError(400, "openapi_invalid", message, suggestedFix ? { suggestedFix } : {});
}

function documentOf(openapi: unknown): Record<string, unknown> {
  let document = openapi;
  if (typeof openapi === "string") {
    try {
      document = parseYaml(openapi, { maxAliasCount: MAX_YAML_ALIASES, prettyErrors: false }) as unknown;
    } catch (error) {
      throw invalid(`The document is neither JSON nor YAML: ${error instanceof Error ? error.message.split("\n")[0] : String(error)}`);
    }
  }
  if (typeof document !== "object" || document === null || Array.isArray(document)) {
    throw invalid("`openapi` must be an OpenAPI 3.x or Swagger 2.0 document: an object, or its JSON or YAML text.");
  }
  return document as Record<string, unknown>;
}

/** Reads, generates and checks a toolkit, then stores it as the project's next version of that slug. */
export async function importProjectToolkit(
  db: Database,
  projectId: string,
  input: ImportInput,
): Promise<{ row: ProjectToolkitRow; toolkit: ToolkitDefinition; report: GenerateReport; created: boolean }> {
  const existing = await listProjectToolkits(db, projectId);
  const created = !existing.some((row) => row.slug === input.slug);
  if (created && findToolkit(input.slug)) {
    throw new ApiError(409, "toolkit_slug_taken", `${input.slug} is the slug of a catalog toolkit.`, { suggestedFix: "Choose another slug, e.g. with your company's name in it." });
  }
  if (created && existing.length >= MAX_PROJECT_TOOLKITS) {
    throw new ApiError(409, "too_many_toolkits", `A project may import at most ${MAX_PROJECT_TOOLKITS} toolkits.`, { suggestedFix: "Delete one you no longer use." });
  }
  const prefix = `${input.slug.toUpperCase()}_`;
  let generated;
  try {
    generated = generateToolkit(documentOf(input.openapi), {
      slug: input.slug,
      ...(input.name === undefined ? {} : { name: input.name }),
      ...(input.description === undefined ? {} : { description: input.description }),
      ...(input.baseUrl === undefined ? {} : { baseUrl: input.baseUrl }),
      ...(input.logo === undefined ? {} : { logo: input.logo }),
      ...(input.categories === undefined ? {} : { categories: input.categories }),
      // Shared tools under the same prefix ("github_mirror" → GITHUB_MIRROR_…) keep their slugs.
      reservedSlugs: allTools().flatMap((entry) => (entry.tool.slug.startsWith(prefix) && entry.toolkit.slug !== input.slug ? [entry.tool.slug] : [])),
      limits: { maxOperations: MAX_PROJECT_OPERATIONS },
    });
  } catch (error) {
    if (error instanceof OpenApiImportError) throw invalid(error.message, "Check the document with an OpenAPI validator; the limits are in the API reference.");
    throw error;
  }
  if (generated.toolkit.tools.length === 0) {
    throw invalid(`No operation of the document could become a tool (${describeSkips(generated.report)}).`, "Tools need JSON or form bodies and parameters the document describes.");
  }
  const toolkit = ToolkitDefinition.parse(generated.toolkit);
  const definition = JSON.stringify(toolkit);
  if (definition.length > MAX_DEFINITION_BYTES) {
    throw new ApiError(413, "toolkit_too_large", `The toolkit's definition is ${definition.length} bytes; at most ${MAX_DEFINITION_BYTES} are stored.`, {
      suggestedFix: "Import the API in parts (one document per area), or trim long descriptions and schemas.",
    });
  }
  const report = generated.report;
  const row = await saveProjectToolkit(db, projectId, { slug: input.slug, definition, report: { ...report } });
  forgetProjectCatalog(projectId);
  return { row, toolkit, report, created };
}

function describeSkips(report: GenerateReport): string {
  const reasons = Object.entries(report.skipped).map(([reason, count]) => `${count} ${reason}`);
  return reasons.length ? `skipped: ${reasons.join(", ")}` : "the document has no operations";
}

import { createRoute, z } from "@hono/zod-openapi";
import { importProjectToolkit, MAX_PROJECT_OPERATIONS, MAX_PROJECT_TOOLKITS } from "../catalog/import-openapi.ts";
import { forgetProjectCatalog } from "../../core/catalog/project-catalog.ts";
import { database } from "../../core/db/client.ts";
import type { ProjectToolkitRow } from "../../core/db/schema.ts";
import { ApiError } from "../../core/http/errors.ts";
import { createRouter } from "../http/openapi-app.ts";
import { commonErrors, conflict, jsonBody, jsonResponse, notFound, projectKeySecurity } from "../http/schemas.ts";
import { deleteProjectToolkit, getProjectToolkit, listProjectToolkits } from "../../core/repositories/project-toolkits.ts";

/**
 * A project's own toolkits, imported from its OpenAPI descriptions: private to the project,
 * then listed (GET /toolkits), searched and executed (GET /tools, POST /tools/execute/…),
 * authenticated through auth configs and used in sessions like any catalog toolkit.
 */

/** Largest document accepted, in bytes (JSON or YAML text, or the JSON body around it). */
export const MAX_OPENAPI_BYTES = 4 * 1024 * 1024;

const SlugParam = z.object({
  slug: z
    .string()
    .regex(/^[a-z][a-z0-9_]{1,39}$/, "lower_snake_case, 2 to 40 characters, starting with a letter")
    .openapi({ param: { in: "path", name: "slug" }, description: "The toolkit's slug; its tools' slugs start with it in upper case.", example: "acme_billing" }),
});

const ImportBody = z
  .object({
    openapi: z
      .union([z.string().min(1), z.record(z.string(), z.unknown())])
      .openapi({ description: `The OpenAPI 3.0/3.1 or Swagger 2.0 document: the object itself, or its JSON or YAML text. At most ${MAX_OPENAPI_BYTES / 1024 / 1024} MiB and ${MAX_PROJECT_OPERATIONS} operations.` }),
    name: z.string().min(1).max(100).optional().openapi({ description: "Display name; defaults to the document's `info.title`." }),
    description: z.string().min(1).max(1000).optional().openapi({ description: "What the API is for; defaults to the document's `info.description`." }),
    base_url: z.url({ protocol: /^https?$/ }).max(500).optional().openapi({ description: "Where requests go; defaults to the document's first server. An auth config's `base_url` can still override it per project." }),
    logo: z.url({ protocol: /^https$/ }).max(500).optional().openapi({ description: "An https URL of the API's logo." }),
    categories: z.array(z.string().min(1).max(50)).min(1).max(5).optional().openapi({ description: "Categories to list the toolkit under." }),
  })
  .openapi("CustomToolkitImport");

const ReportSchema = z
  .object({
    imported: z.number().int().openapi({ description: "Operations that became tools." }),
    important: z.number().int().openapi({ description: "Tools tagged `important`." }),
    skipped: z.record(z.string(), z.number().int()).openapi({ description: "Operations left out, counted by reason (file uploads, webhooks, deprecated…)." }),
    skipped_operations: z
      .array(
        z.object({
          method: z.string().openapi({ description: "The operation's HTTP method, as in the document.", example: "post" }),
          path: z.string().openapi({ description: "The operation's path template, as in the document.", example: "/invoices/{id}/attachments" }),
          reason: z.string().openapi({ description: "Why it did not become a tool (one of the `skipped` reasons)." }),
        }),
      )
      .openapi({ description: "Each operation left out, with why." }),
    warnings: z.array(z.string()).openapi({ description: "What did not stop the import but needs a look (e.g. no usable auth scheme)." }),
  })
  .openapi("CustomToolkitReport", { description: "What the latest import made of the document: tools made, operations skipped and why, warnings." });

const CustomToolkitSchema = z
  .object({
    slug: z.string().openapi({ description: "The toolkit's slug." }),
    name: z.string().openapi({ description: "Its display name." }),
    version: z.number().int().openapi({ description: "1 for the first import, one more for each re-import." }),
    tools_count: z.number().int().openapi({ description: "How many tools it has." }),
    tool_slugs: z.array(z.string()).openapi({ description: "Its tools' slugs." }),
    auth_schemes: z.array(z.string()).openapi({ description: "How accounts authenticate to it (create an auth config with one of them)." }),
    base_url: z.string().openapi({ description: "Where its requests go." }),
    report: ReportSchema,
    created_at: z.string().openapi({ description: "First import, ISO 8601." }),
    updated_at: z.string().openapi({ description: "Latest import, ISO 8601." }),
  })
  .openapi("CustomToolkit");

interface StoredToolkit {
  name: string;
  baseUrl: string;
  authSchemes: { type: string }[];
  tools: { slug: string }[];
}

function view(row: ProjectToolkitRow): z.infer<typeof CustomToolkitSchema> {
  const toolkit = JSON.parse(row.definition) as StoredToolkit;
  const report = row.report as { imported?: number; important?: number; skipped?: Record<string, number>; skippedOperations?: { method: string; path: string; reason: string }[]; warnings?: string[] };
  return {
    slug: row.slug,
    name: toolkit.name,
    version: row.version,
    tools_count: toolkit.tools.length,
    tool_slugs: toolkit.tools.map((tool) => tool.slug),
    auth_schemes: toolkit.authSchemes.map((scheme) => scheme.type),
    base_url: toolkit.baseUrl,
    report: {
      imported: report.imported ?? toolkit.tools.length,
      important: report.important ?? 0,
      skipped: report.skipped ?? {},
      skipped_operations: report.skippedOperations ?? [],
      warnings: report.warnings ?? [],
    },
    created_at: row.createdAt.toISOString(),
    updated_at: row.updatedAt.toISOString(),
  };
}

const notFoundError = (slug: string) =>
  new ApiError(404, "custom_toolkit_not_found", `This project has no imported toolkit ${slug}.`, { suggestedFix: "List them with GET /api/v3.1/toolkits/custom." });

const tags = ["Custom toolkits"];
const app = createRouter();

app.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    security: projectKeySecurity,
    summary: "List the project's imported toolkits",
    responses: { 200: jsonResponse(z.object({ items: z.array(CustomToolkitSchema).openapi({ description: "Every toolkit the project imported, by slug; no paging." }) }).openapi("CustomToolkitList"), `The project's own toolkits (at most ${MAX_PROJECT_TOOLKITS}), by slug.`), ...commonErrors },
  }),
  async (c) => {
    const rows = await listProjectToolkits(database(c.env), c.get("caller").projectId);
    return c.json({ items: rows.map(view) }, 200);
  },
);

app.openapi(
  createRoute({
    method: "put",
    path: "/{slug}",
    tags,
    security: projectKeySecurity,
    summary: "Import a toolkit from an OpenAPI description",
    description:
      "Builds a private toolkit from the document with the generator the catalog uses (operations → tools, parameters flattened, auth from the security schemes) and stores it. Importing a slug again replaces the toolkit as its next version. Only this project sees it.",
    request: { params: SlugParam, body: jsonBody(ImportBody) },
    responses: {
      200: jsonResponse(CustomToolkitSchema, "Re-imported: the new version replaced the old one."),
      201: jsonResponse(CustomToolkitSchema, "Imported."),
      ...commonErrors,
      ...conflict,
    },
  }),
  async (c) => {
    const { slug } = c.req.valid("param");
    const body = c.req.valid("json");
    const { row, created } = await importProjectToolkit(database(c.env), c.get("caller").projectId, {
      slug,
      openapi: body.openapi,
      name: body.name,
      description: body.description,
      baseUrl: body.base_url,
      logo: body.logo,
      categories: body.categories,
    });
    return c.json(view(row), created ? 201 : 200);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/{slug}",
    tags,
    security: projectKeySecurity,
    summary: "Get an imported toolkit, with its import report",
    request: { params: SlugParam },
    responses: { 200: jsonResponse(CustomToolkitSchema, "The toolkit."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const { slug } = c.req.valid("param");
    const row = await getProjectToolkit(database(c.env), c.get("caller").projectId, slug);
    if (!row) throw notFoundError(slug);
    return c.json(view(row), 200);
  },
);

app.openapi(
  createRoute({
    method: "delete",
    path: "/{slug}",
    tags,
    security: projectKeySecurity,
    summary: "Delete an imported toolkit",
    description: "Its tools stop being listed, searched and executable at once in this isolate, and everywhere within 30 seconds. Auth configs and accounts made for it stay until deleted.",
    request: { params: SlugParam },
    responses: { 200: jsonResponse(z
          .object({
            slug: z.string().openapi({ description: "The deleted toolkit's slug." }),
            deleted: z.literal(true).openapi({ description: "Always true." }),
          })
          .openapi("CustomToolkitDeleted"), "Deleted."), ...commonErrors, ...notFound },
  }),
  async (c) => {
    const { slug } = c.req.valid("param");
    const projectId = c.get("caller").projectId;
    if (!(await deleteProjectToolkit(database(c.env), projectId, slug))) throw notFoundError(slug);
    forgetProjectCatalog(projectId);
    return c.json({ slug, deleted: true as const }, 200);
  },
);

export default app;

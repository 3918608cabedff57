import { createRoute, z } from "@hono/zod-openapi";
import { requireApiKey } from "../auth/require-api-key.ts";
import { allToolkits, findToolkit } from "../catalog/registry.ts";
import { ToolkitSchema, toolkitView } from "../http/catalog-views.ts";
import { ApiError } from "../http/errors.ts";
import { createRouter } from "../http/openapi-app.ts";
import { countedPageOf, pageOfList } from "../http/pagination.ts";
import { commonErrors, jsonResponse, notFound, projectKeySecurity } from "../http/schemas.ts";

const ListQuery = z.object({
  category: z.string().max(100).optional().openapi({ description: "Only toolkits in this category (slug or name)." }),
  search: z.string().max(200).optional().openapi({ description: "Substring of the toolkit's slug, name or description." }),
  sort_by: z.enum(["usage", "alphabetically"]).optional(),
  managed_by: z.enum(["composio", "all", "project"]).optional(),
  type: z.enum(["native", "custom", "all"]).optional(),
  include_deprecated: z.enum(["true", "false"]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(50),
  cursor: z.string().max(200).optional(),
});

const ToolkitPage = countedPageOf(ToolkitSchema, "ToolkitPage");

const tags = ["Toolkits"];

const app = createRouter();
app.use("*", requireApiKey);

app.openapi(
  createRoute({
    method: "get",
    path: "/",
    tags,
    security: projectKeySecurity,
    summary: "List toolkits",
    request: { query: ListQuery },
    responses: { 200: jsonResponse(ToolkitPage, "A page of toolkits, alphabetical."), ...commonErrors },
  }),
  (c) => {
    const { category, search, limit, cursor } = c.req.valid("query");
    const needle = search?.toLowerCase();
    const wanted = category?.toLowerCase();
    const toolkits = allToolkits()
      .filter((t) => !wanted || t.categories.some((name) => name.toLowerCase() === wanted || name.toLowerCase().replace(/[^a-z0-9]+/g, "-") === wanted))
      .filter((t) => !needle || `${t.slug} ${t.name} ${t.description}`.toLowerCase().includes(needle));
    const page = pageOfList(toolkits, limit, cursor);
    return c.json({ ...page, items: page.items.map(toolkitView) }, 200);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/{slug}",
    tags,
    security: projectKeySecurity,
    summary: "Get a toolkit",
    request: { params: z.object({ slug: z.string().max(100).openapi({ param: { in: "path", name: "slug" } }) }) },
    responses: { 200: jsonResponse(ToolkitSchema, "The toolkit."), ...commonErrors, ...notFound },
  }),
  (c) => {
    const { slug } = c.req.valid("param");
    const toolkit = findToolkit(slug);
    if (!toolkit) throw new ApiError(404, "toolkit_not_found", `No toolkit has the slug ${slug}.`, { suggestedFix: "List toolkits with GET /api/v3.1/toolkits." });
    return c.json(toolkitView(toolkit), 200);
  },
);

export default app;

import { createRoute, z } from "@hono/zod-openapi";
import { allToolkits, findToolkit } from "../../core/catalog/registry.ts";
import { ApiError } from "../../core/http/errors.ts";
import { createRouter } from "../http/openapi-app.ts";
import { countedPageOf, pageOfList } from "../../core/http/pagination.ts";
import { commonErrors, jsonResponse, notFound, projectKeySecurity } from "../http/schemas.ts";
import { managedAuthSchemes } from "../http/toolkit-auth-details.ts";
import { CategorySchema, categoriesOf, inCategory } from "../http/toolkit-categories.ts";
import { ToolkitDetailSchema, ToolkitSchema, toolkitDetailView, toolkitView } from "../http/toolkit-views.ts";

const ListQuery = z.object({
  category: z.string().max(100).optional().openapi({ description: "Only toolkits in this category: its `id` from GET /api/v3.1/toolkits/categories, or its name." }),
  search: z.string().max(200).optional().openapi({ description: "Substring of the toolkit's slug, name or description." }),
  sort_by: z
    .enum(["usage", "alphabetically"])
    .optional()
    .openapi({ description: "Composio's sort order (`usage` or `alphabetically`). Accepted for SDK compatibility and ignored: the list is always alphabetical." }),
  managed_by: z
    .enum(["composio", "all", "project"])
    .optional()
    .openapi({ description: "Composio's filter by who manages the toolkit (`composio`, `project`, `all`). Accepted and ignored: every toolkit is listed." }),
  type: z
    .enum(["native", "custom", "all"])
    .optional()
    .openapi({ description: "Composio's filter by origin (`native`, `custom`, `all`). Accepted and ignored: the catalog's toolkits and the project's custom toolkits are all listed." }),
  include_deprecated: z
    .enum(["true", "false"])
    .optional()
    .openapi({ description: "`true` or `false`. Accepted and ignored: no toolkit in this catalog is deprecated." }),
  limit: z.coerce.number().int().min(1).max(1000).default(50).openapi({ description: "Toolkits per page, 1–1000. Defaults to 50." }),
  cursor: z.string().max(200).optional().openapi({ description: "`next_cursor` from the previous page, unchanged; omit for the first page." }),
});

const ToolkitPage = countedPageOf(ToolkitSchema, "ToolkitPage");
const CategoryPage = countedPageOf(CategorySchema, "ToolkitCategoryPage");

const tags = ["Toolkits"];

const app = createRouter();

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
    const toolkits = allToolkits()
      .filter((t) => category === undefined || inCategory(t.categories, category))
      .filter((t) => !needle || `${t.slug} ${t.name} ${t.description}`.toLowerCase().includes(needle));
    const page = pageOfList(toolkits, limit, cursor);
    return c.json({ ...page, items: page.items.map((t) => toolkitView(t, managedAuthSchemes(c.env, t))) }, 200);
  },
);

// Registered before /{slug} so "categories" is never taken for a toolkit's slug.
app.openapi(
  createRoute({
    method: "get",
    path: "/categories",
    tags,
    security: projectKeySecurity,
    summary: "List toolkit categories",
    description: "Every category some toolkit is in, alphabetical by `id`, in one page. Pass an `id` to `GET /api/v3.1/toolkits?category=`.",
    responses: { 200: jsonResponse(CategoryPage, "All categories."), ...commonErrors },
  }),
  (c) => {
    const categories = categoriesOf(allToolkits());
    return c.json(pageOfList(categories, Math.max(1, categories.length), undefined), 200);
  },
);

app.openapi(
  createRoute({
    method: "get",
    path: "/{slug}",
    tags,
    security: projectKeySecurity,
    summary: "Get a toolkit",
    request: {
      params: z.object({
        slug: z.string().max(100).openapi({ param: { in: "path", name: "slug" }, description: "The toolkit's slug, lower_snake_case (e.g. `github`), as `slug` in the list.", example: "github" }),
      }),
    },
    description:
      "The toolkit with `auth_config_details`: per auth scheme, the fields to send when creating an auth config and when connecting an account, and the operator's managed OAuth app if there is one.",
    responses: { 200: jsonResponse(ToolkitDetailSchema, "The toolkit."), ...commonErrors, ...notFound },
  }),
  (c) => {
    const { slug } = c.req.valid("param");
    const toolkit = findToolkit(slug);
    if (!toolkit) throw new ApiError(404, "toolkit_not_found", `No toolkit has the slug ${slug}.`, { suggestedFix: "List toolkits with GET /api/v3.1/toolkits." });
    return c.json(toolkitDetailView(toolkit, managedAuthSchemes(c.env, toolkit)), 200);
  },
);

export default app;
